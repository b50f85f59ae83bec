package io.busbar.hub.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.hub.infra.BrokerManagement;
import io.busbar.hub.infra.HubConfig;
import io.busbar.hub.infra.HubInfrastructure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * Queue depths, consumers and dead-letter sizes from Artemis as Prometheus metrics at {@code /q/metrics}, for the
 * embedded broker and an external one alike: the broker's own {@code listQueues} management operation, polled. Gauges:
 * {@code busbar_queue_messages}, {@code busbar_queue_consumers}, {@code busbar_queue_delivering}; counters:
 * {@code busbar_queue_messages_added_total}, {@code busbar_queue_messages_acknowledged_total}; each tagged with queue,
 * address and kind ({@code queue}, {@code subscription}, {@code dead-letter}, {@code invalid}). The broker's internal
 * queues are left out.
 */
@ApplicationScoped
public class BrokerQueueMetrics {

    /** What one poll saw of one queue. */
    public record QueueStats(String name, String address, String kind, long messages, long consumers, long delivering,
            long added, long acknowledged) {
    }

    static final String ALL_QUEUES = "{\"field\":\"\",\"operation\":\"\",\"value\":\"\",\"sortOrder\":\"asc\",\"sortColumn\":\"name\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(BrokerQueueMetrics.class);

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    MeterRegistry registry;

    @Inject
    HubConfig config;

    private final Map<String, QueueStats> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    void onStart(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "busbar-queue-metrics");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 1000, config.metrics().queuePollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** The queues as last polled, by name. */
    public Map<String, QueueStats> latest() {
        return Map.copyOf(latest);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Exception e) {
            LOG.debugf("Queue metrics: the broker did not answer: %s", e.toString());
        }
    }

    /** Reads every queue's counters from the broker and brings the meters up to date. */
    public synchronized void poll() throws Exception {
        String json = listQueues();
        Set<String> seen = new HashSet<>();
        for (JsonNode q : JSON.readTree(json).path("data")) {
            String name = q.path("name").asText();
            if (internal(name, q)) {
                continue;
            }
            QueueStats stats = new QueueStats(name, q.path("address").asText(name), kind(name, q),
                    number(q, "messageCount"), number(q, "consumerCount"), number(q, "deliveringCount"),
                    number(q, "messagesAdded"), number(q, "messagesAcked"));
            latest.put(name, stats);
            seen.add(name);
            meters.computeIfAbsent(name, this::register);
        }
        for (String gone : Set.copyOf(latest.keySet())) {
            if (!seen.contains(gone)) {
                latest.remove(gone);
                List<Meter> removed = meters.remove(gone);
                if (removed != null) {
                    removed.forEach(registry::remove);
                }
            }
        }
    }

    private List<Meter> register(String name) {
        QueueStats first = latest.get(name);
        Tags tags = Tags.of("queue", name, "address", first.address(), "kind", first.kind());
        return List.of(
                Gauge.builder("busbar.queue.messages", latest, m -> value(m, name, QueueStats::messages)).tags(tags)
                        .description("Messages in the queue (its depth)").register(registry),
                Gauge.builder("busbar.queue.consumers", latest, m -> value(m, name, QueueStats::consumers)).tags(tags)
                        .description("Consumers attached to the queue").register(registry),
                Gauge.builder("busbar.queue.delivering", latest, m -> value(m, name, QueueStats::delivering)).tags(tags)
                        .description("Messages delivered to a consumer and not yet acknowledged").register(registry),
                FunctionCounter.builder("busbar.queue.messages.added", latest, m -> value(m, name, QueueStats::added))
                        .tags(tags).description("Messages added to the queue since the broker started")
                        .register(registry),
                FunctionCounter
                        .builder("busbar.queue.messages.acknowledged", latest,
                                m -> value(m, name, QueueStats::acknowledged))
                        .tags(tags).description("Messages consumed from the queue since the broker started")
                        .register(registry));
    }

    private static double value(Map<String, QueueStats> latest, String name,
            java.util.function.ToLongFunction<QueueStats> field) {
        QueueStats stats = latest.get(name);
        return stats == null ? Double.NaN : field.applyAsLong(stats);
    }

    private String listQueues() throws Exception {
        ActiveMQServer embedded = infrastructure.embeddedBroker();
        if (embedded != null) {
            return embedded.getActiveMQServerControl().listQueues(ALL_QUEUES, 1, 10_000);
        }
        return String.valueOf(new BrokerManagement(infrastructure.brokerEndpoint())
                .invoke("listQueues", ALL_QUEUES, 1, 10_000).orThrow());
    }

    static boolean internal(String name, JsonNode q) {
        return q.path("internalQueue").asBoolean(false) || q.path("temporary").asBoolean(false)
                || name.startsWith("activemq.") || name.startsWith("$") || name.startsWith("notif.");
    }

    static String kind(String name, JsonNode q) {
        if (name.startsWith("DLQ.") || name.equals("DLQ")) {
            return "dead-letter";
        }
        if (name.startsWith("invalid.")) {
            return "invalid";
        }
        return "MULTICAST".equals(q.path("routingType").asText("ANYCAST")) ? "subscription" : "queue";
    }

    private static long number(JsonNode q, String field) {
        return q.path(field).asLong(0);
    }
}
