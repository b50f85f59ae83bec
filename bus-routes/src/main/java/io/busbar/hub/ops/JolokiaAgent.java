package io.busbar.hub.ops;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;

import com.sun.net.httpserver.Authenticator;

import io.busbar.hub.infra.HubConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;

/**
 * The Jolokia agent a standalone Hawtio attaches to: Camel's and Artemis's MBeans (and the JVM's) over HTTP at
 * {@code http://<busbar.jolokia.host>:<busbar.jolokia.port>/jolokia/}. The hub starts it itself rather than through
 * Camel Quarkus's auto-started agent so that it is never reachable without the hub's authentication: every request
 * needs HTTP Basic with an operator or admin account ({@link JolokiaAuthenticator}).
 */
@ApplicationScoped
public class JolokiaAgent {

    private static final Logger LOG = Logger.getLogger(JolokiaAgent.class);

    @Inject
    HubConfig config;

    @Inject
    IdentityProviderManager identities;

    private JolokiaServer server;

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!config.jolokia().enabled()) {
            return;
        }
        Authenticator authenticator = new JolokiaAuthenticator(identities);
        JolokiaServerConfig serverConfig = new JolokiaServerConfig(Map.of("host", config.jolokia().host(), "port",
                Integer.toString(config.jolokia().port()), "agentContext", "/jolokia", "discoveryEnabled", "false",
                "restrictorClass", JolokiaPolicy.class.getName(), "threadNamePrefix",
                "busbar-jolokia-")) {
            @Override
            public Authenticator getAuthenticator() {
                return authenticator;
            }
        };
        serverConfig.setClassLoader(JolokiaAgent.class.getClassLoader());
        server = new JolokiaServer(serverConfig);
        server.start();
        LOG.infof("Jolokia agent listening on %s (operators and admins only)", server.getUrl());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }
}
