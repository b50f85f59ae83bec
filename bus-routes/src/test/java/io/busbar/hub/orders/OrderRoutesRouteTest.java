package io.busbar.hub.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.busbar.contract.common.v1.Audit;
import io.busbar.contract.common.v1.Money;
import io.busbar.contract.customer.v1.CustomerStatus;
import io.busbar.contract.order.v1.CustomerSummary;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderLine;
import io.busbar.contract.order.v1.OrderShipped;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.contract.order.v1.Shipment;
import io.busbar.contract.order.v1.StatusChange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Route tests: the intake's content-based routing rules and the legacy transformations, with the routes advised by
 * id (their queues and the steps around them replaced) in an application of their own.
 */
@QuarkusTest
@TestProfile(OrderRoutesRouteTest.Advised.class)
class OrderRoutesRouteTest {

    /** A profile of its own: advice changes the routes of this application only. */
    public static class Advised implements QuarkusTestProfile {
    }

    static final List<Exchange> HELD = new CopyOnWriteArrayList<>();
    static final List<Exchange> ACCEPTED = new CopyOnWriteArrayList<>();
    static final List<String> CANONICAL = new CopyOnWriteArrayList<>();
    static final List<String> LEGACY_OUT = new CopyOnWriteArrayList<>();
    static boolean advised;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    OrderMessages messages;

    @ConfigProperty(name = "busbar.routing.rules-file")
    Path rulesFile;

    @BeforeEach
    void advise() throws Exception {
        HELD.clear();
        ACCEPTED.clear();
        CANONICAL.clear();
        LEGACY_OUT.clear();
        if (advised) {
            return;
        }
        AdviceWith.adviceWith(camel, "order-fulfilment-intake", a -> {
            a.replaceFromWith("direct:test-intake");
            // the enrichment's answer comes from the test (headers set by the sender)
            a.weaveById("order-intake-enrich").replace().process(this::enrichFromTestHeaders);
            // each branch's step is recorded instead of run; with no next event, nothing is sent
            a.weaveById("order-intake-hold").replace().process(e -> record(HELD, e));
            a.weaveById("order-intake-accept").replace().process(e -> record(ACCEPTED, e));
        });
        AdviceWith.adviceWith(camel, "order-legacy-intake", a -> {
            a.replaceFromWith("direct:test-legacy-in");
            a.weaveByToString(".*orderIntake.*").replace().process(e -> CANONICAL.add(e.getIn().getBody(String.class)));
        });
        AdviceWith.adviceWith(camel, "order-legacy-export", a -> {
            a.replaceFromWith("direct:test-shipped");
            a.weaveByToUri("jms:queue:*").replace().process(e -> LEGACY_OUT.add(e.getIn().getBody(String.class)));
        });
        advised = true;
    }

    @Test
    void theDefaultRulesHoldLargeOrdersNewAndDeactivatedCustomersAndLetTheRestThrough() throws IOException {
        Files.deleteIfExists(rulesFile);
        assertThat(route("ORD-80000001", "10000.01", "ACTIVE", 400, 3)).isEqualTo("manual approval: large-order");
        assertThat(route("ORD-80000002", "10000.00", "ACTIVE", 400, 3)).isEmpty();
        assertThat(route("ORD-80000003", "5.00", "DEACTIVATED", 400, 3)).isEqualTo("manual approval: deactivated-customer");
        assertThat(route("ORD-80000004", "5.00", "ACTIVE", 0, 0)).isEqualTo("manual approval: new-customer");
        assertThat(route("ORD-80000005", "5.00", "ACTIVE", 0, 1)).as("new, but not the first order").isEmpty();
        assertThat(route("ORD-80000006", "20000.00", "DEACTIVATED", 0, 0))
                .isEqualTo("manual approval: large-order, deactivated-customer, new-customer");
        assertThat(HELD).extracting(e -> e.getIn().getHeader("busbarOrderId")).containsExactly("ORD-80000001",
                "ORD-80000003", "ORD-80000004", "ORD-80000006");
        assertThat(ACCEPTED).extracting(e -> e.getIn().getHeader("busbarOrderId")).containsExactly("ORD-80000002",
                "ORD-80000005");
    }

    @Test
    void rulesAreConfigurationReadAgainWhenTheFileChangesAndABrokenFileChangesNothing() throws IOException {
        writeRules("""
                manualApproval:
                  - name: over-100
                    when: "${header.busbarOrderTotal} > 100"
                """, 1);
        assertThat(route("ORD-80000011", "100.50", "ACTIVE", 400, 3)).isEqualTo("manual approval: over-100");
        assertThat(route("ORD-80000012", "5.00", "DEACTIVATED", 0, 0)).as("old rules no longer apply").isEmpty();

        writeRules("manualApproval:\n  - name: broken\n    when: \"${header.busbarOrderTotal > \"\n", 2);
        assertThat(route("ORD-80000013", "150.00", "ACTIVE", 400, 3)).as("still the last good rules")
                .isEqualTo("manual approval: over-100");
        Files.deleteIfExists(rulesFile);
    }

