package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.BrokerEndpoint;
import io.busbar.hub.infra.BrokerManagement;
import io.busbar.hub.infra.BrokerUsers;
import io.busbar.hub.infra.CommitHold;
import io.busbar.hub.infra.EmbeddedBroker;
import io.busbar.hub.infra.EmbeddedDatabase;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.SoapEnvelope;
import io.busbar.hub.testsupport.Tokens;

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
                        .withEnv("BUSBAR_NODE_NAME", "prod-it-1")
                        .withEnv("BUSBAR_OIDC_ISSUER", Tokens.ISSUER)
                        .withEnv("BUSBAR_OIDC_PUBLIC_KEY", Tokens.publicKey())
                        .withEnv("BUSBAR_OIDC_AUDIENCE", Tokens.AUDIENCE)
                        // a SOAP partner account, password stored only as a salted bcrypt hash
                        .with("busbar.accounts.soappartner.password-hash", Tokens.bcrypt("s3cret-Partner"))
                        .with("busbar.accounts.soappartner.roles", "customer-service")
                        // a legacy messaging instance: its MQTT divert is created on the external broker
                        .with("busbar.connectors.partner-orders.type", "legacy-messaging")
                        .with("busbar.connectors.partner-orders.source", "legacy.partner.orders")
                        .with("busbar.connectors.partner-orders.mqtt-topic", "legacy/partner/orders/mqtt")
                        .with("busbar.connectors.partner-orders.format", "pipe-order")) {
            hub.start().awaitHealthy(Duration.ofSeconds(120));
            assertThat(hub.output()).contains("Profile prod activated")
                    .doesNotContain("Embedded PostgreSQL listening").doesNotContain("Embedded broker");

            String probe = UUID.randomUUID().toString();
            // the self-test probe is the hub's own queue: sent over TCP with the hub's account
            try (BusClient client = BusClient.using(
                    new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "hub-prod", "hub-secret"))) {
                client.send("bus.selftest.v1", "{\"probeId\":\"" + probe + "\"}", Map.of("probe", probe));
                assertThat(client.receive("bus.selftest.done.v1", "probe = '" + probe + "'", 30_000)).isNotNull();
            }
            partnerReachesOnlyThePublishedAddresses(brokerPort);
            restAcceptsOnlyBearerTokensOfTheIssuer(hub);
            soapAcceptsTheHashedPartnerAccount(hub);
            operatorsSeeTheExternalBroker(hub);
            assertThat((Object[]) new BrokerManagement(new BrokerEndpoint("tcp://127.0.0.1:" + brokerPort, "hub-prod",
                    "hub-secret")).invoke("getDivertNames").orThrow()).contains("connector-partner-orders-mqtt");
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

    /**
     * The standalone broker runs the same policy as the embedded one: the partner account sends to a published entry
     * address, where the hub takes the message (and parks it, not being an order), and may not touch the hub's queues.
     */
    static void partnerReachesOnlyThePublishedAddresses(int brokerPort) {
        String probe = UUID.randomUUID().toString();
        try (BusClient partner = BusClient.using(
                new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "partner", "partner-secret"));
                BusClient hub = BusClient.using(
                        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "hub-prod", "hub-secret"))) {
            partner.send("legacy.partner.orders", "not a pipe order", Map.of("probe", probe));
            Awaitility.await("parked by the hub").atMost(Duration.ofSeconds(30))
                    .until(() -> !hub.browse("invalid.legacy.partner.orders", "probe = '" + probe + "'").isEmpty());
            assertThatThrownBy(() -> partner.send("bus.selftest.v1", "{}", Map.of()))
                    .hasCauseInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }

    /** REST in production: OIDC bearer tokens from the configured issuer; HTTP Basic is not accepted there. */
    static void restAcceptsOnlyBearerTokensOfTheIssuer(HubProcess hub) throws Exception {
        String customers = "http://localhost:" + hub.httpPort() + "/api/v1/customers";
        String body = "{\"name\": \"Prod Customer\", \"kind\": \"PERSON\", \"contact\": {\"email\": \"p-" + UUID.randomUUID()
                + "@example.org\"}, \"address\": {\"line1\": \"1 St\", \"city\": \"Paris\", \"postalCode\": \"75001\","
                + " \"country\": \"FR\"}}";
        assertThat(Http.post(customers, body, "Bearer " + Tokens.token(Tokens.ISSUER, "customer-service")).statusCode())
                .isEqualTo(201);
        assertThat(Http.post(customers, body, "Bearer " + Tokens.token(Tokens.ISSUER, "viewer")).statusCode()).isEqualTo(403);
        assertThat(Http.post(customers, body, "Bearer " + Tokens.token("https://elsewhere.example", "customer-service"))
                .statusCode()).isEqualTo(401);
        assertThat(Http.post(customers, body, "Bearer " + Tokens.foreignToken(Tokens.ISSUER, "customer-service"))
                .statusCode()).isEqualTo(401);
        assertThat(Http.post(customers, body, "Bearer " + Tokens.tokenFor("another-service", "customer-service"))
                .statusCode()).as("a token of the issuer for another audience").isEqualTo(401);
        assertThat(Http.post(customers, body, Http.basic("soappartner", "s3cret-Partner")).statusCode()).isEqualTo(401);
    }

    /**
     * The broker's management operations over TCP: queue depths in the metrics and the broker's prepared transactions
     * in the in-doubt view come from the external broker, not from an embedded one.
     */
    static void operatorsSeeTheExternalBroker(HubProcess hub) {
        String base = "http://localhost:" + hub.httpPort();
        String operator = "Bearer " + Tokens.token(Tokens.ISSUER, "operator");
        Awaitility.await("queue depths from the external broker").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Http.get(base + "/q/metrics", operator).body())
                        .containsPattern("busbar_queue_messages\\{[^}]*queue=\"order\\.submitted\\.v1\"[^}]*} 0\\.0"));
        var inDoubt = Http.get(base + "/api/v1/transactions/in-doubt", operator);
        assertThat(inDoubt.statusCode()).isEqualTo(200);
        assertThat(inDoubt.body()).contains("\"broker\":[]").doesNotContain("did not answer");
    }

    /** SOAP in production: UsernameToken accounts whose passwords are stored as bcrypt hashes. */
    static void soapAcceptsTheHashedPartnerAccount(HubProcess hub) throws Exception {
        String soap = "http://localhost:" + hub.httpPort() + "/soap/customer";
        String get = "<c:getCustomer xmlns:c=\"http://busbar.io/service/customer/v1\"><c:customerId>CUS-99999999</c:customerId>"
                + "</c:getCustomer>";
        var found = Http.postXml(soap, SoapEnvelope.secured("soappartner", "s3cret-Partner", SoapEnvelope.nonce(),
                java.time.Instant.now(), get));
        assertThat(found.body()).contains("CUSTOMER_NOT_FOUND");
        var refused = Http.postXml(soap, SoapEnvelope.secured("soappartner", "wrong", SoapEnvelope.nonce(),
                java.time.Instant.now(), get));
        assertThat(refused.body()).contains("FailedAuthentication");
    }

    @Test
    void productionRefusesToStartWithDemoAccounts() {
        try (HubProcess hub = unreachableProduction("prod-profile-demo-users")
                .with("busbar.accounts.demo-admin.password-hash", Tokens.bcrypt("demo-admin"))) {
            hub.start();
            assertThat(hub.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(hub.output()).contains("Busbar cannot start: the production profile refuses to run with demo accounts:"
                    + " demo-admin").doesNotContain("\tat ");
        }
    }

    @Test
    void productionRefusesToStartWithPlainPasswordsOrUnsaltedDigestAccounts() {
        try (HubProcess hub = unreachableProduction("prod-profile-digest-users")
                .with("quarkus.security.users.embedded.users.partner", Tokens.digest("partner", "s3cret"))
                .with("busbar.accounts.clerk.password", "s3cret").with("busbar.accounts.clerk.roles", "order-desk")) {
            hub.start();
            assertThat(hub.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(hub.output()).contains("Busbar cannot start: the production profile takes accounts only with bcrypt"
                    + " hashes").contains("accounts are refused: clerk, partner").doesNotContain("\tat ");
        }
    }

    @Test
    void productionRefusesTheCrashSuitesCommitHold() {
        try (HubProcess hub = unreachableProduction("prod-profile-commit-hold").with(CommitHold.PROPERTY, "true")) {
            hub.start();
            assertThat(hub.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(hub.output()).contains("Busbar cannot start: busbar.testing.hold-commit is a crash-suite hook")
                    .contains("the production profile refuses it").doesNotContain("\tat ");
        }
    }

    /**
     * A production hub whose external systems are configured but unreachable: enough for the start-up checks that
     * come before any connection.
     */
    private static HubProcess unreachableProduction(String name) {
        return HubProcess.embedded(name).with("quarkus.profile", "prod")
                .withEnv("BUSBAR_DB_URL", "jdbc:postgresql://127.0.0.1:1/none").withEnv("BUSBAR_DB_USER", "x")
                .withEnv("BUSBAR_DB_PASSWORD", "x").withEnv("BUSBAR_BROKER_URL", "tcp://127.0.0.1:1")
                .withEnv("BUSBAR_BROKER_USER", "x").withEnv("BUSBAR_BROKER_PASSWORD", "x")
                .withEnv("BUSBAR_OIDC_ISSUER", Tokens.ISSUER).withEnv("BUSBAR_OIDC_PUBLIC_KEY", Tokens.publicKey())
                .withEnv("BUSBAR_OIDC_AUDIENCE", Tokens.AUDIENCE);
    }

    @Test
    void withoutItsExternalSystemsTheProductionProfileRefusesToStartWithOneClearLine() {
        try (HubProcess hub = HubProcess.embedded("prod-profile-unset").with("quarkus.profile", "prod")) {
            hub.start();
            assertThat(hub.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(hub.output()).contains("Busbar cannot start: the production profile needs BUSBAR_BROKER_PASSWORD,"
                    + " BUSBAR_BROKER_URL, BUSBAR_BROKER_USER, BUSBAR_DB_PASSWORD, BUSBAR_DB_URL, BUSBAR_DB_USER,"
                    + " BUSBAR_OIDC_AUDIENCE, BUSBAR_OIDC_ISSUER, BUSBAR_OIDC_PUBLIC_KEY")
                    .doesNotContain("\tat ");
        }
    }
}
