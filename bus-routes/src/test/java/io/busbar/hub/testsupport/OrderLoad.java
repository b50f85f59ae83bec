package io.busbar.hub.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * Submits a mix of orders concurrently through the public contracts (REST and SOAP) of a hub running as its own
 * process, drives the held ones through manual approval, and waits until every order reached a final state. Used by
 * the load test (correctness) and the throughput benchmark (numbers).
 */
public final class OrderLoad {

    /** How many orders of each kind, and what each should end as. */
    public record Mix(int normal, int outOfStock, int approved, int rejected, int viaSoap, int customers) {
        public int total() {
            return normal + outOfStock + approved + rejected;
        }
    }

    public record Result(Map<String, String> kindByOrder, Duration submitted, Duration completed) {
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"(ORD-\\d{8})\"|<ns\\d:orderId>(ORD-\\d{8})<");

    private final HubProcess hub;
    private final String base;
    private final String jdbcUrl;

    public OrderLoad(HubProcess hub) {
        this.hub = hub;
        this.base = "http://localhost:" + hub.httpPort();
        this.jdbcUrl = hub.jdbcUrl();
    }

    /** Registers customers and backdates them, so their orders are not held as new customers' orders. */
    public List<String> establishedCustomers(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var response = Http.post(base + "/api/v1/customers", Json.customer("Load " + i, Json.uniqueEmail()),
                    Http.basic("demo-customer-service", "demo-customer-service"));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("customer not registered: " + response.body());
            }
            ids.add(match(response.body(), "\"customerId\":\"(CUS-\\d{8})\""));
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement(
                        "update customer.customer set created_at = created_at - interval '90 days' where customer_id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        return ids;
    }

    public Result run(Mix mix, int threads, Duration patience) throws Exception {
        List<String> customers = establishedCustomers(mix.customers());
        List<String> kinds = new ArrayList<>();
        add(kinds, "normal", mix.normal());
        add(kinds, "out-of-stock", mix.outOfStock());
        add(kinds, "approved", mix.approved());
        add(kinds, "rejected", mix.rejected());
        Collections.shuffle(kinds);
        Map<String, String> kindByOrder = Collections.synchronizedMap(new HashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        try {
            List<Future<?>> submissions = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                String kind = kinds.get(i);
                String customer = customers.get(i % customers.size());
                boolean soap = i < mix.viaSoap();
                submissions.add(pool.submit(() -> kindByOrder.put(submit(customer, kind, soap), kind)));
            }
            for (Future<?> f : submissions) {
                f.get();
            }
            Duration submitted = Duration.between(start, Instant.now());
            decideHeldOrders(kindByOrder, pool, patience);
            awaitFinal(kindByOrder.size(), patience);
            return new Result(Map.copyOf(kindByOrder), submitted, Duration.between(start, Instant.now()));
        } finally {
            pool.shutdownNow();
        }
    }

    private String submit(String customer, String kind, boolean soap) {
        String sku = switch (kind) {
            case "out-of-stock" -> "OUT-OF-STOCK-1";
            default -> "SKU-" + (1 + (customer.hashCode() & 7));
        };
        String price = kind.equals("approved") || kind.equals("rejected") ? "6000.00" : "12.50";
        String reference = "LOAD-" + UUID.randomUUID();
        if (soap) {
            String body = """
                    <f:submitOrder xmlns:f="http://busbar.io/service/fulfilment/v1" xmlns:o="http://busbar.io/schema/order/v1" \
                    xmlns:c="http://busbar.io/schema/common/v1"><f:order><o:customerId>%s</o:customerId>\
                    <o:customerReference>%s</o:customerReference><o:line><o:sku>%s</o:sku><o:description>load</o:description>\
                    <o:quantity>2</o:quantity><o:unitPrice><c:amount>%s</c:amount><c:currency>EUR</c:currency></o:unitPrice>\
                    </o:line></f:order></f:submitOrder>""".formatted(customer, reference, sku, price);
            var response = Http.postXml(base + "/soap/fulfilment", SoapEnvelope.secured("demo-order-desk", body));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SOAP submission failed: " + response.body());
            }
            return orderId(response.body());
        }
        var response = Http.post(base + "/api/v1/orders", Json.order(customer, reference, "EUR", Map.of(sku, price)),
                Http.basic("demo-order-desk", "demo-order-desk"));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("REST submission failed: " + response.statusCode() + " " + response.body());
        }
        return orderId(response.body());
    }

    /** A person at the order desk: approves or rejects each held order once it waits for approval. */
    private void decideHeldOrders(Map<String, String> kindByOrder, ExecutorService pool, Duration patience) throws Exception {
        List<Future<?>> decisions = new ArrayList<>();
        for (Map.Entry<String, String> order : Map.copyOf(kindByOrder).entrySet()) {
            if (!order.getValue().equals("approved") && !order.getValue().equals("rejected")) {
                continue;
            }
            decisions.add(pool.submit(() -> {
                Awaitility.await().atMost(patience).until(() -> "PENDING_APPROVAL".equals(status(order.getKey())));
                boolean approve = order.getValue().equals("approved");
                var response = Http.post(base + "/api/v1/orders/" + order.getKey() + (approve ? "/approval" : "/rejection"),
                        approve ? "{\"comment\": \"load test\"}" : "{\"reason\": \"load test\"}",
                        Http.basic("demo-order-desk", "demo-order-desk"));
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("decision failed: " + response.body());
                }
                return null;
            }));
        }
        for (Future<?> f : decisions) {
            f.get();
        }
    }

    private void awaitFinal(int orders, Duration patience) {
        Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "select count(*) from fulfilment.orders where customer_reference like 'LOAD-%'"
                        + " and status in ('SHIPPED', 'CANCELLED', 'REJECTED')") == orders);
    }

    public long count(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String orderId) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement ps = c.prepareStatement("select status from fulfilment.orders where order_id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String orderId(String body) {
        Matcher m = ORDER_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no order id in " + body);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in " + text);
        }
        return m.group(1);
    }

    private static void add(List<String> kinds, String kind, int count) {
        for (int i = 0; i < count; i++) {
            kinds.add(kind);
        }
    }

    public HubProcess hub() {
        return hub;
    }
}
