package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @BeforeAll
    static void camel() throws Exception {
        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("busbar.queue.orders", "orders.v1");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.getRegistry().bind("greeter", new Greeter());
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration(RouteValidator.BUS_POLICY);
            }
        });
        camel.start();
        validator = new RouteValidator(camel, new RouteTemplates());
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void aRouteWithKnownComponentsTemplatesAndBeansPasses() throws Exception {
        assertThat(validator.read("good.yaml", route("""
                        - to: "log:{{busbar.queue.orders}}?level=DEBUG"
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
                        - to: "log:{{busbar.queue.nope}}"
                        - to: "nosuchcomponent:x"
                        - to: "log:x?noSuchOption=1"
                        - toD: "log:${header.target}"
                """));
        assertThat(problems).extracting(RouteProblem::line).containsExactly(7, 8, 9);
        assertThat(problems.get(0).message()).startsWith("unresolved placeholder {{busbar.queue.nope}}");
        assertThat(problems.get(1).message()).startsWith("unknown component 'nosuchcomponent'");
        assertThat(problems.get(2).message()).startsWith("endpoint 'log:x?noSuchOption=1' is not valid")
                .contains("noSuchOption");
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
                        + " (?!DLQ\\.|invalid\\.)[A-Za-z0-9][A-Za-z0-9._-]*",
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
                m -> assertThat(m).isEqualTo("no bean named 'nobody' in the hub"),
                m -> assertThat(m).isEqualTo("unknown expression language 'groovy': the hub does not have it"),
                m -> assertThat(m).startsWith("simple expression '${body' is not valid"));
    }

    @Test
    void anUnresolvedPlaceholderCamelMeetsWhileReadingIsReportedAtItsLine() {
        InvalidRouteFile refused = catchThrowableOfType(InvalidRouteFile.class, () -> validator.read("p.yaml", """
                - route:
                    id: test-placeholder-read
                    from:
                      uri: "direct:{{busbar.queue.missing}}"
                      steps:
                        - log: x
                """, id -> Optional.empty()));
        assertThat(refused.problems()).extracting(RouteProblem::line).containsExactly(4);
        assertThat(refused.first().message()).startsWith("unresolved placeholder {{busbar.queue.missing}}");
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
