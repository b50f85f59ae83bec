package io.busbar.hub.connectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusRouteConfiguration;

/**
 * One route per outbound batch file instance: its {@code source} ({@code topic:<name>} through a durable shared
 * subscription named after the instance, or {@code queue:<name>}) into the instance's outbox, in the consumer's XA
 * transaction.
 */
@ApplicationScoped
public class BatchFileOutboundRoutes extends RouteBuilder {

    @Inject
    BatchFileConnectors connectors;

    @Inject
    BatchFileOutbound outbound;

    @Override
    public void configure() {
        for (BatchInstance instance : connectors.instances()) {
            if (instance.inbound()) {
                continue;
            }
            String source = instance.source();
            String uri;
            if (source.startsWith("topic:")) {
                uri = "jms:" + source + "?subscriptionDurable=true&subscriptionShared=true&subscriptionName=connector-"
                        + instance.name();
            } else if (source.startsWith("queue:")) {
                uri = "jms:" + source;
            } else {
                throw new IllegalArgumentException(
                        "connector " + instance.name() + ": 'source': expected topic:<name> or queue:<name>");
            }
            from(uri)
                    .routeId("connector-" + instance.name() + "-outbox")
                    .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                    .process(exchange -> outbound.add(instance, exchange));
        }
    }
}
