package io.busbar.hub.infra;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.jboss.logging.Logger;

/**
 * The ActiveMQ Artemis broker that runs inside the hub in the embedded default. Its policy comes from
 * {@code deploy/broker/broker.xml} (packaged on the classpath); the effective file, placeholders filled, is written
 * next to the journal so an operator can read what the broker runs with.
 */
public final class EmbeddedBroker {

    static final String IN_VM_URL = "vm://0";
    private static final String POLICY_RESOURCE = "busbar/broker/broker.xml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(busbar\\.broker\\.[a-z0-9.-]+)(:[^}]*)?}");
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    private final Path dataDir;
    private final Map<String, String> placeholders;
    private final BrokerUsers users;
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path dataDir, String host, int port, Map<String, String> settings, BrokerUsers users) {
        this.dataDir = dataDir;
        this.users = users;
        this.placeholders = new HashMap<>();
        settings.forEach((name, value) -> placeholders.put("busbar.broker." + name, value));
        placeholders.put("busbar.broker.data-dir", dataDir.toString());
        placeholders.put("busbar.broker.host", host);
        placeholders.put("busbar.broker.port", Integer.toString(port));
    }

    public void start() throws Exception {
        Path effective = writeEffectiveConfiguration();
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(effective.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        // the hub's own connections stay inside the JVM
        configuration.addAcceptorConfiguration("in-vm", IN_VM_URL);

        broker = new EmbeddedActiveMQ()
                .setConfiguration(configuration)
                .setSecurityManager(users)
                .setMbeanServer(ManagementFactory.getPlatformMBeanServer());
        broker.start();
        ActiveMQServer server = broker.getActiveMQServer();
        if (!server.waitForActivation(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the embedded broker did not become active within 30 s");
        }
        LOG.infof("Embedded broker %s active: journal in %s, acceptor %s:%s", server.getConfiguration().getName(), dataDir,
                placeholders.get("busbar.broker.host"), placeholders.get("busbar.broker.port"));
    }

    boolean isActive() {
        return broker != null && broker.getActiveMQServer() != null && broker.getActiveMQServer().isActive();
    }

    ActiveMQServer server() {
        return broker == null ? null : broker.getActiveMQServer();
    }

    public void stop() {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.warnf("Embedded broker did not stop cleanly: %s", e.toString());
        }
        broker = null;
    }

    private Path writeEffectiveConfiguration() throws IOException {
        String template;
        try (InputStream in = EmbeddedBroker.class.getClassLoader().getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(POLICY_RESOURCE + " is missing from the hub's classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dataDir);
        Path effective = dataDir.resolve("broker.xml");
        Files.writeString(effective, fill(template, placeholders));
        return effective;
    }

    /** Replaces {@code ${busbar.broker.x:default}} with the configured value, or leaves the default for Artemis. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String replacement = value != null ? value : m.group(2) != null ? m.group(2).substring(1) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
