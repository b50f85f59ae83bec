package io.busbar.hub.testsupport;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.specification.RequestSpecification;

/**
 * REST calls whose every response is checked against the OpenAPI document the hub serves at /q/openapi: a response
 * the contract does not describe fails the test. Requests are not checked, so tests can send bad input on purpose.
 */
public final class RestContract {

    private static OpenApiValidationFilter filter;

    private RestContract() {
    }

    /** A request as the given account, validated against the served contract. */
    public static RequestSpecification as(String user) {
        return given().filter(filter()).auth().preemptive().basic(user, user);
    }

    /** A request without credentials, validated against the served contract. */
    public static RequestSpecification anonymous() {
        return given().filter(filter());
    }

    /** The served document, as served. */
    public static String servedDocument() {
        return given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    private static synchronized OpenApiValidationFilter filter() {
        if (filter == null) {
            OpenApiInteractionValidator validator = OpenApiInteractionValidator
                    .createForInlineApiSpecification(servedDocument())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            filter = new OpenApiValidationFilter(validator);
        }
        return filter;
    }
}
