package io.busbar.hub.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.busbar.hub.testsupport.HubTestResource;

/**
 * Management operations on an external broker, the way the hub reaches one in production: the real Artemis with the
 * policy of deploy/broker, over TCP, as the hub's account and as an outside client's.
 */
class BrokerManagementTest {

    @TempDir
    static Path dir;
    static EmbeddedBroker broker;
    static String url;

    @BeforeAll
    static void startBroker() throws Exception {
        int port = HubTestResource.freePort();
        url = "tcp://127.0.0.1:" + port;
        broker = new EmbeddedBroker(dir.resolve("broker"), "127.0.0.1", port, Map.of(),
                new BrokerUsers().add("hub", "hub-secret", "hub").add("partner", "partner-secret", "bus-client"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    private static BrokerManagement as(String user, String password) {
        return new BrokerManagement(new BrokerEndpoint(url, user, password));
    }

    @Test
    void theHubAccountReadsTheBrokersQueues() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, "hub", "hub-secret");
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("management.probe.v1")).send(session.createTextMessage("x"));
        }
        BrokerManagement.Reply names = as("hub", "hub-secret").invoke("getQueueNames");
        assertThat(names.succeeded()).isTrue();
        assertThat(Arrays.asList((Object[]) names.orThrow())).contains("management.probe.v1");

        String queues = String.valueOf(as("hub", "hub-secret").invoke("listQueues",
                "{\"field\":\"name\",\"operation\":\"EQUALS\",\"value\":\"management.probe.v1\"}", 1, 10).orThrow());
        assertThat(queues).contains("\"name\":\"management.probe.v1\"").contains("\"messageCount\":\"1\"");

        assertThat((Object[]) as("hub", "hub-secret").invoke("listPreparedTransactions").orThrow()).isEmpty();
    }

    @Test
    void aRefusedOperationSaysWhichAndWhy() throws Exception {
        BrokerManagement.Reply reply = as("hub", "hub-secret").invoke("destroyQueue", "no.such.queue.v1");
        assertThat(reply.succeeded()).isFalse();
        assertThatThrownBy(reply::orThrow).hasMessageStartingWith("the broker refused destroyQueue: ")
                .hasMessageContaining("no.such.queue.v1");
    }

    @Test
    void anOutsideClientCannotManageTheBroker() {
        assertThatThrownBy(() -> as("partner", "partner-secret").invoke("getQueueNames"))
                .isInstanceOf(jakarta.jms.JMSSecurityException.class)
                // refused at the first step it may not take: since the broker policy of ADR 0015 a partner may not
                // even create the temporary queue for the answer, before the management address refuses MANAGE
                .hasMessageContaining("partner").hasMessageMatching("(?s).*(MANAGE|CREATE_NON_DURABLE_QUEUE).*");
    }

    @Test
    void aBrokerThatCannotBeReachedIsAnErrorNotAHang() {
        BrokerManagement nowhere = new BrokerManagement(
                new BrokerEndpoint("tcp://127.0.0.1:" + HubTestResource.freePort()
                        + "?reconnectAttempts=0&initialConnectAttempts=1", "hub", "hub-secret"),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> nowhere.invoke("getQueueNames")).isInstanceOf(jakarta.jms.JMSException.class);
    }
}
