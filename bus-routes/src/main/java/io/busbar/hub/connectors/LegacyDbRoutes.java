package io.busbar.hub.connectors;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.journal.JournalEventNotifier;
import io.busbar.hub.orders.OrderAddresses;

/**
 * Per {@code type=db-poll} connector instance: a timer that polls the legacy table, and a subscriber to the order
 * events that writes final states back to the legacy rows (in the event's XA transaction).
 */
@ApplicationScoped
public class LegacyDbRoutes extends RouteBuilder {

    static final String FINAL_EVENTS = "'OrderShipped','OrderRejected','OrderCancelled'";

    @Inject
    ConnectorConfig connectors;

    @Inject
    LegacyDbPoller poller;

    @Override
    public void configure() {
        connectors.instances(LegacyDbPoller.TYPE).forEach(this::routes);
    }

    private void routes(String name, Map<String, String> keys) {
        DbPollSettings settings = DbPollSettings.of(name, keys);
        from("timer:connector-" + name + "?delay=1000&period=" + settings.intervalMillis())
                .routeId("connector-" + name + "-poll")
                .setProperty(JournalEventNotifier.NOT_A_FLOW, constant(true))
                .process(exchange -> poller.poll(name));

        from(OrderAddresses.EVENTS.uri("subscriptionDurable=true&subscriptionShared=true"
                + "&subscriptionName=connector-" + name + "&selector=" + BusHeaders.EVENT_TYPE + " IN (" + FINAL_EVENTS
                + ")"))
                .routeId("connector-" + name + "-write-back")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .process(exchange -> {
                    String status = exchange.getIn().getHeader(BusHeaders.EVENT_TYPE, String.class)
                            .replaceFirst("^Order", "").toUpperCase();
                    poller.writeBack(name, exchange.getIn().getHeader(BusHeaders.ORDER_ID, String.class), status);
                });
    }
}
