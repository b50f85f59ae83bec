package io.busbar.hub.connectors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Progress of the batch file connectors at /q/metrics: records sent (good) and reported (bad) per instance, files
 * done, and the current file's records done and total.
 */
@ApplicationScoped
public class ConnectorMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong[]> current = new ConcurrentHashMap<>();

    private AtomicLong[] gauges(String instance) {
        return current.computeIfAbsent(instance, i -> {
            AtomicLong[] g = { new AtomicLong(), new AtomicLong() };
            registry.gauge("busbar.connector.file.records.done", io.micrometer.core.instrument.Tags.of("connector", i),
                    g[0]);
            registry.gauge("busbar.connector.file.records.total", io.micrometer.core.instrument.Tags.of("connector", i),
                    g[1]);
            return g;
        });
    }

    /** An inbound instance's meters, at zero from its start: dashboards and alerts see it before its first file. */
    void started(String instance) {
        gauges(instance);
        for (String outcome : new String[] { "good", "bad" }) {
            registry.counter("busbar.connector.records", "connector", instance, "outcome", outcome);
        }
        for (String outcome : new String[] { "done", "failed", "refused" }) {
            registry.counter("busbar.connector.files", "connector", instance, "outcome", outcome);
        }
    }

    void fileStarted(String instance, long done, long total) {
        AtomicLong[] g = gauges(instance);
        g[0].set(done);
        g[1].set(total);
    }

    void progress(String instance, long done) {
        gauges(instance)[0].set(done);
    }

    void records(String instance, int good, int bad) {
        registry.counter("busbar.connector.records", "connector", instance, "outcome", "good").increment(good);
        registry.counter("busbar.connector.records", "connector", instance, "outcome", "bad").increment(bad);
    }

    void fileDone(String instance) {
        registry.counter("busbar.connector.files", "connector", instance, "outcome", "done").increment();
    }

    void fileFailed(String instance) {
        registry.counter("busbar.connector.files", "connector", instance, "outcome", "failed").increment();
    }

    void refused(String instance) {
        registry.counter("busbar.connector.files", "connector", instance, "outcome", "refused").increment();
    }
}
