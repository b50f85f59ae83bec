package io.busbar.hub.connectors;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.busbar.hub.bus.BusHeaders;

/**
 * The {@code db-poll} connector: one poll reads new rows of a legacy table, publishes each as a canonical order and
 * marks it published, all in one XA transaction with the broker. Only one hub polls at a time: each poll first takes
 * a PostgreSQL transaction-scoped advisory lock and does nothing when another hub holds it.
 */
@ApplicationScoped
@Named("legacyDbPoller")
public class LegacyDbPoller {

    public static final String TYPE = "db-poll";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectorConfig connectors;

    @Inject
    DataSource dataSource;

    @Inject
    ProducerTemplate producer;

    /** Polls once; returns the number of rows published (0 when another poller holds the lock). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int poll(String instance) throws SQLException {
        DbPollSettings settings = DbPollSettings.of(instance, connectors.instance(instance, TYPE));
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, settings.table()) || !locked(connection, settings.lockKey())) {
                return 0;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement select = settings.select().prepare(connection,
                    Map.of("status", settings.newStatus(), "limit", settings.batchSize()));
                    ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(Map.of("order_no", result.getString("order_no"), "cust_no", result.getString("cust_no"),
                            "currency", result.getString("currency"), "sku", result.getString("sku"), "qty",
                            result.getInt("qty"), "price", result.getBigDecimal("price")));
                }
            }
            for (Map<String, Object> row : rows) {
                String orderNo = (String) row.get("order_no");
                // each row is its own flow: a correlation id from here on, and the legacy key to find it by
                producer.sendBodyAndHeaders("jms:queue:" + settings.target(), canonical(settings, row),
                        Map.of("busbarLegacyOrderNo", orderNo, BusHeaders.CORRELATION_ID, UUID.randomUUID().toString()));
                try (PreparedStatement mark = settings.mark().prepare(connection, Map.of("orderNo", orderNo, "from",
                        settings.newStatus(), "status", settings.publishedStatus()))) {
                    if (mark.executeUpdate() != 1) {
                        throw new IllegalStateException("legacy row " + orderNo + " changed while being published");
                    }
                }
            }
            return rows.size();
        }
    }

    /** Writes a final order state back to the legacy row the order came from; false when it came from elsewhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean writeBack(String instance, String orderId, String status) throws SQLException {
        DbPollSettings settings = DbPollSettings.of(instance, connectors.instance(instance, TYPE));
        try (Connection connection = dataSource.getConnection()) {
            String customerReference = null;
            try (PreparedStatement find = connection
                    .prepareStatement("select customer_reference from fulfilment.orders where order_id = ?")) {
                find.setString(1, orderId);
                try (ResultSet result = find.executeQuery()) {
                    customerReference = result.next() ? result.getString(1) : null;
                }
            }
            if (customerReference == null || !customerReference.startsWith(settings.referencePrefix())
                    || !tableExists(connection, settings.table())) {
                return false;
            }
            try (PreparedStatement update = settings.writeBack().prepare(connection, Map.of("orderNo",
                    customerReference.substring(settings.referencePrefix().length()), "status", status))) {
                return update.executeUpdate() == 1;
            }
        }
    }

    static String canonical(DbPollSettings settings, Map<String, Object> row) {
        ObjectNode order = JSON.createObjectNode();
        order.put("customerId", (String) row.get("cust_no"));
        order.put("customerReference", settings.referencePrefix() + row.get("order_no"));
        ObjectNode line = order.putArray("lines").addObject();
        String sku = ((String) row.get("sku")).strip().toUpperCase();
        line.put("sku", sku);
        line.put("description", sku);
        line.put("quantity", (Integer) row.get("qty"));
        line.putObject("unitPrice").put("amount", ((BigDecimal) row.get("price")).toPlainString()).put("currency",
                ((String) row.get("currency")).strip().toUpperCase());
        return order.toString();
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("select to_regclass(?) is not null")) {
            check.setString(1, table);
            try (ResultSet result = check.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static boolean locked(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
