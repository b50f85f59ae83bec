package io.busbar.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.quarkus.main.events.BeforeStop;
import org.jboss.logging.Logger;

import io.busbar.hub.infra.HubConfig;

/**
 * Deploys the routes directory once Camel has started, then scans it every {@code busbar.routes.poll-interval}. A
 * file whose size or modification time changed is deployed once it has stayed the same for one more scan (so a file
 * still being written is not read half-way); a file that disappeared is undeployed. Scanning rather than file-system
 * events works the same on local disks, network shares and container volumes (see docs/adr/0005).
 */
@ApplicationScoped
public class RouteDirectoryWatcher {

    private static final Logger LOG = Logger.getLogger(RouteDirectoryWatcher.class);

    private record Stamp(long size, long modified) {
    }

    @Inject
    RouteDeployer deployer;

    @Inject
    HubConfig config;

    private final Map<String, Stamp> seen = new HashMap<>();
    private final Map<String, Stamp> settling = new HashMap<>();
    private ScheduledExecutorService scanner;

    void onCamelStarted(@Observes AfterStart event) {
        Map<String, Stamp> before = stamps();
        deployer.deployDirectory();
        // what was deployed at start counts as seen; anything that changed meanwhile is picked up by the first scan
        seen.putAll(before);
        if (!config.routes().watch()) {
            LOG.infof("Routes directory %s is not watched (busbar.routes.watch=false)", deployer.directory());
            return;
        }
        long interval = Math.max(50, config.routes().pollInterval().toMillis());
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "busbar-routes-watcher");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::scanSafely, interval, interval, TimeUnit.MILLISECONDS);
        LOG.infof("Watching routes directory %s every %d ms", deployer.directory(), interval);
    }

    void onCamelStopping(@Observes BeforeStop event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (scanner != null) {
            scanner.shutdownNow();
            try {
                scanner.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scanner = null;
        }
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scanning the routes directory %s failed; trying again at the next scan", deployer.directory());
        }
    }

    /** One scan: settle changes, deploy settled ones, undeploy removed files. */
    synchronized void scan() {
        Map<String, Stamp> now = stamps();
        for (Map.Entry<String, Stamp> file : now.entrySet()) {
            String name = file.getKey();
            Stamp stamp = file.getValue();
            if (stamp.equals(seen.get(name))) {
                settling.remove(name);
                continue;
            }
            if (stamp.equals(settling.get(name))) {
                settling.remove(name);
                seen.put(name, stamp);
                deployer.fromDirectory(name, RouteDeployment.Cause.DIRECTORY);
            } else {
                settling.put(name, stamp);
            }
        }
        Set<String> gone = new HashSet<>(seen.keySet());
        gone.removeAll(now.keySet());
        for (String name : gone) {
            seen.remove(name);
            deployer.removedFromDirectory(name);
        }
        settling.keySet().retainAll(now.keySet());
    }

    private Map<String, Stamp> stamps() {
        Map<String, Stamp> stamps = new HashMap<>();
        for (String name : deployer.listRouteFiles()) {
            Path path = deployer.directory().resolve(name);
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                stamps.put(name, new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
            } catch (NoSuchFileException e) {
                // removed between listing and reading: the next scan sees it gone
            } catch (IOException e) {
                LOG.debugf("cannot read the attributes of %s: %s", path, e);
            }
        }
        return stamps;
    }
}
