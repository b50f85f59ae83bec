package io.busbar.hub.orders;

import static io.busbar.hub.testsupport.OrderProcess.awaitStatus;
import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;

/** Orders in other shapes: a legacy system's flat XML (XSLT both ways) and canonical JSON from bus clients. */
@QuarkusTest
class OrderIntakeTest {

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    FulfilmentService fulfilment;

    BusClient bus;

    @BeforeEach
    void connect() {
        bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory());
    }

    @AfterEach
    void disconnect() {
        bus.close();
    }

    @Test
    void aLegacyFlatOrderBecomesACanonicalOrderAndItsShipmentGoesBackInTheLegacyFormat() throws JMSException {
        String customer = establishedCustomer();
        String legacyNumber = "L" + (System.nanoTime() % 1_000_000_000);
        bus.send("legacy.order.in.v1", legacyOrder(legacyNumber, customer, "  sku-l1 ", "7.50"), Map.of());

        String orderId = awaitOrder(customer, "LEGACY-" + legacyNumber);
        Order shipped = awaitStatus(orderId, OrderStatus.SHIPPED);
        assertThat(shipped.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("SKU-L1");
            assertThat(line.getQuantity()).isEqualTo(3);
            assertThat(line.getUnitPrice().getAmount()).isEqualByComparingTo("7.50");
            assertThat(line.getUnitPrice().getCurrency()).isEqualTo("EUR");
        });
        assertThat(shipped.getShippingAddress().getCity()).isEqualTo("Bremen");

        TextMessage confirmation = bus.receive("legacy.order.out.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'", 30_000);
        assertThat(confirmation).as("legacy shipment confirmation").isNotNull();
        assertThat(confirmation.getText()).contains("<LEGACY_SHIPMENT>", "<ORDER_NO>" + legacyNumber + "</ORDER_NO>",
                "<BUSBAR_ORDER>" + orderId + "</BUSBAR_ORDER>", "<CARRIER>BUSBAR-WAREHOUSE</CARRIER>",
                "<STATUS>SHIPPED</STATUS>")
                .containsPattern("<SHIP_DATE>\\d{8}</SHIP_DATE>").doesNotContain("xmlns");

        // sent again by the legacy system: the same order, nothing new
        bus.send("legacy.order.in.v1", legacyOrder(legacyNumber, customer, "SKU-L1", "7.50"), Map.of());
        String probe = OrderProcess.submit(customer, "SKU-P", "1.00");
        awaitStatus(probe, OrderStatus.SHIPPED);
        assertThat(Database.count("select count(*) from fulfilment.orders where customer_reference = ?",
                "LEGACY-" + legacyNumber)).isOne();
    }

    @Test
    void ordersShippedForOtherDoorsAreNotSentToTheLegacySystem() {
        String orderId = OrderProcess.submit(establishedCustomer(), "SKU-N", "1.00");
        awaitStatus(orderId, OrderStatus.SHIPPED);
        OrderProcess.awaitEvent(orderId, "OrderShipped");
        assertThat(bus.receive("legacy.order.out.v1", BusHeaders.ORDER_ID + " = '" + orderId + "'", 2_000)).isNull();
    }

    @Test
    void aLegacyOrderForAnUnknownCustomerOrWithBadDataIsParkedAsInvalidWithTheReason() throws JMSException {
        String probe = UUID.randomUUID().toString();
        bus.send("legacy.order.in.v1", legacyOrder("X1", "CUS-99999998", "SKU-1", "1.00"), Map.of("probe", probe));
        Message unknown = awaitParked("invalid.legacy.order.in.v1", probe);
        assertThat(unknown.getStringProperty(BusHeaders.REASON)).isEqualTo("CUSTOMER_NOT_FOUND: no customer CUS-99999998");

        String bad = UUID.randomUUID().toString();
        bus.send("legacy.order.in.v1", legacyOrder("X2", establishedCustomer(), "SKU-1", "twelve"), Map.of("probe", bad));
        assertThat(awaitParked("invalid.legacy.order.in.v1", bad).getStringProperty(BusHeaders.REASON))
                .startsWith("not a valid OrderSubmission:").contains("twelve");
    }

    @Test
    void aCanonicalJsonOrderFromABusClientIsSubmittedAndBadJsonIsParked() throws JMSException {
        String customer = establishedCustomer();
        String reference = "JSON-" + UUID.randomUUID();
        bus.send("order.intake.json.v1", """
                {"customerId": "%s", "customerReference": "%s",
                 "lines": [{"sku": "SKU-J", "description": "Jacquard loom", "quantity": 1,
                            "unitPrice": {"amount": "99.00", "currency": "GBP"}}]}
                """.formatted(customer, reference), Map.of());
        String orderId = awaitOrder(customer, reference);
        assertThat(awaitStatus(orderId, OrderStatus.SHIPPED).getTotal().getCurrency()).isEqualTo("GBP");

        String probe = UUID.randomUUID().toString();
        bus.send("order.intake.json.v1", "{\"customerId\": ", Map.of("probe", probe));
        assertThat(awaitParked("invalid.order.intake.json.v1", probe).getStringProperty(BusHeaders.REASON))
                .startsWith("not an order submission in JSON");
        String invalid = UUID.randomUUID().toString();
        bus.send("order.intake.json.v1", """
                {"customerId": "%s", "customerReference": "x", "lines": []}""".formatted(customer), Map.of("probe", invalid));
        assertThat(awaitParked("invalid.order.intake.json.v1", invalid).getStringProperty(BusHeaders.REASON))
                .startsWith("not a valid OrderSubmission:");
    }

    private String awaitOrder(String customer, String reference) {
        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from fulfilment.orders where customer_id = ? and customer_reference = ?", customer,
                reference) == 1);
        return Database.text("select order_id from fulfilment.orders where customer_reference = ?", reference);
    }

    private Message awaitParked(String queue, String probe) {
        await().atMost(OrderProcess.PATIENCE).until(() -> !bus.browse(queue, "probe = '" + probe + "'").isEmpty());
        return bus.browse(queue, "probe = '" + probe + "'").get(0);
    }

    static String legacyOrder(String number, String customer, String sku, String price) {
        return """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <LEGACY_ORDER>
                  <ORDER_NO>%s</ORDER_NO>
                  <CUST_NO>%s</CUST_NO>
                  <CURRENCY>eur</CURRENCY>
                  <SHIP_STREET>Am Markt 1</SHIP_STREET>
                  <SHIP_CITY>Bremen</SHIP_CITY>
                  <SHIP_ZIP>28195</SHIP_ZIP>
                  <SHIP_COUNTRY>de</SHIP_COUNTRY>
                  <ITEM><ITEM_NO>%s</ITEM_NO><ITEM_TEXT>Weser cog</ITEM_TEXT><QTY>3</QTY><PRICE>%s</PRICE></ITEM>
                </LEGACY_ORDER>
                """.formatted(number, customer, sku, price);
    }
}
