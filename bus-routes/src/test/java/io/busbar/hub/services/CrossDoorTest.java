package io.busbar.hub.services;

import static io.busbar.hub.testsupport.RestContract.as;
import static io.busbar.hub.testsupport.SoapClients.soap11;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.contract.customer.service.v1.CustomerServicePortType;
import io.busbar.contract.customer.service.v1.GetCustomer;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.GetOrder;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** One implementation behind two doors: what one door writes, the other reads back field for field. */
@QuarkusTest
class CrossDoorTest {

    @Inject
    ObjectMapper json;

    @Test
    void aCustomerRegisteredOverRestReadsBackOverSoap() throws Exception {
        String body = as("demo-customer-service").contentType(ContentType.JSON)
                .body(Json.customer("Hedy Lamarr", Json.uniqueEmail()))
                .post("/api/v1/customers").then().statusCode(201).extract().asString();
        Customer overRest = json.readValue(body, Customer.class);
        GetCustomer get = new GetCustomer();
        get.setCustomerId(overRest.getCustomerId());
        Customer overSoap = soap11(CustomerServicePortType.class, "customer", "demo-admin").getCustomer(get).getCustomer();
        assertThat(overSoap).usingRecursiveComparison().isEqualTo(overRest);
        assertThat(overSoap.getContact().getPhone()).isEqualTo("+44 20 7946 0000");
    }

    @Test
    void aCustomerRegisteredOverSoapReadsBackOverRest() throws Exception {
        Customer overSoap = soap11(CustomerServicePortType.class, "customer", "demo-customer-service")
                .registerCustomer(CustomerSoapTest.register(CustomerSoapTest.data("Katherine Johnson", Json.uniqueEmail())))
                .getCustomer();
        String body = as("demo-admin").get("/api/v1/customers/" + overSoap.getCustomerId()).then().statusCode(200).extract()
                .asString();
        assertThat(json.readValue(body, Customer.class)).usingRecursiveComparison().isEqualTo(overSoap);
    }

    @Test
    void anOrderSubmittedOverSoapReadsBackOverRestAndTheReverse() throws Exception {
        String customer = CustomerRestTest.register(Json.uniqueEmail());
        Order submitted = soap11(FulfilmentServicePortType.class, "fulfilment", "demo-order-desk")
                .submitOrder(FulfilmentSoapTest.submit(customer, "SKU-9", "2.50")).getOrder();
        // read once the bus has put the order where it waits (the first order of a new customer waits for approval)
        Order overSoap = OrderProcess.awaitStatus(submitted.getOrderId(), OrderStatus.PENDING_APPROVAL);
        String body = as("demo-admin").get("/api/v1/orders/" + overSoap.getOrderId()).then().statusCode(200).extract()
                .asString();
        assertThat(json.readValue(body, Order.class)).usingRecursiveComparison().isEqualTo(overSoap);

        String restOrderId = OrderRestTest.submit(CustomerRestTest.register(Json.uniqueEmail()), "SKU-10");
        OrderProcess.awaitStatus(restOrderId, OrderStatus.PENDING_APPROVAL);
        Order overRest = json.readValue(as("demo-admin").get("/api/v1/orders/" + restOrderId).then().extract().asString(),
                Order.class);
        GetOrder get = new GetOrder();
        get.setOrderId(restOrderId);
        Order readOverSoap = soap11(FulfilmentServicePortType.class, "fulfilment", "demo-admin").getOrder(get).getOrder();
        assertThat(readOverSoap).usingRecursiveComparison().isEqualTo(overRest);
    }
}
