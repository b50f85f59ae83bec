package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.InvalidMessageException;
import io.busbar.services.common.ServiceException;
import io.busbar.services.fulfilment.FulfilmentService;

/**
 * Orders that reach the bus in other shapes than the services' contracts (a legacy system's flat XML, JSON from a bus
 * client) become canonical submissions and go through the same fulfilment service. A submission the service refuses
 * (unknown customer, bad lines) is invalid as it stands: it is parked with the service's reason, not retried.
 */
@ApplicationScoped
@Named("orderIntake")
public class OrderIntake {

    @Inject
    OrderMessages messages;

    @Inject
    FulfilmentService fulfilment;

    @Inject
    ObjectMapper json;

    /** The body is canonical OrderSubmission XML (for instance the output of the legacy XSLT). */
    public String submitXml(Exchange exchange) {
        return submit(exchange, messages.readSubmission(exchange.getIn().getBody(String.class)));
    }

    /** The body is an OrderSubmission in the canonical JSON; it is checked against the canonical schema too. */
    public String submitJson(Exchange exchange) {
        OrderSubmission submission;
        try {
            submission = json.readValue(exchange.getIn().getBody(String.class), OrderSubmission.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not an order submission in JSON: " + e.getOriginalMessage(), e);
        }
        // JSON to canonical XML and back through the schema: the same validation as every other door
        String xml = messages.write(new io.busbar.contract.order.v1.ObjectFactory().createOrderSubmission(submission));
        return submit(exchange, messages.readSubmission(xml));
    }

    private String submit(Exchange exchange, OrderSubmission submission) {
        String correlation = exchange.getIn().getHeader(BusHeaders.CORRELATION_ID, String.class);
        try {
            String orderId = fulfilment.submit(submission, correlation != null ? correlation : exchange.getExchangeId())
                    .order().getOrderId();
            exchange.getIn().setHeader(BusHeaders.ORDER_ID, orderId);
            return orderId;
        } catch (ServiceException.NotFound | ServiceException.InvalidRequest | ServiceException.Conflict e) {
            throw new InvalidMessageException(e.code() + ": " + e.getMessage(), e);
        }
    }
}
