package io.busbar.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fusesource.stomp.jms.StompJmsConnectionFactory;
import org.junit.jupiter.api.Test;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.FlowCheck;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.hub.testsupport.SoapClients;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Legacy systems that only speak AMQP 1.0, STOMP, MQTT or OpenWire publish pipe-delimited orders to a legacy address
 * and receive the bus's order events, through the hub's one broker acceptor, with the real client libraries. The
 * {@code partner-orders} connector instance (application.properties) maps the legacy address onto the bus, diverts the
 * MQTT topic onto it and turns the legacy format into the canonical order, which then runs the whole order process.
 */
@QuarkusTest
class LegacyMessagingClientsTest {

    static final String SOURCE = "legacy.partner.orders";
    static final String USER = "demo-client";

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @Inject
    HubInfrastructure infrastructure;

    @Test
    void anAmqpClientSendsAnOrderAndReceivesItsEvents() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        String reference = "AMQP-" + UUID.randomUUID();
        var factory = new org.apache.qpid.jms.JmsConnectionFactory(USER, USER, "amqp://localhost:" + brokerPort);
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer events = session.createConsumer(session.createTopic("order.events.v1"));
            connection.start();
            session.createProducer(session.createQueue(SOURCE)).send(session.createTextMessage(pipeOrder(reference, customer)));

