package io.busbar.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests in deploy/ stay in step with the hub: every setting production refuses to start without is
 * provided, the node name is unique per pod and short enough for XA, the probes are the hub's health endpoints, and
 * the routing rules shipped in the ConfigMap are the hub's own, and the grace period outlasts the hub's shutdown.
 */
class DeployManifestsTest {

    static final Path MANIFESTS = Path.of("../deploy/kubernetes/busbar-hub.yaml");

    @Test
    void theStatefulSetProvidesWhatProductionNeeds() throws IOException {
        JsonNode hub = container(document("StatefulSet"));
        Set<String> env = new TreeSet<>();
        hub.path("env").forEach(e -> env.add(e.path("name").asText()));
        assertThat(env).containsAll(BusbarMain.PRODUCTION_SETTINGS.keySet()).contains("BUSBAR_NODE_NAME",
                "BUSBAR_DATA_DIR");
        assertThat(hub.path("env").toString()).contains("\"name\":\"BUSBAR_NODE_NAME\",\"valueFrom\":{\"fieldRef\":"
                + "{\"fieldPath\":\"metadata.name\"}}");
        String podName = document("StatefulSet").path("metadata").path("name").asText() + "-99";
        assertThat(podName.getBytes()).as("XA node names are at most 28 bytes").hasSizeLessThanOrEqualTo(28);

        assertThat(hub.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(hub.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(hub.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(document("StatefulSet").path("spec").path("volumeClaimTemplates")).as("a persistent transaction log")
                .isNotEmpty();
    }

    /** Every drain the hub runs at shutdown, one after the other, in the order the hub runs them. */
    static final List<String> SHUTDOWN_BUDGET = List.of("quarkus.shutdown.timeout", "busbar.connectors.drain-timeout",
            "camel.main.shutdown-timeout", "busbar.routes.drain-timeout", "busbar.journal.drain-timeout");

    @Test
    void theGracePeriodIsLongerThanEveryShutdownDrainTogether() throws IOException {
        Properties hubConfig = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            hubConfig.load(in);
        }
        Duration sum = Duration.ZERO;
        for (String key : SHUTDOWN_BUDGET) {
            String value = hubConfig.getProperty(key);
            assertThat(value).as(key + " is set explicitly").isNotBlank();
            for (String profile : List.of("%prod.", "%embedded.")) {
                assertThat(hubConfig.getProperty(profile + key)).as(profile + key + " would change the budget").isNull();
            }
            sum = sum.plus(duration(value.strip()));
        }
        JsonNode pod = document("StatefulSet").path("spec").path("template").path("spec");
        assertThat(pod.has("terminationGracePeriodSeconds")).as("the grace period is set explicitly").isTrue();
        Duration grace = Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong());
        assertThat(grace).as("grace period against the shutdown drains " + SHUTDOWN_BUDGET).isGreaterThan(sum);
        assertThat(container(document("StatefulSet")).path("env").toString()).as("no pod overrides a drain")
                .doesNotContain("SHUTDOWN").doesNotContain("DRAIN");
    }

    /** Quarkus' duration forms (60s, 500ms, 2m, PT1M) and Camel's plain seconds. */
    static Duration duration(String value) {
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.matches("\\d+[smh]")) {
            return Duration.parse("PT" + value.toUpperCase());
        }
        return Duration.parse(value);
    }

    @Test
    void theConfigMapShipsTheHubsRoutingRules() throws IOException {
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/busbar/routing-rules.yaml")) {
            shipped = new String(in.readAllBytes());
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode inConfigMap = yaml.readTree(document("ConfigMap").path("data").path("routing-rules.yaml").asText());
        assertThat(inConfigMap).isEqualTo(yaml.readTree(shipped));
    }

    private static JsonNode container(JsonNode statefulSet) {
        return statefulSet.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode document(String kind) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(Files.readString(MANIFESTS))) {
            it.forEachRemaining(documents::add);
        }
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + MANIFESTS));
    }
}
