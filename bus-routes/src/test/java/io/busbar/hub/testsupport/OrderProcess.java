package io.busbar.hub.testsupport;

import static io.busbar.hub.testsupport.RestContract.as;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;

/** Drives and observes the order process on the bus from a component test. */
public final class OrderProcess {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private OrderProcess() {
    }

    /** A customer registered long enough ago not to count as new for the routing rules. */
    public static String establishedCustomer() {
        String id = as("demo-customer-service").contentType(ContentType.JSON)
                .body(Json.customer("Established " + UUID.randomUUID(),
                        Json.uniqueEmail()))
                .post("/api/v1/customers").then().statusCode(201).extract().path("customerId");
        Database.update("update customer.customer set created_at = created_at - interval '90 days' where customer_id = ?", id);
        return id;
    }

    /** A customer registered just now: their first order waits for manual approval. */
    public static String newCustomer() {
        return as("demo-customer-service").contentType(ContentType.JSON).body(Json.customer("New " + UUID.randomUUID(),
                Json.uniqueEmail())).post("/api/v1/customers").then().statusCode(201).extract().path("customerId");
    }

    /** Submits over REST; returns the order id. */
    public static String submit(String customer, String sku, String unitPrice) {
        return as("demo-order-desk").contentType(ContentType.JSON)
                .body(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR", Map.of(sku, unitPrice)))
                .post("/api/v1/orders").then().statusCode(201).extract().path("orderId");
    }

    public static Order awaitStatus(String orderId, OrderStatus status) {
        FulfilmentService fulfilment = Arc.container().instance(FulfilmentService.class).get();
        await().atMost(PATIENCE).until(() -> fulfilment.get(orderId).getStatus() == status);
        return fulfilment.get(orderId);
    }

    /** Events about the order the analytics subscriber recorded, by type. */
    public static long events(String orderId, String type) {
        return Database.count("select count(*) from bus_analytics_event where order_id = ? and event_type = ?", orderId, type);
    }

    public static void awaitEvent(String orderId, String type) {
        await().atMost(PATIENCE).until(() -> events(orderId, type) > 0);
    }
}
