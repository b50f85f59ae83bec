package io.busbar.hub.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.jboss.logging.Logger;

import io.busbar.hub.infra.HubInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The flow journal: hops are handed over without waiting ({@link #record}) to a bounded queue that one writer thread
 * drains in JDBC batches into {@code flow_hop}. A full queue drops the hop and counts it
 * ({@code busbar_journal_dropped_total}): the journal never slows or stops a flow it observes. See
 * docs/adr/0009-flow-journal.md.
 */
@ApplicationScoped
public class FlowJournal {

    private static final Logger LOG = Logger.getLogger(FlowJournal.class);
    private static final int PURGE_SLICE = 10_000;
    private static final String INSERT = "insert into flow_hop (correlation_id, route_id, endpoint, exchange_id, message_id,"
            + " started_at, ended_at, duration_ms, outcome, error, order_id, customer_id, file_name, record_number, event_type,"
            + " payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    JournalConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    MeterRegistry meters;

    @Inject
    CamelContext camel;

    private BlockingQueue<FlowHop> queue;
    private PayloadMask mask;
    private volatile boolean enabled;
    private volatile boolean running;
    private Thread writer;
    private Thread purger;
    private Counter dropped;
    private Counter written;
    private Counter failed;
    private final AtomicLong lastWriteFailureLog = new AtomicLong();

    void start(@Observes StartupEvent start) {
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        mask = new PayloadMask(config.payload().maskFields());
        enabled = config.enabled();
        dropped = Counter.builder("busbar.journal.dropped").description("Hops not journalled because the queue was full")
                .register(meters);
        written = Counter.builder("busbar.journal.written").description("Hops written to the journal").register(meters);
        failed = Counter.builder("busbar.journal.write.failed").description("Hops lost because a batch could not be written")
                .register(meters);
        Gauge.builder("busbar.journal.lag", this, FlowJournal::pending)
                .description("Hops recorded but not yet written (the journal's queue size)").register(meters);
        running = true;
        writer = new Thread(this::drain, "busbar-journal-writer");
        writer.setDaemon(true);
        writer.start();
        purger = new Thread(this::purgeRegularly, "busbar-journal-purge");
        purger.setDaemon(true);
        purger.start();
        // Stopped as a Camel service, so after Camel's routes have shut down and their last hops are queued; a
        // ShutdownEvent observer would run before Camel stops and lose them.
        try {
            camel.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    // FlowJournal's, not ServiceSupport's own shutdown()
                    FlowJournal.this.shutdown();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot tie the flow journal's shutdown to Camel's", e);
        }
    }

    /** Hands a hop to the writer, never waiting: false (and counted) when the queue is full or the journal is off. */
    public boolean record(FlowHop hop) {
        if (!enabled || queue == null) {
            return false;
        }
        if (queue.offer(hop)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Turns recording on or off while the hub runs (the overhead benchmark compares both). */
    public void enabled(boolean on) {
        enabled = on;
    }

    public boolean payloadEnabled() {
        return config.payload().enabled();
    }

    public int payloadMaxChars() {
        return config.payload().maxChars();
    }

    public PayloadMask mask() {
        return mask;
    }

    public int pending() {
        return queue == null ? 0 : queue.size();
    }

    /** Deletes hops older than the retention; answers how many. */
    public int purge() {
        return purgeStartedBefore(Instant.now().minus(config.retention()));
    }

    public int purgeStartedBefore(Instant cutoff) {
        // in slices, so that no single statement runs into the datasource's statement_timeout on a large journal
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from flow_hop where hop_id in"
                        + " (select hop_id from flow_hop where started_at < ? limit " + PURGE_SLICE + ")")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int total = 0;
            for (int n; (n = ps.executeUpdate()) > 0;) {
                total += n;
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge the flow journal", e);
        }
    }

    private void drain() {
        infrastructure.ensureStarted();
        List<FlowHop> batch = new ArrayList<>(config.batchSize());
        long waitMillis = Math.max(1, config.flushInterval().toMillis());
        while (running || !queue.isEmpty()) {
            try {
                FlowHop first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.drainTo(batch);
                write(batch);
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<FlowHop> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (FlowHop hop : batch) {
                    bind(ps, hop);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            written.increment(batch.size());
        } catch (SQLException | RuntimeException e) {
            failed.increment(batch.size());
            long now = System.currentTimeMillis();
            long last = lastWriteFailureLog.get();
            if (now - last > 60_000 && lastWriteFailureLog.compareAndSet(last, now)) {
                LOG.errorf("The flow journal lost %d hops: cannot write them (%s); further failures are counted in"
                        + " busbar_journal_write_failed_total and logged once a minute", batch.size(), e.getMessage());
            }
        }
    }

    private void bind(PreparedStatement ps, FlowHop hop) throws SQLException {
        ps.setString(1, cut(hop.correlationId(), 200));
        ps.setString(2, cut(hop.routeId(), 200));
        ps.setString(3, cut(hop.endpoint(), 500));
        ps.setString(4, cut(hop.exchangeId(), 100));
        ps.setString(5, cut(hop.messageId(), 200));
        ps.setTimestamp(6, Timestamp.from(hop.startedAt()));
        ps.setTimestamp(7, Timestamp.from(hop.endedAt()));
        ps.setLong(8, hop.durationMillis());
        ps.setString(9, hop.outcome().name());
        ps.setString(10, cut(mask.apply(hop.error()), 4000));
        ps.setString(11, cut(hop.orderId(), 100));
        ps.setString(12, cut(hop.customerId(), 100));
        ps.setString(13, cut(hop.fileName(), 500));
        if (hop.recordNumber() == null) {
            ps.setNull(14, Types.BIGINT);
        } else {
            ps.setLong(14, hop.recordNumber());
        }
        ps.setString(15, cut(hop.eventType(), 100));
        ps.setString(16, mask.apply(hop.payload()));
    }

    private void purgeRegularly() {
        Duration interval = config.purgeInterval();
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                int purged = purge();
                if (purged > 0) {
                    LOG.infof("Purged %d flow journal hops older than %s", purged, config.retention());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Flow journal purge failed; it runs again in %s: %s", interval, e.getMessage());
            }
        }
    }

    @PreDestroy
    void shutdown() {
        if (!running) {
            return;
        }
        running = false;
        purger.interrupt();
        try {
            // what is queued is written before the database goes away
            writer.join(config.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("Flow journal stopped after Camel: %d hops left unwritten", queue.size());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
