package io.busbar.hub.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;

import javax.lang.model.SourceVersion;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.fusesource.stomp.jms.StompJmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hub's JMS entry points against what a bus client may send, over every protocol of the broker's one acceptor
 * (Artemis core, AMQP 1.0, STOMP, OpenWire, MQTT 5), with the partner's broker account: headers Camel, the JMS
 * provider or the broker would interpret, in every letter case; JMSReplyTo; ObjectMessage; oversized bodies. Each ends
 * the safe way: processed as plain data, or parked in {@code invalid.<queue>} / {@code DLQ.<queue>} with its reason,
 * nothing sent where the client said, no address created for it, nothing lost.
 */
@QuarkusTest
class JmsEntrySecurityTest {

    static final String INTAKE = "order.intake.json.v1";
    /** The legacy-messaging connector {@code partner-orders} (application.properties), its MQTT topic diverted onto it. */
    static final String LEGACY = "legacy.partner.orders";
    static final String LEGACY_MQTT = "legacy/partner/orders/mqtt";
    static final String USER = "demo-client";

    enum Protocol {
        CORE,
        AMQP,
        STOMP,
        OPENWIRE,
        MQTT
    }

    /** Every letter case that matters of one Camel header: exact, all lower, all upper, mixed. */
    static List<String> cases(String name) {
        return List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT), mixed(name));
    }

    static String mixed(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    /** Set by deserialization: nothing of the hub may ever run it. */
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    static class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        String payload = "tripwire";

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            DESERIALIZED.set(true);
            in.defaultReadObject();
        }
    }

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    CamelContext camel;

    BusClient hub;
    Set<String> addressesBefore;
    long catchAllBefore;
    final List<String> attackerNames = new ArrayList<>();

    @BeforeEach
    void before() {
        hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
        addressesBefore = addresses();
        catchAllBefore = count("DLQ");
    }

    @AfterEach
    void after() {
        hub.close();
        Set<String> created = new TreeSet<>(addresses());
        created.removeAll(addressesBefore);
        // parking queues are the hub's own; the broker's MQTT session store appears with the first MQTT client
        created.removeIf(a -> a.startsWith("invalid.") || a.startsWith("DLQ.") || a.startsWith("$sys."));
        assertThat(created).as("addresses created during the test").isEmpty();
        for (String name : attackerNames) {
            assertThat(addresses()).as("no address named by a client").noneMatch(a -> a.contains(name));
        }
        assertThat(count("DLQ")).as("nothing lost to the broker's catch-all DLQ").isEqualTo(catchAllBefore);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Headers Camel would interpret

    @Test
    void aDestinationHeaderInAnyLetterCaseDoesNotSteerTheHubsSendsOnAnyProtocol() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        List<String> references = new ArrayList<>();
        List<String> probes = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (String header : cases("CamelJmsDestinationName")) {
                String attack = attackerQueue();
                // the connector forwards a valid order: its send must go to order.intake.json.v1, nowhere else
                String reference = "HDR-" + protocol + "-" + UUID.randomUUID();
                references.add(reference);
                send(protocol, LEGACY, pipeOrder(reference, customer), Map.of(header, attack), null);
                if (protocol != Protocol.MQTT) {
                    // the intake parks an invalid order: the park must go to invalid.order.intake.json.v1
                    String probe = UUID.randomUUID().toString();
                    probes.add(probe);
                    send(protocol, INTAKE, "{\"customerId\": ", Map.of(header, attackerQueue(), "probe", probe), null);
                }
            }
        }
        for (String reference : references) {
            awaitOrder(reference);
        }
        for (String probe : probes) {
            Message parked = awaitParked("invalid." + INTAKE, probe);
            assertThat(parked.getStringProperty(BusHeaders.REASON)).startsWith("not an order submission in JSON");
            assertNoInterpretedProperty(parked);
        }
    }

    @Test
    void aManagementRequestSmuggledInHeadersCreatesNothingOnTheBroker() throws Exception {
        // as reproduced against the hub: the destination header pointed at the management address and the broker's
        // management properties rode along, so the hub's park asked the broker, with the hub's rights, for an address
        String created = attackerQueue();
        String probe = UUID.randomUUID().toString();
        Map<String, Object> smuggled = new LinkedHashMap<>();
        smuggled.put("cAMELjmsDestinationName", "activemq.management");
        smuggled.put("_AMQ_ResourceName", "broker");
        smuggled.put("_AMQ_OperationName", "createAddress");
        smuggled.put("probe", probe);
        String messageId;
        try (BusClient partner = BusClient.tcp(brokerPort, USER, USER)) {
            messageId = partner.send(INTAKE, "[\"" + created + "\",\"ANYCAST\"]", smuggled);
        }
        Message parked = awaitParked("invalid." + INTAKE, probe);
        assertThat(parked.getStringProperty(BusHeaders.REASON)).startsWith("not an order submission in JSON");
        assertNoInterpretedProperty(parked);
        // the journal tells where the message went, and it is there
        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from flow_hop where message_id = ? and route_id = 'order-json-intake'", messageId) == 1);
        assertThat(Database.text("select error from flow_hop where message_id = ? and route_id = 'order-json-intake'",
                messageId)).startsWith("parked in invalid." + INTAKE + ": not an order submission in JSON");
    }

    @Test
    void everyInterpretedHeaderFamilyIsDroppedInEveryLetterCaseOnTheWayIn() throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : List.of("CamelFileName", "CamelHttpUri", "CamelBeanMethodName", "org.apache.camel.jms.x",
                "JMS_AMQ_Foo", "JMS_IBM_Format", "_AMQ_GROUP_ID", "_AMQ_SCHED_DELIVERY_X")) {
            for (String variant : cases(name)) {
                headers.put(variant, "attacker");
            }
        }
        for (Protocol protocol : List.of(Protocol.CORE, Protocol.AMQP, Protocol.STOMP, Protocol.OPENWIRE)) {
            for (String queue : List.of(INTAKE, LEGACY)) {
                String probe = UUID.randomUUID().toString();
                Map<String, Object> properties = new HashMap<>(headers);
                properties.put("probe", probe);
                send(protocol, queue, queue.equals(INTAKE) ? "{\"customerId\": " : "ORD|bad", properties, null);
                Message parked = awaitParked("invalid." + queue, probe);
                assertThat(parked.getStringProperty(BusHeaders.REASON)).as(protocol + " to " + queue)
                        .doesNotContain("body has");
                assertNoInterpretedProperty(parked);
            }
        }
        // MQTT 5 user properties reach the hub as mqtt.ordered.user.property.<n>.<name>, never under a Camel name
        String reference = "MQTT5-" + UUID.randomUUID();
        Map<String, Object> mqtt = new HashMap<>(headers);
        mqtt.put("cAMELjmsDestinationName", attackerQueue());
        send(Protocol.MQTT, LEGACY, pipeOrder(reference, OrderProcess.establishedCustomer()), mqtt, null);
        awaitOrder(reference);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. JMSReplyTo

    @Test
    void replyToIsIgnoredByTheOrderIntakeAndTheLegacyConnector() throws Exception {
        String customer = OrderProcess.establishedCustomer();
        // earlier tests of the same application may have left dead letters: this test adds none
        Map<String, Long> deadBefore = Map.of(LEGACY, count("DLQ." + LEGACY), INTAKE, count("DLQ." + INTAKE));
        // the order intake: a reply to DLQ.order.intake.json.v1, a queue the client itself may not write to
        String reference = "REPLY-" + UUID.randomUUID();
        String probe = UUID.randomUUID().toString();
        send(Protocol.CORE, INTAKE, jsonOrder(customer, reference), Map.of("probe", probe), "DLQ." + INTAKE);
        String orderId = awaitOrder(reference);
        assertThat(hub.browse("DLQ." + INTAKE, null)).noneMatch(m -> body(m).contains(orderId));
        assertThat(hub.browse("DLQ." + INTAKE, "probe = '" + probe + "'")).isEmpty();

        // the legacy connector: a reply-to made its forward a request/reply that timed out until the order was lost
        for (Protocol protocol : List.of(Protocol.CORE, Protocol.AMQP, Protocol.STOMP, Protocol.OPENWIRE,
                Protocol.MQTT)) {
            String legacy = "REPLY-" + protocol + "-" + UUID.randomUUID();
            send(protocol, LEGACY, pipeOrder(legacy, customer), Map.of(), attackerQueue());
            awaitOrder(legacy);
        }
        for (String queue : List.of(LEGACY, INTAKE)) {
            assertThat(count("DLQ." + queue)).as("DLQ." + queue).isEqualTo(deadBefore.get(queue));
        }
    }

    @Test
    void replyToIsIgnoredOnEveryConsumerOfTheHub() throws Exception {
        List<String> probes = new ArrayList<>();
        Map<String, List<String>> topicRoutes = new HashMap<>();
        for (Consumer consumer : consumers()) {
            if (consumer.topic()) {
                topicRoutes.computeIfAbsent(consumer.destination(), t -> new ArrayList<>()).add(consumer.routeId());
                continue;
            }
            String probe = UUID.randomUUID().toString();
            probes.add(probe);
            String messageId = sendAsHub(consumer.destination(), false, "not a message " + probe, Map.of("probe", probe),
                    attackerQueue());
            // processed as what it is, or parked with its reason, and nothing sent to the reply-to
            String outcome = awaitFinished(messageId, consumer.routeId());
            if (outcome.equals("PARKED")) {
                Message parked = awaitParkedOrDead(consumer.parkingName(), probe);
                assertThat(parked.getStringProperty(BusHeaders.ROUTE)).isEqualTo(consumer.routeId());
                assertThat(parked.getJMSReplyTo()).as("the client's reply-to is not passed on").isNull();
            }
        }
        assertThat(probes).as("queue consumers").hasSizeGreaterThanOrEqualTo(8);
        for (Map.Entry<String, List<String>> topic : topicRoutes.entrySet()) {
            String probe = UUID.randomUUID().toString();
            String messageId = sendAsHub(topic.getKey(), true, "not an event " + probe,
                    Map.of("probe", probe, BusHeaders.EVENT_TYPE, "OrderShipped", BusHeaders.ORDER_ID, probe),
                    attackerQueue());
            // every subscriber has finished with it: completed, or parked with its reason
            for (String routeId : topic.getValue()) {
                awaitFinished(messageId, routeId);
            }
        }
        assertThat(topicRoutes).as("topic subscribers").isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. ObjectMessage

    @Test
    void anObjectMessageIsParkedUndeserializedFromEveryQueueTheHubConsumes() throws Exception {
        byte[] serialized = serialize(new Tripwire());
        List<String> queues = new ArrayList<>();
        for (Consumer consumer : consumers()) {
            if (consumer.topic()) {
                continue;
            }
            queues.add(consumer.destination());
            String probe = UUID.randomUUID().toString();
            String messageId;
            if (consumer.destination().equals(INTAKE) || consumer.destination().equals(LEGACY)) {
                messageId = sendObject(new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, USER, USER),
                        consumer.destination(), probe);
            } else {
                messageId = sendObject(infrastructure.brokerEndpoint().connectionFactory(), consumer.destination(), probe);
            }
            Message parked = awaitParked("invalid." + consumer.parkingName(), probe);
            assertObjectMessageParked(parked, serialized, consumer.destination());
            await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                    "select count(*) from flow_hop where message_id = ? and outcome = 'PARKED'", messageId) == 1);
            assertThat(Database.text("select payload from flow_hop where message_id = ?", messageId))
                    .isEqualTo("(ObjectMessage, refused and not deserialized)");
        }
        assertThat(queues).contains(INTAKE, LEGACY, "legacy.order.in.v1", "order.submitted.v1");

        // an AMQP client's serialized object arrives as an ObjectMessage too
        for (String queue : List.of(INTAKE, LEGACY)) {
            String probe = UUID.randomUUID().toString();
            var amqp = new org.apache.qpid.jms.JmsConnectionFactory(USER, USER, "amqp://localhost:" + brokerPort);
            try (jakarta.jms.Connection connection = amqp.createConnection()) {
                jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.ObjectMessage message = session.createObjectMessage(new Tripwire());
                message.setStringProperty("probe", probe);
                session.createProducer(session.createQueue(queue)).send(message);
            }
            assertObjectMessageParked(awaitParked("invalid." + queue, probe), serialized, queue);
        }
        assertThat(DESERIALIZED).as("deserialized by the hub").isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. Body size

    @Test
    void anOversizedBodyIsParkedUnreadOnEveryProtocol() throws Exception {
        // the default limit, 1 MiB: one byte more is refused, as a large message and compressed alike
        int limit = 1 << 20;
        String probe = UUID.randomUUID().toString();
        String messageId = sendBytes(new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, USER, USER), INTAKE,
                new byte[limit + 1], probe);
        Message parked = awaitParked("invalid." + INTAKE, probe);
        assertThat(parked.getStringProperty(BusHeaders.REASON)).isEqualTo("the body has " + (limit + 1)
                + " bytes, more than the " + limit + " bytes queue " + INTAKE + " accepts (busbar.bus.max-body-size)");
        assertThat(((BytesMessage) parked).getBodyLength()).as("kept whole").isEqualTo(limit + 1);
        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from flow_hop where message_id = ? and outcome = 'PARKED'", messageId) == 1);
        assertThat(Database.text("select payload from flow_hop where message_id = ?", messageId))
                .isEqualTo("(body of " + (limit + 1) + " bytes, over the limit, not read)");

        ActiveMQConnectionFactory compressing = new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, USER, USER);
        compressing.setCompressLargeMessage(true);
        String zipped = UUID.randomUUID().toString();
        sendBytes(compressing, INTAKE, new byte[4 * limit], zipped);
        assertThat(awaitParked("invalid." + INTAKE, zipped).getStringProperty(BusHeaders.REASON))
                .startsWith("the body has " + 4 * limit + " bytes, more than the " + limit + " bytes");

        // at the limit it is read (and found not to be an order)
        String atLimit = UUID.randomUUID().toString();
        byte[] body = new byte[limit];
        java.util.Arrays.fill(body, (byte) 'x');
        sendBytes(new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, USER, USER), INTAKE, body, atLimit);
        assertThat(awaitParked("invalid." + INTAKE, atLimit).getStringProperty(BusHeaders.REASON))
                .startsWith("not an order submission in JSON");

        // a per-queue limit: the legacy connector takes 64 KiB (application.properties), from every protocol
        String big = "ORD|" + "x".repeat(70 * 1024);
        for (Protocol protocol : Protocol.values()) {
            // MQTT 5 user properties arrive as mqtt.ordered.user.property.<n>.<name>, which no selector can name:
            // each message is found by a reference in its body instead
            String each = UUID.randomUUID().toString();
            send(protocol, LEGACY, "ORD|" + each + "|" + big, Map.of("probe", each), null);
            assertThat(awaitParkedWithBody("invalid." + LEGACY, each).getStringProperty(BusHeaders.REASON))
                    .as(protocol.name()).startsWith("the body has ").endsWith(" bytes, more than the 65536 bytes queue "
                            + LEGACY + " accepts (busbar.bus.max-body-size)");
        }
        // the override is that queue's only: the same body is no problem for the order intake's size
        String small = UUID.randomUUID().toString();
        send(Protocol.CORE, INTAKE, big, Map.of("probe", small), null);
        assertThat(awaitParked("invalid." + INTAKE, small).getStringProperty(BusHeaders.REASON))
                .startsWith("not an order submission in JSON");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. Delivery count

    @Test
    void theBrokerPersistsTheDeliveryCountBeforeDelivery() {
        assertThat(hub().getConfiguration().isPersistDeliveryCountBeforeDelivery()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Consumer(String routeId, String destination, boolean topic, String subscription) {
        String parkingName() {
            return topic ? destination + "." + subscription : destination;
        }
    }

    /** Every JMS consumer the hub runs, from its routes. */
    List<Consumer> consumers() {
        List<Consumer> consumers = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            // a stopped route consumes nothing (bus-selftest-local, the self-test's non-XA twin on the same queue,
            // runs only when an operator starts it; its component refuses reply-to like the other one)
            if (route.getEndpoint() instanceof JmsEndpoint jms
                    && camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                consumers.add(new Consumer(route.getRouteId(), jms.getDestinationName(), jms.isPubSubDomain(),
                        jms.getConfiguration().getSubscriptionName()));
            }
        }
        return consumers;
    }

    String attackerQueue() {
        String name = "attacker." + UUID.randomUUID();
        attackerNames.add(name);
        return name;
    }

    ActiveMQServer hub() {
        return infrastructure.embeddedBroker();
    }

    Set<String> addresses() {
        Set<String> names = new TreeSet<>();
        for (SimpleString address : hub().getPostOffice().getAddresses()) {
            names.add(address.toString());
        }
        return names;
    }

    long count(String queue) {
        var q = hub().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    void send(Protocol protocol, String queue, String body, Map<String, Object> properties, String replyTo)
            throws Exception {
        switch (protocol) {
            case CORE -> {
                if (properties.keySet().stream().anyMatch(name -> !SourceVersion.isIdentifier(name))) {
                    // the JMS client refuses names that are no Java identifiers; the core API sends any name
                    sendCore(queue, body, properties);
                    return;
                }
                var factory = new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, USER, USER);
                sendJakartaJms(factory, queue, body, properties, replyTo);
            }
            case AMQP -> {
                var factory = new org.apache.qpid.jms.JmsConnectionFactory(USER, USER,
                        "amqp://localhost:" + brokerPort + "?jms.validatePropertyNames=false");
                sendJakartaJms(factory, queue, body, properties, replyTo);
            }
            case STOMP -> {
                StompJmsConnectionFactory factory = new StompJmsConnectionFactory();
                factory.setBrokerURI("tcp://localhost:" + brokerPort);
                factory.setUsername(USER);
                factory.setPassword(USER);
                sendJavaxJms(factory, queue, body, properties, replyTo);
            }
            case OPENWIRE -> {
                var factory = new org.apache.activemq.ActiveMQConnectionFactory(USER, USER, "tcp://localhost:" + brokerPort);
                sendJavaxJms(factory, queue, body, properties, replyTo);
            }
            case MQTT -> {
                if (!queue.equals(LEGACY)) {
                    throw new IllegalArgumentException("MQTT clients publish to the connector's topic only");
                }
                MqttClient client = new MqttClient("tcp://localhost:" + brokerPort, "attacker-" + UUID.randomUUID(),
                        new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(USER);
                options.setPassword(USER.getBytes(StandardCharsets.UTF_8));
                options.setCleanStart(true);
                client.connect(options);
                try {
                    MqttMessage m = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    MqttProperties mqttProperties = new MqttProperties();
                    List<UserProperty> user = new ArrayList<>();
                    properties.forEach((k, v) -> user.add(new UserProperty(k, String.valueOf(v))));
                    mqttProperties.setUserProperties(user);
                    if (replyTo != null) {
                        mqttProperties.setResponseTopic(replyTo);
                    }
                    m.setProperties(mqttProperties);
                    client.publish(LEGACY_MQTT, m);
                } finally {
                    client.disconnect();
                    client.close();
                }
            }
            default -> throw new IllegalArgumentException(protocol.name());
        }
    }

    void sendCore(String queue, String body, Map<String, Object> properties) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://localhost:" + brokerPort);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(USER, USER, false, true, true, false, 0);
                ClientProducer producer = session.createProducer(queue)) {
            ClientMessage message = session.createMessage(org.apache.activemq.artemis.api.core.Message.TEXT_TYPE, true);
            message.getBodyBuffer().writeNullableSimpleString(SimpleString.of(body));
            properties.forEach((name, value) -> message.putStringProperty(name, String.valueOf(value)));
            producer.send(message);
        }
    }

    /** Sends with the hub's own account, as anything that reaches one of the hub's internal queues. */
    String sendAsHub(String destination, boolean topic, String body, Map<String, Object> properties, String replyTo)
            throws Exception {
        try (jakarta.jms.Connection c = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = s.createTextMessage(body);
            for (var p : properties.entrySet()) {
                m.setObjectProperty(p.getKey(), p.getValue());
            }
            m.setJMSReplyTo(s.createQueue(replyTo));
            s.createProducer(topic ? s.createTopic(destination) : s.createQueue(destination)).send(m);
            return m.getJMSMessageID();
        }
    }

    static String sendObject(jakarta.jms.ConnectionFactory factory, String queue, String probe) throws Exception {
        try (jakarta.jms.Connection c = factory.createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.ObjectMessage m = s.createObjectMessage(new Tripwire());
            m.setStringProperty("probe", probe);
            s.createProducer(s.createQueue(queue)).send(m);
            return m.getJMSMessageID();
        }
    }

    static String sendBytes(jakarta.jms.ConnectionFactory factory, String queue, byte[] body, String probe)
            throws Exception {
        try (jakarta.jms.Connection c = factory.createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty("probe", probe);
            s.createProducer(s.createQueue(queue)).send(m);
            return m.getJMSMessageID();
        }
    }

    void assertObjectMessageParked(Message parked, byte[] serialized, String queue) throws Exception {
        assertThat(parked.getStringProperty(BusHeaders.REASON)).as(queue).startsWith("an ObjectMessage is refused");
        assertThat(parked.getStringProperty(BusHeaders.ORIGINAL_QUEUE)).isEqualTo(queue);
        assertThat(parked).as("kept as its serialized bytes").isInstanceOf(BytesMessage.class);
        byte[] kept = new byte[(int) ((BytesMessage) parked).getBodyLength()];
        ((BytesMessage) parked).readBytes(kept);
        assertThat(kept).isEqualTo(serialized);
        // the error hospital shows it with its reason
        String invalid = "invalid." + queue;
        given().auth().preemptive().basic("demo-viewer", "demo-viewer")
                .get("/api/v1/dead-letters/" + invalid + "/" + parked.getJMSMessageID()).then().statusCode(200)
                .body("message.reason", org.hamcrest.Matchers.startsWith("an ObjectMessage is refused"));
    }

    /** A text message over a jakarta.jms client (CORE and AMQP), with its properties and reply-to. */
    static void sendJakartaJms(jakarta.jms.ConnectionFactory factory, String queue, String body,
            Map<String, Object> properties, String replyTo) throws jakarta.jms.JMSException {
        try (jakarta.jms.Connection c = factory.createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = s.createTextMessage(body);
            for (var p : properties.entrySet()) {
                m.setObjectProperty(p.getKey(), p.getValue());
            }
            if (replyTo != null) {
                m.setJMSReplyTo(s.createQueue(replyTo));
            }
            s.createProducer(s.createQueue(queue)).send(m);
        }
    }

    /** A text message over a javax.jms client (STOMP and OpenWire): the same as {@link #sendJakartaJms}. */
    static void sendJavaxJms(javax.jms.ConnectionFactory factory, String queue, String body,
            Map<String, Object> properties, String replyTo) throws javax.jms.JMSException {
        javax.jms.Connection c = factory.createConnection();
        try {
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.TextMessage m = s.createTextMessage(body);
            for (var p : properties.entrySet()) {
                m.setObjectProperty(p.getKey(), p.getValue());
            }
            if (replyTo != null) {
                m.setJMSReplyTo(s.createQueue(replyTo));
            }
            s.createProducer(s.createQueue(queue)).send(m);
        } finally {
            c.close();
        }
    }

    Message awaitParkedWithBody(String queue, String reference) {
        // one browse answers both questions: is it there, and which message is it (a second browse may not see it yet)
        return await().atMost(OrderProcess.PATIENCE).alias(reference + " in the body of a message in " + queue)
                .until(() -> hub.browse(queue, null).stream().filter(m -> body(m).contains(reference)).findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }

    Message awaitParked(String queue, String probe) {
        await().atMost(OrderProcess.PATIENCE).alias(probe + " in " + queue)
                .until(() -> !hub.browse(queue, "probe = '" + probe + "'").isEmpty());
        return hub.browse(queue, "probe = '" + probe + "'").get(0);
    }

    /** Waits until the route is done with the message (the journal's last hop: COMPLETED or PARKED); answers which. */
    static String awaitFinished(String messageId, String routeId) {
        String finished = "select count(*) from flow_hop where message_id = ? and route_id = ?"
                + " and outcome in ('COMPLETED', 'PARKED')";
        await().atMost(OrderProcess.PATIENCE).alias(routeId + " done with " + messageId)
                .until(() -> Database.count(finished, messageId, routeId) == 1);
        return Database.text("select outcome from flow_hop where message_id = ? and route_id = ?"
                + " and outcome in ('COMPLETED', 'PARKED')", messageId, routeId);
    }

    Message awaitParkedOrDead(String queue, String probe) {
        String selector = "probe = '" + probe + "'";
        await().atMost(OrderProcess.PATIENCE).alias(probe + " parked from " + queue)
                .until(() -> !hub.browse("invalid." + queue, selector).isEmpty()
                        || !hub.browse("DLQ." + queue, selector).isEmpty());
        List<Message> invalid = hub.browse("invalid." + queue, selector);
        return invalid.isEmpty() ? hub.browse("DLQ." + queue, selector).get(0) : invalid.get(0);
    }

    static void assertNoInterpretedProperty(Message parked) throws Exception {
        List<String> names = new ArrayList<>();
        for (Enumeration<?> e = parked.getPropertyNames(); e.hasMoreElements();) {
            names.add((String) e.nextElement());
        }
        assertThat(names).noneMatch(n -> {
            String lower = n.toLowerCase(Locale.ROOT);
            return lower.startsWith("camel") || lower.startsWith("org.apache.camel") || lower.startsWith("jms_")
                    || lower.startsWith("_amq");
        });
        for (Enumeration<?> e = parked.getPropertyNames(); e.hasMoreElements();) {
            String name = (String) e.nextElement();
            assertThat(String.valueOf(parked.getObjectProperty(name))).as(name).doesNotContain("attacker");
        }
    }

    static String awaitOrder(String reference) {
        await().atMost(OrderProcess.PATIENCE).alias(reference).until(() -> Database
                .count("select count(*) from fulfilment.orders where customer_reference = ?", reference) == 1);
        return Database.text("select order_id from fulfilment.orders where customer_reference = ?", reference);
    }

    static String pipeOrder(String reference, String customer) {
        return "ORD|" + reference + "|" + customer + "|EUR\n" + "LIN|SKU-7|2|4.50|Punched tape\n";
    }

    static String jsonOrder(String customer, String reference) {
        return """
                {"customerId": "%s", "customerReference": "%s",
                 "lines": [{"sku": "SKU-R", "description": "Relay", "quantity": 1,
                            "unitPrice": {"amount": "9.00", "currency": "EUR"}}]}
                """.formatted(customer, reference);
    }

    static byte[] serialize(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    static String body(Message m) {
        try {
            if (m instanceof jakarta.jms.TextMessage text) {
                return String.valueOf(text.getText());
            }
            if (m instanceof BytesMessage bytes) {
                byte[] data = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(data);
                bytes.reset();
                return new String(data, StandardCharsets.UTF_8);
            }
            return "";
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static String reason(Message m) {
        try {
            return String.valueOf(m.getStringProperty(BusHeaders.REASON));
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static String id(Message m) {
        try {
            return m.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
