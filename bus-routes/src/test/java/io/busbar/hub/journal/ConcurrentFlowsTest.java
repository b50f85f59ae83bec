package io.busbar.hub.journal;

import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.busbar.contract.fulfilment.service.v1.FulfilmentServicePortType;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.orders.OrderBus;
import io.busbar.hub.orders.OrderMessages;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.FlowCheck;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderProcess;
import io.busbar.hub.testsupport.SoapClients;
import io.busbar.services.fulfilment.FulfilmentService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many orders at once, over both doors, on the real broker, PostgreSQL and HTTP: each keeps a flow of its own in the
 * journal. 100 orders (70 REST, 30 SOAP, half of them with the caller's X-Correlation-ID) take every path: straight
 * through, held and then approved or rejected by a person, compensated when the warehouse cannot ship; and one poison
 * message is parked. For each, the search by its order id finds exactly one flow, with exactly the hops of the steps it
 * went through, all naming it, starting at its door, under the caller's id when the caller gave one.
 */
@QuarkusTest
class ConcurrentFlowsTest {

    enum Path {
        SHIPPED,
        APPROVED,
        REJECTED,
        COMPENSATED
    }

    record Submitted(String orderId, Path path, String door, String flowId) {
    }

    static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"(ORD-\\d{8})\"");
    static final String DESK = Http.basic("demo-order-desk", "demo-order-desk");
    static final List<String> FINAL_EVENTS = List.of("OrderShipped", "OrderRejected", "OrderCancelled");

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    OrderMessages messages;

    @Inject
    FulfilmentService fulfilment;

    @Inject
    CamelContext camel;

    @Inject
    FlowJournal journal;

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyOneOfAHundredConcurrentOrdersKeepsAFlowOfItsOwn() throws Exception {
        List<String> customers = List.of(establishedCustomer(), establishedCustomer(), establishedCustomer());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Submitted>> submissions = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Path path = switch (i % 10) {
                    case 3 -> Path.APPROVED;
                    case 6 -> Path.REJECTED;
                    case 8 -> Path.COMPENSATED;
                    default -> Path.SHIPPED;
                };
                String customer = customers.get(i % customers.size());
                String callerId = i % 2 == 0 ? "cf-" + run + "-" + i : null;
                // SOAP takes every path too, half of it with the caller's id
                boolean soap = i < 30;
                submissions.add(pool.submit(soap ? () -> overSoap(customer, path, callerId)
                        : () -> overRest(customer, path, callerId)));
            }
            List<Submitted> orders = new ArrayList<>();
            for (Future<Submitted> f : submissions) {
                orders.add(f.get());
            }
            assertThat(orders.stream().filter(o -> o.door().equals("soap-door"))).hasSize(30);
            assertThat(orders.stream().filter(o -> o.flowId() != null && o.flowId().startsWith("cf-"))).hasSize(50);

            String poisonFlow = "cf-poison-" + run;
            sendPoison(poisonFlow);

            decideHeldOrders(orders, pool);
            await().atMost(OrderProcess.PATIENCE).until(() -> finished(orders));

            // the legacy database connectors write final states back: each instance's route is a subscriber too
            List<String> writeBacks = camel.getRoutes().stream().map(r -> r.getRouteId())
                    .filter(id -> id.matches("connector-.*-write-back")).toList();
            List<FlowCheck.Expected> expected = new ArrayList<>();
            for (Submitted order : orders) {
                expected.add(new FlowCheck.Expected(order.orderId(), order.door(), order.flowId(),
                        routes(order, writeBacks)));
            }
            expected.add(new FlowCheck.Expected(POISON_ORDER, null, poisonFlow,
                    List.of(INTAKE, INTAKE, INTAKE, INTAKE)));

            FlowCheck check = new FlowCheck(SoapClients.base(), Http.basic("demo-viewer", "demo-viewer"));
            await().atMost(OrderProcess.PATIENCE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(check.problems(expected)).isEmpty());
            // and it stays so once the journal has written everything it was handed
            await().atMost(OrderProcess.PATIENCE).until(() -> journal.pending() == 0);
            assertThat(check.problems(expected)).isEmpty();
            assertThat(Database.count("select count(*) from (select correlation_id from flow_hop where order_id is not null"
                    + " group by correlation_id having count(distinct order_id) > 1) shared")).as("flows with two orders")
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    static final String INTAKE = "order-fulfilment-intake";
    static final String POISON_ORDER = "ORD-99999990";

    /** The hops an order's flow has on its path: door, steps, a person's decision, every subscriber of every event. */
    static List<String> routes(Submitted order, List<String> writeBacks) {
        List<String> routes = new ArrayList<>(List.of(order.door(), INTAKE));
        List<String> events = new ArrayList<>();
        switch (order.path()) {
            case SHIPPED -> {
                routes.addAll(List.of("order-fulfilment-billing", "order-fulfilment-warehouse"));
                events.addAll(List.of("OrderAccepted", "OrderInvoiced", "OrderShipped"));
            }
            case APPROVED -> {
                routes.addAll(List.of("rest-door", "order-fulfilment-billing", "order-fulfilment-warehouse"));
                events.addAll(List.of("OrderHeld", "OrderAccepted", "OrderInvoiced", "OrderShipped"));
            }
            case REJECTED -> {
                routes.add("rest-door");
                events.addAll(List.of("OrderHeld", "OrderRejected"));
            }
            case COMPENSATED -> {
                routes.addAll(List.of("order-fulfilment-billing", "order-fulfilment-warehouse",
                        "order-fulfilment-compensation"));
                events.addAll(List.of("OrderAccepted", "OrderInvoiced", "OrderCancelled"));
            }
        }
        for (String event : events) {
            routes.addAll(List.of("order-events-notification", "order-events-analytics"));
            if (event.equals("OrderShipped")) {
                routes.add("order-legacy-export");
            }
            if (FINAL_EVENTS.contains(event)) {
                routes.addAll(writeBacks);
            }
        }
        return routes;
    }

    /** The price makes a large order (held for approval), the SKU one the warehouse cannot ship. */
    static String sku(Path path) {
        return path == Path.COMPENSATED ? "OUT-OF-STOCK-CF" : "SKU-CF";
    }

    static String unitPrice(Path path, int quantity) {
        boolean held = path == Path.APPROVED || path == Path.REJECTED;
        return held ? (quantity == 1 ? "12000.00" : "6000.00") : "3.00";
    }

    Submitted overRest(String customer, Path path, String callerId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SoapClients.base() + "/api/v1/orders"))
                .header("Content-Type", "application/json").header("Authorization", DESK)
                .POST(HttpRequest.BodyPublishers.ofString(Json.order(customer, "PO-" + UUID.randomUUID(), "EUR",
                        Map.of(sku(path), unitPrice(path, 2)))));
        if (callerId != null) {
            request.header("X-Correlation-ID", callerId);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String answered = response.headers().firstValue("X-Correlation-ID").orElseThrow();
        if (callerId != null) {
            assertThat(answered).isEqualTo(callerId);
        }
        Matcher id = ORDER_ID.matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        // the id the hub answered with is the flow's, the caller's own or the one the hub made
        return new Submitted(id.group(1), path, "rest-door", answered);
    }

    Submitted overSoap(String customer, Path path, String callerId) throws Exception {
        FulfilmentServicePortType soap = SoapClients.soap11(FulfilmentServicePortType.class, "fulfilment",
                "demo-order-desk");
        if (callerId != null) {
            ((BindingProvider) soap).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                    Map.of("X-Correlation-ID", List.of(callerId)));
        }
        Order order = soap.submitOrder(FlowJournalTest.submission(customer, sku(path), unitPrice(path, 1))).getOrder();
        return new Submitted(order.getOrderId(), path, "soap-door", callerId);
    }

    /** A message about an order that does not exist: fails at intake on every delivery and is parked. */
    void sendPoison(String flowId) {
        Order ghost = fulfilment.get(OrderProcess.submit(establishedCustomer(), "SKU-CF", "1.00"));
        ghost.setOrderId(POISON_ORDER);
        OrderSubmitted poison = OrderMessages.event(new OrderSubmitted(), ghost, flowId);
        poison.setOrder(ghost);
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            bus.send("order.submitted.v1", messages.write(poison), new HashMap<>(OrderBus.headers(poison)));
        }
    }

    /** Approves or rejects each held order as soon as it waits, concurrently, half of the calls with their own ids. */
    void decideHeldOrders(List<Submitted> orders, ExecutorService pool) throws Exception {
        List<Future<?>> decisions = new ArrayList<>();
        for (Submitted order : orders) {
            if (order.path() != Path.APPROVED && order.path() != Path.REJECTED) {
                continue;
            }
            Callable<Void> decide = () -> {
                await().atMost(OrderProcess.PATIENCE).until(() -> "PENDING_APPROVAL".equals(
                        Database.text("select status from fulfilment.orders where order_id = ?", order.orderId())));
                boolean approve = order.path() == Path.APPROVED;
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SoapClients.base() + "/api/v1/orders/"
                        + order.orderId() + (approve ? "/approval" : "/rejection")))
                        .header("Content-Type", "application/json").header("Authorization", DESK)
                        .POST(HttpRequest.BodyPublishers.ofString(approve ? "{\"comment\": \"checked\"}"
                                : "{\"reason\": \"too large\"}"));
                if (order.orderId().hashCode() % 2 == 0) {
                    request.header("X-Correlation-ID", "cf-decision-" + order.orderId());
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return null;
            };
            decisions.add(pool.submit(decide));
        }
        for (Future<?> f : decisions) {
            f.get();
        }
    }

    static boolean finished(List<Submitted> orders) {
        String ids = String.join(",", orders.stream().map(o -> "'" + o.orderId() + "'").toList());
        return Database.count("select count(*) from fulfilment.orders where order_id in (" + ids
                + ") and status in ('SHIPPED', 'REJECTED', 'CANCELLED')") == orders.size()
                && Database.count("select count(*) from bus_notification_log where order_id in (" + ids
                        + ") and event_type in ('OrderShipped', 'OrderRejected', 'OrderCancelled')") == orders.size();
    }
}
