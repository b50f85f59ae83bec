package io.busbar.hub.connectors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.connectors.batch.BatchStore;
import io.busbar.connectors.record.FieldSpec;
import io.busbar.connectors.record.FieldType;
import io.busbar.connectors.record.FixedLengthWriter;
import io.busbar.hub.bus.InvalidMessageException;

/**
 * Outbound batch files: each event an outbound instance consumes becomes one row of {@code connector_outbox}, in the
 * consumer's XA transaction; a flush writes up to {@code batch-count} rows as one fixed-length file and deletes them.
 * The file is named after its first row's id and written under a temporary name then renamed: if the hub dies
 * between the write and the delete, the next flush writes the same file again under the same name, replacing it.
 */
@ApplicationScoped
public class BatchFileOutbound {

    private static final Logger LOG = Logger.getLogger(BatchFileOutbound.class);

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ConnectorMetrics metrics;

    /** Called by the instance's route: the record's values from the message, by the instance's field mapping. */
    public void add(BatchInstance instance, Exchange exchange) throws Exception {
        Map<String, String> record = new LinkedHashMap<>();
        for (FieldSpec f : instance.layout().fields()) {
            if (f.isFiller()) {
                continue;
            }
            for (String valueName : f.valueNames()) {
                String source = instance.fields().getOrDefault(valueName, valueName);
                Object v = "now".equals(source) ? OffsetDateTime.now().toString()
                        : exchange.getIn().getHeader(source);
                if (v == null && !f.optional()) {
                    throw new InvalidMessageException(
                            "connector " + instance.name() + ": no value for " + valueName + " (header " + source + ")");
                }
                record.put(valueName, v == null ? null : v.toString());
            }
        }
        try (Connection db = dataSource.getConnection();
                PreparedStatement ps = db.prepareStatement(
                        "insert into connector_outbox (instance, record, created_at) values (?, ?, now())")) {
            ps.setString(1, instance.name());
            ps.setString(2, json.writeValueAsString(record));
            ps.executeUpdate();
        }
    }

    /** Writes a file when {@code batch-count} records wait, or any wait (the schedule is the time trigger). */
    void flush(BatchInstance instance) {
        try {
            while (flushOnce(instance)) {
                // another full file may be waiting
            }
        } catch (Exception e) {
            LOG.errorf("connector %s: cannot write the outbound file, next try at the next flush: %s",
                    instance.name(), e.toString());
            metrics.fileFailed(instance.name());
        }
    }

    private boolean flushOnce(BatchInstance instance) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement ps = db.prepareStatement(
                    "select id, record from connector_outbox where instance = ? order by id limit ?")) {
                ps.setString(1, instance.name());
                ps.setInt(2, instance.batchCount());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        records.add(typed(instance, json.readValue(rs.getString(2), new TypeReference<>() {
                        })));
                    }
                }
            }
            if (ids.isEmpty()) {
                return false;
            }
            String fileName = instance.fileName().replace("{id}", String.format("%012d", ids.get(0)));
            try (BatchStore store = BatchStore.open(instance.endpoint(), instance.archiveDir(), instance.user(),
                    instance.password(), instance.hostKeys())) {
                store.write(fileName, out -> {
                    FixedLengthWriter writer = "fixed".equals(instance.format())
                            ? FixedLengthWriter.fixedLength(instance.layout(), out)
                            : FixedLengthWriter.lines(instance.layout(), out, instance.crlf());
                    for (Map<String, Object> r : records) {
                        writer.write(r);
                    }
                    writer.flush();
                });
            }
            try (PreparedStatement del = db.prepareStatement(
                    "delete from connector_outbox where instance = ? and id >= ? and id <= ?")) {
                del.setString(1, instance.name());
                del.setLong(2, ids.get(0));
                del.setLong(3, ids.get(ids.size() - 1));
                del.executeUpdate();
            }
            LOG.infof("connector %s: wrote %s with %d records", instance.name(), fileName, ids.size());
            metrics.records(instance.name(), ids.size(), 0);
            metrics.fileDone(instance.name());
            return ids.size() == instance.batchCount();
        }
    }

    private static Map<String, Object> typed(BatchInstance instance, Map<String, String> raw) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(raw);
        for (FieldSpec f : instance.layout().fields()) {
            if (f.type() == FieldType.DATE) {
                for (String n : f.valueNames()) {
                    String v = raw.get(n);
                    values.put(n, v == null ? null : LocalDate.parse(v.substring(0, 10)));
                }
            } else if (f.type() == FieldType.ALPHANUMERIC) {
                for (String n : f.valueNames()) {
                    String v = raw.get(n);
                    values.put(n, v == null || v.length() <= f.length() ? v : v.substring(0, f.length()));
                }
            }
        }
        return values;
    }
}
