package io.busbar.hub.services;

import static io.busbar.hub.testsupport.SoapClients.soap11;
import static io.busbar.hub.testsupport.SoapClients.soap12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.busbar.contract.fulfilment.service.v1.AccessDeniedFault;
import io.busbar.contract.fulfilment.service.v1.ApproveOrder;
import io.busbar.contract.fulfilment.service.v1.CancelOrder;
import io.busbar.contract.fulfilment.service.v1.ConflictFault;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.GetOrder;
import io.busbar.contract.fulfilment.service.v1.InvalidRequestFault;
import io.busbar.contract.fulfilment.service.v1.ListCustomerOrders;
import io.busbar.contract.fulfilment.service.v1.NotFoundFault;
import io.busbar.contract.fulfilment.service.v1.RecordShipment;
import io.busbar.contract.fulfilment.service.v1.RejectOrder;
import io.busbar.contract.fulfilment.service.v1.SubmitOrder;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderLineData;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.ShipmentData;
import io.busbar.contract.order.v1.StatusChange;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;

/** The order fulfilment service's SOAP door (1.1 and 1.2) over real HTTP with WS-Security, every operation and fault. */
@QuarkusTest
class FulfilmentSoapTest {

    static final String DESK = "demo-order-desk";

    final FulfilmentServicePortType soap11 = soap11(FulfilmentServicePortType.class, "fulfilment", DESK);
    final FulfilmentServicePortType soap12 = soap12(FulfilmentServicePortType.class, "fulfilment", DESK);

    @Test
    void everyOperationOverBothSoapVersions() throws Exception {
        String customer = OrderProcess.newCustomer();
        SubmitOrder submit = submit(customer, "FREIGHT-100", "4.25");
        Order order = soap11.submitOrder(submit).getOrder();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(order.getTotal().getAmount()).isEqualByComparingTo("12.75");
        assertThat(soap12.submitOrder(submit).getOrder().getOrderId()).as("resubmission").isEqualTo(order.getOrderId());
        OrderProcess.awaitStatus(order.getOrderId(), OrderStatus.PENDING_APPROVAL);

        GetOrder get = new GetOrder();
        get.setOrderId(order.getOrderId());
        Order held = soap12.getOrder(get).getOrder();
        assertThat(held.getStatusHistory()).extracting(StatusChange::getStatus).containsExactly(OrderStatus.SUBMITTED,
                OrderStatus.PENDING_APPROVAL);

        ListCustomerOrders list = new ListCustomerOrders();
        list.setCustomerId(customer);
        assertThat(soap11.listCustomerOrders(list).getOrders()).extracting(Order::getOrderId)
                .containsExactly(order.getOrderId());

        RecordShipment ship = new RecordShipment();
        ship.setOrderId(order.getOrderId());
        ShipmentData shipment = new ShipmentData();
        shipment.setCarrier("UPS Freight");
        shipment.setTrackingNumber("1Z999");
        ship.setShipment(shipment);
        assertThat(catchThrowableOfType(ConflictFault.class, () -> soap11.recordShipment(ship)).getFaultInfo().getCode())
                .isEqualTo("NOT_SHIPPABLE");

        ApproveOrder approve = new ApproveOrder();
        approve.setOrderId(order.getOrderId());
        assertThat(soap12.approveOrder(approve).getOrder().getStatus()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(catchThrowableOfType(ConflictFault.class, () -> soap11.approveOrder(approve)).getFaultInfo().getCode())
                .isEqualTo("NOT_PENDING_APPROVAL");
        OrderProcess.awaitStatus(order.getOrderId(), OrderStatus.INVOICED);
        Order shipped = soap12.recordShipment(ship).getOrder();
        assertThat(shipped.getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.getShipment().getShipmentId()).matches("SHP-\\d{8}");
        assertThat(shipped.getStatusHistory()).extracting(StatusChange::getStatus).containsExactly(OrderStatus.SUBMITTED,
                OrderStatus.PENDING_APPROVAL, OrderStatus.ACCEPTED, OrderStatus.INVOICED, OrderStatus.SHIPPED);

        CancelOrder cancelShipped = new CancelOrder();
        cancelShipped.setOrderId(order.getOrderId());
        cancelShipped.setReason("too late");
        assertThat(catchThrowableOfType(ConflictFault.class, () -> soap11.cancelOrder(cancelShipped)).getFaultInfo().getCode())
                .isEqualTo("ALREADY_SHIPPED");

        Order rejected = soap11.submitOrder(submit(OrderProcess.newCustomer(), "SKU-400", "1.00")).getOrder();
        Order cancelled = soap11.submitOrder(submit(OrderProcess.newCustomer(), "SKU-200", "1.00")).getOrder();
        OrderProcess.awaitStatus(rejected.getOrderId(), OrderStatus.PENDING_APPROVAL);
        OrderProcess.awaitStatus(cancelled.getOrderId(), OrderStatus.PENDING_APPROVAL);
        RejectOrder reject = new RejectOrder();
        reject.setOrderId(rejected.getOrderId());
        reject.setReason("fraud check");
        Order rejectedOrder = soap11.rejectOrder(reject).getOrder();
        assertThat(rejectedOrder.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejectedOrder.getStatusHistory()).last().extracting(StatusChange::getReason).isEqualTo("fraud check");
        CancelOrder cancel = new CancelOrder();
        cancel.setOrderId(cancelled.getOrderId());
        cancel.setReason("no longer needed");
        assertThat(soap12.cancelOrder(cancel).getOrder().getStatus()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void everyDeclaredFault() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        GetOrder get = new GetOrder();
        get.setOrderId("ORD-99999996");
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> soap11.getOrder(get)).getFaultInfo().getCode())
                .isEqualTo("ORDER_NOT_FOUND");
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> soap12.submitOrder(submit("CUS-99999996", "SKU-1", "1.00")))
                .getFaultInfo().getCode()).isEqualTo("CUSTOMER_NOT_FOUND");
        SubmitOrder noLines = submit(customer, "SKU-1", "1.00");
        noLines.getOrder().getLines().clear();
        assertThat(catchThrowableOfType(InvalidRequestFault.class, () -> soap11.submitOrder(noLines)).getFaultInfo().getCode())
                .isEqualTo("SCHEMA_VIOLATION");
        SubmitOrder reused = submit(customer, "SKU-1", "1.00");
        try {
            soap11.submitOrder(reused);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        reused.getOrder().getLines().get(0).setQuantity(9);
        assertThat(catchThrowableOfType(ConflictFault.class, () -> soap11.submitOrder(reused)).getFaultInfo().getCode())
                .isEqualTo("REFERENCE_IN_USE");
        FulfilmentServicePortType billing = soap11(FulfilmentServicePortType.class, "fulfilment", "demo-billing");
        assertThat(catchThrowableOfType(AccessDeniedFault.class, () -> billing.submitOrder(submit(customer, "SKU-1", "1.00"))))
                .isNotNull();
    }

    static SubmitOrder submit(String customer, String sku, String price) {
        OrderSubmission submission = new OrderSubmission();
        submission.setCustomerId(customer);
        submission.setCustomerReference("PO-" + UUID.randomUUID());
        OrderLineData line = new OrderLineData();
        line.setSku(sku);
        line.setDescription("Punched card reader");
        line.setQuantity(3);
        line.setUnitPrice(BillingSoapTest.money(price, "USD"));
        submission.getLines().add(line);
        SubmitOrder request = new SubmitOrder();
        request.setOrder(submission);
        return request;
    }
}
