package io.busbar.hub.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from binaries packaged as a Maven artifact: the embedded default's database, and the
 * database every component test runs against. The data directory persists across restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "busbar";
    public static final String USER = "postgres";
    private static final String LOCK_FILE = "epg-lock";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on 127.0.0.1:port with its data in {@code dataDir}, creating the cluster and the busbar
     * database on first start.
     *
     * @param serverSettings postgresql.conf settings on top of the hub's defaults
     */
    public static EmbeddedDatabase start(Path dataDir, int port, Duration startupTimeout, Map<String, String> serverSettings)
            throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedServer(dataDir);
        Path log = dataDir.getParent().resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(startupTimeout)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky starts the server with -F (fsync off); a hub's data must survive a power cut
                .setServerConfig("fsync", "on")
                // and commits in synchronously (zonky turns synchronous_commit off): an acknowledged XA commit is durable
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                // XA: every prepare fails while this is 0
                .setServerConfig("max_prepared_transactions", "100")
                .setServerConfig("timezone", "UTC");
        serverSettings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, port);
        database.createDatabaseIfMissing();
        LOG.infof("Embedded PostgreSQL listening on 127.0.0.1:%d, data in %s, log in %s", port, dataDir, log);
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.toString());
        }
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    /**
     * A hub killed with SIGKILL leaves its PostgreSQL server running. Stop it, unless a live hub still holds the data
     * directory.
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (Files.exists(lockFile)) {
            try (RandomAccessFile raf = new RandomAccessFile(lockFile.toFile(), "rw");
                    FileChannel channel = raf.getChannel();
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    throw new StartupCheckFailed("the database in " + dataDir + " is in use by another running hub");
                }
            }
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (orphan.isEmpty() || !orphan.get().isAlive()) {
            return;
        }
        LOG.warnf("Stopping PostgreSQL server (pid %d) left running by a hub that did not shut down", orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StartupCheckFailed("PostgreSQL server (pid " + orphan.get().pid() + ") left by an earlier run of the hub"
                    + " does not stop; stop it and start the hub again");
        }
    }
}
