package io.busbar.hub.bus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.camel.Endpoint;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteAddedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.jboss.logging.Logger;

import io.busbar.hub.infra.BrokerManagement;
import io.busbar.hub.infra.HubInfrastructure;
import io.quarkus.arc.Unremovable;

/**
 * Makes every topic subscription a hub route consumes the hub's alone, before the route starts: the hub's own
 * (notification, analytics, legacy-export), each connector instance's {@code connector-<instance>}, and a route file's.
 * A partner may subscribe to a published exit topic (broker.xml), so without this it could open a subscription of the
 * same name, or consume from it by its fully qualified name, and take messages meant for the hub.
 * <p>
 * Artemis matches a subscription queue by its fully qualified name ({@code <topic>::<queue>}) only when that name is
 * listed exactly, so broker.xml cannot name the subscriptions of connector instances and route files it does not know.
 * The hub adds the exact setting itself: directly on the embedded broker, through the management API on an external one
 * (where the broker persists it).
 */
@Singleton
@Unremovable
public class SubscriptionGuard extends EventNotifierSupport {

    private static final Logger LOG = Logger.getLogger(SubscriptionGuard.class);
    /** The hub-only policy of broker.xml's catch-all setting: the hub does everything, operators inspect. */
    static final String HUB = "hub";
    static final String OPERATOR = "operator";

    private final Set<String> guarded = ConcurrentHashMap.newKeySet();

    @Inject
    HubInfrastructure infrastructure;

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteAddedEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        String match = match(((RouteAddedEvent) event).getRoute().getEndpoint());
        if (match != null && !guarded.contains(match)) {
            guard(match);
            guarded.add(match);
        }
    }

    /** The fully qualified name of the subscription queue this consumer endpoint reads, or null when it has none. */
    static String match(Endpoint endpoint) {
        if (!(endpoint instanceof JmsEndpoint jms) || !jms.isPubSubDomain()
                || jms.getConfiguration().getSubscriptionName() == null) {
            return null;
        }
        boolean durable = jms.getConfiguration().isSubscriptionDurable();
        boolean shared = jms.getConfiguration().isSubscriptionShared();
        if (!durable && !shared) {
            return null; // a plain topic consumer: a temporary queue of its own
        }
        String clientId = shared ? null : jms.getConfiguration().getClientId();
        SimpleString queue = ActiveMQDestination.createQueueNameForSubscription(durable, clientId,
                jms.getConfiguration().getSubscriptionName());
        return jms.getDestinationName() + "::" + queue;
    }

    private void guard(String match) throws Exception {
        ActiveMQServer embedded = infrastructure.embeddedBroker();
        if (embedded != null) {
            embedded.getSecurityRepository().addMatch(match, Set.of(
                    new Role(HUB, true, true, true, true, true, true, true, true, true, true, true, true),
                    new Role(OPERATOR, false, false, false, false, false, false, true, true, false, false, true, true)));
        } else {
            String hub = HUB;
            String inspect = HUB + "," + OPERATOR;
            new BrokerManagement(infrastructure.brokerEndpoint()).invoke("addSecuritySettings", match, hub, hub, hub,
                    hub, hub, hub, inspect, inspect, hub, hub, inspect, inspect).orThrow();
        }
        LOG.debugf("Subscription %s: the hub's alone", match);
    }
}
