package io.busbar.hub.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.core.ThrowingRunnable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What operators watch the hub with: queue depths and dead-letter sizes from the broker, per-route latency histograms
 * and failures at {@code /q/metrics}, and the Jolokia agent a standalone Hawtio attaches to, behind authentication.
 */
@QuarkusTest
class MonitoringEndpointsTest {

    @Inject
    BrokerQueueMetrics queueMetrics;

    @Inject
    HubInfrastructure infrastructure;

    @ConfigProperty(name = "busbar.jolokia.port")
    int jolokiaPort;

    BusClient bus;

    @BeforeEach
    void connect() {
        bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void queueDepthFollowsTheBrokerAndDeadLetterQueuesAreTaggedAsSuch() throws Exception {
        String queue = "metrics.probe." + UUID.randomUUID().toString().substring(0, 8) + ".v1";
        bus.send(queue, "one", Map.of());
        bus.send(queue, "two", Map.of());
        // the broker counts a sent message on its queue's executor, a moment after the send returns
        polled(() -> {
            assertThat(gauge("busbar_queue_messages", queue)).isEqualTo(2.0);
            assertThat(gauge("busbar_queue_consumers", queue)).isEqualTo(0.0);
            assertThat(gauge("busbar_queue_messages_added_total", queue)).isEqualTo(2.0);
        });

        assertThat(bus.receive(queue, null, 5000)).isNotNull();
        polled(() -> {
            assertThat(gauge("busbar_queue_messages", queue)).isEqualTo(1.0);
            assertThat(gauge("busbar_queue_messages_acknowledged_total", queue)).isEqualTo(1.0);
        });

        String deadLetters = "DLQ." + queue;
        bus.send(deadLetters, "parked", Map.of());
        polled(() -> assertThat(metrics()).containsPattern("busbar_queue_messages\\{[^}]*kind=\"dead-letter\"[^}]*queue=\""
                + Pattern.quote(deadLetters) + "\"[^}]*} 1\\.0"));
        assertThat(metrics()).doesNotContain("queue=\"activemq.management");
    }

    @Test
    void routesReportLatencyHistogramsAndFailureCounts() {
        String orderId = OrderProcess.submit(OrderProcess.establishedCustomer(), "SKU-1", "5.00");
        OrderProcess.awaitStatus(orderId, io.busbar.contract.order.v1.OrderStatus.SHIPPED);
        String metrics = metrics();
        assertThat(metrics).containsPattern("camel_route_policy_seconds_bucket\\{[^}]*routeId=\"order-fulfilment-intake\"");
        assertThat(metrics).containsPattern("camel_exchanges_failed_total\\{[^}]*routeId=\"order-fulfilment-intake\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/orders\"");

        // the Grafana dashboard in deploy/ reads only metrics the hub serves
        Matcher names = Pattern.compile("\\b([a-z][a-z0-9_]+)\\{").matcher(dashboard());
        List<String> missing = new ArrayList<>();
        while (names.find()) {
            if (!Pattern.compile("(?m)^" + names.group(1) + "[{ ]").matcher(metrics).find()) {
                missing.add(names.group(1));
            }
        }
        assertThat(missing).as("metrics the dashboard shows but the hub does not serve").isEmpty();
    }

    private static String dashboard() {
        try {
            String json = Files.readString(Path.of("../deploy/grafana/busbar-hub.json"));
            StringBuilder expressions = new StringBuilder();
            Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
            while (expr.find()) {
                expressions.append(expr.group(1).replace("\\\"", "\"")).append('\n');
            }
            assertThat(expressions).isNotEmpty();
            return expressions.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theHealthEndpointsTheKubernetesProbesUseAnswer() {
        for (String probe : List.of("/q/health/started", "/q/health/ready", "/q/health/live")) {
            given().get(probe).then().statusCode(200);
        }
    }

    @Test
    void metricsNeedAnAccount() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().preemptive().basic("demo-order-desk", "demo-order-desk").get("/q/metrics").then().statusCode(403);
    }

    @Test
    void jolokiaAnswersOperatorsOnlyAndShowsCamelAndArtemis() throws Exception {
        String version = "{\"type\":\"version\"}";
        assertThat(jolokia(version, null).statusCode()).isEqualTo(401);
        assertThat(jolokia(version, "demo-operator:wrong").statusCode()).isEqualTo(401);
        assertThat(jolokia(version, "demo-viewer:demo-viewer").statusCode()).isEqualTo(401);

        HttpResponse<String> agent = jolokia(version, "demo-operator:demo-operator");
        assertThat(agent.statusCode()).isEqualTo(200);
        assertThat(agent.body()).contains("\"agent\"");

        HttpResponse<String> camel = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=busbar,type=routes,"
                + "name=\\\"order-fulfilment-intake\\\"\",\"attribute\":\"State\"}", "demo-admin:demo-admin");
        assertThat(camel.body()).contains("\"value\":\"Started\"");

        HttpResponse<String> artemis = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.activemq.artemis:broker=*\"}",
                "demo-admin:demo-admin");
        assertThat(artemis.body()).contains("org.apache.activemq.artemis:broker=").contains("\"status\":200");

        HttpResponse<String> outside = jolokia(
                "{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\"}", "demo-admin:demo-admin");
        assertThat(outside.body()).as("MBeans outside Camel, Artemis and the JVM basics stay closed")
                .contains("\"status\":403");
    }

    /** Jolokia takes POST only (HttpSecurityTest shows a GET refused). */
    private HttpResponse<String> jolokia(String request, String credentials) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jolokiaPort + "/jolokia/"))
                .POST(HttpRequest.BodyPublishers.ofString(request));
        if (credentials != null) {
            post.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics() {
        return given().auth().preemptive().basic("demo-viewer", "demo-viewer").get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }

    private static double gauge(String name, String queue) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*queue=\"" + Pattern.quote(queue) + "\"[^}]*} (\\S+)$")
                .matcher(metrics());
        assertThat(m.find()).as(name + " for " + queue).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Polls the broker's queues until the assertion holds (at most 10 s). */
    private void polled(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            queueMetrics.poll();
            assertion.run();
        });
    }
}
