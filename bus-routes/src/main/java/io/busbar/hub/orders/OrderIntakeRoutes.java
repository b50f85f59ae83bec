package io.busbar.hub.orders;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.bus.BusRouteConfiguration;

/**
 * Order doors on the bus besides the services' contracts, and the way back to the legacy system:
 * <ul>
 * <li>{@code legacy.order.in.v1}: the legacy order entry system's flat XML, transformed by XSLT (Saxon);</li>
 * <li>{@code order.intake.json.v1}: canonical JSON from bus clients (Jackson, then the canonical schema);</li>
 * <li>shipped orders that came from the legacy system go back to it as flat shipment confirmations
 * ({@code legacy.order.out.v1}).</li>
 * </ul>
 */
@ApplicationScoped
public class OrderIntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(OrderAddresses.LEGACY_ORDER_IN.uri())
                .routeId("order-legacy-intake")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .to("xslt-saxon:busbar/xslt/legacy-order-to-canonical.xsl")
                .bean("orderIntake", "submitXml");

        from(OrderAddresses.ORDER_INTAKE_JSON.uri())
                .routeId("order-json-intake")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .bean("orderIntake", "submitJson");

        from(OrderAddresses.EVENTS.uri("subscriptionDurable=true&subscriptionShared=true"
                + "&subscriptionName=legacy-export&selector=" + BusHeaders.EVENT_TYPE + "='OrderShipped'"))
                .routeId("order-legacy-export")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                // the stylesheet writes a confirmation only for orders that came from the legacy system
                .to("xslt-saxon:busbar/xslt/canonical-shipment-to-legacy.xsl")
                .filter(body().contains("<LEGACY_SHIPMENT>"))
                .to(OrderAddresses.LEGACY_ORDER_OUT.uri());
    }
}
