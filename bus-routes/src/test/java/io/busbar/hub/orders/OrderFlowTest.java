package io.busbar.hub.orders;

import static io.busbar.hub.testsupport.OrderProcess.awaitEvent;
import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.events;
import static io.busbar.hub.testsupport.OrderProcess.newCustomer;
import static io.busbar.hub.testsupport.OrderProcess.submit;
import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.billing.v1.InvoiceStatus;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.contract.order.v1.StatusChange;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.services.billing.BillingService;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The order fulfilment process on the real broker and PostgreSQL: every path an order can take, the events its
 * subscribers record (once each), idempotency, poison and invalid messages.
 */
@QuarkusTest
class OrderFlowTest {

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    FulfilmentService fulfilment;

    @Inject
    BillingService billing;

    @Inject
    OrderMessages messages;

    @ConfigProperty(name = "busbar.bus.delivery-attempts")
    int attempts;

    BusClient bus;

    @BeforeEach
    void connect() {
        bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void anOrderOfAnEstablishedCustomerIsAcceptedInvoicedAndShipped() {
        String customer = establishedCustomer();
        String correlation = "flow-" + UUID.randomUUID();
        String orderId = as("demo-order-desk").contentType(ContentType.JSON).header("X-Correlation-ID", correlation)
                .body(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR", Map.of("SKU-42", "19.99")))
                .post("/api/v1/orders").then().statusCode(201).extract().path("orderId");

        Order order = awaitStatus(orderId, OrderStatus.SHIPPED);
        assertThat(order.getStatusHistory()).extracting(StatusChange::getStatus).containsExactly(OrderStatus.SUBMITTED,
                OrderStatus.ACCEPTED, OrderStatus.INVOICED, OrderStatus.SHIPPED);
        assertThat(order.getShipment().getCarrier()).isEqualTo("BUSBAR-WAREHOUSE");
        assertThat(billing.invoiceOfOrder(orderId)).get().satisfies(invoice -> {
            assertThat(invoice.getInvoiceId()).isEqualTo(order.getInvoiceId());
            assertThat(invoice.getTotal().getAmount()).isEqualByComparingTo("39.98");
            assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.OPEN);
        });

        awaitEvent(orderId, "OrderShipped");
        for (String type : List.of("OrderAccepted", "OrderInvoiced", "OrderShipped")) {
            assertThat(events(orderId, type)).as(type).isOne();
        }
        assertThat(events(orderId, "OrderHeld")).isZero();
        assertThat(Database.text("select document from bus_analytics_event where order_id = ? and event_type = 'OrderShipped'",
                orderId)).contains("\"correlationId\":\"" + correlation + "\"").contains("\"status\":\"SHIPPED\"");
        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from bus_notification_log where order_id = ?", orderId) == 3);
        assertThat(Database.text("select message from bus_notification_log where order_id = ? and event_type = 'OrderShipped'",
                orderId)).isEqualTo("Your order " + orderId + " has shipped.");
    }

    @Test
    void theFirstOrderOfANewCustomerWaitsInTheApprovalQueueUntilApproved() throws JMSException {
        String orderId = submit(newCustomer(), "SKU-1", "5.00");
        Order held = awaitStatus(orderId, OrderStatus.PENDING_APPROVAL);
        assertThat(held.getStatusHistory().get(1).getReason()).isEqualTo("manual approval: new-customer");
        List<Message> waiting = bus.browse("order.approval.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'");
        assertThat(waiting).hasSize(1);
        assertThat(((TextMessage) waiting.get(0)).getText()).contains("orderHeld", "new-customer");

        as("demo-order-desk").contentType(ContentType.JSON).body("{\"comment\": \"checked by phone\"}")
                .post("/api/v1/orders/" + orderId + "/approval").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        assertThat(bus.browse("order.approval.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'")).as("left the queue")
                .isEmpty();
        Order shipped = awaitStatus(orderId, OrderStatus.SHIPPED);
        assertThat(shipped.getStatusHistory()).extracting(StatusChange::getStatus).containsExactly(OrderStatus.SUBMITTED,
                OrderStatus.PENDING_APPROVAL, OrderStatus.ACCEPTED, OrderStatus.INVOICED, OrderStatus.SHIPPED);
        awaitEvent(orderId, "OrderShipped");
        assertThat(events(orderId, "OrderHeld")).isOne();
        assertThat(events(orderId, "OrderAccepted")).isOne();
    }

    @Test
    void aLargeOrderIsHeldAndARejectedOneEndsThere() {
        String orderId = submit(establishedCustomer(), "SKU-BIG", "6000.00");
        Order held = awaitStatus(orderId, OrderStatus.PENDING_APPROVAL);
        assertThat(held.getStatusHistory().get(1).getReason()).isEqualTo("manual approval: large-order");
        as("demo-order-desk").contentType(ContentType.JSON).body("{\"reason\": \"credit limit exceeded\"}")
                .post("/api/v1/orders/" + orderId + "/rejection").then().statusCode(200);
        assertThat(bus.browse("order.approval.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'")).isEmpty();
        awaitEvent(orderId, "OrderRejected");
        assertThat(fulfilment.get(orderId).getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(billing.invoiceOfOrder(orderId)).isEmpty();
    }

    @Test
    void anOrderOfADeactivatedCustomerIsHeldAndCanBeCancelledWhileHeld() {
        String customer = establishedCustomer();
        as("demo-customer-service").contentType(ContentType.JSON).body("{\"reason\": \"account closed\"}")
                .post("/api/v1/customers/" + customer + "/deactivation").then().statusCode(200);
        String orderId = submit(customer, "SKU-2", "1.00");
        assertThat(awaitStatus(orderId, OrderStatus.PENDING_APPROVAL).getStatusHistory().get(1).getReason())
                .isEqualTo("manual approval: deactivated-customer");
        as("demo-order-desk").contentType(ContentType.JSON).body("{\"reason\": \"customer left\"}")
                .post("/api/v1/orders/" + orderId + "/cancellation").then().statusCode(200);
        assertThat(bus.browse("order.approval.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'")).isEmpty();
        awaitEvent(orderId, "OrderCancelled");
        assertThat(billing.invoiceOfOrder(orderId)).isEmpty();
    }

    @Test
    void whenTheWarehouseCannotFulfilAnInvoicedOrderTheInvoiceIsCreditedAndTheOrderCancelled() {
        String orderId = submit(establishedCustomer(), "OUT-OF-STOCK-7", "12.00");
        Order cancelled = awaitStatus(orderId, OrderStatus.CANCELLED);
        assertThat(cancelled.getStatusHistory()).extracting(StatusChange::getStatus).containsExactly(OrderStatus.SUBMITTED,
                OrderStatus.ACCEPTED, OrderStatus.INVOICED, OrderStatus.CANCELLED);
        assertThat(cancelled.getStatusHistory().get(3).getReason())
                .isEqualTo("warehouse cannot fulfil: OUT-OF-STOCK-7 is out of stock");
        assertThat(billing.invoiceOfOrder(orderId)).get().satisfies(invoice -> {
            assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.CREDITED);
            assertThat(invoice.getCreditNotes()).singleElement()
                    .satisfies(note -> assertThat(note.getAmount().getAmount()).isEqualByComparingTo("24.00"));
        });
        awaitEvent(orderId, "OrderCancelled");
        assertThat(
                Database.text("select document from bus_analytics_event where order_id = ? and event_type = 'OrderCancelled'",
                        orderId))
                .contains("\"creditNoteId\":\"CRN-");
        assertThat(events(orderId, "OrderShipped")).isZero();
    }

    @Test
    void cancellingAnInvoicedOrderCreditsItsInvoiceAndFreightShipmentsAreRecordedByHand() {
        String cancelled = submit(establishedCustomer(), "FREIGHT-PIANO", "900.00");
        awaitStatus(cancelled, OrderStatus.INVOICED);
        as("demo-order-desk").contentType(ContentType.JSON).body("{\"reason\": \"customer changed mind\"}")
                .post("/api/v1/orders/" + cancelled + "/cancellation").then().statusCode(200);
        await().atMost(OrderProcess.PATIENCE)
                .until(() -> billing.invoiceOfOrder(cancelled).orElseThrow().getStatus() == InvoiceStatus.CREDITED);
        awaitEvent(cancelled, "OrderCancelled");
        assertThat(events(cancelled, "OrderCancelled")).isOne();

        String shipped = submit(establishedCustomer(), "FREIGHT-ORGAN", "1500.00");
        awaitStatus(shipped, OrderStatus.INVOICED);
        as("demo-order-desk").contentType(ContentType.JSON).body("{\"carrier\": \"Freight Co\", \"trackingNumber\": \"FC-1\"}")
                .post("/api/v1/orders/" + shipped + "/shipment").then().statusCode(200).body("status", equalTo("SHIPPED"));
    }

    @Test
    void theSameMessageDeliveredTwiceHasOneEffect() throws Exception {
        String customer = establishedCustomer();
        String orderId = submit(customer, "SKU-3", "2.00");
        awaitStatus(orderId, OrderStatus.SHIPPED);
        awaitEvent(orderId, "OrderShipped");
        Order order = fulfilment.get(orderId);
        OrderSubmitted copy = OrderMessages.event(new OrderSubmitted(), order, "resent-" + UUID.randomUUID());
        order.setStatus(OrderStatus.SUBMITTED);
        copy.setOrder(order);
        String resent = bus.send("order.submitted.v1", messages.write(copy), Map.of(BusHeaders.ORDER_ID, orderId));
        String probe = submit(customer, "SKU-4", "2.00");
        awaitStatus(probe, OrderStatus.SHIPPED);

        assertThat(bus.browse("order.submitted.v1", null)).extracting(Message::getJMSMessageID).doesNotContain(resent);
        assertThat(fulfilment.get(orderId).getStatusHistory()).hasSize(4);
        assertThat(Database.count("select count(*) from billing.invoice where order_id = ?", orderId)).isOne();
        for (String type : List.of("OrderAccepted", "OrderInvoiced", "OrderShipped")) {
            assertThat(events(orderId, type)).as(type).isOne();
        }
        assertThat(Database.count("select count(*) from bus_processed_message where message_key = ?", orderId)).isEqualTo(3);
    }

    @Test
    void aPoisonMessageIsParkedAfterExactlyTheConfiguredAttemptsWhileOthersFlow() throws JMSException {
        Order ghost = fulfilment.get(submit(establishedCustomer(), "SKU-5", "1.00"));
        ghost.setOrderId("ORD-99999999");
        OrderSubmitted poison = OrderMessages.event(new OrderSubmitted(), ghost, "poison-" + UUID.randomUUID());
        poison.setOrder(ghost);
        Map<String, Object> headers = new java.util.HashMap<>(OrderBus.headers(poison));
        headers.put("probe", poison.getCorrelationId());
        bus.send("order.submitted.v1", messages.write(poison), headers);
        String good = submit(establishedCustomer(), "SKU-6", "1.00");

        awaitStatus(good, OrderStatus.SHIPPED);
        await().atMost(OrderProcess.PATIENCE).until(() -> !bus.browse("DLQ.order.submitted.v1",
                "probe = '" + poison.getCorrelationId() + "'").isEmpty());
        Message parked = bus.browse("DLQ.order.submitted.v1", "probe = '" + poison.getCorrelationId() + "'").get(0);
        assertThat(parked.getStringProperty(BusHeaders.REASON)).isEqualTo("NotFound: no order ORD-99999999");
        assertThat(parked.getIntProperty(BusHeaders.ATTEMPTS)).isEqualTo(attempts);
        assertThat(parked.getStringProperty(BusHeaders.ROUTE)).isEqualTo("order-fulfilment-intake");
        assertThat(parked.getStringProperty(BusHeaders.CORRELATION_ID)).isEqualTo(poison.getCorrelationId());
    }

    @Test
    void aMessageThatBreaksTheSchemaIsParkedAsInvalidAtOnce() throws JMSException {
        String probe = UUID.randomUUID().toString();
        bus.send("order.submitted.v1", "<orderSubmitted xmlns=\"http://busbar.io/schema/order/v1\"><eventId>x</eventId>"
                + "</orderSubmitted>", Map.of("probe", probe));
        await().atMost(OrderProcess.PATIENCE)
                .until(() -> !bus.browse("invalid.order.submitted.v1", "probe = '" + probe + "'").isEmpty());
        Message parked = bus.browse("invalid.order.submitted.v1", "probe = '" + probe + "'").get(0);
        assertThat(parked.getStringProperty(BusHeaders.REASON)).startsWith("not a valid OrderSubmitted:");
        assertThat(parked.getIntProperty(BusHeaders.ATTEMPTS)).isOne();
    }
}
