package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.OrderLoad;

/**
 * 1,000 orders submitted concurrently through the public contracts (REST and SOAP) of the packaged hub: every order
 * reaches a final state, and the database and the events its subscribers recorded match exactly.
 */
class OrderLoadIT {

    @Test
    void aThousandConcurrentOrdersAllReachAFinalStateWithNothingLostOrDuplicated() throws Exception {
        try (HubProcess hub = HubProcess.embedded("order-load")) {
            hub.start().awaitHealthy(Duration.ofSeconds(120));
            OrderLoad load = new OrderLoad(hub);
            OrderLoad.Mix mix = new OrderLoad.Mix(900, 50, 25, 25, 100, 40);
            OrderLoad.Result result = load.run(mix, 32, Duration.ofMinutes(6));
            assertThat(result.kindByOrder()).hasSize(1000);

            Map<String, Long> expectedStatus = Map.of("SHIPPED", 925L, "CANCELLED", 50L, "REJECTED", 25L);
            expectedStatus.forEach((status, count) -> assertThat(load.count(
                    "select count(*) from fulfilment.orders where customer_reference like 'LOAD-%' and status = '" + status
                            + "'"))
                    .as(status).isEqualTo(count));
            assertThat(load.count("select count(*) from billing.invoice i join fulfilment.orders o using (order_id)"
                    + " where o.customer_reference like 'LOAD-%'")).as("one invoice per invoiced order").isEqualTo(975);
            assertThat(load.count("select count(*) from billing.invoice where status = 'CREDITED'"
                    + " and order_id in (select order_id from fulfilment.orders where status = 'CANCELLED'"
                    + " and customer_reference like 'LOAD-%')")).isEqualTo(50);
            assertThat(load.count("select count(*) from billing.credit_note")).isEqualTo(50);

            // every event recorded once by each durable subscriber, and exactly the events each path produces
            Map<String, Long> expectedEvents = Map.of("OrderHeld", 50L, "OrderAccepted", 975L, "OrderRejected", 25L,
                    "OrderInvoiced", 975L, "OrderShipped", 925L, "OrderCancelled", 50L);
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> load.count(
                    "select count(*) from bus_notification_log") == 3000
                    && load.count(
                            "select count(*) from bus_analytics_event") == 3000);
            for (var table : new String[] { "bus_analytics_event", "bus_notification_log" }) {
                expectedEvents.forEach((type, count) -> assertThat(load.count(
                        "select count(*) from " + table + " where event_type = '" + type + "'")).as(table + " " + type)
                        .isEqualTo(count));
                assertThat(load.count("select count(*) from (select order_id, event_type from " + table
                        + " group by order_id, event_type having count(*) > 1) dup")).as("duplicates in " + table).isZero();
            }
            assertThat(load.count("select count(*) from pg_prepared_xacts")).isZero();
            assertThat(load.count("select count(*) from bus_delivery_failure")).as("no step failed").isZero();
            System.out.printf("1000 orders: submitted in %d ms, all final after %d ms%n", result.submitted().toMillis(),
                    result.completed().toMillis());
        }
    }
}
