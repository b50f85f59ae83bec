package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.BrokerUsers;
import io.busbar.hub.infra.EmbeddedBroker;
import io.busbar.hub.infra.EmbeddedDatabase;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;

/**
 * The packaged hub in its production profile: no embedded systems, an external PostgreSQL and an external Artemis
 * (with the broker policy of deploy/broker) reached through the environment variables the README documents.
 */
class ProductionProfileIT {

    @Test
    void runsAgainstExternalPostgresAndArtemisFromTheEnvironment() throws Exception {
        var dir = HubTestResource.freshDirectory("prod-profile");
        int brokerPort = HubTestResource.freePort();
        EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("external-broker"), "127.0.0.1", brokerPort, Map.of(),
                new BrokerUsers().add("hub-prod", "hub-secret", "hub").add("partner", "partner-secret", "bus-client"));
        broker.start();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("external-postgres/pgdata"),
                HubTestResource.freePort(), Duration.ofSeconds(60), Map.of());
                HubProcess hub = HubProcess.embedded("prod-profile-hub").with("quarkus.profile", "prod")
                        .withEnv("BUSBAR_DB_URL", db.jdbcUrl())
                        .withEnv("BUSBAR_DB_USER", EmbeddedDatabase.USER)
                        .withEnv("BUSBAR_DB_PASSWORD", "")
                        .withEnv("BUSBAR_BROKER_URL", "tcp://127.0.0.1:" + brokerPort)
                        .withEnv("BUSBAR_BROKER_USER", "hub-prod")
                        .withEnv("BUSBAR_BROKER_PASSWORD", "hub-secret")
                        .withEnv("BUSBAR_NODE_NAME", "prod-it-1")) {
            hub.start().awaitHealthy(Duration.ofSeconds(120));
            assertThat(hub.output()).contains("Profile prod activated")
                    .doesNotContain("Embedded PostgreSQL listening").doesNotContain("Embedded broker");

            String probe = UUID.randomUUID().toString();
            try (BusClient client = BusClient.using(
                    new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "partner", "partner-secret"))) {
                client.send("bus.selftest.v1", "{\"probeId\":\"" + probe + "\"}", Map.of("probe", probe));
                assertThat(client.receive("bus.selftest.done.v1", "probe = '" + probe + "'", 30_000)).isNotNull();
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "");
                    PreparedStatement ps = c.prepareStatement("select node_name from bus_selftest_probe where probe_id = ?")) {
                ps.setString(1, probe);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("prod-it-1");
                }
            }
        } finally {
            broker.stop();
        }
    }

    @Test
    void withoutItsExternalSystemsTheProductionProfileRefusesToStartWithOneClearLine() {
        try (HubProcess hub = HubProcess.embedded("prod-profile-unset").with("quarkus.profile", "prod")) {
            hub.start();
            assertThat(hub.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(hub.output()).contains("Busbar cannot start: the production profile needs BUSBAR_BROKER_PASSWORD,"
                    + " BUSBAR_BROKER_URL, BUSBAR_BROKER_USER, BUSBAR_DB_PASSWORD, BUSBAR_DB_URL, BUSBAR_DB_USER")
                    .doesNotContain("\tat ");
        }
    }
}
