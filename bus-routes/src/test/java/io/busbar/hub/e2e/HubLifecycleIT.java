package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;

/** The packaged hub, run as a user runs it: one command, embedded defaults, stop and restart. */
class HubLifecycleIT {

    static final Duration START = Duration.ofSeconds(120);

    @Test
    void startsOnEmbeddedDefaultsAndKeepsItsDataAcrossARestart() throws Exception {
        try (HubProcess hub = HubProcess.embedded("lifecycle-restart").withTestHubAccount()) {
            hub.start().awaitHealthy(START);
            String health = get(hub.health());
            assertThat(health).contains("\"name\": \"Artemis broker\"", "\"name\": \"Database connections health check\"",
                    "\"name\": \"camel-routes\"").doesNotContain("\"DOWN\"");
            String metrics = "http://localhost:" + hub.httpPort() + "/q/metrics";
            assertThat(Http.get(metrics, null).statusCode()).as("metrics without credentials").isEqualTo(401);
            assertThat(Http.get(metrics, Http.basic("demo-operator", "demo-operator")).body())
                    .contains("camel_exchanges_total{camelContext=\"busbar\",eventType=\"route\",kind=\"CamelRoute\","
                            + "routeId=\"bus-selftest-xa\"}");

            String probe = UUID.randomUUID().toString();
            String parked = "kept across restart " + UUID.randomUUID();
            try (BusClient client = BusClient.tcp(hub.brokerPort(), HubTestResource.TEST_HUB, HubTestResource.TEST_HUB)) {
                client.send("bus.selftest.v1", "{\"probeId\":\"" + probe + "\"}", Map.of("probe", probe));
                assertThat(client.receive("bus.selftest.done.v1", "probe = '" + probe + "'", 30_000)).isNotNull();
                // nobody consumes this queue: the message must wait in the journal
                client.send("it.restart.v1", parked, Map.of());
            }

            // a JVM stopped by SIGTERM exits with 143 after its shutdown hooks ran
            assertThat(hub.stop()).as("exit code of a clean stop").isIn(0, 143);
            assertThat(hub.output()).contains("Embedded PostgreSQL listening").containsPattern("busbar stopped in [0-9.]+s");

            hub.start().awaitHealthy(START);
            try (BusClient client = BusClient.tcp(hub.brokerPort(), HubTestResource.TEST_HUB, HubTestResource.TEST_HUB)) {
                TextMessage kept = client.receive("it.restart.v1", null, 10_000);
                assertThat(kept).as("message sent before the restart").isNotNull();
                assertThat(kept.getText()).isEqualTo(parked);
            }
            try (Connection db = DriverManager.getConnection(hub.jdbcUrl(), "postgres", "");
                    PreparedStatement ps = db.prepareStatement("select count(*) from bus_selftest_probe where probe_id = ?")) {
                ps.setString(1, probe);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("row written before the restart").isEqualTo(1);
                }
            }
            assertThat(Files.isDirectory(hub.dataDir().resolve("postgres"))).isTrue();
            assertThat(Files.isDirectory(hub.dataDir().resolve("broker/journal"))).isTrue();
            assertThat(Files.isDirectory(hub.dataDir().resolve("tx-object-store"))).isTrue();
        }
    }

    @Test
    void aPortInUseStopsTheStartWithOneClearLine() throws Exception {
        try (HubProcess hub = HubProcess.embedded("lifecycle-port-in-use");
                ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", hub.brokerPort()));
            hub.start();
            assertThat(hub.awaitExit(START)).isNotZero();
            assertOneClearLine(hub.output(), "Busbar cannot start: broker port " + hub.brokerPort()
                    + " on 0.0.0.0 is already in use; free it or set busbar.broker.port");
        }
    }

    @Test
    void anUnwritableDataDirectoryStopsTheStartWithOneClearLine() throws Exception {
        try (HubProcess hub = HubProcess.embedded("lifecycle-unwritable")) {
            Path blocker = hub.dataDir().resolveSibling("a-file");
            Files.writeString(blocker, "not a directory");
            Path impossible = blocker.resolve("data");
            hub.withEnv("BUSBAR_DATA_DIR", impossible.toString()).start();
            assertThat(hub.awaitExit(START)).isNotZero();
            assertOneClearLine(hub.output(), "Busbar cannot start: data directory " + impossible
                    + " cannot be written (FileSystemException); set busbar.data-dir (BUSBAR_DATA_DIR) to a writable directory");
        }
    }

    @Test
    void aCreditCheckThatIsNotConfiguredStopsTheStartWithOneLine() {
        try (HubProcess hub = HubProcess.embedded("lifecycle-credit-check")) {
            hub.with("busbar.orders.credit-check", "credit-bureau").start();
            assertThat(hub.awaitExit(START)).isNotZero();
            assertOneClearLine(hub.output(), "Busbar cannot start: busbar.orders.credit-check names credit-bureau:"
                    + " no connector instance credit-bureau of type soap-credit-check");
        }
        try (HubProcess hub = HubProcess.embedded("lifecycle-credit-check-endpoint")) {
            hub.with("busbar.orders.credit-check", "credit-bureau")
                    .with("busbar.connectors.credit-bureau.type", "soap-credit-check").start();
            assertThat(hub.awaitExit(START)).isNotZero();
            assertOneClearLine(hub.output(), "Busbar cannot start: busbar.orders.credit-check names credit-bureau:"
                    + " connector credit-bureau: endpoint is required");
        }
    }

    private static void assertOneClearLine(String output, String line) {
        assertThat(output).contains(line);
        assertThat(output.lines().filter(l -> l.contains("Busbar cannot start"))).hasSize(1);
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
