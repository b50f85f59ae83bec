package io.busbar.hub.bus;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.persistence.EntityManager;

import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.JmsMessage;
import org.jboss.logging.Logger;

import io.busbar.hub.infra.HubConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The hub's dead-letter policy for transacted bus consumers. A failure rolls the whole transaction back and is
 * recorded on the side; the broker redelivers with back-off; once a message has failed
 * {@code busbar.bus.delivery-attempts} times, its next delivery is not processed but moved, in one transaction, to
 * {@code DLQ.<queue>} carrying the last failure's reason. A message that can never be processed goes to
 * {@code invalid.<queue>} at once.
 */
@ApplicationScoped
@Named("deadLetters")
public class DeadLetters {

    public static final String PARK_TO = "busbarParkTo";
    /** The exchange property holding the message's id ({@link #identify}). */
    public static final String MESSAGE_ID = "busbarMessageId";
    static final String SOURCE_QUEUE = "busbarSourceQueue";
    private static final int MAX_REASON = 4000;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    HubConfig config;

    @Inject
    EntityManager em;

    @Inject
    BusEntryChecks entryChecks;

    /** True when this delivery comes after the last allowed attempt. */
    public boolean attemptsExhausted(Exchange exchange) {
        Integer deliveryCount = exchange.getIn().getHeader(BusHeaders.JMS_DELIVERY_COUNT, Integer.class);
        return deliveryCount != null && deliveryCount > config.bus().deliveryAttempts();
    }

    /** Prepares a message whose attempts are exhausted for {@code DLQ.<queue>}, with the reason it kept failing. */
    public void prepareDeadLetter(Exchange exchange) {
        Message in = exchange.getIn();
        String queue = sourceQueue(exchange);
        String messageId = messageId(exchange);
        String target = "DLQ." + queue;
        // in the consumer's XA transaction; a consumer that acknowledges after its commit has none, so one of its own
        DeliveryFailure failure = messageId == null ? null
                : QuarkusTransaction.joiningExisting().call(() -> markParked(messageId, target));
        int attempts = in.getHeader(BusHeaders.JMS_DELIVERY_COUNT, Integer.class) - 1;
        in.removeHeader(BusHeaders.JMS_DELIVERY_COUNT);
        in.setHeader(BusHeaders.ORIGINAL_QUEUE, queue);
        in.setHeader(BusHeaders.ATTEMPTS, attempts);
        in.setHeader(BusHeaders.PARKED_AT, now().toString());
        if (failure != null) {
            in.setHeader(BusHeaders.REASON, failure.reason);
            in.setHeader(BusHeaders.EXCEPTION, failure.exceptionType);
            in.setHeader(BusHeaders.ROUTE, failure.routeId);
        } else {
            in.setHeader(BusHeaders.REASON, "failed " + attempts + " delivery attempts; the failure was not recorded");
            in.setHeader(BusHeaders.ROUTE, exchange.getFromRouteId());
        }
        exchange.setProperty(PARK_TO, target);
        LOG.warnf("Parking message %s from %s in %s after %d attempts: %s", messageId, queue, target, attempts,
                in.getHeader(BusHeaders.REASON));
    }

    private DeliveryFailure markParked(String messageId, String target) {
        DeliveryFailure failure = em.find(DeliveryFailure.class, messageId);
        if (failure != null) {
            failure.parkedTo = target;
            failure.parkedAt = now();
        }
        return failure;
    }

    /** Prepares a message that can never be processed for {@code invalid.<queue>}, with the reason. */
    public void prepareInvalid(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message in = exchange.getIn();
        String queue = sourceQueue(exchange);
        String target = "invalid." + queue;
        in.setHeader(BusHeaders.ORIGINAL_QUEUE, queue);
        in.setHeader(BusHeaders.REASON, truncate(cause == null ? "invalid message" : cause.getMessage()));
        in.setHeader(BusHeaders.EXCEPTION, cause == null ? null : cause.getClass().getName());
        in.setHeader(BusHeaders.ROUTE, exchange.getFromRouteId());
        in.setHeader(BusHeaders.ATTEMPTS, in.getHeader(BusHeaders.JMS_DELIVERY_COUNT, 1, Integer.class));
        in.removeHeader(BusHeaders.JMS_DELIVERY_COUNT);
        in.setHeader(BusHeaders.PARKED_AT, now().toString());
        exchange.setProperty(PARK_TO, target);
        LOG.warnf("Parking invalid message %s from %s in %s: %s", messageId(exchange), queue, target,
                in.getHeader(BusHeaders.REASON));
    }

