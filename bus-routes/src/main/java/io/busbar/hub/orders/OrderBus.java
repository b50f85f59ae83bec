package io.busbar.hub.orders;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.hub.bus.BusAddress;
import io.busbar.hub.bus.BusHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * Order messages on the bus, with the headers every hop carries (correlation id, order and customer, event type and
 * id). The step routes send with {@code .to(...)} after {@link #message(Exchange)} has written the step's next event
 * as the message; the services' doors (a REST or SOAP request, a person's approval) send with
 * {@link #send(BusAddress, OrderEvent)}, inside the caller's transaction.
 */
@ApplicationScoped
@Named("orderBus")
public class OrderBus {

    @Inject
    ProducerTemplate producer;

    @Inject
    OrderMessages messages;

    @Inject
    CamelContext camel;

    private final Map<BusAddress, Endpoint> endpoints = new ConcurrentHashMap<>();

    @Inject
    OpenTelemetry telemetry;

    /**
     * The exchange's body, an order event a step returned, becomes the message to send: its XML and its headers, and
     * nothing else of the message consumed (the consumed message's headers stay off the hub's sends, as they always
     * were).
     */
    public void message(Exchange exchange) {
        Message in = exchange.getIn();
        OrderEvent event = in.getBody(OrderEvent.class);
        in.removeHeaders("*");
        in.setHeaders(headers(event));
        in.setBody(messages.write(event));
    }

    /** From a door: sends the event to this address in the caller's transaction, continuing the caller's trace. */
    public void send(BusAddress address, OrderEvent event) {
        producer.sendBodyAndHeaders(endpoint(address), messages.write(event), traced(headers(event)));
    }

    /**
     * The address's endpoint, resolved once: resolving the URI's placeholder through the configuration on every send
     * took 40 % of the REST door's CPU (Camel's MicroProfile properties source reads the property anew each time).
     */
    private Endpoint endpoint(BusAddress address) {
        return endpoints.computeIfAbsent(address, a -> camel.getEndpoint(a.uri()));
    }

    /**
     * A message sent from inside a request continues its trace (when tracing is on): the current span's context goes
     * along as the W3C traceparent property, from which the JMS hop's span and the consumer's continue. (Route sends
     * need none of this: Camel's tracing does it for every {@code .to}.)
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
}
