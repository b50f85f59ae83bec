package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.busbar.hub.infra.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real systems a component test runs against, started without Docker: a PostgreSQL server from Maven-packaged
 * binaries (max_prepared_transactions set, so XA works) and a fresh data directory for the hub's embedded broker and
 * transaction log. Ports are free ones, so tests run beside a running hub.
 * <p>
 * Init arg {@code max_prepared_transactions} overrides the server setting (0 disables two-phase commit).
 */
public class HubTestResource implements QuarkusTestResourceLifecycleManager {

    /** A broker account with the hub role, for tests that act as the hub over TCP (user name = password). */
    public static final String TEST_HUB = "test-hub";

    private static EmbeddedDatabase database;
    private static volatile String currentJdbcUrl;
    private final Map<String, String> serverSettings = new HashMap<>();
    private EmbeddedDatabase ownDatabase;

    @Override
    public void init(Map<String, String> initArgs) {
        serverSettings.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Path dataDir = freshDirectory("hub-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        EmbeddedDatabase db = serverSettings.isEmpty() ? sharedDatabase() : ownDatabase(dataDir);
        currentJdbcUrl = db.jdbcUrl();
        Map<String, String> config = new HashMap<>();
        config.put("busbar.data-dir", dataDir.toString());
        config.put("busbar.db.embedded", "false");
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", EmbeddedDatabase.USER);
        config.put("busbar.broker.port", Integer.toString(freePort()));
        // tests that play the hub's part over TCP (probes, route-file queues) use an account of the hub role: the
        // partner account (demo-client) may only reach the published addresses
        config.put("busbar.broker.users." + TEST_HUB + ".password", TEST_HUB);
        config.put("busbar.broker.users." + TEST_HUB + ".roles", "hub");
        config.put("busbar.jolokia.port", Integer.toString(freePort()));
        return config;
    }

    @Override
    public void stop() {
        if (ownDatabase != null) {
            ownDatabase.close();
        }
    }

    /** JDBC URL of the database the current test's hub uses. */
    public static String jdbcUrl() {
        return currentJdbcUrl;
    }

    /** One PostgreSQL server for the whole test run; every hub started by a test gets a clean schema in it. */
    private static synchronized EmbeddedDatabase sharedDatabase() {
        if (database == null) {
            database = startDatabase(freshDirectory("postgres-" + ProcessHandle.current().pid()), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-postgres-stop"));
        }
        Database.resetSchema(database.jdbcUrl());
        return database;
    }

    private EmbeddedDatabase ownDatabase(Path dataDir) {
        ownDatabase = startDatabase(dataDir.resolve("own-postgres"), serverSettings);
        return ownDatabase;
    }

    private static EmbeddedDatabase startDatabase(Path dir, Map<String, String> settings) {
        try {
            return EmbeddedDatabase.start(dir.resolve("pgdata"), freePort(), Duration.ofSeconds(60), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path freshDirectory(String name) {
        return Scratch.freshDirectory(name);
    }

    public static int freePort() {
        return Scratch.freePort();
    }
}
