package io.busbar.hub.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import jakarta.transaction.TransactionManager;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.messaginghub.pooled.jms.JmsPoolXAConnectionFactory;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Brings up what the hub stands on, in order, before anything uses it: checks (data directory, ports, node name),
 * the embedded PostgreSQL server, the schema, the embedded broker, the XA-pooled connection to the broker and the
 * broker's XA recovery. Whatever asks first (Camel configuring its routes, the JMS connection factory, start-up)
 * triggers it; everything after finds it done. Stops in reverse order.
 */
@ApplicationScoped
public class HubInfrastructure {

    private static final Logger LOG = Logger.getLogger(HubInfrastructure.class);
    private static final int MAX_NODE_NAME_BYTES = 28;
    private static final String DEMO_PREFIX = "demo-";
    private static final String EMBEDDED_USERS = "quarkus.security.users.embedded.users.";
    private static final String BROKER_USERS = "busbar.broker.users.";
    private static final String HASHED_ACCOUNTS = "busbar.accounts.";

    @Inject
    HubConfig config;

    @Inject
    Instance<Flyway> flyway;

    @Inject
    TransactionManager transactionManager;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private volatile boolean started;
    private EmbeddedDatabase database;
    private EmbeddedBroker broker;
    private BrokerEndpoint endpoint;
    private JmsPoolXAConnectionFactory pool;
    private BrokerRecoveryHelper recovery;

    void beforeCamel(@Observes BeforeConfigure event) {
        ensureStarted();
    }

    void onStart(@Observes StartupEvent event) {
        ensureStarted();
        // Resolve what a crash left in doubt now, not at the first periodic pass: a restart with no traffic recovers too.
        Thread recoveryAtStart = new Thread(() -> {
            try {
                RecoveryManager.manager().scan();
                LOG.info("Transaction recovery pass at start-up done");
            } catch (RuntimeException e) {
                LOG.warnf("Transaction recovery pass at start-up failed; the periodic pass will retry: %s", e.toString());
            }
        }, "busbar-recovery-at-start");
        recoveryAtStart.setDaemon(true);
        recoveryAtStart.start();
    }

    /** The XA-pooled connection factory every JMS producer and consumer of the hub uses. */
    public ConnectionFactory connectionFactory() {
        ensureStarted();
        return pool;
    }

    /** Where and as whom the hub reaches its broker. */
    public BrokerEndpoint brokerEndpoint() {
        ensureStarted();
        return endpoint;
    }

    /** The embedded broker, or null when the hub uses an external one. */
    public ActiveMQServer embeddedBroker() {
        return broker == null ? null : broker.server();
    }

