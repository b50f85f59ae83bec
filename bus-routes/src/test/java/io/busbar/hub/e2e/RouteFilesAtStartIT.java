package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;

/**
 * The packaged hub starting with route files already in its routes directory: the good ones run from the start, a
 * broken one is refused with its file and line, and the hub comes up all the same.
 */
class RouteFilesAtStartIT {

    @Test
    void theHubDeploysItsRoutesDirectoryAtStartAndABrokenFileDoesNotStopIt() throws Exception {
        try (HubProcess hub = HubProcess.embedded("routes-at-start").withTestHubAccount()) {
            Path routes = Files.createDirectories(hub.dataDir().resolve("routes"));
            Files.writeString(routes.resolve("echo.yaml"), """
                    - route:
                        id: it-start-echo
                        routeConfigurationId: bus-transacted
                        from:
                          uri: jms:queue:it.start.in.v1
                          steps:
                            - to:
                                uri: kamelet:busbar-bus-publish
                                parameters:
                                  name: it.start.out.v1
                    """);
            Files.writeString(routes.resolve("broken.xml"), """
                    <routes>
                      <route id="it-start-broken">
                        <from uri="jms:queue:it.start.broken.v1"/>
                        <to uri="nosuchcomponent:x"/>
                      </route>
                    </routes>
                    """);

            hub.start().awaitHealthy(Duration.ofSeconds(120));

            String files = get(hub, "/api/v1/routes/files");
            assertThat(files).contains("{\"file\":\"echo.yaml\",\"routeIds\":[\"it-start-echo\"],\"live\":{")
                    .contains("\"cause\":\"STARTUP\"")
                    .contains("\"file\":\"broken.xml\",\"routeIds\":[],\"rejected\":[{\"file\":\"broken.xml\",\"line\":3,"
                            + "\"message\":\"a route that consumes from the bus must use the hub's transaction and dead-letter"
                            + " policy: add 'routeConfigurationId: bus-transacted' to the route\"},{\"file\":\"broken.xml\","
                            + "\"line\":4,\"message\":\"unknown component 'nosuchcomponent'");
            // health details are for operators; anonymous probes see each check's status only
            assertThat(get(hub, "/q/health/ready", "demo-operator")).contains("\"status\": \"UP\"")
                    .contains("\"rejected broken.xml\": \"broken.xml:3: a route that consumes from the bus");

            try (BusClient client = BusClient.tcp(hub.brokerPort(), HubTestResource.TEST_HUB, HubTestResource.TEST_HUB)) {
                String id = UUID.randomUUID().toString();
                client.send("it.start.in.v1", "hello", Map.of("id", id));
                TextMessage echoed = client.receive("it.start.out.v1", "id = '" + id + "'", 20_000);
                assertThat(echoed).isNotNull();
                assertThat(echoed.getText()).isEqualTo("hello");
            }
            assertThat(hub.output()).contains("Route file echo.yaml deployed (startup)")
                    .contains("Route file broken.xml rejected: broken.xml:3:");
        }
    }

    private static String get(HubProcess hub, String path) throws Exception {
        return get(hub, path, "demo-viewer");
    }

    private static String get(HubProcess hub, String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + hub.httpPort() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
