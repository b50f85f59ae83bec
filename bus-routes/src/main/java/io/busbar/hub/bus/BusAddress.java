package io.busbar.hub.bus;

import java.util.Map;

import io.busbar.hub.infra.HubConfig;

/**
 * A bus address by its role, the one way the hub names its queues and topics: routes use {@link #uri()} (resolved by
 * Camel from {@code busbar.queue.<role>} or {@code busbar.topic.<role>}), Java code that needs the broker's name of it
 * uses {@link #name(HubConfig)}. Both read the same property, so a renamed queue is renamed everywhere.
 */
public record BusAddress(Kind kind, String role) {

    public enum Kind {
        QUEUE("queue"),
        TOPIC("topic");

        private final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    public static BusAddress queue(String role) {
        return new BusAddress(Kind.QUEUE, role);
    }

    public static BusAddress topic(String role) {
        return new BusAddress(Kind.TOPIC, role);
    }

    /** The Camel endpoint, for example {@code jms:queue:{{busbar.queue.order-accepted}}}. */
    public String uri() {
        return endpoint("jms");
    }

    /** The Camel endpoint with options, for example {@code concurrentConsumers={{busbar.bus.consumers}}}. */
    public String uri(String options) {
        return uri() + "?" + options;
    }

    /**
     * The endpoint of a consumer that acknowledges a message after its own database commit instead of in one XA
     * transaction with it ({@link JmsWiring#AFTER_COMMIT}, ADR 0021): only for a consumer that sends nothing and whose
     * database write recognises a redelivery.
     */
    public String afterCommitUri(String options) {
        return afterCommitUri() + "?" + options;
    }

    /** The same component's endpoint without options: a send from such a consumer, in its local transaction. */
    public String afterCommitUri() {
        return endpoint(JmsWiring.AFTER_COMMIT);
    }

    private String endpoint(String component) {
        return component + ":" + kind.word + ":{{busbar." + kind.word + "." + role + "}}";
    }

    /** The broker's name of this address, as configured. */
    public String name(HubConfig config) {
        Map<String, String> names = kind == Kind.QUEUE ? config.queue() : config.topic();
        String name = names.get(role);
        if (name == null) {
            throw new IllegalStateException("no bus address configured for busbar." + kind.word + "." + role);
        }
        return name;
    }

    @Override
    public String toString() {
        return kind.word + " " + role;
    }
}
