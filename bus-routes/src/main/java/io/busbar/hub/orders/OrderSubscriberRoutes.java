package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusRouteConfiguration;

/** Durable subscribers of the order events topic: each sees every event once, even those published while it was down. */
@ApplicationScoped
public class OrderSubscriberRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(OrderAddresses.EVENTS.uri("subscriptionDurable=true&subscriptionShared=true"
                + "&subscriptionName=notification&concurrentConsumers=2"))
                .routeId("order-events-notification")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSubscribers", "notifyCustomer");

        from(OrderAddresses.EVENTS.uri("subscriptionDurable=true&subscriptionShared=true"
                + "&subscriptionName=analytics&concurrentConsumers=2"))
                .routeId("order-events-analytics")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderSubscribers", "recordForAnalytics");
    }
}
