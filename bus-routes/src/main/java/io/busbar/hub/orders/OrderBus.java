package io.busbar.hub.orders;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;

import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * Sends order messages on the bus with the headers every hop carries (correlation id, order and customer, event type
 * and id), inside the caller's transaction: a command to the queue of the next step, and the same event to the order
 * events topic for its subscribers.
 */
@ApplicationScoped
public class OrderBus {

    public static final String EVENTS = "order-events";

    @Inject
    ProducerTemplate producer;

    @Inject
    HubConfig config;

    @Inject
    OrderMessages messages;

    @Inject
    OpenTelemetry telemetry;

    /** Sends the event to the queue with this role ({@code busbar.queue.<role>}). */
    public void toQueue(String role, OrderEvent event) {
        producer.sendBodyAndHeaders("jms:queue:" + name(config.queue().get(role), role), messages.write(event),
                traced(headers(event)));
    }

    /** Publishes the event to the order events topic. */
    public void publish(OrderEvent event) {
        producer.sendBodyAndHeaders("jms:topic:" + name(config.topic().get(EVENTS), EVENTS), messages.write(event),
                traced(headers(event)));
    }

    /**
     * A message sent from inside a request or a route continues its trace (when tracing is on): the current span's
     * context goes along as the W3C traceparent property, from which the JMS hop's span and the consumer's continue.
     */
    private Map<String, Object> traced(Map<String, Object> headers) {
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
        return headers;
    }

    public static Map<String, Object> headers(OrderEvent event) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(BusHeaders.CORRELATION_ID, event.getCorrelationId());
        headers.put("JMSCorrelationID", event.getCorrelationId());
        headers.put(BusHeaders.ORDER_ID, event.getOrderId());
        headers.put(BusHeaders.CUSTOMER_ID, event.getCustomerId());
        headers.put(BusHeaders.EVENT_TYPE, event.getClass().getSimpleName());
        headers.put(BusHeaders.EVENT_ID, event.getEventId());
        return headers;
    }

    private static String name(String configured, String role) {
        if (configured == null) {
            throw new IllegalStateException("no bus address configured for " + role);
        }
        return configured;
    }
}
