package io.busbar.hub.bus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ObjectMessage;

import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.core.client.impl.ClientLargeMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;

import io.busbar.hub.infra.HubConfig;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * What a bus message must be before anything of the hub reads its body: not a serialized Java object, and no bigger
 * than its queue accepts. Both are decided from the JMS message as it arrived (its type, the size the broker
 * delivered or the sender declared), without converting the body.
 */
@ApplicationScoped
public class BusEntryChecks {

    /** Set on a refused ObjectMessage parked as bytes: the type it arrived as. */
    public static final String ORIGINAL_TYPE = "busbarOriginalType";
    private static final SimpleString LARGE_BODY_SIZE = Message.HDR_LARGE_BODY_SIZE;

    @Inject
    HubConfig config;

    /**
     * Throws {@link InvalidMessageException} for a message the hub refuses to read. A refused ObjectMessage keeps its
     * serialized bytes, undeserialized, as the body it is parked with.
     */
    public void check(Exchange exchange) {
        ActiveMQMessage message = arrived(exchange);
        if (message == null) {
            return;
        }
        if (message instanceof ObjectMessage) {
            exchange.getIn().setBody(serializedBytes(message.getCoreMessage()));
            exchange.getIn().setHeader(ORIGINAL_TYPE, "ObjectMessage");
            throw new InvalidMessageException("an ObjectMessage is refused: the bus carries text or bytes, never"
                    + " serialized Java objects; the serialized bytes are kept as the body, not deserialized");
        }
        String queue = queueOf(exchange);
        long size = bodySize(message.getCoreMessage());
        long limit = limit(queue);
        if (size > limit) {
            throw new InvalidMessageException("the body has " + size + " bytes, more than the " + limit
                    + " bytes " + (queue == null ? "this consumer" : "queue " + queue) + " accepts (busbar.bus.max-body-size)");
        }
    }

    /**
     * Why the body of this exchange's JMS message must not be read (an ObjectMessage, or over its queue's limit), or
     * null when it may be.
     */
    public String unreadable(Exchange exchange) {
        ActiveMQMessage message = arrived(exchange);
        if (message == null) {
            return null;
        }
        if (message instanceof ObjectMessage) {
            return "(ObjectMessage, refused and not deserialized)";
        }
        long size = bodySize(message.getCoreMessage());
        return size > limit(queueOf(exchange)) ? "(body of " + size + " bytes, over the limit, not read)" : null;
    }

    /** The largest body, in bytes, a consumer of this queue accepts. */
    public long limit(String queue) {
        MemorySize size = queue == null ? null : config.bus().queueMaxBodySize().get(queue);
        return (size != null ? size : config.bus().maxBodySize()).asLongValue();
    }

    /**
     * The body's size without reading it: what the broker delivered, or for a large message its size; the size the
     * sender declared for a compressed message, when bigger.
     */
    static long bodySize(ClientMessage message) {
        long delivered = message instanceof ClientLargeMessageImpl large && message.isLargeMessage()
                ? large.getLargeMessageSize()
                : message.getBodySize();
        Long declared = message.containsProperty(LARGE_BODY_SIZE) ? message.getLongProperty(LARGE_BODY_SIZE) : null;
        return declared != null && declared > delivered ? declared : delivered;
    }

    /** The queue (or {@code <topic>.<subscription>}) the message came from; null for a plain topic consumer. */
    private static String queueOf(Exchange exchange) {
        try {
            return DeadLetters.sourceQueue(exchange);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static ActiveMQMessage arrived(Exchange exchange) {
        return exchange.getIn() instanceof JmsMessage jms && jms.getJmsMessage() instanceof ActiveMQMessage message
                && message.getCoreMessage() != null ? message : null;
    }

    /** An ObjectMessage's body as the sender serialized it (a length, then the bytes), read without deserializing. */
    static byte[] serializedBytes(ClientMessage message) {
        ActiveMQBuffer body = message.getBodyBuffer();
        int position = body.readerIndex();
        try {
            body.resetReaderIndex();
            if (body.readableBytes() < 4) {
                return new byte[0];
            }
            byte[] data = new byte[Math.max(0, Math.min(body.readInt(), body.readableBytes()))];
            body.readBytes(data);
            return data;
        } finally {
            body.readerIndex(position);
        }
    }
}
