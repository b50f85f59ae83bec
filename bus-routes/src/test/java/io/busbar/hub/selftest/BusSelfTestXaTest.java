package io.busbar.hub.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The thin vertical slice: a bus message consumed inside an XA transaction writes a row and sends a message, against
 * the real embedded broker and a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class BusSelfTestXaTest {

    static final String PROBES = "bus.selftest.v1";
    static final String DONE = "bus.selftest.done.v1";

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @ConfigProperty(name = "busbar.bus.delivery-attempts")
    int attempts;

    @ConfigProperty(name = "busbar.broker.settings.redelivery-delay")
    long redeliveryDelay;

    BusClient outsideClient;
    BusClient hubClient;

    @BeforeEach
    void connect() {
        outsideClient = BusClient.tcp(brokerPort, HubTestResource.TEST_HUB, HubTestResource.TEST_HUB);
        hubClient = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        outsideClient.close();
        hubClient.close();
    }

    @Test
    void theSameStepWithoutXaStartsOnlyWhenAskedAndAlsoGivesOneRowAndOneAnswer() throws Exception {
        assertThat(camel.getRouteController().getRouteStatus("bus-selftest-local").isStopped())
                .as("not started with the hub").isTrue();
        camel.getRouteController().stopRoute("bus-selftest-xa");
        camel.getRouteController().startRoute("bus-selftest-local");
        try {
            String probe = sendProbe(false);
            TextMessage done = outsideClient.receive(DONE, "probe = '" + probe + "'", 20_000);
            assertThat(done).as("answer on " + DONE).isNotNull();
            assertThat(done.getText()).contains("\"probeId\":\"" + probe + "\"");
            // one phase each: the row commits before the answer leaves, so it is there by now
            assertThat(rows(probe)).isEqualTo(1);
            assertThat(outsideClient.browse(PROBES, "probe = '" + probe + "'")).as("the probe was taken").isEmpty();
        } finally {
            camel.getRouteController().stopRoute("bus-selftest-local");
            camel.getRouteController().startRoute("bus-selftest-xa");
        }
    }

    @Test
    void goodMessageGivesExactlyOneRowAndOneOutgoingMessage() throws JMSException {
        String probe = sendProbe(false);

        TextMessage done = outsideClient.receive(DONE, "probe = '" + probe + "'", 20_000);
        assertThat(done).as("answer on " + DONE).isNotNull();
        assertThat(done.getText()).contains("\"probeId\":\"" + probe + "\"").contains("\"nodeName\":\"hub-1\"");
        awaitOneRow(probe);
        assertThat(outsideClient.browse(DONE, "probe = '" + probe + "'")).as("no second answer").isEmpty();
        assertThat(hubClient.browse("DLQ." + PROBES, "probe = '" + probe + "'")).isEmpty();
    }

    @Test
    void failureAfterBothWritesRollsBackBothIsRedeliveredWithBackOffAndParkedWithItsReason() throws JMSException {
        String poison = sendProbe(true);
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(sendProbe(false));
        }

        // other messages keep flowing while the poison message is redelivered
        for (String probe : good) {
            assertThat(outsideClient.receive(DONE, "probe = '" + probe + "'", 20_000)).as("answer to " + probe).isNotNull();
            awaitOneRow(probe);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !hubClient.browse("DLQ." + PROBES, "probe = '" + poison + "'").isEmpty());
        Message parked = hubClient.browse("DLQ." + PROBES, "probe = '" + poison + "'").get(0);
        assertThat(parked.getStringProperty(BusHeaders.REASON))
                .isEqualTo("SelfTestFailure: self-test probe " + poison + " asked to fail after its writes");
        assertThat(parked.getStringProperty(BusHeaders.EXCEPTION)).isEqualTo(SelfTest.SelfTestFailure.class.getName());
        assertThat(parked.getStringProperty(BusHeaders.ORIGINAL_QUEUE)).isEqualTo(PROBES);
        assertThat(parked.getStringProperty(BusHeaders.ROUTE)).isEqualTo("bus-selftest-xa");
        assertThat(parked.getIntProperty(BusHeaders.ATTEMPTS)).isEqualTo(attempts);
        assertThat(((TextMessage) parked).getText()).contains(poison);

        // every attempt wrote a row and an answer; none of them survived
        assertThat(rows(poison)).isZero();
        assertThat(outsideClient.browse(DONE, "probe = '" + poison + "'")).isEmpty();
        assertThat(hubClient.browse(PROBES, "probe = '" + poison + "'")).as("gone from its queue").isEmpty();
        // exactly the configured attempts, spaced by the broker's back-off (delay, then twice the delay, ...)
        assertThat(Database.count("select failures from bus_delivery_failure where parked_to = ? and route_id = ?"
                + " and reason like ?", "DLQ." + PROBES, "bus-selftest-xa", "%" + poison + "%")).isEqualTo(attempts);
        assertThat(Database.count("select (extract(epoch from last_failed_at - first_failed_at) * 1000)::bigint"
                + " from bus_delivery_failure where reason like ?", "%" + poison + "%"))
                .isGreaterThanOrEqualTo(redeliveryDelay * ((1L << (attempts - 1)) - 1));
    }

    @Test
    void malformedMessageIsParkedAsInvalidAtOnceWithItsReason() throws JMSException {
        String id = UUID.randomUUID().toString();
        outsideClient.send(PROBES, "{not json", Map.of("probe", id));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !hubClient.browse("invalid." + PROBES, "probe = '" + id + "'").isEmpty());
        Message parked = hubClient.browse("invalid." + PROBES, "probe = '" + id + "'").get(0);
        assertThat(parked.getStringProperty(BusHeaders.REASON)).startsWith("not a self-test probe:");
        assertThat(parked.getIntProperty(BusHeaders.ATTEMPTS)).isEqualTo(1);
        assertThat(((TextMessage) parked).getText()).isEqualTo("{not json");
        assertThat(hubClient.browse("DLQ." + PROBES, "probe = '" + id + "'")).isEmpty();
    }

    private String sendProbe(boolean fail) {
        String probe = UUID.randomUUID().toString();
        outsideClient.send(PROBES, "{\"probeId\":\"" + probe + "\",\"fail\":" + fail + "}", Map.of("probe", probe));
        return probe;
    }

    /**
     * The answer and the row commit in the second phase of one XA transaction, one resource after the other: the
     * answer can be received a moment before the database's commit is visible. Both survive or neither does; the
     * order within phase two is not promised.
     */
    private static void awaitOneRow(String probe) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(probe) != 0);
        assertThat(rows(probe)).isEqualTo(1);
    }

    private static long rows(String probe) {
        return Database.count("select count(*) from bus_selftest_probe where probe_id = ?", probe);
    }

}
