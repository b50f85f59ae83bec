package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the hub checks in a route file before it goes live, and the line each problem is reported at. */
class RouteValidatorTest {

    static DefaultCamelContext camel;
    static RouteValidator validator;
    static Path allowed;
    static Path outside;

    /** A formatter that counts its instances: a refused file must not create one. */
    public static class CountingFormatter implements org.apache.camel.spi.ExchangeFormatter {
        static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

        public CountingFormatter() {
            CREATED.incrementAndGet();
        }

        @Override
        public String format(org.apache.camel.Exchange exchange) {
            return "counted";
        }
    }

    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @BeforeAll
    static void camel() throws Exception {
        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("busbar.routes.properties.orders", "orders.v1");
        properties.put("busbar.db.password", "secret");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.getRegistry().bind("greeter", new Greeter());
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration(RouteValidator.BUS_POLICY);
            }
        });
        camel.start();
        allowed = Files.createTempDirectory("route-files");
        outside = Files.createTempDirectory("outside");
        validator = new RouteValidator(camel, new RouteTemplates(), new RouteFilePolicy(
                List.of("direct", "file", "jms", "kamelet", "log", "seda", "timer"), List.of("greeter", "nobody"),
                List.of(allowed)));
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void aRouteWithKnownComponentsTemplatesAndBeansPasses() throws Exception {
        assertThat(validator.read("good.yaml", route("""
                        - to: "log:{{busbar.routes.properties.orders}}?level=DEBUG"
                        - to:
                            uri: kamelet:busbar-json-map
                            parameters:
                              mapping: "name=fullName,kind='PERSON'"
                        - bean:
                            ref: greeter
                            method: greet
                        - setHeader:
                            name: size
                            simple: "${body.length()}"
                """), id -> Optional.empty())).hasSize(1);
    }

    @Test
    void placeholdersComponentsAndEndpointOptionsAreCheckedAtTheirLines() {
        List<RouteProblem> problems = problems(route("""
                        - to: "log:{{busbar.routes.properties.nope}}"
                        - to: "nosuchcomponent:x"
                        - to: "log:x?noSuchOption=1"
                        - toD: "log:${header.target}"
                """));
        assertThat(problems).extracting(RouteProblem::line).containsExactly(7, 8, 9, 10);
        assertThat(problems.get(0).message()).startsWith("unresolved placeholder {{busbar.routes.properties.nope}}");
        assertThat(problems.get(1).message()).startsWith("unknown component 'nosuchcomponent'");
        assertThat(problems.get(2).message()).startsWith("endpoint 'log:x?noSuchOption=1' is not valid")
                .contains("noSuchOption");
        assertThat(problems.get(3).message()).startsWith("'toD' to a dynamic URI is not allowed");
    }

    @Test
    void routeIdsMustBeKebabCaseInThreePartsUniqueAndFree() {
        String two = """
                - route:
                    id: %s
                    from:
                      uri: direct:a1
                      steps:
                        - log: a
                - route:
                    id: %s
                    from:
                      uri: direct:a2
                      steps:
                        - log: b
                """;
        assertThat(problems(two.formatted("Orders_In", "orders-in"))).extracting(RouteProblem::line, RouteProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1,
                                "route id 'Orders_In' is not <area>-<flow>-<step> in kebab-case (e.g. crm-customer-intake)"),
                        org.assertj.core.groups.Tuple.tuple(7,
                                "route id 'orders-in' is not <area>-<flow>-<step> in kebab-case (e.g. crm-customer-intake)"));
        assertThat(problems(two.formatted("test-ids-same", "test-ids-same"))).extracting(RouteProblem::message)
                .containsExactly("route id 'test-ids-same' is used twice in this file");
        List<RouteProblem> taken = validator.validate("t.yaml", "", parse(two.formatted("test-ids-one", "test-ids-two")),
                id -> id.equals("test-ids-two") ? Optional.of("a built-in route") : Optional.empty());
        assertThat(taken).extracting(RouteProblem::message)
                .containsExactly("route id 'test-ids-two' already belongs to a built-in route");
    }

    @Test
    void aBusConsumerMustUseTheHubsPolicyAndRouteConfigurationsMustExist() {
        String consumer = """
                - route:
                    id: test-policy-consume
                    %s
                    from:
                      uri: jms:queue:orders.v1
                      steps:
                        - log: got it
                """;
        assertThat(problems(consumer.formatted("description: no policy"))).extracting(RouteProblem::line,
                RouteProblem::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5,
                                "a route that consumes from the bus must use the hub's transaction and dead-letter policy: add"
                                        + " 'routeConfigurationId: bus-transacted' to the route"));
        assertThat(problems(consumer.formatted("routeConfigurationId: bus-transacted"))).isEmpty();
        assertThat(problems(consumer.formatted("routeConfigurationId: bus-transacted,nope"))).extracting(RouteProblem::message)
                .containsExactly("route configuration 'nope' does not exist (the hub has: bus-transacted)");
    }

    @Test
    void templatesMustExistAndGetExactlyTheirParameters() {
        List<RouteProblem> problems = problems(route("""
                        - to: "kamelet:busbar-no-such-template"
                        - to: "kamelet:busbar-json-map"
                        - to: "kamelet:busbar-json-map?mapping=a=b&mappings=c=d"
                        - to: "kamelet:busbar-bus-publish?name=orders.v1&kind=mailbox"
                        - to: "kamelet:busbar-bus-publish?name=DLQ.orders.v1"
                        - to: "kamelet:busbar-json-map?mapping=not a mapping"
                        - to: "kamelet:sink"
                """));
        assertThat(problems).extracting(RouteProblem::line).containsExactly(7, 8, 9, 10, 11, 12, 13);
        assertThat(problems).extracting(RouteProblem::message).containsExactly(
                "unknown template 'kamelet:busbar-no-such-template': there is no kamelets/busbar-no-such-template.kamelet.yaml"
                        + " on the hub's classpath",
                "template 'busbar-json-map' needs parameter 'mapping' (target=source pairs)",
                "template 'busbar-json-map' has no parameter 'mappings' (it has: mapping)",
                "parameter 'kind' of template 'busbar-bus-publish' is 'mailbox'; it must be one of [queue, topic]",
                "parameter 'name' of template 'busbar-bus-publish' is 'DLQ.orders.v1'; it must match"
                        + " (?!(?i:DLQ|invalid|activemq)(\\.|$))[A-Za-z0-9][A-Za-z0-9._-]*",
                "parameter 'mapping' of template 'busbar-json-map' is 'not a mapping'; it must match "
                        + new RouteTemplates().find("busbar-json-map").orElseThrow().parameter("mapping").orElseThrow()
                                .pattern(),
                "kamelet:sink only belongs inside a template");
        assertThat(problems(route("").replace("uri: direct:under-test", "uri: kamelet:busbar-log?message=x")))
                .extracting(RouteProblem::message)
                .containsExactly("template 'busbar-log' is a action template: use it as a step ('to:'), not in 'from'");
    }

    @Test
    void beansMethodsAndLanguagesMustExist() {
        List<RouteProblem> problems = problems(route("""
                        - bean:
                            ref: nobody
                        - bean:
                            ref: greeter
                            method: shout
                        - to: bean:nobody
                        - setBody:
                            method:
                              ref: greeter
                              method: greet
                        - setBody:
                            groovy: "body * 2"
                        - setBody:
                            simple: "${body"
                """));
        assertThat(problems).extracting(RouteProblem::line).containsExactly(7, 9, 12, 17, 19);
        assertThat(problems).extracting(RouteProblem::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("no bean named 'nobody' in the hub"),
                m -> assertThat(m).isEqualTo("bean 'greeter' has no public method 'shout'"),
                m -> assertThat(m).startsWith("component 'bean' is not allowed in route files"),
                m -> assertThat(m).startsWith("expression language 'groovy' is not allowed in route files"),
                m -> assertThat(m).startsWith("simple expression '${body' is not valid"));
    }

    @Test
    void anUnresolvedPlaceholderCamelMeetsWhileReadingIsReportedAtItsLine() {
        InvalidRouteFile refused = catchThrowableOfType(InvalidRouteFile.class, () -> validator.read("p.yaml", """
                - route:
                    id: test-placeholder-read
                    from:
                      uri: "direct:{{busbar.routes.properties.missing}}"
                      steps:
                        - log: x
                """, id -> Optional.empty()));
        assertThat(refused.problems()).extracting(RouteProblem::line).containsExactly(4);
        assertThat(refused.first().message()).startsWith("unresolved placeholder {{busbar.routes.properties.missing}}");
    }

    /** Rule | step (a line of YAML; ALLOWED is the allowed file directory) | what the problem says. */
    static final String[] REFUSALS = {

            "file outside the directories | - to: \"file:/tmp/busbar-outside\" | is outside the directories route files may use",
            "file traversal | - to: \"file:ALLOWED/../escape\" | is outside the directories route files may use",
            "file jail off | - to: \"file:ALLOWED?jailStartingDirectory=false\" | jailStartingDirectory=false is not allowed",
            "file name escape | - to: \"file:ALLOWED?fileName=../../etc/x\" | may leave the file endpoint's directory",
            "bean by class | '- bean: {beanType: java.lang.System, method: getenv}' | beanType 'java.lang.System' is not allowed",
            "method by class | '- setBody: {method: {beanType: java.lang.System, method: getenv}}' | beanType 'java.lang.System' is not allowed",
            "unpublished bean | '- bean: {ref: camelContext}' | bean 'camelContext' is not published to route files",
            "process by class | '- process: {ref: \"#class:java.lang.Object\"}' | '#class:' is not allowed",
            "class option | - to: \"log:x?exchangeFormatter=#class:io.busbar.hub.routes.RouteValidatorTest$CountingFormatter\" | '#class:' is not allowed",
            "type option | - to: \"log:x?exchangeFormatter=#type:org.apache.camel.spi.ExchangeFormatter\" | '#type:' is not allowed",
            "bean option | - to: \"log:x?exchangeFormatter=#bean:greeter\" | '#bean:' is not allowed",
            "encoded class option | - to: \"log:x?exchangeFormatter=%23class%3Ajava.lang.Object\" | '#class:' is not allowed",
            "encoded DLQ | - to: \"jms:queue:%44LQ.orders.v1\" | is a dead-letter or invalid-message queue",
            "reference option | - to: \"log:x?exchangeFormatter=#greeter\" | refers to a bean",
            "env placeholder | - log: \"{{env:HOME}}\" | placeholder {{env:HOME}} is not a route property",
            "sys placeholder | - log: \"{{sys:user.home}}\" | placeholder {{sys:user.home}} is not a route property",
            "hub placeholder | - log: \"{{busbar.db.password}}\" | placeholder {{busbar.db.password}} is not a route property",
            "datasource placeholder | - log: \"{{quarkus.datasource.password}}\" | placeholder {{quarkus.datasource.password}} is not",
            "escaped placeholder | - log: \"\\x7b{env:HOME}}\" | placeholder {{env:HOME}} is not a route property",
            "simple env | - log: \"${env:HOME}\" | simple function '${env' is not allowed",
            "simple sys | '- setBody: {simple: \"${sys.user.home}\"}' | simple function '${sys' is not allowed",
            "simple bean | '- setBody: {simple: \"${bean:greeter.greet}\"}' | simple function '${bean' is not allowed",
            "simple properties | '- setBody: {simple: \"${properties:busbar.db.password}\"}' | simple function '${properties' is not",
            "simple class | '- setBody: {simple: \"${body.getClass().getName()}\"}' | reaches for classes",
            "groovy | '- setBody: {groovy: \"1\"}' | expression language 'groovy' is not allowed",
            "joor | '- setBody: {joor: \"1\"}' | expression language 'joor' is not allowed",
            "script | '- script: {constant: \"1\"}' | 'script' is not allowed in a route file",
            "unmarshal | '- unmarshal: {json: {unmarshalType: java.lang.Object}}' | 'unmarshal' is not allowed in a route file",
            "toD | - toD: \"jms:queue:${header.q}\" | 'toD' to a dynamic URI is not allowed",
            "recipientList | '- recipientList: {constant: \"jms:queue:ok.v1\"}' | 'recipientList' is not allowed",
            "dynamic enrich | '- enrich: {simple: \"jms:queue:${header.q}\"}' | 'enrich' needs a fixed endpoint URI",
            "send to DLQ | - to: \"jms:queue:DLQ.orders.v1\" | is a dead-letter or invalid-message queue",
            "send to dlq | - to: \"jms:dlq.orders.v1\" | is a dead-letter or invalid-message queue",
            "send to Invalid topic | - to: \"jms:topic:Invalid.orders.v1\" | is a dead-letter or invalid-message queue",
            "send to FQQN DLQ | - to: \"jms:queue:orders.v1::DLQ.orders.v1\" | is a dead-letter or invalid-message queue",
            "send to catch-all | - to: \"jms:queue:DLQ\" | is a dead-letter or invalid-message queue",
            "wireTap to DLQ | '- wireTap: {uri: \"jms:queue:DLQ.orders.v1\"}' | is a dead-letter or invalid-message queue",
            "enrich from invalid | '- enrich: {constant: \"jms:queue:INVALID.orders.v1\"}' | is a dead-letter or invalid-message queue",
            "wildcard | - to: \"jms:topic:#\" | has a wildcard",
            "management | - to: \"jms:queue:activemq.management\" | is the broker's own",
            "replyTo DLQ | - to: \"jms:queue:ok.v1?replyTo=DLQ.ok.v1\" | is a dead-letter or invalid-message queue",
            "template to dlq | - to: \"kamelet:busbar-bus-publish?name=dlq.orders.v1\" | parameter 'name' of template 'busbar-bus-publish'",
            "template location | - to: \"kamelet:busbar-log?message=x&location=file:/tmp/x.yaml\" | option 'location' of 'kamelet:busbar-log'",
            "Camel header | '- setHeader: {name: camelJmsDestinationName, constant: DLQ.x}' | header or property 'camelJmsDestinationName' is Camel's",
            "component not allowed | - to: \"seda:x?queue=#class:java.util.concurrent.LinkedBlockingQueue\" | '#class:' is not allowed",
            "bean component | - to: \"bean:greeter\" | component 'bean' is not allowed in route files",
            "class component | - to: \"class:java.lang.System\" | component 'class' is not allowed in route files",
            "error handler | ERRORHANDLER | a route file sets no error handler" };

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> refusals() {
        return java.util.stream.Stream.of(REFUSALS).map(r -> r.split(" \\| ", 3))
                .map(r -> org.junit.jupiter.params.provider.Arguments
                        .of(r[0].strip(), r[1].strip().replaceAll("^'(.*)'$", "$1"), r[2].strip()));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("refusals")
    void thePolicyRefusesWhatWouldRunAsTheHub(String rule, String step, String expected) {
        String content = "ERRORHANDLER".equals(step) ? """
                - route:
                    id: test-policy-handler
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:DLQ.x
                    from:
                      uri: direct:under-test
                      steps:
                        - log: x
                """ : route("        " + step.replace("ALLOWED", allowed.toString()) + "\n");
        int before = CountingFormatter.CREATED.get();
        List<RouteProblem> problems = problems(content);
        assertThat(problems).as(rule).isNotEmpty();
        assertThat(problems).as(rule).anySatisfy(p -> assertThat(p.message()).contains(expected));
        if (!"ERRORHANDLER".equals(step)) {
            // Camel gives a flow-style step ('- bean: {...}') the line before it; a block-style one its own line
            assertThat(problems).as(rule + ": reported at the step's line")
                    .allSatisfy(p -> assertThat(p.line()).isBetween(6, 7));
        }
        assertThat(CountingFormatter.CREATED.get()).as("nothing was instantiated").isEqualTo(before);
    }

    @Test
    void aSymbolicLinkCannotLeadOutOfANamedDirectory() throws Exception {
        Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
        assertThat(problems(route("        - to: \"file:" + link.resolve("x") + "\"\n"))).extracting(RouteProblem::message)
                .singleElement().asString().contains("is outside the directories route files may use");
        assertThat(problems(route("        - to: \"file:" + allowed.resolve("in") + "\"\n"))).isEmpty();
    }

    @Test
    void validationCreatesNothingEvenForAValidClassOption() {
        int before = CountingFormatter.CREATED.get();
        problems(route("        - to: \"log:x?exchangeFormatter=#class:" + CountingFormatter.class.getName() + "\"\n"));
        assertThat(CountingFormatter.CREATED.get()).isEqualTo(before);
        // the premise: Camel does create the class when it builds that endpoint
        camel.getEndpoint("log:x?exchangeFormatter=#class:" + CountingFormatter.class.getName());
        assertThat(CountingFormatter.CREATED.get()).isEqualTo(before + 1);
    }

    @Test
    void allowedConstructsStillPass() {
        assertThat(problems(route("""
                        - to: "jms:queue:orders.accepted.v1"
                        - to: "file:%s?fileName=${file:name}.done"
                        - wireTap:
                            uri: "direct:audit"
                        - enrich:
                            constant: "direct:lookup"
                        - setHeader:
                            name: orderId
                            simple: "${header.orderId} ${exchangeId} ${date:now:yyyy}"
                        - setBody:
                            jsonpath: "$.id"
                        - log: "{{busbar.routes.properties.orders}}"
                """.formatted(allowed.resolve("out"))))).isEmpty();
    }

    private static String route(String steps) {
        return """
                - route:
                    id: test-validate-steps
                    from:
                      uri: direct:under-test
                      steps:
                        - log: start
                %s""".formatted(steps.isEmpty() ? "" : steps);
    }

    private static List<RouteProblem> problems(String content) {
        try {
            validator.read("t.yaml", content, id -> Optional.empty());
            return List.of();
        } catch (InvalidRouteFile e) {
            return e.problems();
        }
    }

    private static List<org.apache.camel.model.RouteDefinition> parse(String content) {
        try {
            return new RouteFileParser(camel).parse("t.yaml", content);
        } catch (InvalidRouteFile e) {
            throw new AssertionError(e.problems().toString());
        }
    }
}
