package io.busbar.hub.selftest;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.busbar.hub.bus.BusAddress;
import io.busbar.hub.bus.BusRouteConfiguration;

/**
 * Consume a probe, write a row, send an answer, and fail after both writes if the probe asks: one XA transaction. Its
 * non-XA twin, {@code bus-selftest-local}, is there to be measured against it.
 */
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

        // The same step without XA, for bench/core.sh to measure against the XA one, so not started with the hub (an
        // operator starts it, after stopping bus-selftest-xa, through the routes API): the row in a database
        // transaction of its own, then the answer and the acknowledgement in one local broker transaction. A hub
        // killed between the two leaves the row and gets the probe again, whose second insert then fails until it is
        // parked: this is what XA saves the order process from.
        from(PROBES.afterCommitUri("concurrentConsumers={{busbar.bus.consumers}}"))
                .routeId("bus-selftest-local")
                .routeConfigurationId(BusRouteConfiguration.AFTER_COMMIT)
                .autoStartup(false)
                .setProperty(PROBE, method("selfTest", "parse(${body})"))
                .setBody(method("selfTest", "recordOnePhase(${exchangeProperty." + PROBE + "})"))
                .to(ANSWERS.afterCommitUri());
    }
}
