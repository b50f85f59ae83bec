package io.busbar.hub.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the hub can open a connection to its broker (and, embedded, the broker is active). */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Inject
    HubInfrastructure infrastructure;

    private volatile ActiveMQConnectionFactory probeFactory;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Artemis broker");
        BrokerEndpoint endpoint = infrastructure.brokerEndpoint();
        response.withData("url", endpoint.url());
        ActiveMQServer embedded = infrastructure.embeddedBroker();
        if (embedded != null) {
            response.withData("embedded", true).withData("version", embedded.getVersion().getFullVersion());
            if (!embedded.isActive()) {
                return response.down().withData("reason", "embedded broker not active").build();
            }
        }
        try (Connection connection = factory(endpoint).createConnection()) {
            return response.up().build();
        } catch (JMSException e) {
            return response.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    private ActiveMQConnectionFactory factory(BrokerEndpoint endpoint) {
        if (probeFactory == null) {
            ActiveMQConnectionFactory factory = endpoint.connectionFactory();
            factory.setCallTimeout(5000);
            factory.setConnectionTTL(10000);
            probeFactory = factory;
        }
        return probeFactory;
    }
}
