package io.busbar.hub.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.services.common.ServiceException;
import io.busbar.services.customer.CustomerService;

/**
 * Two subscribers of the order events topic, each recording what it received once per event: the notification desk
 * (a message for the customer) and analytics (the event as a JSON document, transformed from the canonical XML).
 */
@ApplicationScoped
@Named("orderSubscribers")
public class OrderSubscribers {

    @Inject
    OrderMessages messages;

    @Inject
    CustomerService customers;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    /** In the consumer's XA transaction, or in one of its own that commits before the event is acknowledged. */
    @Transactional
    public void notifyCustomer(Exchange exchange) {
        OrderEvent event = messages.read(exchange.getIn().getBody(String.class), OrderEvent.class);
        String type = exchange.getIn().getHeader(BusHeaders.EVENT_TYPE, String.class);
        String recipient;
        try {
            recipient = customers.get(event.getCustomerId()).getContact().getEmail();
        } catch (ServiceException.NotFound e) {
            recipient = null;
        }
        insert("insert into bus_notification_log (event_id, event_type, order_id, customer_id, recipient, message, received_at)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing", event.getEventId(), type,
                event.getOrderId(), event.getCustomerId(), recipient, text(type, event),
                Timestamp.from(Instant.now()));
    }

    /** Canonical XML in, JSON document out (JAXB then Jackson: no hand-written mapping); transactions as above. */
    @Transactional(rollbackOn = Exception.class)
    public void recordForAnalytics(Exchange exchange) throws JsonProcessingException {
        OrderEvent event = messages.read(exchange.getIn().getBody(String.class), OrderEvent.class);
        String document = json.writeValueAsString(event);
        insert("insert into bus_analytics_event (event_id, event_type, order_id, occurred_at, document)"
                + " values (?, ?, ?, ?, ?) on conflict (event_id) do nothing", event.getEventId(),
                event.getClass().getSimpleName(), event.getOrderId(), Timestamp.from(event.getOccurredAt().toInstant()),
                document);
    }

    static String text(String type, OrderEvent event) {
        String order = event.getOrderId();
        return switch (type == null ? "" : type) {
            case "OrderHeld" -> "Your order " + order + " is being reviewed.";
            case "OrderAccepted" -> "Your order " + order + " is confirmed.";
            case "OrderRejected" -> "We are sorry: your order " + order + " could not be accepted.";
            case "OrderInvoiced" -> "Your invoice for order " + order + " is ready.";
            case "OrderShipped" -> "Your order " + order + " has shipped.";
            case "OrderCancelled" -> "Your order " + order + " was cancelled.";
            default -> "News about your order " + order + ".";
        };
    }

    private void insert(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the event: " + e.getMessage(), e);
        }
    }
}
