package io.busbar.hub.bus;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * The error policy of every route that consumes from the bus in a transaction. Routes opt in with
 * {@code .routeConfigurationId(BusRouteConfiguration.TRANSACTED)} ({@code jms}: one XA transaction) or
 * {@code .routeConfigurationId(BusRouteConfiguration.AFTER_COMMIT)} ({@code jms-after-commit}: the route's own database
 * transaction, then the acknowledgement; ADR 0021). Both have the same policy.
 * <p>
 * The transaction belongs to the JMS consumer: the component begins it before it receives and commits it after the
 * route returns, or rolls it back when the route throws. Routes do not call {@code transacted()} (see
 * docs/adr/0003-transaction-boundary-and-dead-letters.md).
 */
@ApplicationScoped
public class BusRouteConfiguration extends RouteConfigurationBuilder {

    public static final String TRANSACTED = "bus-transacted";
    public static final String AFTER_COMMIT = "bus-after-commit";

    @Override
    public void configuration() {
        policy(TRANSACTED, "jms");
        policy(AFTER_COMMIT, JmsWiring.AFTER_COMMIT);
    }

    /** The policy for consumers of one component; a parked message leaves in the consumer's own transaction. */
    private void policy(String id, String component) {
        RouteConfigurationDefinition transacted = routeConfiguration(id);
        // No in-memory retries: the broker redelivers, with back-off, in a new transaction. DeadLetters logs the reason.
        transacted.errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhausted(false).logStackTrace(false));
        // Every delivery: note the message's id while the JMS message is at hand (failures are recorded under it).
        // Attempts used up: move the message, with its reason, to DLQ.<queue> instead of processing it.
        transacted.interceptFrom(component + ":*")
                .bean("deadLetters", "identify")
                .filter(method("deadLetters", "attemptsExhausted"))
                .bean("deadLetters", "prepareDeadLetter")
                .toD(component + ":queue:${exchangeProperty." + DeadLetters.PARK_TO + "}")
                .stop()
                .end();
        // Can never succeed: park in invalid.<queue> and commit, no retries.
        transacted.onException(InvalidMessageException.class)
                .handled(true)
                .bean("deadLetters", "prepareInvalid")
                .toD(component + ":queue:${exchangeProperty." + DeadLetters.PARK_TO + "}");
        // Anything else: record why, then let the transaction roll back so the broker redelivers.
        transacted.onException(Exception.class)
                .handled(false)
                .bean("deadLetters", "recordFailure");
    }
}
