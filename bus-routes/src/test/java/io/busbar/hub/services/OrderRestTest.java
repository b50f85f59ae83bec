package io.busbar.hub.services;

import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The order fulfilment service's REST door over real HTTP, every response checked against the served OpenAPI document. */
@QuarkusTest
class OrderRestTest {

    static final String DESK = "demo-order-desk";

    @Inject
    FulfilmentService fulfilment;

    @Inject
    HubInfrastructure infrastructure;

    @Test
    void submittingPublishesTheOrderOnTheBusAndResubmittingIsIdempotent() throws JMSException {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String reference = "PO-" + UUID.randomUUID();
        String body = Json.order(customer, reference, "EUR", Map.of("SKU-1", "12.50"));
        String correlation = "corr-" + UUID.randomUUID();
        String order = as(DESK).contentType(ContentType.JSON).header("X-Correlation-ID", correlation).body(body)
                .post("/api/v1/orders").then().statusCode(201).header("X-Correlation-ID", correlation)
                .body("status", equalTo("SUBMITTED")).body("total.amount", equalTo("25.00"))
                .body("statusHistory", hasSize(1)).body("statusHistory[0].changedBy", equalTo(DESK))
                .extract().path("orderId");

        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            TextMessage event = bus.receive("order.submitted.v1", "busbarOrderId = '" + order + "'", 10_000);
            assertThat(event).as("OrderSubmitted on order.submitted.v1").isNotNull();
            assertThat(event.getStringProperty("busbarCustomerId")).isEqualTo(customer);
            assertThat(event.getStringProperty("busbarCorrelationId")).isEqualTo(correlation);
            assertThat(event.getJMSCorrelationID()).isEqualTo(correlation);
            assertThat(event.getText()).contains("orderSubmitted", order, "SKU-1", correlation);
        }

        as(DESK).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then().statusCode(200)
                .body("orderId", equalTo(order));
        as(DESK).contentType(ContentType.JSON).body(Json.order(customer, reference, "EUR", Map.of("SKU-2", "1.00")))
                .post("/api/v1/orders").then().statusCode(409).body("code", equalTo("REFERENCE_IN_USE"));
        assertThat(Database.count("select count(*) from fulfilment.orders where customer_reference = ?", reference)).isOne();
    }

    @Test
    void readListCancel() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String first = submit(customer);
        String second = submit(customer);
        as("demo-billing").get("/api/v1/orders/" + first).then().statusCode(200).header("ETag", "\"0\"")
                .body("customerId", equalTo(customer)).body("lines[0].sku", equalTo("SKU-7"));
        as(DESK).queryParam("customerId", customer).get("/api/v1/orders").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items[0].orderId", equalTo(second));
        as(DESK).contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"reason\": \"customer changed mind\"}")
                .post("/api/v1/orders/" + first + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("statusHistory[1].reason", equalTo("customer changed mind"));
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"again\"}").post("/api/v1/orders/" + first + "/cancellation")
                .then().statusCode(409).body("code", equalTo("NOT_CANCELLABLE"));
        as(DESK).contentType(ContentType.JSON).header("If-Match", "\"9\"").body("{\"reason\": \"stale\"}")
                .post("/api/v1/orders/" + second + "/cancellation").then().statusCode(412);
        as(DESK).queryParam("customerId", customer).queryParam("status", "CANCELLED").get("/api/v1/orders").then()
                .body("items", hasSize(1)).body("items[0].orderId", equalTo(first));
    }

    @Test
    void onlyInvoicedOrdersShipAndShippedOrdersCannotBeCancelled() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String order = submit(customer);
        String shipment = "{\"carrier\": \"DHL\", \"trackingNumber\": \"JD0001\"}";
        as(DESK).contentType(ContentType.JSON).body(shipment).post("/api/v1/orders/" + order + "/shipment").then()
                .statusCode(409).body("code", equalTo("NOT_SHIPPABLE"));
        fulfilment.accept(order, "test: accepted");
        fulfilment.markInvoiced(order, "INV-00000001");
        as(DESK).contentType(ContentType.JSON).body(shipment).post("/api/v1/orders/" + order + "/shipment").then()
                .statusCode(200).body("status", equalTo("SHIPPED")).body("shipment.carrier", equalTo("DHL"))
                .body("invoiceId", equalTo("INV-00000001")).body("statusHistory.status",
                        equalTo(java.util.List.of("SUBMITTED", "ACCEPTED", "INVOICED", "SHIPPED")));
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"too late\"}")
                .post("/api/v1/orders/" + order + "/cancellation")
                .then().statusCode(409).body("code", equalTo("ALREADY_SHIPPED"));
    }

    @Test
    void approvalAndRejectionOfHeldOrders() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String approved = submit(customer);
        String rejected = submit(customer);
        as(DESK).contentType(ContentType.JSON).body("{}").post("/api/v1/orders/" + approved + "/approval").then()
                .statusCode(409).body("code", equalTo("NOT_PENDING_APPROVAL"));
        fulfilment.holdForApproval(approved, "test: above limit");
        fulfilment.holdForApproval(rejected, "test: above limit");
        as(DESK).contentType(ContentType.JSON).body("{\"comment\": \"known customer\"}")
                .post("/api/v1/orders/" + approved + "/approval").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("statusHistory[2].reason", equalTo("known customer"));
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"credit limit\"}")
                .post("/api/v1/orders/" + rejected + "/rejection").then().statusCode(200).body("status", equalTo("REJECTED"));
        as("demo-customer-service").contentType(ContentType.JSON).body("{\"reason\": \"not mine\"}")
                .post("/api/v1/orders/" + approved + "/rejection").then().statusCode(403);
    }

    @Test
    void badSubmissionsAreRefusedAndStoreNothing() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        long before = Database.count("select count(*) from fulfilment.orders");
        as(DESK).contentType(ContentType.JSON).body(Json.order("CUS-99999999", "PO-x", "EUR", Map.of("SKU-1", "1.00")))
                .post("/api/v1/orders").then().statusCode(404).body("code", equalTo("CUSTOMER_NOT_FOUND"));
        String mixed = Json.order(customer, "PO-mixed", "EUR", Map.of("SKU-1", "1.00", "SKU-2", "2.00"))
                .replaceFirst("\"EUR\"", "\"USD\"");
        as(DESK).contentType(ContentType.JSON).body(mixed).post("/api/v1/orders").then().statusCode(400)
                .body("code", equalTo("CURRENCY_MISMATCH"));
        as(DESK).contentType(ContentType.JSON).body(Json.order(customer, "PO-qty", "EUR", Map.of("SKU-1", "1.00"))
                .replace("\"quantity\": 2", "\"quantity\": 0")).post("/api/v1/orders").then().statusCode(400)
                .body("errors.field", hasItem("lines[0].quantity"));
        as(DESK).contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\", \"lines\": [")
                .post("/api/v1/orders")
                .then().statusCode(400).body("type", equalTo("https://busbar.io/problems/malformed-request"));
        assertThat(Database.count("select count(*) from fulfilment.orders")).isEqualTo(before);
        as(DESK).get("/api/v1/orders/ORD-99999999").then().statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
    }

    static String submit(String customer) {
        return as(DESK).contentType(ContentType.JSON)
                .body(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR", Map.of("SKU-7", "3.10")))
                .post("/api/v1/orders").then().statusCode(201).extract().path("orderId");
    }
}
