package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import io.busbar.hub.bus.BusRouteConfiguration;
import io.busbar.hub.infra.HubConfig;
import io.busbar.hub.infra.HubConfig.SubscriberTransactions;

/**
 * Durable subscribers of the order events topic: each sees every event once, even those published while it was down.
 * They send nothing, and their row is keyed by the event's id, so by default each commits its database write in one
 * phase and acknowledges the event after that commit: a redelivery after a crash between the two finds the row and
 * changes nothing (ADR 0021; {@code busbar.bus.subscriber-transactions=xa} keeps both in one XA transaction).
 */
@ApplicationScoped
public class OrderSubscriberRoutes extends RouteBuilder {

    @Inject
    HubConfig config;

    @Override
    public void configure() {
        subscriber("notification").routeId("order-events-notification")
                .bean("orderSubscribers", "notifyCustomer");
        subscriber("analytics").routeId("order-events-analytics")
                .bean("orderSubscribers", "recordForAnalytics");
    }

    private RouteDefinition subscriber(String subscription) {
        String options = "subscriptionDurable=true&subscriptionShared=true&subscriptionName=" + subscription
                + "&concurrentConsumers=2";
        boolean xa = config.bus().subscriberTransactions() == SubscriberTransactions.XA;
        return from(xa ? OrderAddresses.EVENTS.uri(options) : OrderAddresses.EVENTS.afterCommitUri(options))
                .routeConfigurationId(xa ? BusRouteConfiguration.TRANSACTED : BusRouteConfiguration.AFTER_COMMIT);
    }
}
