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
import io.busbar.hub.infra.HubConfig;
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

    @Inject
    HubConfig config;

    @Override
    public void submitted(Order order, String correlationId) {
        OrderSubmitted event = OrderMessages.event(new OrderSubmitted(), order, correlationId);
        event.setOrder(order);
        bus.toQueue(OrderRoutes.SUBMITTED, event);
    }

    @Override
    public void approved(Order order, String correlationId, String comment) {
        takeFromApprovalQueue(order.getOrderId());
        OrderAccepted event = OrderMessages.event(new OrderAccepted(), order, correlationId);
        event.setOrder(order);
        event.setReason(comment == null ? "approved" : comment);
        bus.toQueue(OrderRoutes.ACCEPTED, event);
        bus.publish(event);
    }

    @Override
    public void rejected(Order order, String correlationId, String reason) {
        takeFromApprovalQueue(order.getOrderId());
        OrderRejected event = OrderMessages.event(new OrderRejected(), order, correlationId);
        event.setOrder(order);
        event.setReason(reason);
        bus.publish(event);
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
            bus.toQueue(OrderRoutes.COMPENSATION, command);
            return;
        }
        OrderCancelled event = OrderMessages.event(new OrderCancelled(), order, correlationId);
        event.setOrder(order);
        event.setReason(reason);
        bus.publish(event);
    }

    /** The approval queue holds exactly the orders waiting for a person: a decided order leaves it in the same transaction. */
    private void takeFromApprovalQueue(String orderId) {
        consumer.receiveNoWait("jms:queue:" + config.queue().get(OrderRoutes.APPROVAL) + "?selector=RAW("
                + BusHeaders.ORDER_ID + "='" + orderId + "')");
    }
}
