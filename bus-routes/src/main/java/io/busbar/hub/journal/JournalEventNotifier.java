package io.busbar.hub.journal;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

import io.busbar.hub.bus.BusEntryChecks;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.DeadLetters;
import io.quarkus.arc.Unremovable;

/**
 * Feeds the flow journal from Camel: one hop per exchange a route consumed, recorded when it completes or fails. On the
 * way in it gives a message without a correlation id one (its correlation or message id, else a new one), so the id
 * follows the message on every hop the route sends it to. Only cheap work happens here, on the flow's thread; the
 * writing happens on the journal's writer thread.
 */
@Singleton
@Unremovable
public class JournalEventNotifier extends EventNotifierSupport {

    static final String PAYLOAD = "busbarJournalPayload";
    static final String ARRIVED_EVENT_TYPE = "busbarJournalEventType";
    static final String ARRIVED_MESSAGE_ID = "busbarJournalMessageId";
    /**
     * Set on an exchange that is not a message's hop (a poller's timer tick): the journal leaves it out. What the tick
     * publishes is journalled from its first consumer on, under the correlation id it was sent with.
     */
    public static final String NOT_A_FLOW = "busbarJournalNotAFlow";
    static final String FILE_NAME = "CamelFileName";
    public static final String RECORD_NUMBER = "busbarRecordNumber";
    public static final String FILE_NAME_HEADER = "busbarFileName";

    @Inject
    FlowJournal journal;

    @Inject
    BusEntryChecks entryChecks;

    public JournalEventNotifier() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return journal.enabled();
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCreatedEvent created) {
            arrived(created.getExchange());
        } else if (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent) {
            left(((CamelEvent.ExchangeEvent) event).getExchange());
        }
    }

    private void arrived(Exchange exchange) {
        if (exchange.getFromRouteId() == null) {
            return;
        }
        Message in = exchange.getIn();
        if (in.getHeader(BusHeaders.CORRELATION_ID) == null) {
            Object id = in.getHeader("JMSCorrelationID");
            if (id == null) {
                id = in.getHeader(BusHeaders.JMS_MESSAGE_ID);
            }
            in.setHeader(BusHeaders.CORRELATION_ID, id != null ? id.toString() : UUID.randomUUID().toString());
        }
        // what arrived, before a step replaces the message with the one it sends on
        exchange.setProperty(ARRIVED_EVENT_TYPE, in.getHeader(BusHeaders.EVENT_TYPE, String.class));
        exchange.setProperty(ARRIVED_MESSAGE_ID, in.getHeader(BusHeaders.JMS_MESSAGE_ID, String.class));
        if (journal.payloadEnabled()) {
            exchange.setProperty(PAYLOAD, snapshot(exchange));
        }
    }

    private void left(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        if (routeId == null || exchange.getProperty(NOT_A_FLOW, false, Boolean.class)) {
            return;
        }
        Message in = exchange.getIn();
        FlowHop.Outcome outcome;
        String error = null;
        String parkedTo = exchange.getProperty(DeadLetters.PARK_TO, String.class);
        if (parkedTo != null) {
            outcome = FlowHop.Outcome.PARKED;
            error = "parked in " + parkedTo + ": " + in.getHeader(BusHeaders.REASON, String.class);
        } else if (exchange.isFailed()) {
            outcome = FlowHop.Outcome.FAILED;
            error = describe(exchange.getException());
        } else {
            outcome = FlowHop.Outcome.COMPLETED;
        }
        String correlation = in.getHeader(BusHeaders.CORRELATION_ID, String.class);
        String messageId = exchange.getProperty(DeadLetters.MESSAGE_ID, String.class);
        if (messageId == null) {
            messageId = arrivedOrNow(exchange, ARRIVED_MESSAGE_ID, BusHeaders.JMS_MESSAGE_ID);
        }
        String fileName = in.getHeader(FILE_NAME_HEADER, String.class);
        if (fileName == null) {
            fileName = in.getHeader(FILE_NAME, String.class);
        }
        Long record = in.getHeader(RECORD_NUMBER, Long.class);
        if (record == null && exchange.getProperty(Exchange.SPLIT_INDEX) != null) {
            record = exchange.getProperty(Exchange.SPLIT_INDEX, Long.class) + 1;
        }
        journal.record(new FlowHop(correlation != null ? correlation : exchange.getExchangeId(), routeId,
                exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointUri(),
                exchange.getExchangeId(), messageId, Instant.ofEpochMilli(exchange.getClock().getCreated()), Instant.now(),
                outcome, error, in.getHeader(BusHeaders.ORDER_ID, String.class),
                in.getHeader(BusHeaders.CUSTOMER_ID, String.class), fileName, record,
                arrivedOrNow(exchange, ARRIVED_EVENT_TYPE, BusHeaders.EVENT_TYPE),
                exchange.getProperty(PAYLOAD, String.class)));
    }

    /** The value the message arrived with, else the header as the route left it (a route that names it itself). */
    private static String arrivedOrNow(Exchange exchange, String property, String header) {
        String arrived = exchange.getProperty(property, String.class);
        return arrived != null ? arrived : exchange.getIn().getHeader(header, String.class);
    }

    private String snapshot(Exchange exchange) {
        // the journal never deserializes an ObjectMessage or reads an oversized body: the route refuses both
        String unreadable = entryChecks.unreadable(exchange);
        if (unreadable != null) {
            return unreadable;
        }
        Object body = exchange.getIn().getBody();
        if (body == null) {
            return null;
        }
        String text = body instanceof String s ? s
                : body instanceof byte[] bytes ? new String(bytes, 0, Math.min(bytes.length, journal.payloadMaxChars() * 4),
                        java.nio.charset.StandardCharsets.UTF_8)
                        : "(" + body.getClass().getSimpleName() + ")";
        int max = journal.payloadMaxChars();
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == error ? text
                : error.getClass().getSimpleName() + ": " + error.getMessage() + " (caused by " + text + ")";
    }
}