            String orderId = awaitOrder(reference);
            awaitOneFlow(orderId);
            assertThat(awaitEvent(() -> {
                jakarta.jms.Message m = events.receive(1000);
                return m == null ? null : m.getBody(String.class);
            }, orderId).toLowerCase()).contains("orderaccepted");
        }
    }

    @Test
    void anOpenWireClientSendsAnOrderAndReceivesItsEvents() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        String reference = "OPENWIRE-" + UUID.randomUUID();
        var factory = new org.apache.activemq.ActiveMQConnectionFactory(USER, USER, "tcp://localhost:" + brokerPort);
        javax.jms.Connection connection = factory.createConnection();
        try {
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.MessageConsumer events = session.createConsumer(session.createTopic("order.events.v1"));
            connection.start();
            session.createProducer(session.createQueue(SOURCE)).send(session.createTextMessage(pipeOrder(reference, customer)));

            String orderId = awaitOrder(reference);
            awaitOneFlow(orderId);
            assertThat(awaitEvent(() -> {
                javax.jms.Message m = events.receive(1000);
                return m instanceof javax.jms.TextMessage text ? text.getText() : null;
            }, orderId).toLowerCase()).contains("orderaccepted");
        } finally {
            connection.close();
        }
    }

    @Test
    void aStompClientSendsAnOrderAndReceivesItsEvents() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        String reference = "STOMP-" + UUID.randomUUID();
        StompJmsConnectionFactory factory = new StompJmsConnectionFactory();
        factory.setBrokerURI("tcp://localhost:" + brokerPort);
        factory.setUsername(USER);
        factory.setPassword(USER);
        // STOMP has no routing types: the client's /queue/ and /topic/ prefixes (ActiveMQ 5 style) are the acceptor's
        // anycast and multicast prefixes
        javax.jms.Connection connection = factory.createConnection();
        try {
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            session.createConsumer(session.createTopic("order.events.v1")).setMessageListener(m -> {
                try {
                    if (m instanceof javax.jms.TextMessage text) {
                        events.add(text.getText());
                    } else if (m instanceof javax.jms.BytesMessage bytes) {
                        byte[] body = new byte[(int) bytes.getBodyLength()];
                        bytes.readBytes(body);
                        events.add(new String(body, StandardCharsets.UTF_8));
                    } else {
                        events.add(String.valueOf(m));
                    }
                } catch (javax.jms.JMSException e) {
                    events.add(e.toString());
                }
            });
            connection.start();
            session.createProducer(session.createQueue(SOURCE)).send(session.createTextMessage(pipeOrder(reference, customer)));

            String orderId = awaitOrder(reference);
            awaitOneFlow(orderId);
            assertThat(awaitEvent(() -> events.poll(1, TimeUnit.SECONDS), orderId).toLowerCase()).as("events seen: " + events)
                    .contains("orderaccepted");
        } finally {
            connection.close();
        }
    }

    @Test
    void anMqttClientPublishesToItsTopicAndReceivesTheEvents() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        String reference = "MQTT-" + UUID.randomUUID();
        MqttClient client = new MqttClient("tcp://localhost:" + brokerPort, "legacy-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(USER);
        options.setPassword(USER.toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        try {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            client.subscribe("order/events/v1", 1,
                    (topic, message) -> events.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            MqttMessage order = new MqttMessage(pipeOrder(reference, customer).getBytes(StandardCharsets.UTF_8));
            order.setQos(1);
            client.publish("legacy/partner/orders/mqtt", order);

            String orderId = awaitOrder(reference);
            awaitOneFlow(orderId);
            assertThat(awaitEvent(() -> events.poll(1, TimeUnit.SECONDS), orderId).toLowerCase()).contains("orderaccepted");
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aLegacyOrderThatDoesNotFitItsFormatIsParkedWithTheReason() throws Exception {
        String probe = UUID.randomUUID().toString();
        var factory = new org.apache.qpid.jms.JmsConnectionFactory(USER, USER, "amqp://localhost:" + brokerPort);
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage bad = session.createTextMessage("ORD|REF-" + probe + "|CUS-00000001|EUR\n"
                    + "LIN|SKU-1|three|5.00|Abacus\n");
            bad.setStringProperty("probe", probe);
            session.createProducer(session.createQueue(SOURCE)).send(bad);
        }
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            await().atMost(OrderProcess.PATIENCE)
                    .until(() -> !bus.browse("invalid." + SOURCE, "probe = '" + probe + "'").isEmpty());
            jakarta.jms.Message parked = bus.browse("invalid." + SOURCE, "probe = '" + probe + "'").get(0);
            assertThat(parked.getStringProperty(BusHeaders.REASON))
                    .isEqualTo("record 2, field quantity: 'three' is not a whole number");
            assertThat(parked.getBody(String.class)).contains("LIN|SKU-1|three");
        }
        assertThat(Database.count("select count(*) from fulfilment.orders where customer_reference = ?", "REF-" + probe))
                .isZero();
    }

    static String pipeOrder(String reference, String customer) {
        return "ORD|" + reference + "|" + customer + "|EUR\n"
                + "LIN|SKU-7|2|4.50|Punched tape\n"
                + "LIN|SKU-8|1|12.00|Tape reader\n";
    }

    private static String awaitOrder(String reference) {
        await().atMost(OrderProcess.PATIENCE)
                .until(() -> Database.count("select count(*) from fulfilment.orders where customer_reference = ?",
                        reference) == 1);
        String orderId = Database.text("select order_id from fulfilment.orders where customer_reference = ?", reference);
        assertThat(Database.text("select total::numeric(18, 2)::text from fulfilment.orders where order_id = ?", orderId))
                .isEqualTo("21.00");
        return orderId;
    }

    /**
     * The legacy message is one flow: the connector's hop (before the order existed) and every hop of the order after
     * it, under the one correlation id, and no other flow names the order.
     */
    private static void awaitOneFlow(String orderId) {
        FlowCheck flows = new FlowCheck(SoapClients.base(), Http.basic("demo-viewer", "demo-viewer"));
        FlowCheck.Expected expected = new FlowCheck.Expected(orderId, "connector-partner-orders", null, null, true);
        await().atMost(OrderProcess.PATIENCE).untilAsserted(() -> assertThat(flows.problems(expected)).isEmpty());
    }

    interface Receiver {
        String next() throws Exception;
    }

    /** Reads the client's event subscription until an event of this order arrives; returns all of its events. */
    private static String awaitEvent(Receiver receiver, String orderId) throws Exception {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = receiver.next();
            if (body != null && body.contains(orderId)) {
                seen.append(body).append('\n');
                if (seen.toString().toLowerCase().contains("orderaccepted")) {
                    return seen.toString();
                }
            }
        }
        return seen.toString();
    }
}