    @Test
    void aLegacyFlatOrderIsTransformedToTheCanonicalSubmission() {
        producer.sendBody("direct:test-legacy-in", OrderIntakeTest.legacyOrder("4711", "CUS-00000042", " ab-9 ", "12.5"));
        assertThat(CANONICAL).hasSize(1);
        OrderSubmission submission = messages.readSubmission(CANONICAL.get(0));
        assertThat(submission.getCustomerId()).isEqualTo("CUS-00000042");
        assertThat(submission.getCustomerReference()).isEqualTo("LEGACY-4711");
        assertThat(submission.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("AB-9");
            assertThat(line.getQuantity()).isEqualTo(3);
            assertThat(line.getUnitPrice().getAmount()).isEqualByComparingTo("12.5");
            assertThat(line.getUnitPrice().getCurrency()).isEqualTo("EUR");
        });
        assertThat(submission.getShippingAddress().getCountry()).isEqualTo("DE");
    }

    @Test
    void onlyShipmentsOfLegacyOrdersAreTransformedToTheLegacyConfirmation() {
        producer.sendBody("direct:test-shipped", messages.write(shipped("ORD-80000021", "LEGACY-0815")));
        producer.sendBody("direct:test-shipped", messages.write(shipped("ORD-80000022", "PO-4711")));
        assertThat(LEGACY_OUT).singleElement().satisfies(xml -> assertThat(xml).contains("<ORDER_NO>0815</ORDER_NO>",
                "<BUSBAR_ORDER>ORD-80000021</BUSBAR_ORDER>", "<TRACKING>TRACK-1</TRACKING>",
                "<SHIP_DATE>20261122</SHIP_DATE>", "<INVOICE_NO>INV-00000009</INVOICE_NO>"));
    }

    private String route(String orderId, String total, String customerStatus, long ageDays, long previousOrders) {
        OrderSubmitted event = OrderMessages.event(new OrderSubmitted(), order(orderId, total), "route-test");
        event.setOrder(order(orderId, total));
        Exchange exchange = producer.request("direct:test-intake", e -> {
            e.getIn().setBody(messages.write(event));
            e.getIn().setHeader("test.status", customerStatus);
            e.getIn().setHeader("test.ageDays", ageDays);
            e.getIn().setHeader("test.previous", previousOrders);
        });
        if (exchange.getException() != null) {
            throw new AssertionError(exchange.getException());
        }
        return exchange.getMessage().getHeader(OrderSteps.APPROVAL_REASON, String.class);
    }

    private static void record(List<Exchange> branch, Exchange e) {
        branch.add(e.copy());
        e.getIn().setBody(null);
    }

    private void enrichFromTestHeaders(Exchange e) {
        OrderSubmitted submitted = e.getProperty(OrderSteps.EVENT, OrderSubmitted.class);
        e.getIn().setHeader("busbarOrderTotal", submitted.getOrder().getTotal().getAmount().toPlainString());
        e.getIn().setHeader("busbarOrderCurrency", submitted.getOrder().getTotal().getCurrency());
        e.getIn().setHeader("busbarCustomerStatus", e.getIn().getHeader("test.status"));
        e.getIn().setHeader("busbarCustomerAgeDays", e.getIn().getHeader("test.ageDays"));
        e.getIn().setHeader("busbarCustomerPreviousOrders", e.getIn().getHeader("test.previous"));
        CustomerSummary customer = new CustomerSummary();
        customer.setStatus(CustomerStatus.fromValue(e.getIn().getHeader("test.status", String.class)));
        e.setProperty(OrderSteps.CUSTOMER, customer);
    }

    private void writeRules(String yaml, int generation) throws IOException {
        Files.createDirectories(rulesFile.getParent());
        Files.writeString(rulesFile, yaml);
        // a distinct modification time, whatever the file system's clock resolution
        Files.setLastModifiedTime(rulesFile, FileTime.fromMillis(System.currentTimeMillis() + generation * 10_000L));
    }

    static Order order(String orderId, String total) {
        Order order = new Order();
        order.setOrderId(orderId);
        order.setCustomerId("CUS-00000042");
        order.setCustomerReference("PO-" + orderId);
        order.setSubmittedAt(OffsetDateTime.parse("2026-11-22T10:15:30Z"));
        OrderLine line = new OrderLine();
        line.setLineNumber(1);
        line.setSku("SKU-1");
        line.setDescription("Analytical engine");
        line.setQuantity(1);
        line.setUnitPrice(money(total));
        line.setLineTotal(money(total));
        order.getLines().add(line);
        order.setTotal(money(total));
        order.setStatus(OrderStatus.SUBMITTED);
        StatusChange change = new StatusChange();
        change.setStatus(OrderStatus.SUBMITTED);
        change.setChangedAt(order.getSubmittedAt());
        change.setChangedBy("route-test");
        order.getStatusHistory().add(change);
        Audit audit = new Audit();
        audit.setVersion(0);
        audit.setCreatedAt(order.getSubmittedAt());
        audit.setCreatedBy("route-test");
        audit.setUpdatedAt(order.getSubmittedAt());
        audit.setUpdatedBy("route-test");
        order.setAudit(audit);
        return order;
    }

    static OrderShipped shipped(String orderId, String reference) {
        Order order = order(orderId, "10.00");
        order.setCustomerReference(reference);
        order.setStatus(OrderStatus.SHIPPED);
        order.setInvoiceId("INV-00000009");
        Shipment shipment = new Shipment();
        shipment.setShipmentId("SHP-00000001");
        shipment.setCarrier("BUSBAR-WAREHOUSE");
        shipment.setTrackingNumber("TRACK-1");
        shipment.setShippedAt(OffsetDateTime.parse("2026-11-22T18:00:00Z"));
        order.setShipment(shipment);
        OrderShipped event = OrderMessages.event(new OrderShipped(), order, "route-test");
        event.setOrder(order);
        return event;
    }

    static Money money(String amount) {
        Money money = new Money();
        money.setAmount(new BigDecimal(amount));
        money.setCurrency("EUR");
        return money;
    }

}
