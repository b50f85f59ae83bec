package io.busbar.hub.security;

import static io.busbar.hub.testsupport.SoapClients.soap11;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.busbar.contract.billing.service.v1.BillingServicePortType;
import io.busbar.contract.billing.service.v1.ListCustomerInvoices;
import io.busbar.contract.customer.service.v1.CustomerServicePortType;
import io.busbar.contract.customer.service.v1.SearchCustomers;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.ListCustomerOrders;
import io.busbar.hub.infra.HubConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The hub's HTTP surfaces against a browser that works for someone else (issue 14, holes 6, 9 and 10): a
 * state-changing request from another site changes nothing, on the operations API and on the console; the hub's own
 * pages and curl-style clients keep working; every answer carries the framing, sniffing, referrer and content policy;
 * Jolokia takes POST only and gives foreign origins no credentials; anonymous health shows status only; a page beyond
 * int range is a 400, not a 500.
 */
@QuarkusTest
class HttpSecurityTest {

    static final String ROUTE = "bus-selftest-xa";
    static final String STOP = "/api/v1/routes/" + ROUTE + "/stop";
    static final String FOREIGN = "http://evil.example";

    @Inject
    CamelContext camel;

    @Inject
    HubConfig config;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @AfterEach
    void routeBackOn() throws Exception {
        if (!camel.getRouteController().getRouteStatus(ROUTE).isStarted()) {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    String self() {
        return "http://localhost:" + port;
    }

    // --------------------------------------------------------------------------------------------------------------
    // Cross-site requests: the operations API
    // --------------------------------------------------------------------------------------------------------------

    static List<Map<String, String>> crossSiteShapes() {
        return List.of(Map.of("Origin", FOREIGN), Map.of("Origin", "null"), Map.of("Origin", "http://localhost.evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "http://localhost", "Sec-Fetch-Site", "cross-site"));
    }

    @ParameterizedTest
    @MethodSource("crossSiteShapes")
    void aCrossSiteRequestToTheOperationsApiIsRefusedAndChangesNothing(Map<String, String> shape) {
        Map<String, String> headers = shape;
        as("demo-operator").headers(headers).contentType("application/json").post(STOP).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("CROSS_SITE_REQUEST"))
                .body("status", equalTo(403));
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();
        as("demo-operator").headers(headers).contentType("application/json").post("/api/v1/transactions/recovery").then()
                .statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST"));
        as("demo-operator").headers(headers).post("/api/v1/dead-letters/DLQ.order.submitted.v1/none/discard").then()
                .statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST"));
        as("demo-admin").headers(headers).contentType("text/plain").body("x")
                .put("/api/v1/dead-letters/DLQ.order.submitted.v1/none").then().statusCode(403);
        as("demo-operator").headers(headers).delete("/api/v1/routes/files/nothing.yaml").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "text/plain;charset=UTF-8" })
    void aBodyABrowserFormCanSendIsRefusedByTheJsonAndSoapDoors(String contentType) {
        // no Origin at all (an old browser, or a page that hides it): the body's type alone gives the form away
        withForm(as("demo-operator"), contentType).post(STOP).then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        // an empty form from a browser: what a cross-site <form method=post> with no fields sends
        as("demo-operator").contentType(contentType).header("Sec-Fetch-Mode", "navigate").post(STOP).then()
                .statusCode(415);
        as("demo-operator").contentType(contentType).header("Referer", FOREIGN + "/page").post(STOP).then()
                .statusCode(415);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();
        withForm(as("demo-customer-service"), contentType).post("/api/v1/customers").then().statusCode(415);
        withForm(given(), contentType).post("/soap/customer").then().statusCode(415);
    }

    /** RestAssured encodes a form from a String and a multipart body only from bytes. */
    private static RequestSpecification withForm(RequestSpecification request, String contentType) {
        RequestSpecification typed = request.contentType(contentType);
        return contentType.startsWith("multipart") ? typed.body("a=b".getBytes(StandardCharsets.UTF_8))
                : typed.body("a=b");
    }

    @Test
    void theHubsOwnOriginAndCurlStyleClientsStillAct() {
        as("demo-operator").header("Origin", self()).header("Sec-Fetch-Site", "same-origin").post(STOP).then()
                .statusCode(200).body("status", equalTo("Stopped"));
        as("demo-operator").header("Origin", self()).post("/api/v1/routes/" + ROUTE + "/start").then().statusCode(200)
                .body("status", equalTo("Started"));
        // curl: Basic credentials, no Origin, no Sec-Fetch-*; an empty body of any type (curl -d '')
        as("demo-operator").contentType("application/x-www-form-urlencoded").post(STOP).then().statusCode(200)
                .body("status", equalTo("Stopped"));
        as("demo-operator").contentType("application/json").post("/api/v1/routes/" + ROUTE + "/start").then()
                .statusCode(200).body("status", equalTo("Started"));
        // a GET from anywhere changes nothing and stays allowed
        as("demo-viewer").header("Origin", FOREIGN).get("/api/v1/routes").then().statusCode(200);
    }

    // --------------------------------------------------------------------------------------------------------------
    // Cross-site requests: the console
    // --------------------------------------------------------------------------------------------------------------

    @Test
    void theConsoleActsOnlyOnItsOwnFormsFromItsOwnOrigin() {
        String token = consoleToken("demo-operator");
        String action = "/console/routes/" + ROUTE + "/stop";
        List<Map<String, String>> refused = List.of(Map.of("Origin", FOREIGN), Map.of("Origin", "null"), Map.of(),
                Map.of("Origin", self(), "Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-origin"));
        for (Map<String, String> shape : refused) {
            as("demo-operator").headers(shape).redirects().follow(false).formParam("csrf", token).post(action).then()
                    .statusCode(403).contentType("application/problem+json");
        }
        // the right origin but no token, a wrong token, another user's token
        as("demo-operator").header("Origin", self()).redirects().follow(false).formParam("x", "y").post(action).then()
                .statusCode(403);
        as("demo-operator").header("Origin", self()).redirects().follow(false).formParam("csrf", token + "x").post(action)
                .then().statusCode(403);
        as("demo-operator").header("Origin", self()).redirects().follow(false)
                .formParam("csrf", consoleToken("demo-admin")).post(action).then().statusCode(403);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();

        as("demo-operator").header("Origin", self()).header("Sec-Fetch-Site", "same-origin").redirects().follow(false)
                .formParam("csrf", token).post(action).then().statusCode(303);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isFalse();
    }

    private String consoleToken(String user) {
        String page = as(user).get("/console/routes").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the console's forms carry a token").isTrue();
        return m.group(1);
    }

    // --------------------------------------------------------------------------------------------------------------
    // Headers on every answer
    // --------------------------------------------------------------------------------------------------------------

    @Test
    void everyAnswerForbidsFramingSniffingAndReferrers() {
        List<Response> answers = List.of(as("demo-viewer").get("/console"), as("demo-viewer").get("/api/v1/routes"),
                as("demo-viewer").get("/api/v1/routes/no-such-route"), given().get("/api/v1/routes"),
                given().get("/console"), given().get("/q/health"), given().get("/q/metrics"),
                given().get("/soap/customer?wsdl"), given().get("/q/openapi"), given().get("/no/such/page"),
                as("demo-operator").header("Origin", FOREIGN).post(STOP));
        for (Response answer : answers) {
            answer.then().header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe-inline'")));
        }
        // Swagger UI bootstraps itself inline: its own policy, still not frameable
        given().get("/q/swagger-ui/").then().statusCode(200).header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
    }

    // --------------------------------------------------------------------------------------------------------------
    // Jolokia
    // --------------------------------------------------------------------------------------------------------------

    @Test
    void jolokiaTakesPostOnlyAndGivesForeignOriginsNoCredentials() throws Exception {
        HttpResponse<String> get = jolokia("GET", "/jolokia/exec/org.apache.camel:context=busbar,type=routes,name=%22"
                + ROUTE + "%22/stop()", null, Map.of());
        assertThat(get.statusCode() == 403 || get.statusCode() == 405 || get.body().contains("\"status\":403"))
                .as("GET refused: " + get.statusCode() + " " + get.body()).isTrue();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();

        HttpResponse<String> version = jolokia("POST", "/jolokia/", "{\"type\":\"version\"}", Map.of());
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).contains("\"agent\"").contains("\"status\":200");

        HttpResponse<String> foreign = jolokia("POST", "/jolokia/", "{\"type\":\"exec\",\"mbean\":"
                + "\"org.apache.camel:context=busbar,type=routes,name=\\\"" + ROUTE + "\\\"\",\"operation\":\"stop()\"}",
                Map.of("Origin", FOREIGN));
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.statusCode() == 403 || foreign.body().contains("\"status\":403"))
                .as("foreign origin refused: " + foreign.statusCode() + " " + foreign.body()).isTrue();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted()).isTrue();

