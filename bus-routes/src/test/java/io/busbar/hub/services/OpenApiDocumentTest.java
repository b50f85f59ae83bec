package io.busbar.hub.services;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.RestContract;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** The contracts as served: a valid OpenAPI 3 document with every operation, WSDLs with both SOAP versions. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedOpenApiDocumentIsValidOpenApi3WithEveryOperation() {
        SwaggerParseResult result = new OpenAPIParser().readContents(RestContract.servedDocument(), null, null);
        assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
        assertThat(result.getOpenAPI().getPaths().values().stream().flatMap(p -> p.readOperations().stream())
                .map(op -> op.getOperationId())).containsExactlyInAnyOrder("registerCustomer", "searchCustomers",
                        "getCustomer", "updateCustomer", "deactivateCustomer", "createInvoice", "listCustomerInvoices",
                        "getInvoice", "recordPayment", "getPayment", "issueCreditNote", "getCreditNote", "submitOrder",
                        "listCustomerOrders", "getOrder", "cancelOrder", "recordShipment", "approveOrder", "rejectOrder");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void eachServiceServesItsWsdlWithBothSoapVersionsAndImportableSchemas() {
        for (String service : new String[] { "customer", "billing", "fulfilment" }) {
            String wsdl = given().get("/soap/" + service + "?wsdl").then().statusCode(200).extract().asString();
            assertThat(wsdl).contains("soap:address location=\"http://localhost:", "/soap/" + service + "\"",
                    "soap12:address location=\"http://localhost:", "/soap/" + service + "/soap12\"",
                    "schemaLocation=\"http://localhost:");
            String xsd = given().get("/soap/" + service + "?xsd=../xsd/" + service + "-service.xsd").then().statusCode(200)
                    .extract().asString();
            assertThat(xsd).contains("targetNamespace=\"http://busbar.io/service/" + service + "/v1\"", "invalidRequest");
        }
    }
}
