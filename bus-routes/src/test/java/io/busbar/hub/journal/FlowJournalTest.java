package io.busbar.hub.journal;

import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.SoapClients.soap11;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.common.v1.Money;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.SubmitOrder;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderLineData;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.orders.OrderBus;
import io.busbar.hub.orders.OrderMessages;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The flow journal over the real broker, PostgreSQL and HTTP: an order's every hop found by its order id, a failing
 * message's failing hops and errors, masking of stored payloads, search criteria, retention and roles.
 */
@QuarkusTest
class FlowJournalTest {

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    OrderMessages messages;

    @Inject
    FlowJournal journal;

    @Inject
    FulfilmentService fulfilment;

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
    void anOrderSubmittedOverSoapIsFoundByItsOrderIdWithEveryHop() throws Exception {
        FulfilmentServicePortType soap = soap11(FulfilmentServicePortType.class, "fulfilment", "demo-order-desk");
        Order submitted = soap.submitOrder(submission(establishedCustomer(), "SKU-JOURNAL", "7.50")).getOrder();
        String orderId = submitted.getOrderId();
        awaitStatus(orderId, OrderStatus.SHIPPED);

        JsonPath found = await().atMost(OrderProcess.PATIENCE).until(
                () -> as("demo-viewer").queryParam("orderId", orderId).get("/api/v1/flows").then().statusCode(200).extract()
                        .jsonPath(),
                page -> page.getInt("totalItems") == 1);
        String correlationId = found.getString("items[0].correlationId");
        assertThat(found.getString("items[0].orderId")).isEqualTo(orderId);
        assertThat(found.getString("items[0].link")).isEqualTo("/api/v1/flows/" + correlationId);

        JsonPath timeline = await().atMost(OrderProcess.PATIENCE).until(
                () -> as("demo-viewer").get("/api/v1/flows/" + correlationId).then().statusCode(200).extract().jsonPath(),
                t -> t.getList("hops.routeId").contains("order-fulfilment-warehouse"));
        List<String> routes = timeline.getList("hops.routeId");
        assertThat(routes).as("hops of " + correlationId).contains("soap-door");
        assertThat(routes.get(0)).as("the SOAP call is the first hop").isEqualTo("soap-door");
        assertThat(routes).containsSubsequence("soap-door", "order-fulfilment-intake", "order-fulfilment-billing",
                "order-fulfilment-warehouse");
        assertThat(timeline.getList("hops.outcome", String.class)).containsOnly("COMPLETED");
        assertThat(timeline.getList("hops.durationMs", Long.class)).allSatisfy(d -> assertThat(d).isNotNegative());
        Map<String, Object> billing = hop(timeline, "order-fulfilment-billing");
        assertThat(billing).containsEntry("orderId", orderId).containsEntry("customerId", submitted.getCustomerId())
                .containsEntry("eventType", "OrderAccepted");
        assertThat((String) billing.get("endpoint")).contains("order.accepted.v1");
        assertThat((String) billing.get("payload")).contains(orderId);
        assertThat(hop(timeline, "soap-door").get("endpoint")).isEqualTo("POST /soap/fulfilment");

        as("demo-viewer").queryParam("orderId", orderId).queryParam("route", "order-fulfilment-billing")
                .queryParam("status", "COMPLETED").get("/api/v1/flows").then().statusCode(200)
                .body("items[0].correlationId", equalTo(correlationId));
        as("demo-viewer").queryParam("orderId", orderId).queryParam("status", "PARKED").get("/api/v1/flows").then()
                .statusCode(200).body("totalItems", equalTo(0));
        as("demo-viewer").queryParam("orderId", orderId).queryParam("from", Instant.now().plusSeconds(3600).toString())
                .get("/api/v1/flows").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void aPoisonMessageShowsItsFailingHopsTheirErrorAndWhereItWasParked() {
        Order ghost = fulfilment.get(OrderProcess.submit(establishedCustomer(), "SKU-P", "1.00"));
        ghost.setOrderId("ORD-99999998");
        OrderSubmitted poison = OrderMessages.event(new OrderSubmitted(), ghost, "poison-" + UUID.randomUUID());
        poison.setOrder(ghost);
        bus.send("order.submitted.v1", messages.write(poison), new HashMap<>(OrderBus.headers(poison)));

        JsonPath timeline = await().atMost(OrderProcess.PATIENCE).until(
                () -> as("demo-operator").get("/api/v1/flows/" + poison.getCorrelationId()).then().extract().jsonPath(),
                t -> t.getList("hops.outcome") != null && t.getList("hops.outcome").contains("PARKED"));
        assertThat(timeline.getString("status")).isEqualTo("PARKED");
        List<Map<String, Object>> hops = timeline.getList("hops");
        assertThat(hops).filteredOn(h -> "FAILED".equals(h.get("outcome"))).hasSize(3).allSatisfy(h -> {
            assertThat(h).containsEntry("routeId", "order-fulfilment-intake");
            assertThat(h.get("error")).isEqualTo("NotFound: no order ORD-99999998");
        });
        assertThat(hops.get(hops.size() - 1)).containsEntry("outcome", "PARKED").satisfies(h -> assertThat(
                (String) h.get("error")).isEqualTo("parked in DLQ.order.submitted.v1: NotFound: no order ORD-99999998"));

        as("demo-viewer").queryParam("orderId", "ORD-99999998").queryParam("status", "PARKED").get("/api/v1/flows").then()
                .statusCode(200).body("items.correlationId", org.hamcrest.Matchers.hasItem(poison.getCorrelationId()))
                .body("items.find { it.correlationId == '" + poison.getCorrelationId() + "' }.failedHops", equalTo(4));
    }

    @Test
    void storedPayloadsHaveTheirSensitiveFieldsMasked() {
        String correlation = "mask-" + UUID.randomUUID();
        bus.send("order.submitted.v1",
                "{\"orderId\":\"ORD-1\",\"password\":\"hunter2\",\"card\":{\"cardNumber\":4111111111111111}}",
                Map.of("busbarCorrelationId", correlation));

        JsonPath timeline = await().atMost(OrderProcess.PATIENCE).until(
                () -> as("demo-viewer").get("/api/v1/flows/" + correlation).then().extract().jsonPath(),
                t -> t.getList("hops") != null && !t.getList("hops").isEmpty());
        String payload = timeline.getString("hops[0].payload");
        assertThat(payload).contains("\"password\":\"***\"", "\"cardNumber\":\"***\"", "\"orderId\":\"ORD-1\"")
                .doesNotContain("hunter2", "4111");
        assertThat(timeline.getString("hops[0].outcome")).isEqualTo("PARKED");
        assertThat(timeline.getString("hops[0].error")).startsWith("parked in invalid.order.submitted.v1: ");
    }

    @Test
    void hopsOlderThanTheRetentionArePurged() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        for (String[] row : new String[][] { { old, "8 days" }, { recent, "1 day" } }) {
            Database.update("insert into flow_hop (correlation_id, route_id, started_at, ended_at, duration_ms, outcome)"
                    + " values (?, 'test', now() - cast(? as interval), now() - cast(? as interval), 0, 'COMPLETED')", row[0],
                    row[1], row[1]);
        }
        assertThat(journal.purge()).isPositive();
        as("demo-viewer").get("/api/v1/flows/" + old).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("FLOW_NOT_FOUND"));
        as("demo-viewer").get("/api/v1/flows/" + recent).then().statusCode(200).body("hops[0].routeId", equalTo("test"));
    }

    @Test
    void badCriteriaAndMissingRolesAreProblems() {
        as("demo-viewer").queryParam("from", "yesterday").get("/api/v1/flows").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_TIME"));
        as("demo-viewer").queryParam("status", "LOST").get("/api/v1/flows").then().statusCode(400)
                .body("code", equalTo("INVALID_STATUS"));
        as("demo-billing").get("/api/v1/flows").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/flows").then().statusCode(401);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hop(JsonPath timeline, String routeId) {
        return ((List<Map<String, Object>>) (List<?>) timeline.getList("hops")).stream()
                .filter(h -> routeId.equals(h.get("routeId"))).findFirst().orElseThrow();
    }

    static SubmitOrder submission(String customer, String sku, String price) {
        OrderSubmission submission = new OrderSubmission();
        submission.setCustomerId(customer);
        submission.setCustomerReference("PO-" + UUID.randomUUID());
        OrderLineData line = new OrderLineData();
        line.setSku(sku);
        line.setDescription("Journal test item");
        line.setQuantity(1);
        Money money = new Money();
        money.setAmount(new BigDecimal(price));
        money.setCurrency("EUR");
        line.setUnitPrice(money);
        submission.getLines().add(line);
        SubmitOrder request = new SubmitOrder();
        request.setOrder(submission);
        return request;
    }
}
