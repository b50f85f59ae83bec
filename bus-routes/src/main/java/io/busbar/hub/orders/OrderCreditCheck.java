package io.busbar.hub.orders;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.connectors.soap.CreditCheckConnectors;
import io.busbar.hub.connectors.soap.CreditCheckSettings;
import io.busbar.hub.connectors.soap.CreditCheckUnavailableException;
import io.busbar.hub.connectors.soap.CreditDecision;
import io.busbar.hub.infra.StartupCheckFailed;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Intake step: the credit check of a legacy system ({@code busbar.orders.credit-check} names a
 * {@code soap-credit-check} connector instance; unset, orders are not checked).
 * <p>
 * Its decision becomes the {@code busbarCreditDecision} header the routing rules read: anything but APPROVED holds the
 * order for a person (rule {@code credit-not-approved}), with the legacy system's reason in
 * {@code busbarCreditReason}. When the service cannot answer (down, slow, its circuit open) the order waits: the
 * submitted message is sent again, inside the intake's transaction, for delivery after the instance's
 * {@code wait-ms}, and this delivery ends there. After {@code max-waits} waits the failure goes to the bus's error
 * policy: redelivered with back-off, then parked in {@code DLQ.order.submitted.v1} with the reason, from where the
 * error hospital can resubmit it.
 */
@ApplicationScoped
@Named("orderCreditCheck")
public class OrderCreditCheck {

    public static final String DECISION = "busbarCreditDecision";
    public static final String REASON = "busbarCreditReason";
    public static final String WAITS = "busbarCreditWaits";
    public static final String POSTPONED = "busbarCreditPostponed";
    public static final String NOT_CHECKED = "NOT_CHECKED";
    private static final Logger LOG = Logger.getLogger(OrderCreditCheck.class);

    @ConfigProperty(name = "busbar.orders.credit-check")
    Optional<String> instance;

    @Inject
    CreditCheckConnectors connectors;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry registry;

    /**
     * A credit check named but not configured, or configured wrongly, stops the hub at start with the instance and key
     * named, like every other connector instance, not at the first order.
     */
    void checkConfiguration(@Observes StartupEvent start) {
        String name = instance.map(String::trim).orElse("");
        if (!name.isEmpty()) {
            CreditCheckSettings settings;
            try {
                settings = connectors.settings(name);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new StartupCheckFailed("busbar.orders.credit-check names " + name + ": " + e.getMessage());
            }
            LOG.infof("Order intake asks credit check %s at %s", name, settings.endpoint());
        }
    }

    /** Sets the decision headers, or sends the order again for later and marks this delivery as postponed. */
    public void check(Exchange exchange) {
        Message in = exchange.getIn();
        String name = instance.map(String::trim).orElse("");
        if (name.isEmpty()) {
            in.setHeader(DECISION, NOT_CHECKED);
            return;
        }
        OrderSubmitted submitted = exchange.getProperty(OrderSteps.EVENT, OrderSubmitted.class);
        Order order = submitted.getOrder();
        try {
            CreditDecision decision = connectors.check(name, order.getCustomerId(), order.getTotal().getAmount(),
                    order.getTotal().getCurrency(), order.getOrderId());
            in.setHeader(DECISION, decision.decision());
            in.setHeader(REASON, decision.describe());
            LOG.infof("Order %s: credit check %s says %s", order.getOrderId(), name, decision.describe());
        } catch (CreditCheckUnavailableException e) {
            int waits = in.getHeader(WAITS, 0, Integer.class);
            CreditCheckSettings settings = connectors.settings(name);
            if (waits >= settings.maxWaits()) {
                throw new CreditCheckUnavailableException(e.getMessage() + " (order waited " + waits + " times)", e);
            }
            waitAndRetry(exchange, settings, waits + 1);
            LOG.warnf("Order %s waits %d ms for the credit check (wait %d of %d): %s", order.getOrderId(),
                    settings.waitBetween().toMillis(), waits + 1, settings.maxWaits(), e.getMessage());
            registry.counter("busbar_orders_credit_check_waits", "connector", name).increment();
            exchange.setProperty(POSTPONED, true);
        }
    }

    private void waitAndRetry(Exchange exchange, CreditCheckSettings settings, int waits) {
        Map<String, Object> headers = new HashMap<>();
        exchange.getIn().getHeaders().forEach((key, value) -> {
            if (key.startsWith("busbar") || key.equals("traceparent") || key.equals("JMSCorrelationID")) {
                headers.put(key, value);
            }
        });
        headers.remove(DECISION);
        headers.remove(REASON);
        headers.put(WAITS, waits);
        producer.sendBodyAndHeaders(OrderAddresses.SUBMITTED.uri("deliveryDelay=" + settings.waitBetween().toMillis()),
                exchange.getIn().getBody(String.class), headers);
    }
}
