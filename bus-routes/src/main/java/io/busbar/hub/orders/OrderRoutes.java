package io.busbar.hub.orders;

import static io.busbar.hub.orders.OrderAddresses.ACCEPTED;
import static io.busbar.hub.orders.OrderAddresses.APPROVAL;
import static io.busbar.hub.orders.OrderAddresses.COMPENSATION;
import static io.busbar.hub.orders.OrderAddresses.EVENTS;
import static io.busbar.hub.orders.OrderAddresses.INVOICED;
import static io.busbar.hub.orders.OrderAddresses.SUBMITTED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import io.busbar.contract.order.v1.OrderAccepted;
import io.busbar.contract.order.v1.OrderCompensationRequested;
import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.contract.order.v1.OrderInvoiced;
import io.busbar.contract.order.v1.OrderShipped;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.BusAddress;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.bus.ProcessedMessages;

/**
 * The order fulfilment process on the bus. Each step route reads as its hop: it consumes its queue, runs its step
 * ({@link OrderSteps}: takes the event, returns the next one) and sends the next event to the next queue and to the
 * order events topic, all in one XA transaction:
 *
 * <pre>
 * order.submitted.v1 -> intake (credit check, validate, enrich, route) -> order.approval.v1 (a person approves or rejects)
 *                                                        -> order.accepted.v1 -> billing -> order.invoiced.v1
 *                                                        -> warehouse -> shipped | order.compensation.v1 -> compensation
 * every state change -> topic order.events.v1
 * </pre>
 *
 * Each step is an idempotent consumer keyed by the order id: a redelivered or re-sent message has no second effect. A
 * step that finds the order moved on returns nothing, and its route sends nothing.
 */
@ApplicationScoped
public class OrderRoutes extends RouteBuilder {

    static final String CONSUMERS = "concurrentConsumers={{busbar.bus.consumers}}";

    @Inject
    ProcessedMessages processed;

    @Override
    public void configure() {
        step(SUBMITTED, "order-fulfilment-intake", OrderSubmitted.class)
                // before the idempotency gate: an order that waits for the credit check comes back under the same id
                .bean("orderCreditCheck", "check").id("order-intake-credit-check")
                .filter(exchangeProperty(OrderCreditCheck.POSTPONED))
                .stop()
                .end()
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-intake"))
                .removeOnFailure(false)
                .bean("orderSteps", "enrich").id("order-intake-enrich")
                .setHeader(OrderSteps.APPROVAL_REASON, method("orderSteps", "approvalReason"))
                .choice()
                .when(header(OrderSteps.APPROVAL_REASON).isNotEqualTo(""))
                .bean("orderSteps", "hold").id("order-intake-hold")
                .filter(body().isNotNull())
                .bean("orderBus", "message")
                .to(APPROVAL.uri())
                .to(EVENTS.uri())
                .endChoice()
                .otherwise()
                .bean("orderSteps", "accept").id("order-intake-accept")
                .filter(body().isNotNull())
                .bean("orderBus", "message")
                .to(ACCEPTED.uri())
                .to(EVENTS.uri());

        step(ACCEPTED, "order-fulfilment-billing", OrderAccepted.class)
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-billing"))
                .removeOnFailure(false)
                .bean("orderSteps", "invoice").id("order-billing-invoice")
                .filter(body().isNotNull())
                .bean("orderBus", "message")
                .to(INVOICED.uri())
                .to(EVENTS.uri());

        step(INVOICED, "order-fulfilment-warehouse", OrderInvoiced.class)
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-warehouse"))
                .removeOnFailure(false)
                .bean("orderSteps", "ship").id("order-warehouse-ship")
                .choice()
                .when(body().isInstanceOf(OrderCompensationRequested.class))
                .bean("orderBus", "message")
                .to(COMPENSATION.uri())
                .when(body().isInstanceOf(OrderShipped.class))
                .bean("orderBus", "message")
                .to(EVENTS.uri());

        step(COMPENSATION, "order-fulfilment-compensation", OrderCompensationRequested.class)
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-compensation"))
                .removeOnFailure(false)
                .bean("orderSteps", "compensate").id("order-compensation-compensate")
                .bean("orderBus", "message")
                .to(EVENTS.uri());
    }

    /** A step route: consumes its queue in the bus's XA transaction and reads the event the queue carries. */
    private RouteDefinition step(BusAddress input, String routeId, Class<? extends OrderEvent> event) {
        return from(input.uri(CONSUMERS))
                .routeId(routeId)
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSteps", "read(*, " + event.getName() + ")");
    }
}
