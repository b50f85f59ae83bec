package io.busbar.hub.connectors.soap;

import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static io.busbar.hub.testsupport.OrderProcess.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.StatusChange;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.orders.OrderCreditCheck;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.TcpProxy;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The legacy SOAP connector in the order intake, against a real CXF endpoint ({@link LegacyCreditBureau}) reached
 * through a TCP proxy the tests take down: decisions and declared faults mapped to canonical outcomes, retries, the
 * circuit opening while the downstream is down or slow, orders waiting and then going on when it returns, and an order
 * that waited too long parked with its reason.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
@TestProfile(LegacySoapCreditCheckTest.CreditCheckOn.class)
class LegacySoapCreditCheckTest {

    static final TcpProxy BUREAU = TcpProxy.onFreePort();
    static final String INSTANCE = "credit-bureau";
    static final int MAX_WAITS = 6;

    public static class CreditCheckOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String keys = "busbar.connectors." + INSTANCE + ".";
            return Map.ofEntries(Map.entry("busbar.orders.credit-check", INSTANCE),
                    Map.entry(keys + "type", "soap-credit-check"),
                    Map.entry(keys + "endpoint", "http://127.0.0.1:" + BUREAU.port() + "/soap/legacy/credit-check"),
                    Map.entry(keys + "username", "busbar"), Map.entry(keys + "password", "bureau-secret"),
                    Map.entry(keys + "connect-timeout-ms", "500"), Map.entry(keys + "timeout-ms", "1000"),
                    Map.entry(keys + "retries", "1"), Map.entry(keys + "retry-delay-ms", "50"),
                    Map.entry(keys + "circuit-requests", "4"), Map.entry(keys + "circuit-failure-ratio", "0.5"),
                    Map.entry(keys + "circuit-delay-ms", "2000"), Map.entry(keys + "wait-ms", "1000"),
                    Map.entry(keys + "max-waits", Integer.toString(MAX_WAITS)));
        }
    }

    @Inject
    CreditCheckConnectors connectors;

    @Inject
    HubInfrastructure infrastructure;

    @BeforeEach
    void bureauUp() {
        LegacyCreditBureau.reset();
        BUREAU.target(RestAssured.port).up();
    }

    @AfterEach
    void bureauBack() {
        LegacyCreditBureau.reset();
        BUREAU.up();
    }

    @Test
    void anApprovedOrderGoesStraightOnAndTheBureauSawTheOrderWithTheCredentials() {
        String customer = establishedCustomer();
        String orderId = submit(customer, "SKU-CC1", "12.50");

        awaitStatus(orderId, OrderStatus.SHIPPED);
        List<LegacyCreditBureau.Call> calls = LegacyCreditBureau.callsFor(orderId);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).account()).isEqualTo(customer);
        assertThat(calls.get(0).amount()).as("the order total: 2 x 12.50").isEqualByComparingTo("25.00");
        assertThat(calls.get(0).currency()).isEqualTo("EUR");
        assertThat(calls.get(0).authorization()).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("busbar:bureau-secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRefusalHoldsTheOrderForAPersonWithTheBureausReason() {
        String orderId = submit(establishedCustomer(), "SKU-CC2", "3000.00"); // 2 x 3000.00: above 5000, not a large order

        Order held = awaitStatus(orderId, OrderStatus.PENDING_APPROVAL);
        assertThat(lastReason(held)).contains("credit-not-approved")
                .contains("REFUSED LIMIT: amount above the available credit of 5000.00").doesNotContain("large-order");
    }

    @Test
    void theUnknownAccountFaultIsMappedToACanonicalDecisionAndHoldsTheOrder() {
        String customer = establishedCustomer();
        LegacyCreditBureau.UNKNOWN.add(customer);
        String orderId = submit(customer, "SKU-CC3", "10.00");

        Order held = awaitStatus(orderId, OrderStatus.PENDING_APPROVAL);
        assertThat(lastReason(held)).contains("credit-not-approved")
                .contains("UNKNOWN_ACCOUNT: account " + customer + " unknown: no such account in the bureau");
        assertThat(LegacyCreditBureau.callsFor(orderId)).as("a business fault is an answer: not retried").hasSize(1);
    }

    @Test
    void theSystemUnavailableFaultIsRetriedWithBackOff() {
        LegacyCreditBureau.unavailableAnswers.set(1);
        String orderId = submit(establishedCustomer(), "SKU-CC4", "10.00");

        awaitStatus(orderId, OrderStatus.SHIPPED);
        assertThat(LegacyCreditBureau.callsFor(orderId)).as("one fault, one retry").hasSize(2);
    }

    @Test
    void whileTheBureauIsDownTheCircuitOpensOrdersWaitAndTheyGoOnWhenItReturns() {
        String customer = establishedCustomer();
        BUREAU.down();
        List<String> orders = List.of(submit(customer, "SKU-CC5", "1.00"), submit(customer, "SKU-CC6", "2.00"),
                submit(customer, "SKU-CC7", "3.00"));

        await().atMost(Duration.ofSeconds(20)).until(() -> connectors.circuitOpen(INSTANCE) == 1);
        assertThat(RestAssured.given().auth().preemptive().basic("demo-viewer", "demo-viewer").get("/q/metrics")
                .then().statusCode(200).extract().asString())
                .contains("busbar_connector_circuit_open{connector=\"" + INSTANCE + "\"} 1.0")
                .containsPattern("busbar_orders_credit_check_waits_total\\{connector=\"" + INSTANCE + "\"} [1-9]");
        for (String orderId : orders) {
            assertThat(status(orderId)).as("waiting, not failed").isEqualTo(OrderStatus.SUBMITTED);
        }

        BUREAU.up();
        for (String orderId : orders) {
            awaitStatus(orderId, OrderStatus.SHIPPED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connectors.circuitOpen(INSTANCE) == 0);
    }

    @Test
    void aSlowBureauTimesOutTheOrderWaitsAndGoesOnWhenTheBureauIsFastAgain() {
        LegacyCreditBureau.delayMillis = 2_500;
        String orderId = submit(establishedCustomer(), "SKU-CC8", "4.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> LegacyCreditBureau.callsFor(orderId).size() >= 2);
        assertThat(status(orderId)).isEqualTo(OrderStatus.SUBMITTED);

        LegacyCreditBureau.delayMillis = 0;
        awaitStatus(orderId, OrderStatus.SHIPPED);
    }

    @Test
    void anOrderThatWaitedTooLongIsParkedWithTheReasonAndNotLost() throws JMSException {
        BUREAU.down();
        String orderId = submit(establishedCustomer(), "SKU-CC9", "5.00");

        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            String selector = BusHeaders.ORDER_ID + " = '" + orderId + "'";
            await().atMost(Duration.ofSeconds(60)).until(() -> !bus.browse("DLQ.order.submitted.v1", selector).isEmpty());
            Message parked = bus.browse("DLQ.order.submitted.v1", selector).get(0);
            assertThat(parked.getStringProperty(BusHeaders.REASON)).contains("credit check " + INSTANCE + " unavailable")
                    .contains("waited " + MAX_WAITS + " times");
            assertThat(parked.getIntProperty(OrderCreditCheck.WAITS)).isEqualTo(MAX_WAITS);
        }
        assertThat(status(orderId)).isEqualTo(OrderStatus.SUBMITTED);
    }

    private static String lastReason(Order order) {
        List<StatusChange> changes = order.getStatusHistory();
        return changes.get(changes.size() - 1).getReason();
    }

    /** The order's status now, read through the fulfilment service. */
    private static OrderStatus status(String orderId) {
        return Arc.container().instance(FulfilmentService.class).get().get(orderId).getStatus();
    }
}
