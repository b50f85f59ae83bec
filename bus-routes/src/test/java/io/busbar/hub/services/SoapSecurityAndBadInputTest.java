package io.busbar.hub.services;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.SoapEnvelope;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** What a SOAP caller gets for bad credentials and bad messages: a WS-Security or declared fault, never a stack trace. */
@QuarkusTest
class SoapSecurityAndBadInputTest {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String GET = "<c:getCustomer xmlns:c=\"http://busbar.io/service/customer/v1\">"
            + "<c:customerId>CUS-00000001</c:customerId></c:getCustomer>";

    @Test
    void aCallWithoutWsSecurityIsRefused() {
        post(SoapEnvelope.bare(GET)).statusCode(500).body(containsString(WSSE)).body(containsString("InvalidSecurity"));
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        post(SoapEnvelope.secured("demo-customer-service", "guess", SoapEnvelope.nonce(), Instant.now(), GET)).statusCode(500)
                .body(containsString("FailedAuthentication"));
    }

    @Test
    void aReplayedUsernameTokenIsRejected() {
        String envelope = SoapEnvelope.secured("demo-admin", GET);
        post(envelope).body(anyOf(containsString("getCustomerResponse"), containsString("CUSTOMER_NOT_FOUND")))
                .body(not(containsString(WSSE)));
        post(envelope).statusCode(500).body(containsString("InvalidSecurity"))
                .body(containsString("A replay attack has been detected"));
        assertThat(Database.count("select count(*) from soap.ws_nonce")).isPositive();
    }

    @Test
    void tokensWithoutNonceOrWithAnOldTimestampAreRejected() {
        post(SoapEnvelope.secured("demo-admin", "demo-admin", null, Instant.now(), GET)).statusCode(500)
                .body(containsString(WSSE));
        post(SoapEnvelope.secured("demo-admin", "demo-admin", SoapEnvelope.nonce(), Instant.now().minusSeconds(3600), GET))
                .statusCode(500).body(containsString("MessageExpired"));
    }

    @Test
    void malformedXmlAndSchemaInvalidBodiesGetTheDeclaredFaultAndStoreNothing() {
        long before = Database.count("select count(*) from customer.customer");
        post("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><broken")
                .statusCode(500).body(containsString("soap:Client")).body(containsString("MALFORMED_XML"))
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
        String register = """
                <c:registerCustomer xmlns:c="http://busbar.io/service/customer/v1" xmlns:cus="http://busbar.io/schema/customer/v1" \
                xmlns:cmn="http://busbar.io/schema/common/v1"><c:customer><cus:name>Invalid Kind</cus:name><cus:kind>ROBOT</cus:kind>\
                <cus:contact><cmn:email>%s</cmn:email></cus:contact><cus:address><cmn:line1>1 Road</cmn:line1><cmn:city>X</cmn:city>\
                <cmn:postalCode>1</cmn:postalCode><cmn:country>GB</cmn:country></cus:address></c:customer></c:registerCustomer>\
                """
                .formatted(Json.uniqueEmail());
        post(SoapEnvelope.secured("demo-customer-service", register)).statusCode(500).body(containsString("soap:Client"))
                .body(containsString("SCHEMA_VIOLATION"))
                .body(containsString("invalidRequest")).body(containsString("ROBOT")).body(not(containsString("Exception")));
        post(SoapEnvelope.secured("demo-customer-service",
                "<c:unknownOperation xmlns:c=\"http://busbar.io/service/customer/v1\"/>"))
                .statusCode(500).body(containsString("Fault")).body(not(containsString("\tat ")));
        assertThat(Database.count("select count(*) from customer.customer")).isEqualTo(before);
    }

    private static ValidatableResponse post(String envelope) {
        return given().contentType("text/xml; charset=UTF-8").body(envelope).post("/soap/customer").then();
    }
}
