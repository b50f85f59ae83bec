package io.busbar.hub.services;

import static io.busbar.hub.testsupport.OrderProcess.awaitEvent;
import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.newCustomer;
import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The order fulfilment service's REST door over real HTTP, every response checked against the served OpenAPI
 * document. Orders live on the bus meanwhile: a new customer's first order waits for approval, others flow on.
 */
@QuarkusTest
class OrderRestTest {

    static final String DESK = "demo-order-desk";

    @Test
    void submittingPublishesTheOrderWithTheCallersCorrelationIdAndResubmittingIsIdempotent() {
        String customer = newCustomer();
        String reference = "PO-" + UUID.randomUUID();
        String body = Json.order(customer, reference, "EUR", Map.of("SKU-1", "12.50"));
        String correlation = "corr-" + UUID.randomUUID();
        String order = as(DESK).contentType(ContentType.JSON).header("X-Correlation-ID", correlation).body(body)
                .post("/api/v1/orders").then().statusCode(201).header("X-Correlation-ID", correlation)
                .body("status", equalTo("SUBMITTED")).body("total.amount", equalTo("25.00"))
                .body("statusHistory", hasSize(1)).body("statusHistory[0].changedBy", equalTo(DESK))
                .extract().path("orderId");

        // the bus picked the order up from order.submitted.v1 and held it, carrying the caller's correlation id
        awaitStatus(order, OrderStatus.PENDING_APPROVAL);
        awaitEvent(order, "OrderHeld");
        assertThat(Database.text("select document from bus_analytics_event where order_id = ? and event_type = 'OrderHeld'",
                order)).contains("\"correlationId\":\"" + correlation + "\"", "\"customerId\":\"" + customer + "\"");

        as(DESK).contentType(ContentType.JSON).body(body).post("/api/v1/orders").then().statusCode(200)
                .body("orderId", equalTo(order));
        as(DESK).contentType(ContentType.JSON).body(Json.order(customer, reference, "EUR", Map.of("SKU-2", "1.00")))
                .post("/api/v1/orders").then().statusCode(409).body("code", equalTo("REFERENCE_IN_USE"));
        assertThat(Database.count("select count(*) from fulfilment.orders where customer_reference = ?", reference)).isOne();
    }

    @Test
    void readListCancel() {
        String customer = newCustomer();
        String held = submit(customer, "SKU-7");
        awaitStatus(held, OrderStatus.PENDING_APPROVAL);
        String flowing = submit(customer, "SKU-8");
        awaitStatus(flowing, OrderStatus.SHIPPED);
        as("demo-billing").get("/api/v1/orders/" + held).then().statusCode(200).header("ETag", "\"1\"")
                .body("customerId", equalTo(customer)).body("lines[0].sku", equalTo("SKU-7"))
                .body("statusHistory.status", equalTo(List.of("SUBMITTED", "PENDING_APPROVAL")));
        as(DESK).queryParam("customerId", customer).get("/api/v1/orders").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items[0].orderId", equalTo(flowing));
        as(DESK).contentType(ContentType.JSON).header("If-Match", "\"9\"").body("{\"reason\": \"stale\"}")
                .post("/api/v1/orders/" + held + "/cancellation").then().statusCode(412);
        as(DESK).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"reason\": \"customer changed mind\"}")
                .post("/api/v1/orders/" + held + "/cancellation").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("statusHistory[2].reason", equalTo("customer changed mind"));
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"again\"}").post("/api/v1/orders/" + held + "/cancellation")
                .then().statusCode(409).body("code", equalTo("NOT_CANCELLABLE"));
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"too late\"}")
                .post("/api/v1/orders/" + flowing + "/cancellation")
                .then().statusCode(409).body("code", equalTo("ALREADY_SHIPPED"));
        as(DESK).queryParam("customerId", customer).queryParam("status", "CANCELLED").get("/api/v1/orders").then()
                .body("items", hasSize(1)).body("items[0].orderId", equalTo(held));
    }

    @Test
    void onlyInvoicedOrdersShipAndTheFreightDeskRecordsItsShipments() {
        String order = submit(establishedCustomer(), "FREIGHT-CRATE");
        String shipment = "{\"carrier\": \"DHL Freight\", \"trackingNumber\": \"JD0001\"}";
        awaitStatus(order, OrderStatus.INVOICED);
        as(DESK).contentType(ContentType.JSON).body(shipment).post("/api/v1/orders/" + order + "/shipment").then()
                .statusCode(200).body("status", equalTo("SHIPPED")).body("shipment.carrier", equalTo("DHL Freight"))
                .body("statusHistory.status", equalTo(List.of("SUBMITTED", "ACCEPTED", "INVOICED", "SHIPPED")));
        as(DESK).contentType(ContentType.JSON).body(shipment).post("/api/v1/orders/" + order + "/shipment").then()
                .statusCode(409).body("code", equalTo("NOT_SHIPPABLE"));
    }

    @Test
    void approvalAndRejectionOfHeldOrders() {
        String approved = submit(newCustomer(), "SKU-9");
        String rejected = submit(newCustomer(), "SKU-10");
        awaitStatus(approved, OrderStatus.PENDING_APPROVAL);
        awaitStatus(rejected, OrderStatus.PENDING_APPROVAL);
        as(DESK).contentType(ContentType.JSON).body("{\"comment\": \"known customer\"}")
                .post("/api/v1/orders/" + approved + "/approval").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("statusHistory[2].reason", equalTo("known customer"));
        as(DESK).contentType(ContentType.JSON).body("{}").post("/api/v1/orders/" + approved + "/approval").then()
                .statusCode(409).body("code", equalTo("NOT_PENDING_APPROVAL"));
        as("demo-customer-service").contentType(ContentType.JSON).body("{\"reason\": \"not mine\"}")
                .post("/api/v1/orders/" + rejected + "/rejection").then().statusCode(403);
        as(DESK).contentType(ContentType.JSON).body("{\"reason\": \"credit limit\"}")
                .post("/api/v1/orders/" + rejected + "/rejection").then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void badSubmissionsAreRefusedAndStoreNothing() {
        String customer = newCustomer();
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

    static String submit(String customer, String sku) {
        return as(DESK).contentType(ContentType.JSON)
                .body(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR", Map.of(sku, "3.10")))
                .post("/api/v1/orders").then().statusCode(201).extract().path("orderId");
    }
}
