package io.busbar.hub.hospital;

import static io.busbar.hub.testsupport.OrderProcess.awaitEvent;
import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.events;
import static io.busbar.hub.testsupport.OrderProcess.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The error hospital over the real broker, PostgreSQL and HTTP: a parked message is found with its reason, edited
 * (checked against its queue's schema), resubmitted and completes its flow exactly once, even when resubmitted twice
 * at the same time; a discarded one is gone; every action is audited; viewers read, operators act.
 */
@QuarkusTest
class ErrorHospitalTest {

    static final String INVALID = "invalid.order.submitted.v1";

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    CamelContext camel;

    BusClient bus;

    @BeforeEach
    void connect() {
        bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    @Test
    void aParkedMessageEditedAndResubmittedCompletesItsFlowExactlyOnce() throws Exception {
        String orderId;
        String validBody;
        camel.getRouteController().stopRoute("order-fulfilment-intake");
        try {
            orderId = submit(establishedCustomer(), "SKU-HOSPITAL", "3.00");
            TextMessage intake = bus.receive("order.submitted.v1", "busbarOrderId = '" + orderId + "'", 10_000);
            validBody = intake.getText();
            Map<String, Object> properties = new HashMap<>();
            for (Enumeration<?> names = intake.getPropertyNames(); names.hasMoreElements();) {
                String name = (String) names.nextElement();
                if (name.startsWith("busbar")) {
                    properties.put(name, intake.getObjectProperty(name));
                }
            }
            // a sender cut the message short: it can never be read as it is
            bus.send("order.submitted.v1", validBody.substring(0, validBody.length() / 2), properties);
        } finally {
            camel.getRouteController().startRoute("order-fulfilment-intake");
        }

        Map<String, Object> parked = awaitParked(orderId);
        String messageId = (String) parked.get("messageId");
        String correlationId = (String) parked.get("correlationId");
        assertThat(parked).containsEntry("queue", INVALID).containsEntry("originalQueue", "order.submitted.v1")
                .containsEntry("route", "order-fulfilment-intake").containsEntry("attempts", 1)
                .containsEntry("flowLink", "/api/v1/flows/" + correlationId);
        assertThat((String) parked.get("reason")).startsWith("not a valid OrderSubmitted");
        String path = "/api/v1/dead-letters/" + INVALID + "/" + messageId;

        as("demo-viewer").get(path).then().statusCode(200).body("masked", equalTo(true))
                .body("message.orderId", equalTo(orderId)).body("body", startsWith(validBody.substring(0, 20)));
        as("demo-viewer").queryParam("unmasked", true).get(path).then().statusCode(403);
        as("demo-operator").queryParam("unmasked", true).get(path).then().statusCode(200).body("masked", equalTo(false));
        as("demo-viewer").contentType("application/xml").body(validBody).put(path).then().statusCode(403)
                .contentType("application/problem+json");
        as("demo-viewer").post(path + "/resubmit").then().statusCode(403);
        as("demo-operator").contentType("application/xml").body("<orderSubmitted/>").put(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_MESSAGE"));
        as("demo-operator").contentType("application/xml").body(validBody).put(path).then().statusCode(200)
                .body("editedBody", equalTo(validBody)).body("editedBy", equalTo("demo-operator"))
                .body("message.edited", equalTo(true));

        // two operators press resubmit at the same moment: one resubmission
        CompletableFuture<JsonPath> first = CompletableFuture
                .supplyAsync(() -> as("demo-operator").post(path + "/resubmit").then().statusCode(200).extract().jsonPath());
        CompletableFuture<JsonPath> second = CompletableFuture
                .supplyAsync(() -> as("demo-admin").post(path + "/resubmit").then().statusCode(200).extract().jsonPath());
        List<JsonPath> answers = List.of(first.get(), second.get());
        assertThat(answers).extracting(a -> a.getBoolean("repeated")).containsExactlyInAnyOrder(false, true);
        assertThat(answers).extracting(a -> a.getString("resubmittedTo")).containsOnly("order.submitted.v1");
        assertThat(answers.get(0).getString("newMessageId")).isNotNull()
                .isEqualTo(answers.get(1).getString("newMessageId"));
        as("demo-operator").post(path + "/resubmit").then().statusCode(200).body("repeated", equalTo(true));

        awaitStatus(orderId, OrderStatus.SHIPPED);
        awaitEvent(orderId, "OrderShipped");
        assertThat(Database.count("select count(*) from billing.invoice where order_id = ?", orderId)).isOne();
        assertThat(events(orderId, "OrderShipped")).isOne();
        assertThat(events(orderId, "OrderAccepted")).isOne();
        as("demo-viewer").get(path).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("DEAD_LETTER_NOT_FOUND"));

        JsonPath audit = as("demo-viewer").queryParam("messageId", messageId).get("/api/v1/dead-letters/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(audit.getList("action", String.class)).containsExactly("RESUBMIT", "EDIT", "VIEW_UNMASKED");
        // whichever of the two resubmissions won is the one audited; the edit and the unmasked view were the operator's
        assertThat(audit.getString("[0].actor")).isIn("demo-operator", "demo-admin");
        assertThat(audit.getList("actor", String.class).subList(1, 3)).containsOnly("demo-operator");
        assertThat(audit.getList("messageId", String.class)).containsOnly(messageId);

        JsonPath timeline = await().atMost(OrderProcess.PATIENCE).until(
                () -> as("demo-viewer").get("/api/v1/flows/" + correlationId).then().statusCode(200).extract().jsonPath(),
                t -> t.getList("hops.routeId").contains("order-fulfilment-warehouse"));
        List<String> outcomes = timeline.getList("hops.outcome");
        List<String> routes = timeline.getList("hops.routeId");
        int parkedAt = outcomes.indexOf("PARKED");
        assertThat(parkedAt).as("the parked hop is on the flow").isNotNegative();
        assertThat(routes.subList(parkedAt + 1, routes.size())).containsSubsequence("order-fulfilment-intake",
                "order-fulfilment-billing", "order-fulfilment-warehouse");
    }

    @Test
    void aDiscardedMessageIsGoneOnceAndCannotBeResubmittedAfterwards() {
        String probe = "discard-" + UUID.randomUUID();
        bus.send("order.submitted.v1", "this is not an order", Map.of("busbarCorrelationId", probe, "busbarOrderId", probe));
        Map<String, Object> parked = awaitParked(probe);
        String path = "/api/v1/dead-letters/" + INVALID + "/" + parked.get("messageId");

        as("demo-viewer").post(path + "/discard").then().statusCode(403);
        as("demo-operator").post(path + "/discard").then().statusCode(200).body("action", equalTo("DISCARD"))
                .body("repeated", equalTo(false));
        as("demo-operator").post(path + "/resubmit").then().statusCode(200).body("action", equalTo("DISCARD"))
                .body("repeated", equalTo(true));
        as("demo-operator").get(path).then().statusCode(404);
        assertThat(bus.browse(INVALID, "busbarCorrelationId = '" + probe + "'")).isEmpty();
        assertThat(bus.browse("order.submitted.v1", "busbarCorrelationId = '" + probe + "'")).isEmpty();
        as("demo-viewer").get("/api/v1/dead-letters/DLQ.nothing/ID:1").then().statusCode(404)
                .contentType("application/problem+json");
        as("demo-viewer").get("/api/v1/dead-letters/order.submitted.v1/ID:1").then().statusCode(404)
                .body("code", equalTo("QUEUE_NOT_FOUND"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitParked(String orderId) {
        // 404 until the first message is parked: the hospital names only queues that exist
        return await().atMost(OrderProcess.PATIENCE).until(() -> {
            var page = as("demo-viewer").queryParam("queue", INVALID).queryParam("size", 200).get("/api/v1/dead-letters");
            if (page.statusCode() == 404) {
                return null;
            }
            return ((List<Map<String, Object>>) (List<?>) page.then().statusCode(200).extract().jsonPath().getList("items"))
                    .stream().filter(m -> orderId.equals(m.get("orderId"))).findFirst().orElse(null);
        }, m -> m != null);
    }
}
