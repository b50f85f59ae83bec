package io.busbar.hub.hospital;

import java.io.StringReader;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.contract.order.v1.OrderAccepted;
import io.busbar.contract.order.v1.OrderCompensationRequested;
import io.busbar.contract.order.v1.OrderHeld;
import io.busbar.contract.order.v1.OrderInvoiced;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.bus.BusAddress;
import io.busbar.hub.infra.HubConfig;
import io.busbar.hub.orders.OrderAddresses;
import io.busbar.hub.orders.OrderMessages;

/**
 * Checks an edited message before it may go back: a queue of the order process takes only its canonical message
 * (checked against the order schema); any other queue takes well-formed XML or JSON, or plain text.
 */
@ApplicationScoped
public class MessageChecks {

    private static final Map<BusAddress, Class<?>> ORDER_QUEUES = Map.of(OrderAddresses.SUBMITTED, OrderSubmitted.class,
            OrderAddresses.ACCEPTED, OrderAccepted.class, OrderAddresses.INVOICED, OrderInvoiced.class,
            OrderAddresses.COMPENSATION, OrderCompensationRequested.class, OrderAddresses.APPROVAL, OrderHeld.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    HubConfig config;

    @Inject
    OrderMessages messages;

    /** Null when the body may go to the queue; otherwise why not. */
    public String problem(String queue, String body) {
        if (body == null || body.isBlank()) {
            return "the message is empty";
        }
        for (Map.Entry<BusAddress, Class<?>> role : ORDER_QUEUES.entrySet()) {
            if (queue.equals(role.getKey().name(config))) {
                try {
                    messages.read(body, role.getValue());
                    return null;
                } catch (RuntimeException e) {
                    return e.getMessage();
                }
            }
        }
        String trimmed = body.strip();
        try {
            if (trimmed.startsWith("<")) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setNamespaceAware(true);
                DocumentBuilder builder = factory.newDocumentBuilder();
                // fatal errors throw; nothing is printed
                builder.setErrorHandler(new DefaultHandler());
                builder.parse(new InputSource(new StringReader(trimmed)));
            } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                JSON.readTree(trimmed);
            }
            return null;
        } catch (Exception e) {
            return "not well-formed " + (trimmed.startsWith("<") ? "XML" : "JSON") + ": " + e.getMessage();
        }
    }
}
