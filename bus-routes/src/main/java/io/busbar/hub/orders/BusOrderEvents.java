package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ConsumerTemplate;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderAccepted;
import io.busbar.contract.order.v1.OrderCancelled;
import io.busbar.contract.order.v1.OrderCompensationRequested;
import io.busbar.contract.order.v1.OrderRejected;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.services.fulfilment.OrderEvents;

/**
 * Publishes the fulfilment service's events on the bus as canonical XML, inside the caller's transaction: the order
 * change and its messages commit together (XA) or not at all.
 */
@ApplicationScoped
public class BusOrderEvents implements OrderEvents {

    @Inject
    OrderBus bus;

    @Inject
    ConsumerTemplate consumer;

    @Override
    public void submitted(Order order, String correlationId) {
        OrderSubmitted event = OrderMessages.event(new OrderSubmitted(), order, correlationId);
        event.setOrder(order);
        bus.send(OrderAddresses.SUBMITTED, event);
    }

    @Override
    public void approved(Order order, String correlationId, String comment) {
        takeFromApprovalQueue(order.getOrderId());
        OrderAccepted event = OrderMessages.event(new OrderAccepted(), order, correlationId);
        event.setOrder(order);
        event.setReason(comment == null ? "approved" : comment);
        bus.send(OrderAddresses.ACCEPTED, event);
        bus.send(OrderAddresses.EVENTS, event);
    }

    @Override
    public void rejected(Order order, String correlationId, String reason) {
        takeFromApprovalQueue(order.getOrderId());
        OrderRejected event = OrderMessages.event(new OrderRejected(), order, correlationId);
        event.setOrder(order);
        event.setReason(reason);
        bus.send(OrderAddresses.EVENTS, event);
    }

    /** An invoiced order is credited by compensation, which then announces the cancellation; others are announced now. */
    @Override
    public void cancelled(Order order, String correlationId, OrderStatus previous, String reason) {
        if (previous == OrderStatus.PENDING_APPROVAL) {
            takeFromApprovalQueue(order.getOrderId());
        }
        if (previous == OrderStatus.INVOICED) {
            OrderCompensationRequested command = OrderMessages.event(new OrderCompensationRequested(), order, correlationId);
            command.setOrder(order);
            command.setReason(reason);
            bus.send(OrderAddresses.COMPENSATION, command);
            return;
        }
        OrderCancelled event = OrderMessages.event(new OrderCancelled(), order, correlationId);
        event.setOrder(order);
        event.setReason(reason);
        bus.send(OrderAddresses.EVENTS, event);
    }

    /** The approval queue holds exactly the orders waiting for a person: a decided order leaves it in the same transaction. */
    private void takeFromApprovalQueue(String orderId) {
        consumer.receiveNoWait(OrderAddresses.APPROVAL.uri("selector=RAW(" + BusHeaders.ORDER_ID + "='" + orderId + "')"));
    }
}
