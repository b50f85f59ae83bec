package io.busbar.hub.connectors.soap;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.busbar.hub.connectors.ConnectorConfig;
import io.busbar.legacy.creditcheck.v2.CheckCreditRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The {@code soap-credit-check} connector instances. Each instance is one legacy credit check service behind its own
 * guard: retries with exponential back-off for answers worth asking again ({@link CreditCheckUnavailableException}),
 * inside a circuit breaker that opens when too many of the recent calls failed and lets one call through again after
 * its delay. Decisions and declared business faults are answers, never failures: they neither trip the circuit nor are
 * retried.
 * <p>
 * Metrics per instance: {@code busbar_connector_circuit_open} (1 while calls are refused), and
 * {@code busbar_connector_calls_total} by outcome (decision, unavailable, circuit-open).
 */
@ApplicationScoped
public class CreditCheckConnectors {

    private static final Logger LOG = Logger.getLogger(CreditCheckConnectors.class);

    @Inject
    ConnectorConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<String, Instance> instances = new ConcurrentHashMap<>();

    /** Asks the instance for a decision on the amount; throws {@link CreditCheckUnavailableException} if it cannot. */
    public CreditDecision check(String instance, String account, BigDecimal amount, String currency, String reference) {
        Instance target = instances.computeIfAbsent(instance, this::create);
        CheckCreditRequest request = new CheckCreditRequest();
        request.setAccountNumber(account);
        request.setAmount(amount);
        request.setCurrency(currency);
        request.setRequestReference(reference);
        try {
            CreditDecision decision = target.guard.call(() -> target.client.check(request), CreditDecision.class);
            target.counter("decision").increment();
            return decision;
        } catch (CircuitBreakerOpenException e) {
            target.counter("circuit-open").increment();
            throw new CreditCheckUnavailableException("credit check " + instance + " unavailable: circuit open after "
                    + "repeated failures, next try after " + target.settings.circuitDelay().toMillis() + " ms", e);
        } catch (CreditCheckUnavailableException e) {
            target.counter("unavailable").increment();
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public CreditCheckSettings settings(String instance) {
        return instances.computeIfAbsent(instance, this::create).settings;
    }

    /** 1 while the instance's circuit refuses calls, 0 otherwise. */
    public int circuitOpen(String instance) {
        Instance target = instances.get(instance);
        return target == null ? 0 : target.open.get();
    }

    private Instance create(String name) {
        CreditCheckSettings settings = CreditCheckSettings.of(name, config.instance(name, CreditCheckSettings.TYPE));
        return new Instance(settings, registry);
    }

    private static final class Instance {

        final CreditCheckSettings settings;
        final SoapCreditCheckClient client;
        final Guard guard;
        final AtomicInteger open = new AtomicInteger();
        final MeterRegistry registry;

        Instance(CreditCheckSettings settings, MeterRegistry registry) {
            this.settings = settings;
            this.registry = registry;
            this.client = new SoapCreditCheckClient(settings);
            this.guard = Guard.create()
                    .withDescription("credit check " + settings.name())
                    .withRetry()
                    .maxRetries(settings.retries())
                    .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .withExponentialBackoff().factor(2).maxDelay(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                    .retryOn(CreditCheckUnavailableException.class)
                    .done()
                    .withCircuitBreaker()
                    .name("busbar-credit-check-" + settings.name())
                    .failOn(CreditCheckUnavailableException.class)
                    .requestVolumeThreshold(settings.circuitRequests())
                    .failureRatio(settings.circuitFailureRatio())
                    .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(this::changed)
                    .done()
                    .build();
            registry.gauge("busbar_connector_circuit_open", Tags.of("connector", settings.name()), open);
        }

        private void changed(CircuitBreakerState state) {
            open.set(state == CircuitBreakerState.OPEN ? 1 : 0);
            if (state == CircuitBreakerState.OPEN) {
                LOG.warnf("Credit check %s: circuit open, calls refused for %d ms", settings.name(),
                        settings.circuitDelay().toMillis());
            } else {
                LOG.infof("Credit check %s: circuit %s", settings.name(), state);
            }
        }

        Counter counter(String outcome) {
            return Counter.builder("busbar_connector_calls").tags("connector", settings.name(), "outcome", outcome)
                    .register(registry);
        }
    }
}
