package io.busbar.hub.connectors;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.connectors.batch.BatchStore;
import io.busbar.connectors.batch.FileTooLargeException;
import io.busbar.connectors.record.FieldError;
import io.busbar.connectors.record.RecordCounts;
import io.busbar.connectors.record.RecordOutcome;
import io.busbar.connectors.record.RecordReader;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;

/**
 * Takes in one batch file: every good record becomes a message on the instance's target queue, every bad one a
 * message on {@code invalid.<target>} and a line of the error report; then the file is archived with its report.
 * <p>
 * Exactly once per file (docs/adr/0007-batch-file-connectors.md): the file is identified by the SHA-256 of its
 * content; records go out in batches, and each batch's messages, its bad-record rows and the file's
 * {@code records_done} commit in one XA transaction across the broker and PostgreSQL. After a crash the next poll
 * finds the same content, reads {@code records_done} and resumes after it; the broker's duplicate detection id
 * (instance, file, record) is a second guard.
 */
@ApplicationScoped
public class BatchFileInbound {

    private static final Logger LOG = Logger.getLogger(BatchFileInbound.class);
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String FILE_NAME = "busbarFileName";
    public static final String RECORD_NUMBER = "busbarRecordNumber";
    public static final String CONNECTOR = "busbarConnector";

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    TransactionManager transactions;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ConnectorMetrics metrics;

