package io.busbar.hub.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ExchangeFormatter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.routes.RouteDeployer;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 14, hole 2: a route file runs as the hub, so the upload API and the routes directory refuse, with the line
 * and the rule, every construct that would act beyond the deployment's route file policy. A refused file runs
 * nothing and creates nothing (no file outside the named directories, no class instantiated, no message in DLQ.*),
 * and the previous version keeps serving. Deploying is a role of its own (route-author, or admin).
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RouteFilePolicySecurityTest {

    static final String API = "/api/v1/routes";
    /** The line of a refused file where each step under test starts. */
    static final int STEP_LINE = 8;

    /** Counts its instances: a refused file must not create one, even while it is being checked. */
    public static class Recorder implements ExchangeFormatter {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Recorder() {
            CREATED.incrementAndGet();
        }

        @Override
        public String format(Exchange exchange) {
            return "recorded";
        }
    }

    @Inject
    RouteDeployer deployer;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    HubInfrastructure infrastructure;

    String flow;
    String routeId;
    String file;
    Path allowed;
    Path outside;

    @BeforeEach
    void deployAGoodVersion() throws IOException {
        flow = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        routeId = "policy-" + flow + "-test";
        file = flow + ".yaml";
        allowed = Files.createDirectories(deployer.policy().fileDirs().get(0));
        outside = deployer.directory().getParent().resolve("outside-" + flow);
        upload("demo-route-author", good()).statusCode(201).body("outcome", equalTo("DEPLOYED"));
    }

    @AfterEach
    void cleanUp() {
        if (deployer.live(file).isPresent() || Files.exists(deployer.directory().resolve(file))) {
            as("demo-admin").delete(API + "/files/" + file).then().statusCode(200);
        }
    }

    /** Rule, the step (YAML lines at {@link #STEP_LINE}; OUTSIDE, ALLOWED, RECORDER are filled in), the rule's words. */
    static Stream<Arguments> refused() {
        String recorder = Recorder.class.getName();
        return Stream.of(
                // writing files outside the named directories
                Arguments.of("file outside", "- to: \"file:OUTSIDE\"", "is outside the directories route files may use"),
                Arguments.of("file traversal", "- to: \"file:ALLOWED/../OUTSIDE_NAME\"", "is outside the directories"),
                Arguments.of("file symlink escape", "- to: \"file:ALLOWED/LINK/x\"", "is outside the directories"),
                Arguments.of("file name escape", "- to: \"file:ALLOWED?fileName=../../OUTSIDE_NAME/x\"",
                        "may leave the file endpoint's directory"),
                Arguments.of("file jail off", "- to: \"file:ALLOWED?jailStartingDirectory=false\"",
                        "jailStartingDirectory=false is not allowed"),
                Arguments.of("file consumer outside", "- pollEnrich:\n    constant: \"file:/etc?fileName=passwd\"",
                        "is outside the directories"),
                // calling classes: System.getenv() and friends
                Arguments.of("bean by class", "- bean:\n    beanType: java.lang.System\n    method: getenv",
                        "beanType 'java.lang.System' is not allowed"),
                Arguments.of("method call by class",
                        "- setBody:\n    method:\n      beanType: java.lang.System\n      method: getenv",
                        "beanType 'java.lang.System' is not allowed"),
                Arguments.of("unpublished bean", "- bean:\n    ref: camelContext\n    method: getName",
                        "bean 'camelContext' is not published to route files"),
                Arguments.of("process by class", "- process:\n    ref: \"#class:" + recorder + "\"",
                        "'#class:' is not allowed"),
                Arguments.of("bean component", "- to: \"bean:hubServices?method=call\"", "component 'bean' is not allowed"),
                Arguments.of("class component", "- to: \"class:java.lang.System?method=getenv\"",
                        "component 'class' is not allowed"),
                // creating objects from options, even while checking
                Arguments.of("#class option", "- to: \"log:x?exchangeFormatter=#class:" + recorder + "\"",
                        "'#class:' is not allowed"),
                Arguments.of("encoded #class option", "- to: \"log:x?exchangeFormatter=%23class%3A" + recorder + "\"",
                        "'#class:' is not allowed"),
                Arguments.of("#type option", "- to: \"log:x?exchangeFormatter=#type:" + ExchangeFormatter.class.getName()
                        + "\"", "'#type:' is not allowed"),
                Arguments.of("#bean option", "- to: \"log:x?exchangeFormatter=#bean:hubServices\"", "'#bean:' is not allowed"),
                Arguments.of("template parameter #class", "- to:\n    uri: kamelet:busbar-log\n    parameters:\n"
                        + "      message: \"#class:" + recorder + "\"", "'#class:' is not allowed"),
                // the hub's configuration and the environment
                Arguments.of("env placeholder", "- log: \"{{env:PATH}}\"", "placeholder {{env:PATH}} is not a route property"),
                Arguments.of("sys placeholder", "- log: \"{{sys:user.home}}\"", "placeholder {{sys:user.home}} is not"),
                Arguments.of("datasource password", "- log: \"{{quarkus.datasource.password}}\"",
                        "placeholder {{quarkus.datasource.password}} is not"),
                Arguments.of("datasource user and URL",
                        "- log: \"{{quarkus.datasource.username}} {{quarkus.datasource.jdbc.url}}\"",
                        "placeholder {{quarkus.datasource.username}} is not"),
                Arguments.of("broker client password", "- log: \"{{busbar.broker.users.demo-client.password}}\"",
                        "placeholder {{busbar.broker.users.demo-client.password}} is not"),
                Arguments.of("hub database settings", "- log: \"{{busbar.db.embedded}}\"",
                        "placeholder {{busbar.db.embedded}} is not"),
                Arguments.of("escaped placeholder", "- log: \"\\x7b{env:PATH}}\"", "placeholder {{env:PATH}} is not"),
                Arguments.of("bean placeholder function", "- log: \"{{bean:hubServices.toString}}\"",
                        "placeholder {{bean:hubServices.toString}} is not"),
                Arguments.of("simple env", "- setBody:\n    simple: \"${env:PATH}\"", "simple function '${env' is not allowed"),
                Arguments.of("simple sys", "- log: \"${sys.user.home}\"", "simple function '${sys' is not allowed"),
                Arguments.of("simple bean", "- setBody:\n    simple: \"${bean:hubServices.toString}\"",
                        "simple function '${bean' is not allowed"),
                Arguments.of("simple properties", "- setBody:\n    simple: \"${properties:quarkus.datasource.password}\"",
                        "simple function '${properties' is not allowed"),
                Arguments.of("simple class", "- setBody:\n    simple: \"${body.getClass().getClassLoader()}\"",
                        "reaches for classes"),
                Arguments.of("simple camel context", "- setBody:\n    simple: \"${camelContext.name}\"",
                        "simple function '${camelContext' is not allowed"),
                // languages and EIPs that run code or pick endpoints per message
                Arguments.of("groovy", "- setBody:\n    groovy: \"System.getenv()\"",
                        "expression language 'groovy' is not allowed"),
                Arguments.of("ognl", "- setBody:\n    ognl: \"request.body\"", "expression language 'ognl' is not allowed"),
                Arguments.of("mvel", "- setBody:\n    mvel: \"request.body\"", "expression language 'mvel' is not allowed"),
                Arguments.of("joor", "- setBody:\n    joor: \"System.getenv()\"", "expression language 'joor' is not allowed"),
                Arguments.of("java", "- setBody:\n    java: \"System.getenv()\"", "expression language 'java' is not allowed"),
                Arguments.of("script", "- script:\n    constant: \"x\"", "'script' is not allowed in a route file"),
                Arguments.of("filter by groovy", "- filter:\n    groovy: \"true\"\n    steps:\n      - log: x",
                        "expression language 'groovy' is not allowed"),
                Arguments.of("toD dynamic", "- toD: \"jms:queue:${header.target}\"", "'toD' to a dynamic URI is not allowed"),
                Arguments.of("recipientList", "- recipientList:\n    constant: \"jms:queue:ok.v1\"",
                        "'recipientList' is not allowed"),
                Arguments.of("routingSlip", "- routingSlip:\n    constant: \"jms:queue:ok.v1\"",
                        "'routingSlip' is not allowed"),
                Arguments.of("dynamic enrich", "- enrich:\n    simple: \"jms:queue:${header.target}\"",
                        "'enrich' needs a fixed endpoint URI"),
                Arguments.of("Camel header",
                        "- setHeader:\n    name: CAMELJMSDESTINATIONNAME\n    constant: DLQ.order.intake.json.v1",
                        "header or property 'CAMELJMSDESTINATIONNAME' is Camel's"),
                // forging dead letters
                Arguments.of("to DLQ", "- to: \"jms:queue:DLQ.order.intake.json.v1\"",
                        "is a dead-letter or invalid-message queue"),
                Arguments.of("to dlq lower case", "- to: \"jms:dlq.order.intake.json.v1\"",
                        "is a dead-letter or invalid-message"),
                Arguments.of("to topic DLQ", "- to: \"jms:topic:DLQ.order.intake.json.v1\"", "is a dead-letter or invalid"),
                Arguments.of("to Invalid", "- to: \"jms:queue:Invalid.order.intake.json.v1\"", "is a dead-letter or invalid"),
                Arguments.of("to catch-all DLQ", "- to: \"jms:queue:DLQ\"", "is a dead-letter or invalid-message queue"),
                Arguments.of("to FQQN DLQ", "- to: \"jms:queue:x::DLQ.order.intake.json.v1\"", "is a dead-letter or invalid"),
                Arguments.of("to encoded DLQ", "- to: \"jms:queue:%44LQ.order.intake.json.v1\"", "is a dead-letter or invalid"),
                Arguments.of("wireTap DLQ", "- wireTap:\n    uri: \"jms:queue:DLQ.order.intake.json.v1\"",
                        "is a dead-letter or invalid"),
                Arguments.of("enrich DLQ", "- enrich:\n    constant: \"jms:queue:DLQ.order.intake.json.v1\"",
                        "is a dead-letter or invalid"),
                Arguments.of("template DLQ", "- to: \"kamelet:busbar-bus-publish?name=dlq.order.intake.json.v1\"",
                        "parameter 'name' of template 'busbar-bus-publish'"),
                Arguments.of("wildcard", "- to: \"jms:topic:#\"", "has a wildcard"),
                Arguments.of("broker management", "- to: \"jms:queue:activemq.management\"", "is the broker's own"),
                Arguments.of("replyTo DLQ", "- to: \"jms:queue:ok.v1?replyTo=DLQ.ok.v1\"", "is a dead-letter or invalid"),
                Arguments.of("replies honoured", "- to: \"jms:queue:ok.v1?disableReplyTo=false\"",
                        "JMSReplyTo is ignored on the bus"),
                Arguments.of("replies honoured, other case", "- to: \"jms:queue:ok.v1?DISABLEREPLYTO=False\"",
                        "JMSReplyTo is ignored on the bus"),
                Arguments.of("request/reply", "- to: \"jms:queue:ok.v1?exchangePattern=InOut\"",
                        "every bus exchange is InOnly"),
                Arguments.of("serialized exception", "- to: \"jms:queue:ok.v1?transferException=true\"",
                        "would switch off a defence of the bus"),
                Arguments.of("every JMSX property", "- to: \"jms:queue:ok.v1?includeAllJMSXProperties=true\"",
                        "would switch off a defence of the bus"),
                Arguments.of("ObjectMessage", "- to: \"jms:queue:ok.v1?jmsMessageType=Object\"",
                        "never serialized Java objects"),
                Arguments.of("another header filter", "- to: \"jms:queue:ok.v1?headerFilterStrategy=#jms\"",
                        "refers to a bean"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void anUploadWithARefusedConstructIsA400NamingTheLineAndTheRuleAndNothingRuns(String rule, String step,
            String words) throws Exception {
        Files.createDirectories(outside);
        Path link = allowed.resolve("link-" + flow);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, outside);
        }
        int created = Recorder.CREATED.get();
        String content = refusedVersion(step.replace("OUTSIDE_NAME", outside.getFileName().toString())
                .replace("OUTSIDE", outside.toString()).replace("ALLOWED", allowed.toString())
                .replace("LINK", link.getFileName().toString()));
        int lastLine = STEP_LINE + (int) step.lines().count() - 1;

        String body = upload("demo-route-author", content).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_ROUTE_FILE")).body("errors.reason", hasItem(containsString(words)))
                .body("detail", containsString("nothing was changed")).extract().asString();
        List<String> lines = io.restassured.path.json.JsonPath.from(body).getList("errors.field");
        assertThat(lines).as(rule + ": every problem names a line of the step").isNotEmpty()
                .allSatisfy(f -> assertThat(Integer.parseInt(f.substring(f.lastIndexOf(':') + 1)))
                        .isBetween(STEP_LINE, lastLine));
        assertThat(body).as("no configuration or environment value reaches the caller")
                .doesNotContain(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class))
                .doesNotContain(System.getenv().getOrDefault("PATH", "{{no PATH}}"));

        assertThat(Recorder.CREATED.get()).as("nothing was instantiated").isEqualTo(created);
        assertNothingRanAndThePreviousVersionServes();
    }

    @Test
    void anXmlFileIsHeldToTheSamePolicy() {
        String xml = """
                <routes xmlns="http://camel.apache.org/schema/spring">
                  <route id="%s">
                    <from uri="timer:%s?repeatCount=1"/>
                    <to uri="file:%s"/>
                    <bean beanType="java.lang.System" method="getenv"/>
                    <to uri="jms:queue:DLQ.order.intake.json.v1"/>
                  </route>
                </routes>
                """.formatted(routeId, flow, outside);
        String xmlFile = flow + ".xml";
        as("demo-route-author").contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8))
                .put(API + "/files/" + xmlFile).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(xmlFile + ":4")).body("errors.field", hasItem(xmlFile + ":5"))
                .body("errors.field", hasItem(xmlFile + ":6"))
                .body("errors.reason", hasItem(containsString("is outside the directories")))
                .body("errors.reason", hasItem(containsString("beanType 'java.lang.System' is not allowed")))
                .body("errors.reason", hasItem(containsString("is a dead-letter or invalid-message queue")));
        assertNothingRanAndThePreviousVersionServes();
    }

    @Test
    void aFileDroppedIntoTheRoutesDirectoryIsHeldToTheSamePolicy() throws Exception {
        int created = Recorder.CREATED.get();
        Files.writeString(deployer.directory().resolve(file), refusedVersion(
                "- to: \"log:x?exchangeFormatter=#class:" + Recorder.class.getName() + "\"\n"
                        + "- to: \"file:" + outside + "\"\n- to: \"jms:queue:DLQ.order.intake.json.v1\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> deployer.rejectedFiles().containsKey(file));

        assertThat(deployer.rejectedFiles().get(file).problems()).extracting(p -> p.line() + ": " + p.message())
                .anySatisfy(p -> assertThat(p).startsWith(STEP_LINE + ": '#class:' is not allowed"))
                .anySatisfy(p -> assertThat(p).startsWith((STEP_LINE + 1) + ": file directory"))
                .anySatisfy(p -> assertThat(p).startsWith((STEP_LINE + 2) + ": bus destination 'queue:DLQ."));
        as("demo-viewer").get(API + "/files").then().statusCode(200)
                .body("find { it.file == '" + file + "' }.rejected.line", hasItem(STEP_LINE));
        assertThat(Recorder.CREATED.get()).as("nothing was instantiated").isEqualTo(created);
        assertNothingRanAndThePreviousVersionServes();
    }

    @Test
    void anAllowedFileStillDeploysAndRuns() {
        String content = """
                - route:
                    id: %s
                    from:
                      uri: "timer:%s?repeatCount=1"
                      steps:
                        - setBody:
                            simple: "written by ${routeId} at ${date:now:yyyy}"
                        - to: "file:%s?fileName=%s.txt"
                        - to: "direct:%s"
                - route:
                    id: %s-echo
                    from:
                      uri: "direct:%s"
                      steps:
                        - to:
                            uri: kamelet:busbar-log
                            parameters:
                              message: "wrote ${body}"
                """.formatted(routeId, flow, allowed, flow, flow, routeId, flow);
        upload("demo-route-author", content).statusCode(200).body("outcome", equalTo("DEPLOYED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(allowed.resolve(flow + ".txt")));
        assertThat(allowed.resolve(flow + ".txt")).content().startsWith("written by " + routeId);
    }

    @Test
    void deployingTakesTheRouteAuthorRoleOrAdmin() {
        long v1 = deployer.live(file).orElseThrow().deployment().id;
        for (String notAllowed : List.of("demo-operator", "demo-viewer", "demo-customer-service")) {
            upload(notAllowed, good().replace("v1", "v2")).statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("ACCESS_DENIED"));
            as(notAllowed).post(API + "/deployments/" + v1 + "/restore").then().statusCode(403);
        }
        assertThat(deployer.live(file).orElseThrow().content()).isEqualTo(good());
        upload("demo-admin", good().replace("v1", "v2")).statusCode(200).body("actor", equalTo("demo-admin"));
        as("demo-route-author").post(API + "/deployments/" + v1 + "/restore").then().statusCode(200)
                .body("cause", equalTo("RESTORE")).body("actor", equalTo("demo-route-author"));
        assertThat(producer.requestBody("direct:" + flow, "ping", String.class)).isEqualTo("v1");
        // the operator still controls routes and removes files
        as("demo-operator").post(API + "/" + routeId + "/stop").then().statusCode(200);
        as("demo-operator").post(API + "/" + routeId + "/start").then().statusCode(200);
    }

    @Test
    void theComponentsAndTheirDecisionsAreShown() {
        as("demo-viewer").get(API + "/components").then().statusCode(200)
                .body("find { it.name == 'jms' }.allowed", equalTo(true))
                .body("find { it.name == 'jms' }.decision", containsString("DLQ.*"))
                .body("find { it.name == 'file' }.allowed", equalTo(true))
                .body("find { it.name == 'file' }.decision", containsString(allowed.toString()))
                .body("find { it.name == 'bean' }.allowed", equalTo(false))
                .body("find { it.name == 'bean' }.decision", containsString("not in busbar.routes.policy.components"))
                .body("find { it.name == 'class' }.allowed", equalTo(false))
                .body("name", not(hasItem("groovy")));
        as("demo-route-author").get(API + "/components").then().statusCode(200);
        given().get(API + "/components").then().statusCode(401);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void assertNothingRanAndThePreviousVersionServes() {
        assertThat(deployer.live(file).orElseThrow().content()).isEqualTo(good());
        assertThat(producer.requestBody("direct:" + flow, "ping", String.class)).isEqualTo("v1");
        assertThat(Files.exists(outside) ? outside.toFile().list() : new String[0]).as("no file written outside").isEmpty();
        assertThat(camel.getRoutes()).extracting(r -> r.getEndpoint().getEndpointUri())
                .noneMatch(uri -> uri.startsWith("timer://" + flow) || uri.startsWith("timer:" + flow));
        try (BusClient hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            assertThat(hub.browse("DLQ.order.intake.json.v1", null))
                    .filteredOn(m -> body(m).contains("refused")).as("no forged dead letter").isEmpty();
        }
    }

    private static String body(jakarta.jms.Message message) {
        try {
            return message instanceof jakarta.jms.TextMessage text && text.getText() != null ? text.getText() : "";
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The live version: a direct route that answers "v1". */
    private String good() {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: v1
                """.formatted(routeId, flow);
    }

    /** A new version of the same route that would run at once (a timer) and whose step starts at STEP_LINE. */
    private String refusedVersion(String step) {
        String indented = String.join("\n", step.lines().map(l -> "        " + l).toList());
        return """
                - route:
                    id: %s
                    from:
                      uri: "timer:%s?repeatCount=1"
                      steps:
                        - setBody:
                            constant: refused
                %s
                """.formatted(routeId, flow, indented);
    }

    private ValidatableResponse upload(String user, String content) {
        return as(user).contentType("application/yaml").body(content.getBytes(StandardCharsets.UTF_8))
                .put(API + "/files/" + file).then();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }
}
