package io.busbar.hub.selftest;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusRouteConfiguration;

/** Consume a probe, write a row, send an answer, and fail after both writes if the probe asks: one XA transaction. */
@ApplicationScoped
public class SelfTestRoute extends RouteBuilder {

    static final String PROBE = "busbarProbe";

    @Override
    public void configure() {
        from("jms:queue:{{busbar.queue.selftest}}")
                .routeId("bus-selftest-xa")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .setProperty(PROBE, method("selfTest", "parse(${body})"))
                .setBody(method("selfTest", "record(${exchangeProperty." + PROBE + "})"))
                .to("jms:queue:{{busbar.queue.selftest-done}}")
                .bean("selfTest", "failIfAsked(${exchangeProperty." + PROBE + "})");
    }
}
