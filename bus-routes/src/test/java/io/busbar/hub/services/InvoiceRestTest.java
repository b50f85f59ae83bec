package io.busbar.hub.services;

import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The billing service's REST door over real HTTP, every response checked against the served OpenAPI document. */
@QuarkusTest
class InvoiceRestTest {

    static final String BILLING = "demo-billing";
    private static final AtomicInteger ORDERS = new AtomicInteger(70_000_000);

    @Test
    void invoicePayInPartsAndCredit() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String order = nextOrderId();
        String invoice = as(BILLING).contentType(ContentType.JSON).body(Json.invoice(order, customer, "EUR", "40.00", "10.25"))
                .post("/api/v1/invoices").then().statusCode(201).header("ETag", "\"0\"").extract().path("invoiceId");
        assertThat(invoice).matches("INV-\\d{8}");
        as("demo-customer-service").get("/api/v1/invoices/" + invoice).then().statusCode(200).header("ETag", "\"0\"")
                .body("orderId", equalTo(order)).body("total.amount", equalTo("100.50")).body("total.currency", equalTo("EUR"))
                .body("lines", hasSize(2)).body("lines[1].lineTotal.amount", equalTo("20.50"))
                .body("status", equalTo("OPEN")).body("balance.amount", equalTo("100.50"));

        String payment = as(BILLING).contentType(ContentType.JSON)
                .body("{\"amount\": {\"amount\": \"60.50\", \"currency\": \"EUR\"}, \"method\": \"BANK_TRANSFER\", \"reference\": \"SEPA-1\"}")
                .post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(201)
                .body("invoice.status", equalTo("PARTIALLY_PAID")).body("invoice.balance.amount", equalTo("40.00"))
                .body("payment.reference", equalTo("SEPA-1")).extract().path("payment.paymentId");
        as(BILLING).get("/api/v1/invoices/" + invoice + "/payments/" + payment).then().statusCode(200)
                .body("amount.amount", equalTo("60.50"));

        as(BILLING).contentType(ContentType.JSON)
                .body("{\"amount\": {\"amount\": \"40.01\", \"currency\": \"EUR\"}, \"method\": \"CARD\"}")
                .post("/api/v1/invoices/" + invoice + "/payments").then().statusCode(400)
                .body("type", equalTo("https://busbar.io/problems/invalid-request")).body("code", equalTo("OVERPAYMENT"));

        String note = as(BILLING).contentType(ContentType.JSON)
                .body("{\"amount\": {\"amount\": \"40.00\", \"currency\": \"EUR\"}, \"reason\": \"damaged in transit\"}")
                .post("/api/v1/invoices/" + invoice + "/credit-notes").then().statusCode(201)
                .body("invoice.status", equalTo("CREDITED")).body("invoice.balance.amount", equalTo("0.00"))
                .body("invoice.amountCredited.amount", equalTo("40.00")).extract().path("creditNote.creditNoteId");
        as(BILLING).get("/api/v1/invoices/" + invoice + "/credit-notes/" + note).then().statusCode(200)
                .body("reason", equalTo("damaged in transit"));
        as(BILLING).contentType(ContentType.JSON)
                .body("{\"amount\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}, \"reason\": \"too much\"}")
                .post("/api/v1/invoices/" + invoice + "/credit-notes").then().statusCode(400)
                .body("code", equalTo("CREDIT_EXCEEDS_BALANCE"));
    }

    @Test
    void oneInvoicePerOrderAndListsByCustomer() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        String first = nextOrderId();
        as(BILLING).contentType(ContentType.JSON).body(Json.invoice(first, customer, "GBP", "5.00")).post("/api/v1/invoices")
                .then().statusCode(201);
        as(BILLING).contentType(ContentType.JSON).body(Json.invoice(first, customer, "GBP", "6.00")).post("/api/v1/invoices")
                .then().statusCode(409).body("code", equalTo("INVOICE_EXISTS"));
        for (int i = 0; i < 2; i++) {
            as(BILLING).contentType(ContentType.JSON).body(Json.invoice(nextOrderId(), customer, "GBP", "1.00"))
                    .post("/api/v1/invoices").then().statusCode(201);
        }
        as(BILLING).queryParam("customerId", customer).queryParam("size", 2).get("/api/v1/invoices").then().statusCode(200)
                .body("totalItems", equalTo(3)).body("items", hasSize(2)).body("totalPages", equalTo(2));
        as(BILLING).queryParam("customerId", customer).queryParam("status", "PAID").get("/api/v1/invoices").then()
                .statusCode(200).body("totalItems", equalTo(0));
        as(BILLING).get("/api/v1/invoices").then().statusCode(400).body("errors.field", hasItem("customerId"));
    }

    @Test
    void badInvoicesAreRefusedAndStoreNothing() {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        long before = Database.count("select count(*) from billing.invoice");
        as(BILLING).contentType(ContentType.JSON)
                .body(Json.invoice(nextOrderId(), customer, "EUR", "1.00").replace("\"currency\": \"EUR\", \"lines\"",
                        "\"currency\": \"USD\", \"lines\""))
                .post("/api/v1/invoices").then().statusCode(400).body("code", equalTo("CURRENCY_MISMATCH"));
        as(BILLING).contentType(ContentType.JSON).body(Json.invoice(nextOrderId(), customer, "EUR", "1.001"))
                .post("/api/v1/invoices").then().statusCode(400).body("code", equalTo("INVALID_AMOUNT"));
        as(BILLING).contentType(ContentType.JSON).body(Json.invoice(nextOrderId(), customer, "XXQ", "1.00"))
                .post("/api/v1/invoices").then().statusCode(400);
        as(BILLING).contentType(ContentType.JSON).body(Json.invoice("ORD-1", customer, "EUR", "1.00"))
                .post("/api/v1/invoices").then().statusCode(400).body("errors.field", hasItem("orderId"));
        as(BILLING).contentType(ContentType.JSON).body("{\"orderId\": \"ORD-00000001\", \"lines\": []}")
                .post("/api/v1/invoices").then().statusCode(400).body("code", equalTo("SCHEMA_VIOLATION"));
        assertThat(Database.count("select count(*) from billing.invoice")).isEqualTo(before);
        as(BILLING).get("/api/v1/invoices/INV-99999999").then().statusCode(404).body("code", equalTo("INVOICE_NOT_FOUND"));
        as("demo-order-desk").contentType(ContentType.JSON).body(Json.invoice(nextOrderId(), customer, "EUR", "1.00"))
                .post("/api/v1/invoices").then().statusCode(403);
    }

    static String nextOrderId() {
        return String.format("ORD-%08d", ORDERS.incrementAndGet());
    }
}
