package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.contract.order.v1.OrderAccepted;
import io.busbar.contract.order.v1.OrderCompensationRequested;
import io.busbar.contract.order.v1.OrderInvoiced;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.bus.ProcessedMessages;

/**
 * The order fulfilment process on the bus. Each step consumes one queue and, in one XA transaction, reads the order,
 * changes the services' data and sends the next message:
 *
 * <pre>
 * order.submitted.v1 -> intake (credit check, validate, enrich, route) -> order.approval.v1 (a person approves or rejects)
 *                                                        -> order.accepted.v1 -> billing -> order.invoiced.v1
 *                                                        -> warehouse -> shipped | order.compensation.v1 -> compensation
 * every state change -> topic order.events.v1
 * </pre>
 *
 * Each step is an idempotent consumer keyed by the order id: a redelivered or re-sent message has no second effect.
 */
@ApplicationScoped
public class OrderRoutes extends RouteBuilder {

    public static final String SUBMITTED = "order-submitted";
    public static final String APPROVAL = "order-approval";
    public static final String ACCEPTED = "order-accepted";
    public static final String INVOICED = "order-invoiced";
    public static final String COMPENSATION = "order-compensation";

    @Inject
    ProcessedMessages processed;

    @Override
    public void configure() {
        from("jms:queue:{{busbar.queue.order-submitted}}?concurrentConsumers={{busbar.bus.consumers}}")
                .routeId("order-fulfilment-intake")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSteps", "read(*, " + OrderSubmitted.class.getName() + ")")
                // before the idempotency gate: an order that waits for the credit check comes back under the same id
                .bean("orderCreditCheck", "check").id("order-intake-credit-check")
                .filter(exchangeProperty(OrderCreditCheck.POSTPONED))
                .stop()
                .end()
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-intake"))
                .removeOnFailure(false)
                .bean("orderSteps", "enrich").id("order-intake-enrich")
                .choice()
                .when(method("orderSteps", "approvalReason").isNotEqualTo(""))
                .to("direct:order-intake-hold")
                .otherwise()
                .to("direct:order-intake-accept");

        // the branches run in the intake's transaction; failures go to its error policy untouched
        from("direct:order-intake-hold")
                .routeId("order-fulfilment-intake-hold")
                .errorHandler(noErrorHandler())
                .bean("orderSteps", "hold");

        from("direct:order-intake-accept")
                .routeId("order-fulfilment-intake-accept")
                .errorHandler(noErrorHandler())
                .bean("orderSteps", "accept");

        from("jms:queue:{{busbar.queue.order-accepted}}?concurrentConsumers={{busbar.bus.consumers}}")
                .routeId("order-fulfilment-billing")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSteps", "read(*, " + OrderAccepted.class.getName() + ")")
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-billing"))
                .removeOnFailure(false)
                .bean("orderSteps", "invoice");

        from("jms:queue:{{busbar.queue.order-invoiced}}?concurrentConsumers={{busbar.bus.consumers}}")
                .routeId("order-fulfilment-warehouse")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSteps", "read(*, " + OrderInvoiced.class.getName() + ")")
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-warehouse"))
                .removeOnFailure(false)
                .bean("orderSteps", "ship");

        from("jms:queue:{{busbar.queue.order-compensation}}?concurrentConsumers={{busbar.bus.consumers}}")
                .routeId("order-fulfilment-compensation")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSteps", "read(*, " + OrderCompensationRequested.class.getName() + ")")
                .idempotentConsumer(header(BusHeaders.ORDER_ID), processed.forConsumer("order-fulfilment-compensation"))
                .removeOnFailure(false)
                .bean("orderSteps", "compensate");
    }
}
