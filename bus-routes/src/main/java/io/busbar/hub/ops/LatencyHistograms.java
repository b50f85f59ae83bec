package io.busbar.hub.ops;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Per-route latency as Prometheus histograms (buckets, not just count, sum and max), so a dashboard can show p50, p95
 * and p99 per route and aggregate them across hub instances. Applies to Camel's route timers and the HTTP server's.
 */
@Singleton
public class LatencyHistograms {

    static boolean latencyTimer(Meter.Id id) {
        String name = id.getName();
        return id.getType() == Meter.Type.TIMER
                && (name.startsWith("camel.route") || name.startsWith("camel.exchange") || name.equals("http.server.requests"));
    }

    @Produces
    @Singleton
    MeterFilter routeLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!latencyTimer(id)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos()).build().merge(config);
            }
        };
    }
}