        HttpResponse<String> preflight = jolokia("OPTIONS", "/jolokia/", null,
                Map.of("Origin", FOREIGN, "Access-Control-Request-Method", "POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    private HttpResponse<String> jolokia(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + config.jolokia().port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("demo-operator:demo-operator".getBytes(StandardCharsets.UTF_8)));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --------------------------------------------------------------------------------------------------------------
    // Health
    // --------------------------------------------------------------------------------------------------------------

    @Test
    void anonymousHealthShowsStatusOnlyAndOperatorsSeeTheDetails() {
        String dataDir = config.dataDir().toAbsolutePath().toString();
        for (String probe : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started")) {
            String anonymous = given().get(probe).then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.status", everyItem(notNullValue())).body("checks", everyItem(not(hasKey("data"))))
                    .extract().asString();
            assertThat(anonymous).doesNotContain(dataDir).doesNotContain("tcp://").doesNotContain("version")
                    // written as the full report is: probes and the README's scripts look for this text
                    .contains("\"status\": \"UP\"");
            as("demo-viewer").get(probe).then().statusCode(200).body("checks", everyItem(not(hasKey("data"))));
        }
        given().get("/q/health/ready").then().body("checks.name", hasItem("Route files"));
        String detailed = as("demo-operator").get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.data", hasItem(notNullValue())).extract().asString();
        assertThat(detailed).contains(dataDir);
        as("demo-admin").get("/q/health/ready").then().statusCode(200).body("checks.data", hasItem(notNullValue()));
        given().auth().preemptive().basic("demo-operator", "wrong").get("/q/health").then().statusCode(401)
                .contentType("application/problem+json");
    }

    // --------------------------------------------------------------------------------------------------------------
    // Paging
    // --------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "page=10737419&size=200", "page=2147483647&size=1", "page=-1", "size=0", "size=201",
            "page=abc&size=20", "page=1&size=9999999999", "page=0x10&size=20" })
    void invalidPagingIsA400OnEveryListEndpoint(String paging) {
        Map<String, String> lists = Map.of("/api/v1/customers?", "demo-customer-service",
                "/api/v1/invoices?customerId=CUS-00000001&", "demo-billing",
                "/api/v1/orders?customerId=CUS-00000001&", "demo-order-desk", "/api/v1/flows?", "demo-viewer",
                "/api/v1/dead-letters?", "demo-viewer", "/api/v1/routes/deployments?", "demo-viewer");
        lists.forEach((list, user) -> as(user).get(list + paging).then().statusCode(400)
                .contentType("application/problem+json").body("code", paging.contains("&")
                        // beyond int range or not a number: no schema says so, Paging does
                        ? equalTo("INVALID_PAGE")
                        // the REST doors check the contract's schema (page 0 or more, size 1 to 200) before Paging
                        : anyOf(equalTo("INVALID_PAGE"), equalTo("SCHEMA_VIOLATION"))));
    }

