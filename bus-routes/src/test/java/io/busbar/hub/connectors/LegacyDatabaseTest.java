package io.busbar.hub.connectors;

import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.jms.Message;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.OrderProcess;
import io.quarkus.test.junit.QuarkusTest;

/** The {@code db-poll} connector against a legacy table in the hub's real PostgreSQL (schema {@code legacy}). */
@QuarkusTest
class LegacyDatabaseTest {

    @Inject
    LegacyDbPoller poller;

    @Inject
    HubInfrastructure infrastructure;

    @BeforeAll
    static void legacyTables() {
        Database.update("create schema if not exists legacy");
        for (String table : List.of("legacy.legacy_orders", "legacy.legacy_orders_race")) {
            Database.update("create table if not exists " + table + " (order_no varchar(20) primary key, "
                    + "cust_no varchar(20) not null, currency char(3) not null, sku varchar(20) not null, "
                    + "qty integer not null, price numeric(12,2) not null, status varchar(20) not null)");
        }
    }

    @Test
    void aNewLegacyRowBecomesAnOrderIsMarkedPublishedAndGetsItsFinalStateWrittenBack() {
        String customer = establishedCustomer();
        String orderNo = "D" + (System.nanoTime() % 1_000_000_000);
        Database.update("insert into legacy.legacy_orders values (?, ?, 'eur', 'sku-d1', 2, 4.20, 'NEW')", orderNo,
                customer);

        await().atMost(OrderProcess.PATIENCE).until(() -> Database.count(
                "select count(*) from fulfilment.orders where customer_id = ? and customer_reference = ?", customer,
                "LEGACYDB-" + orderNo) == 1);
        await().atMost(OrderProcess.PATIENCE).until(
                () -> "SHIPPED".equals(Database.text("select status from legacy.legacy_orders where order_no = ?", orderNo)));
    }

    @Test
    void twoPollersRunningTogetherPublishEveryRowExactlyOnce() throws Exception {
        String prefix = "R" + (System.nanoTime() % 1_000_000) + "-";
        int rows = 20;
        for (int i = 0; i < rows; i++) {
            Database.update("insert into legacy.legacy_orders_race values (?, 'CUS-00000001', 'EUR', 'SKU-R', 1, 1.00, 'NEW')",
                    prefix + String.format("%02d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> pollUntilDrained = () -> {
                int published = 0;
                while (Database.count("select count(*) from legacy.legacy_orders_race where status = 'NEW' and order_no like ?",
                        prefix + "%") > 0) {
                    published += poller.poll("legacy-db-race");
                }
                return published;
            };
            Future<Integer> first = pool.submit(pollUntilDrained);
            Future<Integer> second = pool.submit(pollUntilDrained);
            // the instance's own timer may poll too: a third poller at once
            assertThat(first.get() + second.get()).isBetween(1, rows);
        } finally {
            pool.shutdownNow();
        }
        assertThat(
                Database.count("select count(*) from legacy.legacy_orders_race where status = 'PUBLISHED' and order_no like ?",
                        prefix + "%"))
                .isEqualTo(rows);

        Map<String, Integer> published = new HashMap<>();
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            List<Message> messages = new ArrayList<>(
                    bus.browse("legacy.db.race.v1", "busbarLegacyOrderNo LIKE '" + prefix + "%'"));
            for (Message message : messages) {
                published.merge(message.getStringProperty("busbarLegacyOrderNo"), 1, Integer::sum);
            }
        }
        assertThat(published).hasSize(rows).allSatisfy((orderNo, times) -> assertThat(times).as(orderNo).isOne());
    }

    @Test
    void namedParametersAreBoundInOrderAndCastsAndQuotesAreLeftAlone() {
        NamedSql sql = NamedSql.parse("select ':x', a::text from t where s = :status and n = :orderNo or s = :status;");
        assertThat(sql.jdbc()).isEqualTo("select ':x', a::text from t where s = ? and n = ? or s = ?");
        assertThat(sql.parameters()).containsExactly("status", "orderNo", "status");
    }
}
