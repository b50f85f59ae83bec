package io.busbar.hub.services;

import static io.busbar.hub.testsupport.RestContract.anonymous;
import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The customer service's REST door over real HTTP, every response checked against the served OpenAPI document. */
@QuarkusTest
class CustomerRestTest {

    static final String CS = "demo-customer-service";

    @Test
    void registerGetUpdateSearchAndDeactivate() {
        String email = Json.uniqueEmail();
        ExtractableResponse<Response> created = as(CS).contentType(ContentType.JSON).body(Json.customer("Ada Lovelace", email))
                .post("/api/v1/customers").then().statusCode(201)
                .header("Location", startsWith("http")).header("ETag", "\"0\"")
                .header("X-Correlation-ID", org.hamcrest.Matchers.notNullValue())
                .body("status", equalTo("ACTIVE")).body("audit.createdBy", equalTo(CS)).extract();
        String id = created.path("customerId");
        assertThat(id).matches("CUS-\\d{8}");
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + id);

        as("demo-order-desk").get("/api/v1/customers/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("name", equalTo("Ada Lovelace")).body("contact.email", equalTo(email))
                .body("address.country", equalTo("GB"));

        as(CS).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Json.customer("Ada King, Countess of Lovelace", email)).put("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Ada King, Countess of Lovelace"))
                .body("audit.version", equalTo(1));

        as(CS).queryParam("name", "countess OF").get("/api/v1/customers").then().statusCode(200)
                .body("items.customerId", hasItem(id));
        as(CS).queryParam("email", email.toUpperCase()).get("/api/v1/customers").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].customerId", equalTo(id)).body("totalItems", equalTo(1));

        as(CS).contentType(ContentType.JSON).body("{\"reason\": \"moved abroad\"}")
                .post("/api/v1/customers/" + id + "/deactivation").then().statusCode(200)
                .body("status", equalTo("DEACTIVATED")).body("deactivationReason", equalTo("moved abroad"));
        as(CS).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/v1/customers/" + id + "/deactivation").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ALREADY_DEACTIVATED"));
    }

    @Test
    void searchPagesThroughResults() {
        String tag = "Pager" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            as(CS).contentType(ContentType.JSON).body(Json.customer(tag + " " + i, Json.uniqueEmail()))
                    .post("/api/v1/customers").then().statusCode(201);
        }
        as(CS).queryParam("name", tag).queryParam("page", 1).queryParam("size", 2).get("/api/v1/customers").then()
                .statusCode(200).body("items", hasSize(2)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3))
                .body("items[0].name", equalTo(tag + " 2"));
        as(CS).queryParam("size", 201).get("/api/v1/customers").then().statusCode(400)
                .body("type", equalTo("https://busbar.io/problems/invalid-request"));
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        String id = register(Json.uniqueEmail());
        as(CS).contentType(ContentType.JSON).body(Json.customer("No Precondition", Json.uniqueEmail()))
                .put("/api/v1/customers/" + id).then().statusCode(428)
                .body("type", equalTo("https://busbar.io/problems/precondition-required"));
        as(CS).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(Json.customer("Stale", Json.uniqueEmail()))
                .put("/api/v1/customers/" + id).then().statusCode(412)
                .body("type", equalTo("https://busbar.io/problems/precondition-failed"))
                .body("code", equalTo("VERSION_MISMATCH"));
        as(CS).get("/api/v1/customers/" + id).then().body("name", equalTo("Grace Hopper")).header("ETag", "\"0\"");
    }

    @Test
    void badInputIsRefusedWithProblemDetailsAndStoresNothing() {
        long before = customers();
        as(CS).contentType(ContentType.JSON).body(Json.customer("Bad Mail", "not-an-address")).post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://busbar.io/problems/invalid-request")).body("code", equalTo("SCHEMA_VIOLATION"))
                .body("errors.field", hasItem("contact.email"));
        as(CS).contentType(ContentType.JSON).body("{\"name\": \"Broken\", \"kind\": ").post("/api/v1/customers").then()
                .statusCode(400).body("type", equalTo("https://busbar.io/problems/malformed-request"))
                .body("code", equalTo("MALFORMED_JSON"));
        as(CS).contentType(ContentType.JSON)
                .body(Json.customer("Typo", Json.uniqueEmail()).replace("\"kind\"", "\"kinde\": \"X\", \"kind\""))
                .post("/api/v1/customers").then().statusCode(400).body("errors.field", hasItem("kinde"));
        as(CS).contentType(ContentType.JSON).body("{\"kind\": \"ROBOT\"}").post("/api/v1/customers").then().statusCode(400)
                .body("type", equalTo("https://busbar.io/problems/malformed-request")).body("errors.field", hasItem("kind"));
        as(CS).contentType(ContentType.JSON).body("{\"name\": \"Only a name\"}").post("/api/v1/customers").then()
                .statusCode(400).body("code", equalTo("SCHEMA_VIOLATION"));
        as(CS).get("/api/v1/customers/not-an-id").then().statusCode(400).body("code", equalTo("SCHEMA_VIOLATION"));
        as(CS).delete("/api/v1/customers/CUS-00000001").then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("about:blank"));
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void unknownCustomersAreNotFoundAndEmailsAreUnique() {
        as(CS).get("/api/v1/customers/CUS-99999999").then().statusCode(404)
                .body("type", equalTo("https://busbar.io/problems/not-found")).body("code", equalTo("CUSTOMER_NOT_FOUND"))
                .body("instance", equalTo("/api/v1/customers/CUS-99999999"));
        String email = Json.uniqueEmail();
        register(email);
        as(CS).contentType(ContentType.JSON).body(Json.customer("Copycat", email.toUpperCase())).post("/api/v1/customers")
                .then().statusCode(409).body("type", equalTo("https://busbar.io/problems/conflict"))
                .body("code", equalTo("EMAIL_IN_USE"));
    }

    @Test
    void callersMustAuthenticateAndHoldARole() {
        anonymous().get("/api/v1/customers/CUS-00000001").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("type", equalTo("https://busbar.io/problems/unauthorized"));
        anonymous().auth().preemptive().basic(CS, "wrong password").get("/api/v1/customers/CUS-00000001").then()
                .statusCode(401).body("type", equalTo("https://busbar.io/problems/unauthorized"));
        as("demo-viewer").get("/api/v1/customers/CUS-00000001").then().statusCode(403)
                .body("type", equalTo("https://busbar.io/problems/forbidden")).body("detail", containsString("demo-viewer"));
        as("demo-billing").contentType(ContentType.JSON).body(Json.customer("Not allowed", Json.uniqueEmail()))
                .post("/api/v1/customers").then().statusCode(403);
    }

    static String register(String email) {
        return as(CS).contentType(ContentType.JSON).body(Json.customer("Grace Hopper", email)).post("/api/v1/customers").then()
                .statusCode(201).extract().path("customerId");
    }

    private static long customers() {
        return Database.count("select count(*) from customer.customer");
    }
}