    @Test
    void aConsolePageBeyondRangeIsA400AndSoapSearchesAnswerTheDeclaredFault() {
        as("demo-viewer").get("/console/flows?page=100000000").then().statusCode(400);
        as("demo-viewer").get("/console/flows?page=abc").then().statusCode(400);
        as("demo-viewer").get("/console/flows?page=-1").then().statusCode(400);

        SearchCustomers search = new SearchCustomers();
        search.setName("x");
        search.setPage(10737419);
        search.setSize(200);
        var customers = catchThrowableOfType(io.busbar.contract.customer.service.v1.InvalidRequestFault.class,
                () -> soap11(CustomerServicePortType.class, "customer", "demo-customer-service").searchCustomers(search));
        assertThat(customers.getFaultInfo().getCode()).isEqualTo("INVALID_PAGE");

        ListCustomerInvoices invoices = new ListCustomerInvoices();
        invoices.setCustomerId("CUS-00000001");
        invoices.setPage(10737419);
        invoices.setSize(200);
        var billing = catchThrowableOfType(io.busbar.contract.billing.service.v1.InvalidRequestFault.class,
                () -> soap11(BillingServicePortType.class, "billing", "demo-billing").listCustomerInvoices(invoices));
        assertThat(billing.getFaultInfo().getCode()).isEqualTo("INVALID_PAGE");

        ListCustomerOrders orders = new ListCustomerOrders();
        orders.setCustomerId("CUS-00000001");
        orders.setPage(10737419);
        orders.setSize(200);
        var fulfilment = catchThrowableOfType(io.busbar.contract.fulfilment.service.v1.InvalidRequestFault.class,
                () -> soap11(FulfilmentServicePortType.class, "fulfilment", "demo-order-desk").listCustomerOrders(orders));
        assertThat(fulfilment.getFaultInfo().getCode()).isEqualTo("INVALID_PAGE");
    }
}
