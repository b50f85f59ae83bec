package io.busbar.hub.orders;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.hub.bus.InvalidMessageException;

/**
 * The canonical order messages of the bus as XML: read with schema validation (a message that breaks the schema is
 * invalid, never half-read), written with JAXB.
 */
@ApplicationScoped
@Named("orderMessages")
public class OrderMessages {

    private static final JAXBContext JAXB;
    private static final Schema SCHEMA;

    static {
        try {
            JAXB = JAXBContext.newInstance(io.busbar.contract.order.v1.ObjectFactory.class);
            URL xsd = OrderMessages.class.getClassLoader().getResource("busbar/contracts/v1/xsd/order.xsd");
            SCHEMA = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (JAXBException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reads a canonical order message of the expected type; anything else is an invalid message. */
    public <T> T read(String xml, Class<T> type) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidMessageException("empty message: expected " + type.getSimpleName());
        }
        try {
            Unmarshaller unmarshaller = JAXB.createUnmarshaller();
            unmarshaller.setSchema(SCHEMA);
            Object read = unmarshaller.unmarshal(new StreamSource(new StringReader(xml)));
            Object value = read instanceof JAXBElement<?> element ? element.getValue() : read;
            if (!type.isInstance(value)) {
                throw new InvalidMessageException(
                        "expected " + type.getSimpleName() + " but the message is " + value.getClass().getSimpleName());
            }
            return type.cast(value);
        } catch (UnmarshalException e) {
            throw new InvalidMessageException("not a valid " + type.getSimpleName() + ": " + reason(e), e);
        } catch (JAXBException e) {
            throw new InvalidMessageException("not a readable " + type.getSimpleName() + ": " + reason(e), e);
        }
    }

    /** Reads an order submission given as XML (for instance after a legacy format was transformed). */
    public OrderSubmission readSubmission(String xml) {
        return read(xml, OrderSubmission.class);
    }

    public String write(Object message) {
        try {
            Marshaller marshaller = JAXB.createMarshaller();
            StringWriter out = new StringWriter();
            marshaller.marshal(message, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** Fills the fields every order event carries. */
    public static <E extends OrderEvent> E event(E event, Order order, String correlationId) {
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(OffsetDateTime.now(ZoneOffset.UTC));
        event.setOrderId(order.getOrderId());
        event.setCustomerId(order.getCustomerId());
        event.setCorrelationId(correlationId == null ? UUID.randomUUID().toString() : correlationId);
        return event;
    }

    private static String reason(JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        String text = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
        return text.replaceFirst("^cvc-[a-zA-Z0-9.-]+:\\s*", "");
    }
}
