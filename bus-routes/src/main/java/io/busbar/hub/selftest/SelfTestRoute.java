package io.busbar.hub.selftest;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusAddress;
import io.busbar.hub.bus.BusRouteConfiguration;

/** Consume a probe, write a row, send an answer, and fail after both writes if the probe asks: one XA transaction. */
@ApplicationScoped
public class SelfTestRoute extends RouteBuilder {

    static final String PROBE = "busbarProbe";
    /** Probes, from operators and from the production smoke test. */
    public static final BusAddress PROBES = BusAddress.queue("selftest");
    /** The answers to probes. */
    public static final BusAddress ANSWERS = BusAddress.queue("selftest-done");

    @Override
    public void configure() {
        from(PROBES.uri("concurrentConsumers={{busbar.bus.consumers}}"))
                .routeId("bus-selftest-xa")
                .routeConfigurationId(BusRouteConfiguration.TRANSACTED)
                .setProperty(PROBE, method("selfTest", "parse(${body})"))
                .setBody(method("selfTest", "record(${exchangeProperty." + PROBE + "})"))
                .to(ANSWERS.uri())
                .bean("selfTest", "failIfAsked(${exchangeProperty." + PROBE + "})");
    }
}
