package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.FlowCheck;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderLoad;
import io.busbar.hub.testsupport.Pause;

/**
 * Crash test: the packaged hub runs as its own process under order load and is killed with SIGKILL at random points,
 * ten times, restarted each time, then once more and restarted with no traffic at all. Every order the hub accepted
 * ends in exactly one final state, nothing is lost or duplicated, and nothing stays in doubt in PostgreSQL, the broker
 * or Narayana's log. Runs with -Pcrash (.ci/run).
 */
class OrderCrashIT {

    static final int KILLS = 10;
    static final Duration START = Duration.ofSeconds(180);
    private static final Pattern PARKED = Pattern
            .compile("busbar_queue_messages\\{[^}]*kind=\"(?:dead-letter|invalid)\"[^}]*queue=\"([^\"]+)\"[^}]*} (\\S+)");
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"(ORD-\\d{8})\"");

    final Map<String, String> acceptedByReference = new ConcurrentHashMap<>();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    final Random random = new Random(42);

    @Test
    void killedUnderLoadEveryAcceptedOrderEndsOnceAndNothingStaysInDoubt() throws Exception {
        try (HubProcess hub = HubProcess.embedded("order-crash")) {
            hub.start().awaitHealthy(START);
            OrderLoad load = new OrderLoad(hub);
            List<String> customers = load.establishedCustomers(12);
            String base = "http://localhost:" + hub.httpPort();

            for (int kill = 1; kill <= KILLS; kill++) {
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService submitters = submitUntilStopped(base, customers, running, 6);
                Pause.of(Duration.ofMillis(1500 + random.nextInt(3500)));
                hub.kill();
                running.set(false);
                submitters.shutdown();
                submitters.awaitTermination(60, TimeUnit.SECONDS);
                hub.start().awaitHealthy(START);
                resubmitUnanswered(base, customers);
            }

            // one more crash, then a restart with no traffic: recovery alone must resolve what is in doubt
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService submitters = submitUntilStopped(base, customers, running, 6);
            Pause.of(Duration.ofSeconds(3));
            hub.kill();
            running.set(false);
            submitters.shutdown();
            submitters.awaitTermination(60, TimeUnit.SECONDS);
            hub.start().awaitHealthy(START);
            try {
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> inDoubt(base).replaceAll("\\s", "")
                                .equals("{\"coordinator\":[],\"broker\":[],\"database\":[]}"));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("still in doubt after 5 minutes of recovery: " + inDoubt(base), e);
            }
            resubmitUnanswered(base, customers);

            assertThat(acceptedByReference).hasSizeGreaterThan(100);
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> load.count("select count(*) from fulfilment.orders where customer_reference like 'CRASH-%'"
                            + " and status not in ('SHIPPED', 'CANCELLED')") == 0);

            long orders = acceptedByReference.size();
            assertThat(load.count("select count(*) from fulfilment.orders where customer_reference like 'CRASH-%'"))
                    .as("exactly the accepted orders").isEqualTo(orders);
            assertThat(
                    load.count("select count(distinct order_id) from fulfilment.orders where customer_reference like 'CRASH-%'"
                            + " and order_id in (" + quoted(acceptedByReference.values()) + ")"))
                    .isEqualTo(orders);
            long outOfStock = acceptedByReference.keySet().stream().filter(r -> r.startsWith("CRASH-OOS-")).count();
            assertThat(load.count("select count(*) from fulfilment.orders where customer_reference like 'CRASH-OOS-%'"
                    + " and status = 'CANCELLED'")).isEqualTo(outOfStock);
            assertThat(load.count("select count(*) from fulfilment.orders where customer_reference like 'CRASH-OK-%'"
                    + " and status = 'SHIPPED'")).isEqualTo(orders - outOfStock);
            assertThat(load.count("select count(*) from billing.invoice")).as("one invoice per order").isEqualTo(orders);
            assertThat(load.count("select count(*) from billing.credit_note")).isEqualTo(outOfStock);
            assertThat(load.count("select count(*) from (select order_id from fulfilment.order_status_change"
                    + " group by order_id, status having count(*) > 1) d")).as("a status reached twice").isZero();

            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> load.count(
                    "select count(*) from bus_analytics_event") == 3 * orders
                    && load.count("select count(*) from bus_notification_log") == 3 * orders);
            for (String table : List.of("bus_analytics_event", "bus_notification_log")) {
                assertThat(load.count("select count(*) from (select order_id, event_type from " + table
                        + " group by order_id, event_type having count(*) > 1) d")).as("duplicate events in " + table).isZero();
            }
            assertFlowsOfTheirOwn(base, load);
            assertThat(load.count("select count(*) from pg_prepared_xacts")).isZero();
            assertThat(inDoubt(base).replaceAll("\\s", "")).isEqualTo("{\"coordinator\":[],\"broker\":[],\"database\":[]}");
            // nothing parked: every dead-letter and invalid queue empty (or never created), as the broker reports it
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                String metrics = Http.get(base + "/q/metrics", Http.basic("demo-operator", "demo-operator")).body();
                assertThat(metrics).contains("busbar_queue_messages{address=\"order.submitted.v1\"");
                Matcher parked = PARKED.matcher(metrics);
                while (parked.find()) {
                    assertThat(Double.parseDouble(parked.group(2))).as("messages parked in " + parked.group(1)).isZero();
                }
            });
            System.out.printf("crash test: %d orders accepted across %d kills, all final, nothing in doubt%n", orders,
                    KILLS + 1);
        }
    }

    private ExecutorService submitUntilStopped(String base, List<String> customers, AtomicBoolean running, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    String customer = customers.get(random.nextInt(customers.size()));
                    boolean oos = random.nextInt(10) == 0;
                    String reference = (oos ? "CRASH-OOS-" : "CRASH-OK-") + UUID.randomUUID();
                    submit(base, customer, reference);
                }
            });
        }
        return pool;
    }

    /** Submits; an order counts as accepted once the hub answered for it. Unanswered ones are sent again later. */
    private void submit(String base, String customer, String reference) {
        String sku = reference.startsWith("CRASH-OOS-") ? "OUT-OF-STOCK-9" : "SKU-1";
        try {
            var response = Http.post(base + "/api/v1/orders", Json.order(customer, reference, "EUR", Map.of(sku, "3.00")),
                    Http.basic("demo-order-desk", "demo-order-desk"));
            Matcher id = ORDER_ID.matcher(response.body());
            if ((response.statusCode() == 201 || response.statusCode() == 200) && id.find()) {
                acceptedByReference.put(reference, id.group(1));
                unanswered.remove(reference);
                return;
            }
        } catch (RuntimeException hubDown) {
            // the hub is being killed: ask again after the restart
        }
        unanswered.add(reference + "|" + customer);
    }

    /**
     * Sends again what got no answer before the kill, as a client would, until each is answered. An insert can wait on
     * a row a prepared transaction of the killed process still locks in PostgreSQL; once recovery resolves it (at the
     * latest after Narayana's orphan safety interval) the order is answered, exactly once thanks to the idempotent
     * submit.
     */
    private void resubmitUnanswered(String base, List<String> customers) {
        Awaitility.await("answered after the restart").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (String entry : Set.copyOf(unanswered)) {
                        String[] parts = entry.split("\\|");
                        unanswered.remove(entry);
                        submit(base, parts[1], parts[0]);
                    }
                    return unanswered.isEmpty();
                });
    }

    /**
     * After the kills and recovery every accepted order is still one flow of its own: the search by its order id finds
     * exactly one flow and each hop in it names that order, and no flow names two orders. Hops are not counted: a
     * redelivery after a kill adds one, and hops still queued for the journal when the process died are gone.
     */
    private void assertFlowsOfTheirOwn(String base, OrderLoad load) throws Exception {
        FlowCheck flows = new FlowCheck(base, Http.basic("demo-operator", "demo-operator"));
        List<FlowCheck.Expected> expected = acceptedByReference.values().stream()
                .map(orderId -> new FlowCheck.Expected(orderId, null, null, null)).toList();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(flows.problems(expected)).as("flows after recovery").isEmpty());
        assertThat(load.count("select count(*) from (select correlation_id from flow_hop where order_id is not null"
                + " group by correlation_id having count(distinct order_id) > 1) shared")).as("flows naming two orders")
                .isZero();
    }

    private static String inDoubt(String base) {
        var response = Http.get(base + "/api/v1/transactions/in-doubt", Http.basic("demo-operator", "demo-operator"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String quoted(java.util.Collection<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

}
