package io.busbar.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.busbar.hub.http.CrossSitePolicy;

/** The same-origin comparison: default ports, letter case, proxies' public origins, lookalike hosts. */
class CrossSitePolicyTest {

    final CrossSitePolicy policy = new CrossSitePolicy(List.of("https://Hub.Example.com"));

    boolean refused(String origin, String scheme, String host) {
        return policy.check("POST", "/console/routes/r/stop", origin, null, null, scheme, host, true, false).isPresent();
    }

    @Test
    void theHubsOwnOriginIsItsSchemeAndHostWithDefaultPortsMadeExplicit() {
        assertThat(refused("http://localhost:8080", "http", "localhost:8080")).isFalse();
        assertThat(refused("HTTP://LOCALHOST:8080", "http", "localhost:8080")).isFalse();
        assertThat(refused("https://hub.internal", "https", "hub.internal:443")).isFalse();
        assertThat(refused("http://hub.internal:80", "http", "hub.internal")).isFalse();
        // behind a proxy: the configured public origin, whatever Host the hub sees
        assertThat(refused("https://hub.example.com", "http", "10.0.0.5:8080")).isFalse();
    }

    @Test
    void anythingElseIsAnotherOrigin() {
        assertThat(refused("http://localhost:8081", "http", "localhost:8080")).isTrue();
        assertThat(refused("https://localhost:8080", "http", "localhost:8080")).isTrue();
        assertThat(refused("http://localhost:8080.evil.example", "http", "localhost:8080")).isTrue();
        assertThat(refused("http://evil.example", "http", "evil.example.localhost:8080")).isTrue();
        assertThat(refused("http://hub.example.com", "http", "10.0.0.5:8080")).as("http is not the https origin").isTrue();
        assertThat(refused("file://", "http", "localhost:8080")).isTrue();
        assertThat(refused("not an origin", "http", "localhost:8080")).isTrue();
        assertThat(refused("null", "http", "localhost:8080")).isTrue();
        assertThat(refused(null, "http", "localhost:8080")).as("the console needs an Origin").isTrue();
    }

    @Test
    void readsAreNeverRefusedAndApiClientsWithoutABrowserNeedNoOrigin() {
        assertThat(policy.check("GET", "/console/routes", "http://evil.example", "cross-site", null, "http", "h", true,
                false)).isEmpty();
        assertThat(policy.check("POST", "/api/v1/routes/r/stop", null, null, "application/json", "http", "h", false,
                true)).isEmpty();
        assertThat(policy.check("POST", "/api/v1/routes/r/stop", null, null, "application/x-www-form-urlencoded",
                "http", "h", false, false)).as("curl -d ''").isEmpty();
        assertThat(policy.check("POST", "/api/v1/routes/r/stop", null, null, "application/x-www-form-urlencoded",
                "http", "h", false, true)).get().extracting(CrossSitePolicy.Refusal::status).isEqualTo(415);
    }
}
