package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.hub.infra.CommitHold;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.Json;
import io.busbar.hub.testsupport.OrderLoad;

/**
 * A deterministic kill between the two phases of an XA commit. The hub runs with the crash suite's commit hold
 * ({@link CommitHold}): the first order's transaction is prepared in the broker and in PostgreSQL and logged by
 * Narayana, and its commit never returns. The in-doubt view must list it in all three places; the hub is then killed
 * and restarted without the hold, and recovery must commit it: the view empties, the order exists once and runs to
 * its end, and the client's retry of the same order gets the same order back. Runs with -Pcrash (.ci/run).
 */
class InDoubtCrashIT {

    static final Duration START = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OPERATOR = Http.basic("demo-operator", "demo-operator");
    static final String ORDER_DESK = Http.basic("demo-order-desk", "demo-order-desk");

    @Test
    void aTransactionKilledBetweenPrepareAndCommitIsListedInDoubtAndRecoveredOnce() throws Exception {
        try (HubProcess hub = HubProcess.embedded("in-doubt")) {
            hub.start().awaitHealthy(START);
            OrderLoad load = new OrderLoad(hub);
            String customer = load.establishedCustomers(1).get(0);
            hub.stop();

            hub.with(CommitHold.PROPERTY, "true").start().awaitHealthy(START);
            String base = "http://localhost:" + hub.httpPort();
            String reference = "IN-DOUBT-" + UUID.randomUUID();
            String order = Json.order(customer, reference, "EUR", Map.of("SKU-1", "3.00"));
            CompletableFuture<Integer> held = CompletableFuture
                    .supplyAsync(() -> Http.post(base + "/api/v1/orders", order, ORDER_DESK).statusCode());

            JsonNode before = Awaitility.await("the held order in doubt in all three places").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500)).until(() -> inDoubt(base),
                            view -> view.get("coordinator").size() == 1 && view.get("broker").size() == 1
                                    && view.get("database").size() == 1);
            assertThat(before.get("coordinator").get(0).get("detail").asText()).startsWith("transaction log in");
            assertThat(before.get("database").get(0).get("id").asText()).isNotBlank();
            assertThat(held).as("the client still waits for its answer").isNotDone();
            assertThat(hub.output()).contains("busbar.testing.hold-commit: holding");
            String byReference = "select count(*) from fulfilment.orders where customer_reference = '" + reference + "'";
            assertThat(load.count(byReference)).as("prepared, not committed: no one sees the order yet").isZero();
            assertThat(load.count("select count(*) from pg_prepared_xacts")).isEqualTo(1);

            hub.kill();
            hub.without(CommitHold.PROPERTY).start().awaitHealthy(START);
            JsonNode after = Awaitility.await("recovery commits the held transaction").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(3)).until(() -> recover(base), InDoubtCrashIT::empty);
            assertThat(empty(after)).isTrue();
            assertThat(empty(inDoubt(base))).as("the view after recovery").isTrue();
            assertThat(load.count("select count(*) from pg_prepared_xacts")).isZero();

            assertThat(load.count(byReference)).as("the order, committed by recovery").isEqualTo(1);
            Awaitility.await("the recovered order runs to its end").atMost(Duration.ofMinutes(2))
                    .until(() -> load.count(byReference + " and status = 'SHIPPED'") == 1);
            var retry = Http.post(base + "/api/v1/orders", order, ORDER_DESK);
            assertThat(retry.statusCode()).as(retry.body()).isIn(200, 201);
            String orderId = JSON.readTree(retry.body()).get("orderId").asText();
            assertThat(load.count(byReference)).as("the retry finds the recovered order").isEqualTo(1);
            assertThat(load.count("select count(*) from fulfilment.orders where order_id = '" + orderId
                    + "' and customer_reference = '" + reference + "'")).isEqualTo(1);
            assertThat(load.count("select count(*) from billing.invoice where order_id = '" + orderId + "'"))
                    .as("one invoice").isEqualTo(1);
            assertThat(load.count("select count(*) from (select status from fulfilment.order_status_change where order_id = '"
                    + orderId + "' group by status having count(*) > 1) d")).as("a status reached twice").isZero();
            for (String table : List.of("bus_analytics_event", "bus_notification_log")) {
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> load.count(
                        "select count(*) from " + table + " where order_id = '" + orderId + "'") == 3);
            }
        }
    }

    private static boolean empty(JsonNode view) {
        return view.get("coordinator").isEmpty() && view.get("broker").isEmpty() && view.get("database").isEmpty();
    }

    private static JsonNode inDoubt(String base) throws Exception {
        var response = Http.get(base + "/api/v1/transactions/in-doubt", OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode recover(String base) throws Exception {
        var response = Http.post(base + "/api/v1/transactions/recovery", "", OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
