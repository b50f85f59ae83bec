package io.busbar.hub.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.busbar.connectors.ConnectorInstances;
import io.busbar.connectors.batch.BatchStore;
import io.busbar.connectors.batch.SafeNames;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the batch file connector instances found in configuration: each inbound instance polls its store on its
 * schedule, one file at a time, and takes in the files whose read lock allows it. Outbound instances are routes
 * ({@link BatchFileOutboundRoutes}) plus a flush on this same scheduler.
 */
@ApplicationScoped
public class BatchFileConnectors {

    private static final Logger LOG = Logger.getLogger(BatchFileConnectors.class);

    @Inject
    Config config;

    @ConfigProperty(name = "busbar.data-dir")
    String dataDir;

    @ConfigProperty(name = "busbar.connectors.enabled", defaultValue = "true")
    boolean enabled;

    /** At shutdown, how long a running poll may take to finish (part of the grace period budget, docs/operations.md). */
    @ConfigProperty(name = "busbar.connectors.drain-timeout", defaultValue = "10s")
    Duration drainTimeout;

    @Inject
    BatchFileInbound inbound;

    @Inject
    BatchFileOutbound outbound;

    @Inject
    ConnectorMetrics metrics;

    private ScheduledExecutorService scheduler;
    private final Map<String, Map<String, BatchStore.Entry>> seen = new HashMap<>();

    /** The instances of the batch file types, checked: a mistake stops the hub at start with the instance named. */
    public List<BatchInstance> instances() {
        String dir = config.getOptionalValue("busbar.connectors.dir", String.class).orElse(dataDir + "/connectors");
        Set<String> types = new HashSet<>(BatchInstance.INBOUND);
        types.addAll(BatchInstance.OUTBOUND);
        List<BatchInstance> instances = new ArrayList<>();
        ConnectorInstances.read(config, Path.of(dir), types)
                .forEach((name, keys) -> instances.add(BatchInstance.of(name, keys, Path.of(dataDir))));
        return instances;
    }

    void start(@Observes StartupEvent start) {
        List<BatchInstance> instances = instances();
        if (!enabled || instances.isEmpty()) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(Math.min(4, instances.size()), r -> {
            Thread t = new Thread(r, "busbar-connector");
            t.setDaemon(true);
            return t;
        });
        for (BatchInstance instance : instances) {
            if (instance.inbound()) {
                metrics.started(instance.name());
            }
            long every = instance.schedule().toMillis();
            Runnable poll = instance.inbound() ? () -> poll(instance) : () -> outbound.flush(instance);
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    poll.run();
                } catch (RuntimeException e) {
                    LOG.errorf("connector %s: poll failed, next try in %d ms: %s", instance.name(), every, e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
            LOG.infof("connector %s (%s, %s): every %s", instance.name(), instance.type(), safe(instance.endpoint()),
                    instance.schedule());
        }
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String safe(URI endpoint) {
        return endpoint.getScheme() + "://" + (endpoint.getHost() == null ? ""
                : endpoint.getHost()
                        + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : ""))
                + endpoint.getPath();
    }

    /** One poll of an inbound instance: every file whose read lock allows it, one after the other. */
    void poll(BatchInstance instance) {
        Map<String, BatchStore.Entry> before = seen.computeIfAbsent(instance.name(), n -> new HashMap<>());
        try (BatchStore store = BatchStore.open(instance.endpoint(), instance.archiveDir(), instance.user(),
                instance.password(), instance.hostKeys())) {
            Map<String, BatchStore.Entry> now = new HashMap<>();
            List<BatchStore.Entry> entries = store.list();
            Set<String> names = new HashSet<>();
            for (BatchStore.Entry e : entries) {
                names.add(e.name());
            }
            for (BatchStore.Entry e : entries) {
                String name = e.name();
                if (name.startsWith(".busbar-") || name.endsWith(".done")) {
                    continue;
                }
                if (!SafeNames.isSafe(name)) {
                    if (before.putIfAbsent(name, e) == null) {
                        LOG.warnf("connector %s: refused file name '%s': not a plain file name", instance.name(),
                                name.replaceAll("\\p{Cntrl}", "?"));
                        metrics.refused(instance.name());
                    }
                    now.put(name, e);
                    continue;
                }
                if (!instance.filePattern().matcher(name).matches()) {
                    continue;
                }
                boolean ready = "done-marker".equals(instance.readLock()) ? names.contains(name + ".done")
                        : e.equals(before.get(name));
                if (!ready) {
                    now.put(name, e);
                    continue;
                }
                Path staging = Path.of(dataDir, "connectors-staging", instance.name(), name);
                try {
                    inbound.process(instance, store, e, staging);
                } catch (Exception failure) {
                    metrics.fileFailed(instance.name());
                    LOG.errorf(failure, "connector %s: file %s failed; it stays and is tried again at the next poll",
                            instance.name(), name);
                    now.put(name, e);
                }
            }
            before.clear();
            before.putAll(now);
        } catch (Exception e) {
            LOG.errorf("connector %s: cannot poll %s: %s", instance.name(), safe(instance.endpoint()), e.toString());
        }
    }
}