    /** Processes one file of the store; the caller has checked its name and read lock. */
    void process(BatchInstance instance, BatchStore store, BatchStore.Entry file, Path staging) throws Exception {
        Files.createDirectories(staging.getParent());
        String name = file.name();
        String key;
        try {
            key = download(store, file, instance.maxFileSize(), staging);
        } catch (FileTooLargeException tooLarge) {
            Files.deleteIfExists(staging);
            refuse(instance, store, name, tooLarge);
            return;
        }
        String archived = name + "." + key.substring(0, 12);
        try {
            FileState state = state(instance, key, name);
            if (!state.done) {
                long total = count(instance, staging);
                setTotal(instance, key, total);
                LOG.infof("connector %s: file %s (%s): %d records, resuming after %d", instance.name(), name,
                        key.substring(0, 12), total, state.recordsDone);
                metrics.fileStarted(instance.name(), state.recordsDone, total);
                send(instance, key, name, staging, state.recordsDone, total);
            }
            store.writeArchive(archived + ".errors.csv", report(instance, key));
            store.archive(name, archived);
            if ("done-marker".equals(instance.readLock())) {
                store.delete(name + ".done");
            }
            long bad = finishedBad(instance, key);
            LOG.infof("connector %s: file %s archived as %s, %d bad records in %s.errors.csv", instance.name(), name,
                    archived, bad, archived);
            metrics.fileDone(instance.name());
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /**
     * A file over the instance's max-file-size is not read: it goes to the archive as {@code <name>.too-large} with a
     * report that says why, so an operator finds it next to the processed ones.
     */
    private void refuse(BatchInstance instance, BatchStore store, String name, FileTooLargeException why)
            throws IOException {
        String archived = name + ".too-large";
        store.writeArchive(archived + ".errors.csv", ("record,field,reason,raw\n0,," + quote(why.getMessage()) + ",\n")
                .getBytes(StandardCharsets.UTF_8));
        store.archive(name, archived);
        if ("done-marker".equals(instance.readLock())) {
            store.delete(name + ".done");
        }
        metrics.refused(instance.name());
        LOG.warnf("connector %s: %s; archived as %s, not read", instance.name(), why.getMessage(), archived);
    }

    /** Copies the file to local staging (so it cannot change under the reader) and returns its SHA-256. */
    private static String download(BatchStore store, BatchStore.Entry file, long maxBytes, Path staging)
            throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = store.open(file, maxBytes);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(staging), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private long count(BatchInstance instance, Path file) throws IOException {
        return switch (instance.format()) {
            case "fixed" -> RecordCounts.fixedLength(Files.size(file), instance.layout());
            case "lines" -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    yield RecordCounts.lines(in, instance.layout());
                }
            }
            default -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    yield RecordCounts.csv(in, instance.layout(), CSVFormat.RFC4180, instance.csvLimits());
                }
            }
        };
    }

    private static RecordReader reader(BatchInstance instance, InputStream in) {
        return switch (instance.format()) {
            case "fixed" -> RecordReader.fixedLength(instance.layout(), in);
            case "lines" -> RecordReader.lines(instance.layout(), in);
            default -> RecordReader.csv(instance.layout(), in, CSVFormat.RFC4180, instance.csvLimits());
        };
    }

    private void send(BatchInstance instance, String key, String name, Path file, long resumeAfter, long total)
            throws Exception {
        long logEvery = Math.max(10_000, instance.batchSize());
        long nextLog = resumeAfter + logEvery;
        try (RecordReader reader = reader(instance, new BufferedInputStream(Files.newInputStream(file), 65536))) {
            List<RecordOutcome> batch = new ArrayList<>(instance.batchSize());
            while (reader.hasNext()) {
                RecordOutcome outcome = reader.next();
                if (outcome.recordNumber() <= resumeAfter) {
                    continue;
                }
                batch.add(outcome);
                if (batch.size() == instance.batchSize() || !reader.hasNext()) {
                    commit(instance, key, name, batch, !reader.hasNext());
                    long done = outcome.recordNumber();
                    metrics.progress(instance.name(), done);
                    if (done >= nextLog || !reader.hasNext()) {
                        LOG.infof("connector %s: file %s: %d / %d records", instance.name(), name, done, total);
                        nextLog = done + logEvery;
                    }
                    batch.clear();
                }
            }
        }
        if (resumeAfter >= total || total == 0) {
            markDone(instance, key);
        }
    }

    /** One XA transaction: the batch's messages, its bad records and the file's progress. */
    private void commit(BatchInstance instance, String key, String name, List<RecordOutcome> batch, boolean last)
            throws Exception {
        transactions.begin();
        boolean ok = false;
        int good = 0;
        int bad = 0;
        try (jakarta.jms.Connection jms = infrastructure.connectionFactory().createConnection();
                Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer toTarget = session.createProducer(session.createQueue(instance.target()));
                MessageProducer toInvalid = session.createProducer(session.createQueue("invalid." + instance.target()));
                Connection db = dataSource.getConnection();
                PreparedStatement error = db.prepareStatement("insert into connector_file_error"
                        + " (instance, file_key, record_number, field, reason, raw) values (?, ?, ?, ?, ?, ?)")) {
            for (RecordOutcome outcome : batch) {
                String id = instance.name() + ":" + key.substring(0, 16) + ":" + outcome.recordNumber();
                Map<String, Object> headers = new LinkedHashMap<>();
                headers.put(BusHeaders.CORRELATION_ID, id);
                headers.put(FILE_NAME, name);
                headers.put(RECORD_NUMBER, outcome.recordNumber());
                headers.put(CONNECTOR, instance.name());
                headers.put(DUPLICATE_ID, id);
                String body;
                MessageProducer producer;
                if (outcome.isValid()) {
                    body = body(instance, outcome.values(), headers);
                    producer = toTarget;
                    good++;
                } else {
                    String reason = "record " + outcome.recordNumber() + ": " + outcome.errors().stream()
                            .map(FieldError::toString).collect(Collectors.joining("; "));
                    headers.put(BusHeaders.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                    headers.put(BusHeaders.ORIGINAL_QUEUE, instance.target());
                    body = json.writeValueAsString(Map.of("file", name, "record", outcome.recordNumber(), "errors",
                            outcome.errors()));
                    producer = toInvalid;
                    bad++;
                    for (FieldError e : outcome.errors()) {
                        error.setString(1, instance.name());
                        error.setString(2, key);
                        error.setLong(3, outcome.recordNumber());
                        error.setString(4, e.field());
                        error.setString(5, cut(e.reason(), 1000));
                        error.setString(6, cut(e.raw(), 600));
                        error.addBatch();
                    }
                }
                TextMessage message = session.createTextMessage(body);
                message.setJMSCorrelationID(id);
                for (Map.Entry<String, Object> h : headers.entrySet()) {
                    message.setObjectProperty(h.getKey(), h.getValue());
                }
                producer.send(message);
            }
            if (bad > 0) {
                error.executeBatch();
            }
            try (PreparedStatement progress = db.prepareStatement("update connector_file set records_done = ?,"
                    + " bad_records = bad_records + ?" + (last ? ", status = 'DONE', finished_at = now()" : "")
                    + " where instance = ? and file_key = ?")) {
                progress.setLong(1, batch.get(batch.size() - 1).recordNumber());
                progress.setLong(2, bad);
                progress.setString(3, instance.name());
                progress.setString(4, key);
                progress.executeUpdate();
            }
            ok = true;
        } finally {
            if (ok) {
                transactions.commit();
                metrics.records(instance.name(), good, bad);
            } else if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private String body(BatchInstance instance, Map<String, Object> values, Map<String, Object> headers)
            throws JsonProcessingException {
        if (!"order".equals(instance.message())) {
            headers.put(BusHeaders.EVENT_TYPE, "Record");
            Object customer = field(values, "CUSTOMER_ID");
            if (customer != null) {
                headers.put(BusHeaders.CUSTOMER_ID, customer.toString().trim());
            }
            Object order = field(values, "ORDER_ID");
            if (order != null) {
                headers.put(BusHeaders.ORDER_ID, order.toString().trim());
            }
            return json.writeValueAsString(values);
        }
        String orderRef = text(values, "ORDER_ID");
        String customer = text(values, "CUSTOMER_ID");
        headers.put(BusHeaders.EVENT_TYPE, "OrderSubmission");
        headers.put(BusHeaders.ORDER_ID, orderRef);
        headers.put(BusHeaders.CUSTOMER_ID, customer);
        Object currency = field(values, "CURRENCY");
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", text(values, "SKU"));
        line.put("description", field(values, "DESCRIPTION") != null ? text(values, "DESCRIPTION") : text(values, "SKU"));
        line.put("quantity", field(values, "QUANTITY"));
        line.put("unitPrice", Map.of("amount", field(values, "UNIT_PRICE"), "currency",
                currency == null ? instance.currency() : currency.toString().trim()));
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("customerId", customer);
        submission.put("customerReference", orderRef);
        submission.put("lines", List.of(line));
        return json.writeValueAsString(submission);
    }

    /** A field by its canonical name, written with underscores or, as copybooks do, with hyphens. */
    private static Object field(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v != null ? v : values.get(name.replace('_', '-'));
    }

    private static String text(Map<String, Object> values, String field) {
        Object v = field(values, field);
        return v == null ? null : v.toString().trim();
    }

    private record FileState(long recordsDone, boolean done) {
    }

    private FileState state(BatchInstance instance, String key, String name) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement ps = db.prepareStatement("insert into connector_file (instance, file_key, file_name,"
                    + " records_done, bad_records, status, started_at) values (?, ?, ?, 0, 0, 'RUNNING', now())"
                    + " on conflict (instance, file_key) do nothing")) {
                ps.setString(1, instance.name());
                ps.setString(2, key);
                ps.setString(3, name);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "select records_done, status from connector_file where instance = ? and file_key = ?")) {
                ps.setString(1, instance.name());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new FileState(rs.getLong(1), "DONE".equals(rs.getString(2)));
                }
            }
        }
    }

    private void setTotal(BatchInstance instance, String key, long total) throws SQLException {
        update("update connector_file set records_total = ? where instance = ? and file_key = ?", total,
                instance.name(), key);
    }

    private void markDone(BatchInstance instance, String key) throws SQLException {
        update("update connector_file set status = 'DONE', finished_at = coalesce(finished_at, now())"
                + " where instance = ? and file_key = ?", null, instance.name(), key);
    }

    private void update(String sql, Long first, String instance, String key) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement ps = db.prepareStatement(sql)) {
            int i = 1;
            if (first != null) {
                ps.setLong(i++, first);
            }
            ps.setString(i++, instance);
            ps.setString(i, key);
            ps.executeUpdate();
        }
    }

    private long finishedBad(BatchInstance instance, String key) throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement ps = db.prepareStatement(
                        "select bad_records from connector_file where instance = ? and file_key = ?")) {
            ps.setString(1, instance.name());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The error report: one CSV line per field error, in record order. */
    private byte[] report(BatchInstance instance, String key) throws SQLException {
        StringBuilder csv = new StringBuilder("record,field,reason,raw\n");
        try (Connection db = dataSource.getConnection();
                PreparedStatement ps = db.prepareStatement(
                        "select record_number, field, reason, raw from connector_file_error where instance = ? and file_key = ?"
                                + " order by record_number, id")) {
            ps.setString(1, instance.name());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    csv.append(rs.getLong(1)).append(',').append(quote(rs.getString(2))).append(',')
                            .append(quote(rs.getString(3))).append(',').append(quote(rs.getString(4))).append('\n');
                }
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
