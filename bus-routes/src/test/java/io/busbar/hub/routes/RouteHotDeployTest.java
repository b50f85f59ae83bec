package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hot deployment of route files while the hub runs, against the real broker: a file dropped into the routes directory
 * serves within 5 s; a new version replaces the old without losing or redelivering in-flight messages; a broken
 * version is refused with file and line while the old one keeps serving; removing the file removes its routes; every
 * deployment is in the history and a previous version can be restored.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RouteHotDeployTest {

    @Inject
    RouteDeployer deployer;

    @Inject
    DeploymentHistory history;

    @Inject
    CamelContext camel;

    @Inject
    HubInfrastructure infrastructure;

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    BusClient client;
    String flow;
    String in;
    String out;
    String routeId;
    String file;

    @BeforeEach
    void connect() {
        client = BusClient.tcp(brokerPort, HubTestResource.TEST_HUB, HubTestResource.TEST_HUB);
        flow = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        in = "test." + flow + ".in.v1";
        out = "test." + flow + ".out.v1";
        routeId = "test-" + flow + "-relay";
        file = flow + ".yaml";
    }

    @AfterEach
    void cleanUp() throws IOException {
        client.close();
        if (Files.deleteIfExists(deployer.directory().resolve(file))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute(routeId) == null);
        }
    }

    @Test
    void aFileDroppedInWhileTheHubRunsServesTrafficWithin5Seconds() throws Exception {
        long dropped = System.nanoTime();
        Files.writeString(deployer.directory().resolve(file), relay("v1", 0));
        String id = send("hello");

        AtomicReference<TextMessage> received = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> received.updateAndGet(m -> m != null ? m : client.receive(out, "id = '" + id + "'", 50)) != null);
        long millis = (System.nanoTime() - dropped) / 1_000_000;

        assertThat(received.get().getText()).isEqualTo("hello");
        assertThat(received.get().getStringProperty("version")).isEqualTo("v1");
        assertThat(millis).as("from the drop to the answer, ms").isLessThan(5000);
        System.out.printf("hot deploy: a dropped route file answered its first message after %d ms%n", millis);
        RouteDeployment deployment = history.latest(file).orElseThrow();
        assertThat(deployment.outcome).isEqualTo(RouteDeployment.Outcome.DEPLOYED);
        assertThat(deployment.cause).isEqualTo(RouteDeployment.Cause.DIRECTORY);
        assertThat(deployment.routeIds).isEqualTo(routeId);
    }

    @Test
    void aChangedVersionReplacesTheOldAndEveryInFlightMessageCompletes() throws Exception {
        drop(relay("v1", 200));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(send("message " + i));
        }
        // the old version is busy with a message when the new version arrives
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getInflightRepository().size(routeId) > 0);
        Files.writeString(deployer.directory().resolve(file), relay("v2", 0));

        List<TextMessage> answers = new ArrayList<>();
        for (String id : ids) {
            TextMessage answer = client.receive(out, "id = '" + id + "'", 20_000);
            assertThat(answer).as("answer to " + id).isNotNull();
            answers.add(answer);
        }
        Set<String> versions = new HashSet<>();
        for (TextMessage answer : answers) {
            versions.add(answer.getStringProperty("version"));
        }
        // Each message answered once, by whichever version had it. A message the old consumer had received but not
        // started when it stopped goes back to the queue (its transaction rolls back) and the new version answers it:
        // a second delivery, still one answer.
        assertThat(versions).containsExactlyInAnyOrder("v1", "v2");
        assertThat(client.receive(out, null, 200)).as("no second answer to anything").isNull();
        try (BusClient hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            assertThat(hub.browse("DLQ." + in, null)).isEmpty();
        }
        assertThat(history.page(file, 0, 10).items()).extracting(d -> d.outcome)
                .containsExactly(RouteDeployment.Outcome.DEPLOYED, RouteDeployment.Outcome.DEPLOYED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad YAML               | 9 | mapping values are not allowed here",
            "unknown component      | 8 | unknown component 'nosuchcomponent'",
            "unresolved placeholder | 6 | unresolved placeholder {{busbar.routes.properties.no-such-queue}}" })
    void aBrokenVersionIsRejectedWithFileAndLineWhileTheOldOneKeepsServing(String kind, int line, String error)
            throws Exception {
        drop(relay("v1", 0));
        RouteDeployment good = history.latest(file).orElseThrow();

        Files.writeString(deployer.directory().resolve(file), broken(kind));
        await().atMost(Duration.ofSeconds(10)).until(() -> deployer.rejectedFiles().containsKey(file));

        RouteDeployment refused = history.latest(file).orElseThrow();
        assertThat(refused.outcome).isEqualTo(RouteDeployment.Outcome.REJECTED);
        assertThat(refused.errorLine).isEqualTo(line);
        assertThat(refused.errorMessage).contains(error);
        assertThat(deployer.rejectedFiles().get(file).problems().get(0)).hasToString(file + ":" + line + ": "
                + refused.errorMessage);
        // the previous version is still the live one, and serves
        assertThat(deployer.live(file).orElseThrow().deployment().id).isEqualTo(good.id);
        String id = send("still served");
        TextMessage answer = client.receive(out, "id = '" + id + "'", 10_000);
        assertThat(answer).isNotNull();
        assertThat(answer.getStringProperty("version")).isEqualTo("v1");

        // fixing the file deploys the fix
        Files.writeString(deployer.directory().resolve(file), relay("v3", 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> !deployer.rejectedFiles().containsKey(file));
        String after = send("fixed");
        assertThat(client.receive(out, "id = '" + after + "'", 10_000).getStringProperty("version")).isEqualTo("v3");
    }

    @Test
    void removingTheFileStopsAndRemovesExactlyItsRoutes() throws Exception {
        drop(relay("v1", 0));
        Set<String> templateRoutes = deployer.live(file).orElseThrow().templateRouteIds();
        assertThat(templateRoutes).as("the publish template's route").hasSize(1);
        int before = camel.getRoutes().size();

        Files.delete(deployer.directory().resolve(file));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute(routeId) == null);

        assertThat(templateRoutes).allSatisfy(id -> assertThat(camel.getRoute(id)).isNull());
        assertThat(camel.getRoutes()).hasSize(before - 1 - templateRoutes.size());
        assertThat(camel.getRoute("bus-selftest-xa")).as("built-in routes stay").isNotNull();
        Queue queue = infrastructure.embeddedBroker().locateQueue(SimpleString.of(in));
        assertThat(queue.getConsumerCount()).as("consumers of " + in).isZero();
        String id = send("nobody listens");
        assertThat(client.browse(in, "id = '" + id + "'")).as("waits in its queue").hasSize(1);
        RouteDeployment removal = history.latest(file).orElseThrow();
        assertThat(removal.outcome).isEqualTo(RouteDeployment.Outcome.UNDEPLOYED);
        assertThat(removal.routeIds).isEqualTo(routeId);
    }

    @Test
    void theHistoryShowsEveryDeploymentAndRestoringAPreviousVersionBringsItBack() throws Exception {
        drop(relay("v1", 0));
        RouteDeployment v1 = history.latest(file).orElseThrow();
        Files.writeString(deployer.directory().resolve(file), relay("v2", 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> history.latest(file).orElseThrow().id > v1.id);
        RouteDeployment v2 = history.latest(file).orElseThrow();

        RouteDeployer.Result restored = deployer.restore(v1.id, "test");

        assertThat(restored.deployed()).isTrue();
        assertThat(restored.deployment().cause).isEqualTo(RouteDeployment.Cause.RESTORE);
        assertThat(restored.deployment().restoredFrom).isEqualTo(v1.id);
        assertThat(restored.deployment().checksum).isEqualTo(v1.checksum).isNotEqualTo(v2.checksum);
        assertThat(Files.readString(deployer.directory().resolve(file))).as("the directory holds the restored version")
                .isEqualTo(relay("v1", 0));
        String id = send("after restore");
        assertThat(client.receive(out, "id = '" + id + "'", 10_000).getStringProperty("version")).isEqualTo("v1");
        assertThat(history.page(file, 0, 10).items()).extracting(d -> d.outcome + " " + d.cause).containsExactly(
                "DEPLOYED RESTORE", "DEPLOYED DIRECTORY", "DEPLOYED DIRECTORY");
        assertThat(history.find(v1.id).orElseThrow().content).isEqualTo(relay("v1", 0));
        // the watcher sees the file the restore wrote, and leaves it alone: nothing more is recorded
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> history.page(file, 0, 10).total() == 3);
    }

    @Test
    void anXmlRouteFileIsDeployedLikeAYamlOne() throws Exception {
        file = flow + ".xml";
        drop("""
                <routes xmlns="http://camel.apache.org/schema/spring">
                  <route id="%s">
                    <from uri="jms:queue:%s"/>
                    <setHeader name="version"><constant>xml</constant></setHeader>
                    <setHeader name="attempt"><simple>${header.JMSXDeliveryCount}</simple></setHeader>
                    <to uri="kamelet:busbar-bus-publish?name=%s"/>
                  </route>
                </routes>
                """.formatted(routeId, in, out).replace("<route id=", "<route routeConfigurationId=\"bus-transacted\" id="));
        String id = send("<hello/>");
        TextMessage answer = client.receive(out, "id = '" + id + "'", 10_000);
        assertThat(answer).isNotNull();
        assertThat(answer.getStringProperty("version")).isEqualTo("xml");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void drop(String content) throws IOException {
        Files.writeString(deployer.directory().resolve(file), content);
        await().atMost(Duration.ofSeconds(10)).until(() -> deployer.live(file).isPresent()
                && deployer.live(file).get().checksum().equals(RouteDeployer.checksum(content.getBytes())));
    }

    private String send(String body) {
        String id = UUID.randomUUID().toString();
        client.send(in, body, Map.of("id", id));
        return id;
    }

    /** Relays in to out, stamping the version and the delivery attempt; the delay keeps a message in flight. */
    private String relay(String version, int delayMillis) {
        return """
                # relays %s to %s
                - route:
                    id: %s
                    routeConfigurationId: bus-transacted
                    from:
                      uri: jms:queue:%s
                      steps:
                        - delay:
                            constant: "%d"
                        - setHeader:
                            name: version
                            constant: %s
                        - setHeader:
                            name: attempt
                            simple: "${header.JMSXDeliveryCount}"
                        - to:
                            uri: kamelet:busbar-bus-publish
                            parameters:
                              name: %s
                """.formatted(in, out, routeId, in, delayMillis, version, out);
    }

    /** The relay with one defect, on a known line. */
    private String broken(String kind) {
        List<String> lines = new ArrayList<>(relay("broken", 0).lines().toList());
        switch (kind.strip()) {
            // line 9: "key: value: value" is not YAML
            case "bad YAML" -> lines.set(8, "            constant: \"0\": oops");
            // line 8: a step sending to a component the hub does not have
            case "unknown component" -> lines.add(7, "        - to: \"nosuchcomponent:somewhere\"");
            // line 6: the queue comes from a property nobody set
            case "unresolved placeholder" -> lines.set(5, "      uri: jms:queue:{{busbar.routes.properties.no-such-queue}}");
            default -> throw new IllegalArgumentException(kind);
        }
        return String.join("\n", lines) + "\n";
    }
}