    /**
     * Records why this delivery failed, in a transaction of its own: the transaction that failed rolls back, this
     * record stays.
     */
    public void recordFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String messageId = messageId(exchange);
        if (messageId == null || cause == null) {
            return;
        }
        String queue = sourceQueue(exchange);
        String routeId = exchange.getFromRouteId();
        String reason = truncate(describe(cause));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                DeliveryFailure failure = em.find(DeliveryFailure.class, messageId);
                OffsetDateTime now = now();
                boolean first = failure == null;
                if (first) {
                    failure = new DeliveryFailure();
                    failure.messageId = messageId;
                    failure.firstFailedAt = now;
                }
                failure.queue = queue;
                failure.routeId = routeId;
                failure.failures++;
                failure.reason = reason;
                failure.exceptionType = rootCause(cause).getClass().getName();
                failure.lastFailedAt = now;
                if (first) {
                    em.persist(failure);
                }
            });
        } catch (RuntimeException e) {
            // The message is not lost: it is redelivered and, at worst, parked without its reason.
            LOG.errorf("Could not record the failure of message %s from %s (%s): %s", messageId, queue, reason, e);
        }
        LOG.warnf("Message %s from %s failed in route %s (delivery %s); it will be redelivered: %s", messageId, queue,
                routeId, exchange.getIn().getHeader(BusHeaders.JMS_DELIVERY_COUNT), reason);
    }

    /**
     * Remembers the message's id, the same on every delivery, while the exchange still holds the JMS message: its JMS
     * message id or, for a message sent without one (STOMP and MQTT clients, or a JMS producer with message ids
     * disabled), the broker's own id of the message. Then refuses what must not be read ({@link BusEntryChecks}).
     */
    public void identify(Exchange exchange) {
        String id = exchange.getIn().getHeader(BusHeaders.JMS_MESSAGE_ID, String.class);
        if (id == null && exchange.getIn() instanceof JmsMessage jms
                && jms.getJmsMessage() instanceof ActiveMQMessage broker && broker.getCoreMessage() != null) {
            id = "AMQ:" + broker.getCoreMessage().getMessageID();
        }
        exchange.setProperty(MESSAGE_ID, id);
        // the queue too: a step replaces the message it consumed with the one it sends, headers and all
        try {
            exchange.setProperty(SOURCE_QUEUE, sourceQueue(exchange));
        } catch (IllegalStateException notABusQueue) {
            // a non-durable subscription has no queue to send back to; a failure there says so when it happens
        }
        // Camel maps the client's message group outside the header filter: a partner must not pin the hub's sends
        // to a group of its choosing (the header map is case-insensitive, so every letter case goes)
        exchange.getIn().removeHeader("JMSXGroupID");
        exchange.getIn().removeHeader("JMSXGroupSeq");
        // before any step reads the body: an ObjectMessage or an oversized body is parked in invalid.<queue>
        entryChecks.check(exchange);
    }

    static String messageId(Exchange exchange) {
        String id = exchange.getProperty(MESSAGE_ID, String.class);
        return id != null ? id : exchange.getIn().getHeader(BusHeaders.JMS_MESSAGE_ID, String.class);
    }

    /**
     * The queue a message was consumed from; for a topic subscription, {@code <topic>.<subscription>} (whose parked
     * messages go back to that subscription only, not to every subscriber).
     */
    static String sourceQueue(Exchange exchange) {
        String identified = exchange.getProperty(SOURCE_QUEUE, String.class);
        if (identified != null) {
            return identified;
        }
        Object destination = exchange.getIn().getHeader(BusHeaders.JMS_DESTINATION);
        try {
            if (destination instanceof Queue queue) {
                return queue.getQueueName();
            }
            if (destination instanceof Topic topic && exchange.getFromEndpoint() instanceof JmsEndpoint endpoint
                    && endpoint.getConfiguration().getSubscriptionName() != null) {
                return topic.getTopicName() + "." + endpoint.getConfiguration().getSubscriptionName();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the source destination's name", e);
        }
        throw new IllegalStateException("not a message from a bus queue or subscription: " + destination);
    }

    private static String describe(Throwable cause) {
        Throwable root = rootCause(cause);
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == cause ? text
                : cause.getClass().getSimpleName() + ": " + cause.getMessage() + " (caused by " + text + ")";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
