package io.busbar.hub.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The routes API over HTTP: who may do what, uploads checked like files from the directory (400 with file and line,
 * nothing changed), no upload outside the routes directory, no oversized upload, route control, history and restore.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RoutesApiTest {

    static final String API = "/api/v1/routes";

    @Inject
    RouteDeployer deployer;

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    String flow;
    String routeId;
    String file;

    @BeforeEach
    void names() {
        flow = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        routeId = "api-" + flow + "-log";
        file = flow + ".yaml";
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (deployer.live(file).isPresent() || Files.exists(deployer.directory().resolve(file))) {
            as("demo-admin").delete(API + "/files/" + file);
        }
    }

    @Test
    void readingNeedsAnOperatorAdminOrViewerAndChangingNeedsAnOperatorOrAdmin() {
        // deploying code (upload, restore) is a role of its own: route-author or admin, not operator
        as("demo-operator").body(route("v1")).put(API + "/files/" + file).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("ACCESS_DENIED"));
        given().get(API).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://busbar.io/problems/unauthorized"));
        as("demo-customer-service").get(API).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("ACCESS_DENIED"));
        for (String reader : List.of("demo-viewer", "demo-operator", "demo-admin", "demo-route-author")) {
            as(reader).get(API).then().statusCode(200).body("id", hasItem("bus-selftest-xa"));
            as(reader).get(API + "/deployments").then().statusCode(200);
        }
        as("demo-viewer").body(route("v1")).put(API + "/files/" + file).then().statusCode(403)
                .contentType("application/problem+json");
        as("demo-viewer").post(API + "/bus-selftest-xa/stop").then().statusCode(403);
        as("demo-billing").delete(API + "/files/" + file).then().statusCode(403);
        assertThat(deployer.directory().resolve(file)).doesNotExist();
        assertThat(camel.getRouteController().getRouteStatus("bus-selftest-xa").isStarted()).isTrue();
    }

    @Test
    void anUploadedFileIsDeployedListedShownControlledAndRemoved() {
        upload("demo-route-author", route("v1")).statusCode(201).contentType("application/json")
                .body("file", equalTo(file)).body("outcome", equalTo("DEPLOYED")).body("cause", equalTo("API"))
                .body("actor", equalTo("demo-route-author")).body("routeIds", equalTo(List.of(routeId)));
        assertThat(deployer.directory().resolve(file)).hasContent(route("v1"));
        upload("demo-admin", route("v2")).statusCode(200).body("outcome", equalTo("DEPLOYED"));

        as("demo-viewer").get(API).then().statusCode(200)
                .body("find { it.id == '" + routeId + "' }.source", equalTo(file))
                .body("find { it.id == '" + routeId + "' }.status", equalTo("Started"))
                .body("find { it.id == '" + routeId + "' }.exchangesTotal", equalTo(0))
                .body("find { it.id == '" + routeId + "' }.deployment.outcome", equalTo("DEPLOYED"))
                .body("find { it.id == 'bus-selftest-xa' }.source", equalTo("built-in"));
        as("demo-viewer").get(API + "/" + routeId).then().statusCode(200).body("source", equalTo(file))
                .body("format", equalTo("yaml")).body("definition", equalTo(route("v2")));
        // a Java route: Camel's model of it, as YAML where Camel's YAML dumper manages, as XML otherwise
        as("demo-viewer").get(API + "/bus-selftest-xa").then().statusCode(200).body("source", equalTo("built-in"))
                .body("format", is(oneOf("yaml", "xml"))).body("definition", containsString("bus-selftest-xa"))
                .body("definition", containsString("jms:queue:"));

        as("demo-operator").post(API + "/" + routeId + "/suspend").then().statusCode(200)
                .body("status", equalTo("Suspended"));
        as("demo-operator").post(API + "/" + routeId + "/resume").then().statusCode(200).body("status", equalTo("Started"));
        as("demo-operator").post(API + "/" + routeId + "/stop").then().statusCode(200).body("status", equalTo("Stopped"));
        as("demo-operator").post(API + "/" + routeId + "/start").then().statusCode(200).body("status", equalTo("Started"));
        as("demo-operator").post(API + "/no-such-route/start").then().statusCode(404).body("code", equalTo("ROUTE_NOT_FOUND"));

        as("demo-operator").get("/q/metrics").then().statusCode(200)
                .body(containsString("busbar_routes_deployments_total{cause=\"api\",outcome=\"deployed\"}"));

        as("demo-operator").delete(API + "/files/" + file).then().statusCode(200).body("outcome", equalTo("UNDEPLOYED"))
                .body("routeIds", equalTo(List.of(routeId)));
        assertThat(camel.getRoute(routeId)).isNull();
        assertThat(deployer.directory().resolve(file)).doesNotExist();
        as("demo-operator").delete(API + "/files/" + file).then().statusCode(404).body("code", equalTo("ROUTE_FILE_NOT_FOUND"));
    }

    @Test
    void anInvalidUploadIsRefusedWithFileAndLineAndChangesNothing() {
        upload("demo-route-author", route("v1")).statusCode(201);
        String broken = route("v2").replace("uri: log:", "uri: nosuchcomponent:");

        upload("demo-route-author", broken).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://busbar.io/problems/invalid-request"))
                .body("code", equalTo("INVALID_ROUTE_FILE"))
                .body("detail", containsString(file + ":8: unknown component 'nosuchcomponent'"))
                .body("errors[0].field", equalTo(file + ":8"))
                .body("errors[0].reason", containsString("unknown component 'nosuchcomponent'"));

        assertThat(deployer.directory().resolve(file)).as("the directory keeps the live version").hasContent(route("v1"));
        assertThat(deployer.rejectedFiles()).doesNotContainKey(file);
        as("demo-viewer").get(API + "/" + routeId).then().body("definition", equalTo(route("v1")));
        as("demo-viewer").get(API + "/deployments?file=" + file + "&size=1").then().statusCode(200)
                .body("items[0].outcome", equalTo("REJECTED")).body("items[0].line", equalTo(8))
                .body("items[0].error", containsString("nosuchcomponent")).body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2)).body("items[0].content", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "..%2F..%2Fevil.yaml", "%2E%2E%2Fevil.yaml", "%2Ftmp%2Fevil.yaml", "..%5Cevil.yaml",
            ".evil.yaml", "evil.sh", "evil.yaml%00.txt", "sub%2Fevil.yaml", "..", "evil..yaml" })
    void anUploadCannotLandOutsideTheRoutesDirectoryOrUseAnotherName(String encodedName) throws Exception {
        HttpResponse<String> response = put(encodedName, route("v1").getBytes(StandardCharsets.UTF_8), "demo-admin");

        // 405: ".." is resolved by the server to the collection, which takes no PUT
        assertThat(response.statusCode()).as("PUT " + encodedName).isIn(400, 404, 405);
        if (response.statusCode() == 400) {
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"INVALID_FILE_NAME\"");
        }
        Path data = deployer.directory().getParent();
        try (Stream<Path> files = Files.walk(data.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
        }
        assertThat(camel.getRoute(routeId)).isNull();
    }

    @Test
    void anOversizedUploadIsRefusedWithOrWithoutALength() throws Exception {
        byte[] big = (route("v1") + "#" + "x".repeat((int) deployer.maxFileSize())).getBytes(StandardCharsets.UTF_8);

        upload("demo-route-author", new String(big, StandardCharsets.UTF_8)).statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("https://busbar.io/problems/payload-too-large"));
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(file))
                .header("Authorization", basic("demo-route-author"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("payload-too-large");
        assertThat(deployer.directory().resolve(file)).doesNotExist();

        // exactly at the limit is fine as far as the size goes
        String padded = route("v1") + "#".repeat((int) deployer.maxFileSize() - route("v1").length());
        upload("demo-route-author", padded).statusCode(201);
    }

    @Test
    void aPreviousVersionIsRestoredThroughTheApi() {
        long v1 = upload("demo-route-author", route("v1")).statusCode(201).extract().jsonPath().getLong("id");
        upload("demo-route-author", route("v2")).statusCode(200);
        long rejected = upload("demo-route-author", route("v3").replace("uri: log:", "uri: nope:")).statusCode(400)
                .extract().jsonPath().getString("detail").replaceAll(".*recorded as deployment (\\d+).*", "$1")
                .transform(Long::parseLong);

        as("demo-viewer").post(API + "/deployments/" + v1 + "/restore").then().statusCode(403);
        as("demo-admin").post(API + "/deployments/" + v1 + "/restore").then().statusCode(200)
                .body("outcome", equalTo("DEPLOYED")).body("cause", equalTo("RESTORE"))
                .body("restoredFrom", equalTo((int) v1)).body("actor", equalTo("demo-admin"));
        assertThat(deployer.directory().resolve(file)).hasContent(route("v1"));
        as("demo-viewer").get(API + "/deployments/" + v1).then().statusCode(200).body("content", equalTo(route("v1")));

        as("demo-admin").post(API + "/deployments/" + rejected + "/restore").then().statusCode(409)
                .body("code", equalTo("NOT_RESTORABLE"));
        as("demo-admin").post(API + "/deployments/999999999/restore").then().statusCode(404);
    }

    @Test
    void aFileRefusedInTheDirectoryShowsInTheFileListAndTheHealthReportWithoutTakingTheHubDown() throws Exception {
        upload("demo-route-author", route("v1")).statusCode(201);
        Files.writeString(deployer.directory().resolve(file), route("v2").replace("uri: log:", "uri: nosuchcomponent:"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deployer.rejectedFiles().containsKey(file));

        as("demo-viewer").get(API + "/files").then().statusCode(200)
                .body("find { it.file == '" + file + "' }.live.outcome", equalTo("DEPLOYED"))
                .body("find { it.file == '" + file + "' }.rejected[0].line", equalTo(8));
        // the details are for operators (anonymous probes see the status only: HttpSecurityTest)
        as("demo-operator").get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Route files' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Route files' }.data.'rejected " + file + "'",
                        containsString(file + ":8: unknown component 'nosuchcomponent'"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String route(String version) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: %s
                        - to:
                            uri: log:busbar.test.%s
                """.formatted(routeId, flow, version, flow);
    }

    private ValidatableResponse upload(String user, String content) {
        return as(user).contentType("application/yaml").body(content.getBytes(StandardCharsets.UTF_8))
                .put(API + "/files/" + file).then();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    private HttpResponse<String> put(String rawName, byte[] body, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + API
                + "/files/" + rawName)).header("Authorization", basic(user)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String name) {
        return URI.create("http://localhost:" + port + API + "/files/" + name);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
