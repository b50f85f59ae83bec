package io.busbar.hub.ops;

import static io.busbar.hub.testsupport.RestContract.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.busbar.contract.common.v1.Money;
import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.fulfilment.service.v1.SubmitOrder;
import io.busbar.contract.order.v1.OrderLineData;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.hub.testsupport.SoapClients;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Tracing switched on (it is off by default): a trace started by the caller (W3C traceparent) continues through the
 * REST or SOAP door, the service, every JMS hop through the broker and every route of the order process, so one trace
 * id shows the whole order.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "100ms");
        }
    }

    /** Spans land here instead of an OTLP collector. */
    public static class Spans {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anOrderSubmittedOverRestIsOneTraceAcrossTheBus() {
        String traceId = newTraceId();
        String customer = OrderProcess.establishedCustomer();
        String orderId = as("demo-order-desk").contentType(ContentType.JSON).header("traceparent", traceparent(traceId))
                .body(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR", Map.of("SKU-1", "5.00")))
                .post("/api/v1/orders").then().statusCode(201).extract().path("orderId");
        OrderProcess.awaitStatus(orderId, OrderStatus.SHIPPED);

        assertWholeOrderTraced(traceId, "/api/v1/orders");
    }

    @Test
    void anOrderSubmittedOverSoapIsOneTraceAcrossTheBus() throws Exception {
        String traceId = newTraceId();
        FulfilmentServicePortType soap = SoapClients.soap11(FulfilmentServicePortType.class, "fulfilment",
                "demo-order-desk");
        ((BindingProvider) soap).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                Map.of("traceparent", List.of(traceparent(traceId))));
        String orderId = soap
                .submitOrder(soapOrder(OrderProcess.establishedCustomer()))
                .getOrder().getOrderId();
        OrderProcess.awaitStatus(orderId, OrderStatus.SHIPPED);

        assertWholeOrderTraced(traceId, "/soap/fulfilment");
    }

    private void assertWholeOrderTraced(String traceId, String door) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).toList();
            String seen = trace.stream().map(s -> s.getKind() + " " + s.getName() + " " + s.getAttributes())
                    .collect(Collectors.joining("\n"));
            assertThat(trace).as(seen).anyMatch(s -> s.getKind() == SpanKind.SERVER && text(s).contains(door));
            for (String queue : List.of("order.submitted.v1", "order.accepted.v1", "order.invoiced.v1")) {
                assertThat(trace).as("sent to and received from " + queue + " in:\n" + seen)
                        .anyMatch(s -> hop(s, "EVENT_SENT", "queue:" + queue))
                        .anyMatch(s -> hop(s, "EVENT_RECEIVED", "queue:" + queue));
            }
            assertThat(trace).as("the events published on the topic and received by its subscribers in:\n" + seen)
                    .anyMatch(s -> hop(s, "EVENT_SENT", "topic:order.events.v1"))
                    .anyMatch(s -> hop(s, "EVENT_RECEIVED", "topic:order.events.v1"));
        });
    }

    private static SubmitOrder soapOrder(String customer) {
        OrderLineData line = new OrderLineData();
        line.setSku("SKU-2");
        line.setDescription("Traced tape drive");
        line.setQuantity(1);
        Money price = new Money();
        price.setAmount(new java.math.BigDecimal("3.00"));
        price.setCurrency("EUR");
        line.setUnitPrice(price);
        OrderSubmission submission = new OrderSubmission();
        submission.setCustomerId(customer);
        submission.setCustomerReference("PO-" + UUID.randomUUID());
        submission.getLines().add(line);
        SubmitOrder request = new SubmitOrder();
        request.setOrder(submission);
        return request;
    }

    private static boolean hop(SpanData span, String op, String destination) {
        return op.equals(span.getAttributes().get(AttributeKey.stringKey("op")))
                && destination.equals(span.getAttributes().get(AttributeKey.stringKey("url.path")));
    }

    private static String text(SpanData span) {
        return span.getName() + " " + span.getAttributes();
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String traceparent(String traceId) {
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