    public synchronized void ensureStarted() {
        if (started) {
            return;
        }
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        checkNodeName(config.nodeName());
        if (ConfigUtils.getProfiles().contains("prod")) {
            checkNoDemoUsers();
            checkNoDigestAccounts();
            checkNoTestHooks();
        }
        DataDirectory.checkWritable(dataDir);
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            checkPortFree("HTTP", httpHost, httpPort, "quarkus.http.port");
        }
        if (config.db().embedded()) {
            // a hub killed with SIGKILL left its PostgreSQL server running on this port: stop it first
            try {
                EmbeddedDatabase.stopOrphanedServer(dataDir.resolve("postgres"));
            } catch (IOException e) {
                throw new StartupCheckFailed("cannot check " + dataDir.resolve("postgres") + " for a PostgreSQL server left"
                        + " running: " + e.getMessage());
            }
            checkPortFree("database", "127.0.0.1", config.db().port(), "busbar.db.port");
        }
        if (config.broker().embedded()) {
            checkPortFree("broker", config.broker().host(), config.broker().port(), "busbar.broker.port");
        }
        // No recovery pass until every resource manager can answer for its branches: a pass that cannot see the
        // broker's prepared branches would take them for completed (JTAEnvironmentBean.xaAssumeRecoveryComplete).
        RecoveryManager recoveryManager = RecoveryManager.manager();
        recoveryManager.suspend(false);
        try {
            if (config.db().embedded()) {
                database = EmbeddedDatabase.start(dataDir.resolve("postgres"), config.db().port(),
                        config.db().startupTimeout(), Map.of());
            }
            migrateSchema();
            endpoint = config.broker().embedded() ? startEmbeddedBroker(dataDir) : externalBroker();
            pool = xaPool(endpoint);
            recovery = BrokerRecoveryHelper.register(endpoint);
            started = true;
        } catch (StartupCheckFailed e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("the hub's infrastructure did not start: " + e.getMessage(), e);
        } finally {
            recoveryManager.resume();
        }
    }

    private void migrateSchema() {
        flyway.get().migrate();
    }

    private BrokerEndpoint startEmbeddedBroker(Path dataDir) throws Exception {
        String user = config.broker().user().orElse("busbar-hub");
        String password = config.broker().password().orElseGet(HubInfrastructure::randomSecret);
        BrokerUsers users = new BrokerUsers().add(user, password, "hub");
        config.broker().users().forEach((name, account) -> users.add(name, account.password(), account.roles()));
        broker = new EmbeddedBroker(dataDir.resolve("broker"), config.broker().host(), config.broker().port(),
                config.broker().settings(), users);
        broker.start();
        return new BrokerEndpoint(EmbeddedBroker.IN_VM_URL, user, password);
    }

    private BrokerEndpoint externalBroker() {
        String url = config.broker().url()
                .orElseThrow(() -> new StartupCheckFailed("busbar.broker.url (BUSBAR_BROKER_URL) is not set"));
        return new BrokerEndpoint(url, config.broker().user().orElse(null), config.broker().password().orElse(null));
    }

    private JmsPoolXAConnectionFactory xaPool(BrokerEndpoint endpoint) {
        ActiveMQXAConnectionFactory factory = endpoint.xaConnectionFactory();
        JmsPoolXAConnectionFactory xaPool = new JmsPoolXAConnectionFactory();
        xaPool.setConnectionFactory((XAConnectionFactory) factory);
        xaPool.setTransactionManager(transactionManager);
        xaPool.setMaxConnections(config.broker().poolSize());
        xaPool.setMaxSessionsPerConnection(500);
        xaPool.setUseAnonymousProducers(false);
        return xaPool;
    }

    @PreDestroy
    synchronized void stop() {
        if (recovery != null) {
            recovery.close();
            recovery = null;
        }
        if (pool != null) {
            pool.stop();
            pool = null;
        }
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        started = false;
    }

    /** Production must not run with the embedded default's demo accounts, whatever way they were configured. */
    private static void checkNoDemoUsers() {
        List<String> demo = new ArrayList<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            String user = name.startsWith(EMBEDDED_USERS) ? name.substring(EMBEDDED_USERS.length())
                    : name.startsWith(BROKER_USERS) ? name.substring(BROKER_USERS.length()).replaceFirst("\\..*$", "")
                            : name.startsWith(HASHED_ACCOUNTS)
                                    ? name.substring(HASHED_ACCOUNTS.length()).replaceFirst("\\.[^.]+$", "")
                                    : null;
            if (user != null && user.replace("\"", "").startsWith(DEMO_PREFIX)) {
                demo.add(user.replace("\"", ""));
            }
        }
        if (!demo.isEmpty()) {
            throw new StartupCheckFailed("the production profile refuses to run with demo accounts: "
                    + String.join(", ", demo.stream().distinct().sorted().toList())
                    + "; configure real accounts (see README, Security)");
        }
    }

    /**
     * Production passwords are salted, slow hashes (HubAccounts): a plain {@code busbar.accounts.<user>.password} (the
     * embedded default's kind) and accounts for the Elytron realm (unsalted digests; not built in) both stop the start.
     */
    private static void checkNoDigestAccounts() {
        List<String> weak = new ArrayList<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith(EMBEDDED_USERS)) {
                weak.add(name.substring(EMBEDDED_USERS.length()).replace("\"", ""));
            }
        }
        weak.addAll(HubAccounts.plainUsers(ConfigProvider.getConfig()));
        if (!weak.isEmpty()) {
            throw new StartupCheckFailed("the production profile takes accounts only with bcrypt hashes"
                    + " (busbar.accounts.<user>.password-hash, see README); plain passwords and unsalted"
                    + " quarkus.security.users.embedded accounts are refused: "
                    + String.join(", ", weak.stream().sorted().toList()));
        }
    }

    /** The crash suite's commit hold stops transactions on purpose: never in production. */
    private static void checkNoTestHooks() {
        if (ConfigProvider.getConfig().getOptionalValue(CommitHold.PROPERTY, Boolean.class).orElse(false)) {
            throw new StartupCheckFailed(CommitHold.PROPERTY + " is a crash-suite hook that holds a transaction between"
                    + " prepare and commit; the production profile refuses it");
        }
    }

    private static void checkNodeName(String nodeName) {
        if (nodeName.isBlank() || nodeName.getBytes(StandardCharsets.UTF_8).length > MAX_NODE_NAME_BYTES) {
            throw new StartupCheckFailed("busbar.node-name (BUSBAR_NODE_NAME) must be 1 to " + MAX_NODE_NAME_BYTES
                    + " bytes and unique per hub instance; it is '" + nodeName + "'");
        }
    }

    private static void checkPortFree(String what, String host, int port, String property) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new StartupCheckFailed(what + " port " + port + " on " + host + " is already in use; free it or set "
                    + property);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
