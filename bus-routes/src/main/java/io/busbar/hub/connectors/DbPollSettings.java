package io.busbar.hub.connectors;

import java.util.Map;

/** The keys of a {@code db-poll} connector instance (docs/connectors.md, "Legacy database"). */
public record DbPollSettings(String name, String table, NamedSql select, NamedSql mark, NamedSql writeBack,
        String target, String newStatus, String publishedStatus, int batchSize, long lockKey, long intervalMillis,
        String referencePrefix) {

    public static DbPollSettings of(String name, Map<String, String> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("no connector instance " + name);
        }
        return new DbPollSettings(name, keys.getOrDefault("table", "legacy.legacy_orders"),
                NamedSql.load(keys.getOrDefault("select-sql", "busbar/sql/legacy-orders-select.sql")),
                NamedSql.load(keys.getOrDefault("mark-sql", "busbar/sql/legacy-orders-mark.sql")),
                NamedSql.load(keys.getOrDefault("write-back-sql", "busbar/sql/legacy-orders-write-back.sql")),
                keys.getOrDefault("target", "order.intake.json.v1"), keys.getOrDefault("new-status", "NEW"),
                keys.getOrDefault("published-status", "PUBLISHED"),
                Integer.parseInt(keys.getOrDefault("batch-size", "50")),
                Long.parseLong(keys.getOrDefault("lock-key", Long.toString(name.hashCode()))),
                Long.parseLong(keys.getOrDefault("interval-ms", "5000")),
                keys.getOrDefault("reference-prefix", "LEGACYDB-"));
    }
}
