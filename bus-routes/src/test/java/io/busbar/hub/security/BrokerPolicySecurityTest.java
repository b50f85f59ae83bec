package io.busbar.hub.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The broker policy of deploy/broker/broker.xml on the real embedded broker, over TCP as an outside system would
 * connect: the partner account (demo-client, role bus-client) reaches only the published entry and exit addresses, the
 * operator account browses; and the error hospital, which names queues on the caller's behalf, creates none, lists the
 * broker's catch-all DLQ and pages at the broker.
 */
@QuarkusTest
class BrokerPolicySecurityTest {

    static final String PARTNER = "demo-client";
    static final String OPERATOR = "demo-operator";
    static final List<String> ENTRY = List.of("order.intake.json.v1", "legacy.order.in.v1", "legacy.partner.orders");
    static final List<String> INTERNAL = List.of("order.submitted.v1", "order.accepted.v1", "order.invoiced.v1",
            "order.approval.v1", "order.compensation.v1", "bus.selftest.v1", "bus.selftest.done.v1", "activemq.management",
            "DLQ", "DLQ.order.intake.json.v1", "invalid.order.intake.json.v1", "ExpiryQueue");

    @ConfigProperty(name = "busbar.broker.port")
    int brokerPort;

    @Inject
    HubInfrastructure infrastructure;

    BusClient hub;

    @BeforeEach
    void connect() {
        hub = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        hub.close();
    }

