package io.busbar.hub.orders;

import java.io.IOException;
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
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

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

    private static final ThreadLocal<Reader> READERS = ThreadLocal.withInitial(Reader::new);
    private static final ThreadLocal<Marshaller> WRITERS = ThreadLocal.withInitial(() -> {
        try {
            return JAXB.createMarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the order message writer", e);
        }
    });

    /** Reads a canonical order message of the expected type; anything else is an invalid message. */
    public <T> T read(String xml, Class<T> type) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidMessageException("empty message: expected " + type.getSimpleName());
        }
        Reader reader = READERS.get();
        Object read;
        try {
            read = reader.read(xml);
        } catch (SAXException | JAXBException e) {
            // a reader that failed half-way is not trusted with the next message
            READERS.remove();
            throw new InvalidMessageException("not a valid " + type.getSimpleName() + ": " + reason(e), e);
        } catch (IOException | RuntimeException e) {
            READERS.remove();
            throw new InvalidMessageException("not a readable " + type.getSimpleName() + ": " + reason(e), e);
        }
        Object value = read instanceof JAXBElement<?> element ? element.getValue() : read;
        if (!type.isInstance(value)) {
            throw new InvalidMessageException(
                    "expected " + type.getSimpleName() + " but the message is " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    /** Reads an order submission given as XML (for instance after a legacy format was transformed). */
    public OrderSubmission readSubmission(String xml) {
        return read(xml, OrderSubmission.class);
    }

    public String write(Object message) {
        try {
            StringWriter out = new StringWriter();
            WRITERS.get().marshal(message, out);
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

    private static String reason(Exception e) {
        Throwable cause = e;
        if (e instanceof JAXBException jaxb && (jaxb.getLinkedException() != null || jaxb.getCause() != null)) {
            cause = jaxb.getLinkedException() != null ? jaxb.getLinkedException() : jaxb.getCause();
        } else if (e instanceof SAXException sax && sax.getException() != null) {
            cause = sax.getException();
        }
        String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return text.replaceFirst("^cvc-[a-zA-Z0-9.-]+:\\s*", "");
    }

    /**
     * One thread's parser, schema validator and unmarshaller, chained as SAX handlers and reused message after message.
     * Setting the schema on a JAXB unmarshaller builds a new validator for every message, and that construction was
     * the largest share of a bus step's CPU (ADR 0020); a validator handler is reset by each document's start instead.
     * Document type declarations are refused: a canonical order message has none, and with none there are no
     * entities to expand or fetch.
     */
    private static final class Reader {
        private final XMLReader parser;
        private final ValidatorHandler validator;
        private final Unmarshaller unmarshaller;

        Reader() {
            try {
                SAXParserFactory factory = SAXParserFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                parser = factory.newSAXParser().getXMLReader();
                validator = SCHEMA.newValidatorHandler();
                unmarshaller = JAXB.createUnmarshaller();
            } catch (ParserConfigurationException | SAXException | JAXBException e) {
                throw new IllegalStateException("cannot build the order message reader", e);
            }
            parser.setContentHandler(validator);
        }

        Object read(String xml) throws SAXException, IOException, JAXBException {
            UnmarshallerHandler handler = unmarshaller.getUnmarshallerHandler();
            validator.setContentHandler(handler);
            parser.parse(new InputSource(new StringReader(xml)));
            return handler.getResult();
        }
    }
}
