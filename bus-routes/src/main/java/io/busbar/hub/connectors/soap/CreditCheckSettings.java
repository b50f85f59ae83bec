package io.busbar.hub.connectors.soap;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The keys of a {@code soap-credit-check} connector instance (docs/connectors.md, "Legacy SOAP: credit check"). */
public record CreditCheckSettings(String name, URI endpoint, String username, String password, Duration connectTimeout,
        Duration timeout, int retries, Duration retryDelay, int circuitRequests, double circuitFailureRatio,
        Duration circuitDelay, Duration waitBetween, int maxWaits, String contract) {

    public static final String TYPE = "soap-credit-check";
    public static final String DEFAULT_CONTRACT = "busbar/legacy/credit-check/CreditCheckService.wsdl";

    public static CreditCheckSettings of(String name, Map<String, String> keys) {
        String endpoint = keys.get("endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("connector " + name + ": endpoint is required (the service's URL)");
        }
        return new CreditCheckSettings(name, URI.create(endpoint), keys.get("username"), keys.get("password"),
                millis(keys, "connect-timeout-ms", 2_000), millis(keys, "timeout-ms", 5_000),
                Integer.parseInt(keys.getOrDefault("retries", "2")), millis(keys, "retry-delay-ms", 200),
                Integer.parseInt(keys.getOrDefault("circuit-requests", "10")),
                Double.parseDouble(keys.getOrDefault("circuit-failure-ratio", "0.5")),
                millis(keys, "circuit-delay-ms", 30_000), millis(keys, "wait-ms", 60_000),
                Integer.parseInt(keys.getOrDefault("max-waits", "60")),
                keys.getOrDefault("contract", DEFAULT_CONTRACT));
    }

    private static Duration millis(Map<String, String> keys, String key, long fallback) {
        return Duration.ofMillis(Long.parseLong(keys.getOrDefault(key, Long.toString(fallback))));
    }

    /** The live contract: the endpoint's {@code ?wsdl}. */
    public URI liveWsdl() {
        return URI.create(endpoint + "?wsdl");
    }
}