    private Connection tcp(String user) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort, user, user).createConnection();
        connection.start();
        return connection;
    }

    private ActiveMQServer broker() {
        return infrastructure.embeddedBroker();
    }

    /** Every address and queue name on the broker. */
    private Set<String> names() {
        Set<String> names = new TreeSet<>();
        broker().getPostOffice().getAddresses().forEach(a -> names.add("address " + a));
        for (String queue : broker().getActiveMQServerControl().getQueueNames()) {
            names.add("queue " + queue);
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------------- partners

    @Test
    void aPartnerCannotSendToConsumeFromOrBrowseAnyInternalQueue() throws Exception {
        hub.send("order.submitted.v1", "not for partners", Map.of("probe", "internal"));
        try (Connection connection = tcp(PARTNER)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : INTERNAL) {
                assertThatThrownBy(() -> session.createProducer(session.createQueue(queue))
                        .send(session.createTextMessage("injected"))).as("send to " + queue)
                        .isInstanceOf(JMSSecurityException.class);
            }
            for (String queue : List.of("order.submitted.v1", "order.accepted.v1", "DLQ", "DLQ.order.intake.json.v1",
                    "invalid.order.intake.json.v1", "bus.selftest.done.v1")) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).receive(100))
                        .as("consume from " + queue).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> session.createBrowser(session.createQueue(queue)).getEnumeration().hasMoreElements())
                        .as("browse " + queue).isInstanceOf(JMSSecurityException.class);
            }
        }
        // the message a partner tried to read went to the hub (which parked it: it is no order), not to the partner
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !hub.browse("invalid.order.submitted.v1", "probe = 'internal'").isEmpty());
    }

    @Test
    void aPartnerCannotTakeTheHubsSubscriptionsOfTheEventsTopic() throws Exception {
        try (Connection connection = tcp(PARTNER)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // the hub's own (named in broker.xml) and the connector instances' (guarded by the hub as they start)
            for (String subscription : List.of("notification", "analytics", "legacy-export", "connector-legacy-db",
                    "connector-legacy-db-race")) {
                assertThat(broker().locateQueue(SimpleString.of(subscription))).as(subscription).isNotNull();
                assertThatThrownBy(() -> session.createConsumer(session.createQueue("order.events.v1::" + subscription)))
                        .as("consume " + subscription).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> session.createSharedDurableConsumer(session.createTopic("order.events.v1"),
                        subscription)).as("share " + subscription).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> ((ActiveMQSession) session).getCoreSession().deleteQueue(subscription))
                        .as("delete " + subscription).isInstanceOf(ActiveMQSecurityException.class);
            }
        }
    }

    @Test
    void aPartnerCannotCreateAnAddressOrAQueue() throws Exception {
        String made = "partner.made.up." + UUID.randomUUID().toString().substring(0, 8);
        Set<String> before = names();
        try (Connection connection = tcp(PARTNER)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(made)).send(session.createTextMessage("x")))
                    .as("auto-created queue").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createTopic(made + ".topic")))
                    .as("auto-created topic").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createTemporaryQueue()).as("temporary queue")
                    .isInstanceOf(JMSSecurityException.class);
            var core = ((ActiveMQSession) session).getCoreSession();
            assertThatThrownBy(() -> core.createAddress(SimpleString.of(made), RoutingType.ANYCAST, false))
                    .as("address").isInstanceOf(ActiveMQSecurityException.class);
            // no second queue on an entry address (a copy of every partner's orders) nor on the exit queue
            for (String address : List.of("order.intake.json.v1", "legacy.order.out.v1", "order.submitted.v1")) {
                assertThatThrownBy(() -> core.createQueue(QueueConfiguration.of(made).setAddress(address)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true))).as("durable queue on " + address)
                        .isInstanceOf(ActiveMQSecurityException.class);
                assertThatThrownBy(() -> core.createQueue(QueueConfiguration.of(made).setAddress(address)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(false))).as("queue on " + address)
                        .isInstanceOf(ActiveMQSecurityException.class);
            }
        }
        // STOMP asks for createAddress on every SUBSCRIBE: granted on the events topic alone, which exists
        assertThat(stomp(PARTNER, "SUBSCRIBE\nid:1\ndestination:/topic/order.events.v1\nreceipt:r\n\n\0"))
                .startsWith("RECEIPT");
        assertThat(stomp(PARTNER, "SUBSCRIBE\nid:1\ndestination:/topic/" + made + "\nreceipt:r\n\n\0")).startsWith("ERROR");
        assertThat(stomp(PARTNER, "SEND\ndestination:/queue/" + made + "\nreceipt:r\n\nx\0")).startsWith("ERROR");
        assertThat(names()).as("nothing named after the partner's request").noneMatch(name -> name.contains(made));
        // the granted SUBSCRIBE made a subscription queue that the broker removes once the socket is gone
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(names()).isSubsetOf(before));
    }

    /** Sends one STOMP frame after connecting; the first answer frame's command and headers. */
    private String stomp(String user, String frame) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", brokerPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT\naccept-version:1.2\nhost:busbar\nlogin:" + user + "\npasscode:" + user
                    + "\n\n\0" + frame).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            List<String> frames = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            while (frames.size() < 2) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                if (c == 0) {
                    frames.add(current.toString().strip());
                    current.setLength(0);
                } else {
                    current.append((char) c);
                }
            }
            assertThat(frames).as("STOMP answers").hasSize(2);
            assertThat(frames.get(0)).startsWith("CONNECTED");
            return frames.get(1);
        }
    }

    @Test
    void aPartnerSendsToEachPublishedEntryAddress() throws Exception {
        String probe = UUID.randomUUID().toString();
        try (Connection connection = tcp(PARTNER)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : ENTRY) {
                TextMessage m = session.createTextMessage("<notAnOrder/>");
                m.setStringProperty("probe", probe);
                session.createProducer(session.createQueue(queue)).send(m);
            }
            // the legacy-messaging connector's MQTT topic, diverted onto its source
            TextMessage m = session.createTextMessage("not an order either");
            m.setStringProperty("probe", probe + "-mqtt");
            session.createProducer(session.createTopic("legacy.partner.orders.mqtt")).send(m);
        }
        // each reached the hub, which parked it (it is no order): accepted, read, nothing lost
        for (String queue : ENTRY) {
            await("parked from " + queue).atMost(Duration.ofSeconds(30))
                    .until(() -> !hub.browse("invalid." + queue, "probe = '" + probe + "'").isEmpty()
                            || !hub.browse("DLQ." + queue, "probe = '" + probe + "'").isEmpty());
        }
        await("parked from the MQTT topic").atMost(Duration.ofSeconds(30))
                .until(() -> !hub.browse("invalid.legacy.partner.orders", "probe = '" + probe + "-mqtt'").isEmpty());
    }

    @Test
    void aPartnerConsumesFromTheExitQueueAndItsOwnSubscriptionsOfTheEventsTopic() throws Exception {
        String probe = UUID.randomUUID().toString();
        String subscription = "partner-" + probe;
        try (Connection connection = tcp(PARTNER)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic events = session.createTopic("order.events.v1");
            MessageConsumer nonDurable = session.createConsumer(events, "probe = '" + probe + "'");
            MessageConsumer durable = session.createSharedDurableConsumer(events, subscription, "probe = '" + probe + "'");
            hub.send("legacy.order.out.v1", "<confirmation/>", Map.of("probe", probe));
            try (Connection hubConnection = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
                Session hubSession = hubConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (MessageProducer producer = hubSession.createProducer(hubSession.createTopic("order.events.v1"))) {
                    TextMessage event = hubSession.createTextMessage("<event/>");
                    event.setStringProperty("probe", probe);
                    producer.send(event);
                }
            }
            assertThat(session.createConsumer(session.createQueue("legacy.order.out.v1"), "probe = '" + probe + "'")
                    .receive(10_000)).as("exit queue").isNotNull();
            assertThat(nonDurable.receive(10_000)).as("own subscription").isNotNull();
            assertThat(durable.receive(10_000)).as("own durable subscription").isNotNull();
            durable.close();
            // a durable subscription stays until an operator removes it: a partner deletes no queue of the topic
            assertThatThrownBy(() -> session.unsubscribe(subscription)).isInstanceOf(JMSSecurityException.class);
        }
        broker().destroyQueue(SimpleString.of(subscription));
    }

    @Test
    void anOperatorBrowsesButNeitherSendsNorConsumes() throws Exception {
        String probe = UUID.randomUUID().toString();
        String parked = "DLQ.order.intake.json.v1";
        hub.send(parked, "operator probe", Map.of("probe", probe));
        try (Connection connection = tcp(OPERATOR)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var browsed = session.createBrowser(session.createQueue(parked), "probe = '" + probe + "'").getEnumeration();
            assertThat(browsed.hasMoreElements()).isTrue();
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(parked)).receive(100))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("order.intake.json.v1"))
                    .send(session.createTextMessage("x"))).isInstanceOf(JMSSecurityException.class);
        }
        assertThat(hub.receive(parked, "probe = '" + probe + "'", 5_000)).isNotNull();
    }

    // ----------------------------------------------------------------------------------------------- the hospital

    @Test
    void theHospitalRefusesWildcardsAndUnknownQueuesWithoutCreatingAny() {
        hub.send("DLQ.order.intake.json.v1", "parked", Map.of("probe", "wildcards"));
        Set<String> before = names();
        for (String queue : List.of("invalid.%23", "DLQ.%23", "DLQ.*", "invalid.*", "DLQ.%2A", "%23", "DLQ.order.%23",
                "invalid.order.*.v1", "DLQ.order.intake.json.v1::x", "DLQ::DLQ", "queue://DLQ.order.intake.json.v1",
                "DLQ..x", "DLQ.", "order.submitted.v1", "DLQ.no.such.queue.v1", "invalid.no.such.queue.v1",
                "ExpiryQueue", "DLQ.order%2Eintake.json.v1%2A", "invalid.order.submitted.v1%2F%23")) {
            var list = given().auth().preemptive().basic("demo-viewer", "demo-viewer").urlEncodingEnabled(false)
                    .get("/api/v1/dead-letters?queue=" + queue);
            assertThat(list.statusCode()).as("list " + queue).isIn(400, 404);
            assertThat(list.contentType()).as(queue).startsWith("application/problem+json");
            var open = given().auth().preemptive().basic("demo-operator", "demo-operator").urlEncodingEnabled(false)
                    .get("/api/v1/dead-letters/" + queue.replace("/", "%2F") + "/ID:x");
            assertThat(open.statusCode()).as("open " + queue).isIn(400, 404);
            var resubmit = given().auth().preemptive().basic("demo-operator", "demo-operator").urlEncodingEnabled(false)
                    .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                    .post("/api/v1/dead-letters/" + queue.replace("/", "%2F") + "/ID:x/resubmit");
            assertThat(resubmit.statusCode()).as("resubmit " + queue).isIn(400, 404);
            var console = given().auth().preemptive().basic("demo-viewer", "demo-viewer").urlEncodingEnabled(false)
                    .get("/console/dead-letters?queue=" + queue);
            assertThat(console.statusCode()).as("console " + queue).isIn(400, 404);
        }
        assertThat(names()).isEqualTo(before);
    }

    @Test
    void theCatchAllDlqIsListedAndItsMessageResubmittedToItsOriginalQueue() throws Exception {
        String queue = "test.catchall." + UUID.randomUUID().toString().substring(0, 8);
        // one delivery attempt on this queue only: the broker moves a rolled-back message to its catch-all DLQ
        broker().getAddressSettingsRepository().addMatch(queue, new AddressSettings().setMaxDeliveryAttempts(1));
        String probe = UUID.randomUUID().toString();
        String id = hub.send(queue, "{\"probe\": \"" + probe + "\"}", Map.of("probe", probe));
        String other = hub.send(queue, "{\"probe\": \"" + probe + "-discard\"}", Map.of("probe", probe + "-discard"));
        try (Connection connection = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            assertThat(consumer.receive(5_000)).isNotNull();
            assertThat(consumer.receive(5_000)).isNotNull();
            session.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.browse("DLQ", "probe LIKE '" + probe + "%'").size() == 2);
        assertThat(hub.browse(queue, null)).isEmpty();

        JsonPath queues = given().auth().preemptive().basic("demo-viewer", "demo-viewer").get("/api/v1/dead-letters/queues")
                .then().statusCode(200).extract().jsonPath();
        assertThat(queues.getList("queue", String.class)).contains("DLQ");
        JsonPath listed = given().auth().preemptive().basic("demo-viewer", "demo-viewer").queryParam("queue", "DLQ")
                .queryParam("size", 200).get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("items.messageId", String.class)).contains(id);
        assertThat(listed.getString("items.find { it.messageId == '" + id + "' }.originalQueue")).isEqualTo(queue);
        assertThat(given().auth().preemptive().basic("demo-viewer", "demo-viewer").get("/console/dead-letters?queue=DLQ")
                .then().statusCode(200).extract().asString()).contains(id);

        JsonPath opened = given().auth().preemptive().basic("demo-operator", "demo-operator")
                .get("/api/v1/dead-letters/DLQ/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(opened.getString("message.originalQueue")).isEqualTo(queue);
        assertThat(opened.getString("properties._AMQ_ORIG_QUEUE")).isEqualTo(queue);

        given().auth().preemptive().basic("demo-operator", "demo-operator")
                .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .post("/api/v1/dead-letters/DLQ/" + other + "/discard").then().statusCode(200);
        assertThat(hub.browse("DLQ", "probe = '" + probe + "-discard'")).isEmpty();

        JsonPath result = given().auth().preemptive().basic("demo-operator", "demo-operator")
                .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .post("/api/v1/dead-letters/DLQ/" + id + "/resubmit").then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("resubmittedTo")).isEqualTo(queue);
        TextMessage back = hub.receive(queue, "probe = '" + probe + "'", 5_000);
        assertThat(back).isNotNull();
        assertThat(back.getText()).contains(probe);
        assertThat(hub.browse("DLQ", "probe = '" + probe + "'")).isEmpty();
        broker().destroyQueue(SimpleString.of(queue));
    }

    @Test
    void theHospitalPagesAtTheBrokerBeyondAThousandMessages() throws Exception {
        String queue = "DLQ.test.paging." + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (Connection connection = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                for (int i = 0; i < 1_005; i++) {
                    Message m = session.createTextMessage("parked " + i);
                    producer.send(m);
                    ids.add(m.getJMSMessageID());
                }
            }
            session.commit();
        }
        JsonPath last = given().auth().preemptive().basic("demo-viewer", "demo-viewer").queryParam("queue", queue)
                .queryParam("page", 5).queryParam("size", 200).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath();
        assertThat(last.getLong("totalItems")).isEqualTo(1_005);
        assertThat(last.getInt("totalPages")).isEqualTo(6);
        assertThat(last.getList("items.messageId", String.class)).containsExactlyElementsOf(ids.subList(1_000, 1_005));
        JsonPath second = given().auth().preemptive().basic("demo-viewer", "demo-viewer").queryParam("queue", queue)
                .queryParam("page", 1).queryParam("size", 3).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items.messageId", String.class)).containsExactlyElementsOf(ids.subList(3, 6));
        JsonPath beyond = given().auth().preemptive().basic("demo-viewer", "demo-viewer").queryParam("queue", queue)
                .queryParam("page", 9).queryParam("size", 200).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath();
        assertThat(beyond.getList("items")).isEmpty();
        broker().destroyQueue(SimpleString.of(queue), null, false, true);
        broker().removeAddressInfo(SimpleString.of(queue), null);
    }
}
