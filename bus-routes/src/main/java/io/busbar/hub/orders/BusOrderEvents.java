package io.busbar.hub.orders;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

import org.apache.camel.ProducerTemplate;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubConfig;
import io.busbar.services.common.Correlation;
import io.busbar.services.fulfilment.OrderEvents;

/**
 * Publishes the fulfilment service's events on the bus as canonical XML, inside the caller's transaction: the order
 * row and the message commit together (XA) or not at all.
 */
@ApplicationScoped
public class BusOrderEvents implements OrderEvents {

    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(OrderSubmitted.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Inject
    ProducerTemplate producer;

    @Inject
    HubConfig config;

    @Inject
    Correlation correlation;

    @Override
    public void submitted(Order order) {
        OrderSubmitted event = new OrderSubmitted();
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(OffsetDateTime.now(ZoneOffset.UTC));
        event.setOrderId(order.getOrderId());
        event.setCustomerId(order.getCustomerId());
        event.setCorrelationId(correlationId());
        event.setOrder(order);
        producer.sendBodyAndHeaders("jms:queue:" + config.queue().get("order-submitted"), xml(event), Map.of(
                BusHeaders.CORRELATION_ID, event.getCorrelationId(),
                BusHeaders.ORDER_ID, order.getOrderId(),
                BusHeaders.CUSTOMER_ID, order.getCustomerId(),
                BusHeaders.EVENT_TYPE, "OrderSubmitted",
                "JMSCorrelationID", event.getCorrelationId()));
    }

    private String correlationId() {
        try {
            return correlation.id();
        } catch (ContextNotActiveException e) {
            return UUID.randomUUID().toString();
        }
    }

    static String xml(Object event) {
        try {
            Marshaller marshaller = JAXB.createMarshaller();
            StringWriter out = new StringWriter();
            marshaller.marshal(event, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }
}
