package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged hub ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process, as a user runs it: for
 * end-to-end tests that stop, kill and restart it.
 */
public final class HubProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;
    private int starts;

    private HubProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-hub.log");
        properties.put("quarkus.profile", "embedded");
        properties.put("quarkus.http.port", Integer.toString(Scratch.freePort()));
        properties.put("busbar.broker.port", Integer.toString(Scratch.freePort()));
        properties.put("busbar.db.port", Integer.toString(Scratch.freePort()));
        properties.put("busbar.jolokia.port", Integer.toString(Scratch.freePort()));
        environment.put("BUSBAR_DATA_DIR", dataDir.toString());
    }

    /** A hub on its embedded defaults with a fresh data directory and free ports. */
    public static HubProcess embedded(String name) {
        return new HubProcess(Scratch.freshDirectory(name).resolve("data"));
    }

    /**
     * Adds a broker account of the hub role ({@link HubTestResource#TEST_HUB}, password the same) for a test that
     * plays the hub's part over TCP: the partner account reaches only the published addresses.
     */
    public HubProcess withTestHubAccount() {
        properties.put("busbar.broker.users." + HubTestResource.TEST_HUB + ".password", HubTestResource.TEST_HUB);
        properties.put("busbar.broker.users." + HubTestResource.TEST_HUB + ".roles", "hub");
        return this;
    }

    public HubProcess with(String property, String value) {
        properties.put(property, value);
        return this;
    }

    /** Drops a property set before, for the next start. */
    public HubProcess without(String property) {
        properties.remove(property);
        return this;
    }

    public HubProcess withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    public int brokerPort() {
        return Integer.parseInt(properties.get("busbar.broker.port"));
    }

    public int dbPort() {
        return Integer.parseInt(properties.get("busbar.db.port"));
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort() + "/busbar";
    }

    /** Starts the process; output goes to a log file next to the data directory. */
    public HubProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.writeString(log, "=== start " + (++starts) + " ===\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until {@code /q/health} answers UP; fails early if the process exits. */
    public HubProcess awaitHealthy(Duration timeout) {
        return awaitUp(health(), timeout);
    }

    /**
     * Waits until {@code /q/health/live} answers UP: the hub is up and serving, whatever its readiness says (a hub
     * started with routes held back is live but not ready).
     */
    public HubProcess awaitLive(Duration timeout) {
        return awaitUp(URI.create(health() + "/live"), timeout);
    }

    private HubProcess awaitUp(URI check, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("hub exited with " + process.exitValue() + ":\n" + output());
                }
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(check)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"status\": \"UP\"");
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(check.getPath() + " not UP after " + timeout + ":\n" + output(), e);
        }
        return this;
    }

    public URI health() {
        return URI.create("http://localhost:" + httpPort() + "/q/health");
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("hub still running after " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGTERM, as a service manager stops it; waits for a clean exit. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** SIGKILL: no shutdown hooks, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("busbar.hub.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: end-to-end tests run after the package phase");
        }
        return jar;
    }
}
