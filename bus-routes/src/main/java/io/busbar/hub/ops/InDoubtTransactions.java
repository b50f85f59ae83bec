package io.busbar.hub.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import javax.transaction.xa.Xid;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;

import io.busbar.hub.infra.BrokerManagement;
import io.busbar.hub.infra.HubInfrastructure;

/**
 * What is prepared but not yet resolved, in each of the three places an XA transaction lives: Narayana's log, the
 * broker and PostgreSQL, with its age. After a crash these are what recovery works through; a long-lived entry is a
 * transaction an operator should look at.
 */
@ApplicationScoped
public class InDoubtTransactions {

    /** One unresolved transaction (or branch). */
    public record Entry(String id, Instant since, long ageSeconds, String detail) {
        static Entry of(String id, Instant since, String detail) {
            return new Entry(id, since, Math.max(0, Duration.between(since, Instant.now()).toSeconds()), detail);
        }
    }

    public record Snapshot(List<Entry> coordinator, List<Entry> broker, List<Entry> database) {
        public boolean empty() {
            return coordinator.isEmpty() && broker.isEmpty() && database.isEmpty();
        }
    }

    static final String ATOMIC_ACTIONS = "StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction";
    private static final Logger LOG = Logger.getLogger(InDoubtTransactions.class);

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.transaction-manager.object-store.directory")
    Path objectStore;

    public Snapshot snapshot() {
        return new Snapshot(coordinator(), broker(), database());
    }

    /** Runs a recovery pass now (both phases) instead of waiting for the periodic one. */
    public Snapshot recoverNow() {
        RecoveryManager.manager().scan();
        return snapshot();
    }

    /** Transactions Narayana logged as prepared and has not finished (its object store). */
    List<Entry> coordinator() {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> stores = Files.exists(objectStore) ? Files.list(objectStore) : Stream.empty()) {
            for (Path store : stores.toList()) {
                try (Stream<Path> dirs = Files.exists(store) ? Files.list(store) : Stream.empty()) {
                    for (Path dir : dirs.toList()) {
                        Path actions = dir.resolve(ATOMIC_ACTIONS);
                        if (Files.isDirectory(actions)) {
                            try (Stream<Path> logs = Files.list(actions)) {
                                logs.filter(Files::isRegularFile).forEach(log -> entries.add(Entry.of(
                                        log.getFileName().toString(), modified(log),
                                        "transaction log in " + dir.getFileName())));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the transaction log " + objectStore, e);
        }
        entries.sort(Comparator.comparing(Entry::since));
        return entries;
    }

    /** Branches the broker holds prepared. */
    List<Entry> broker() {
        ActiveMQServer embedded = infrastructure.embeddedBroker();
        if (embedded != null) {
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<Xid, Long> prepared : embedded.getResourceManager().getPreparedTransactionsWithCreationTime()
                    .entrySet()) {
                entries.add(
                        Entry.of(xid(prepared.getKey()), Instant.ofEpochMilli(prepared.getValue()), "prepared in the broker"));
            }
            entries.sort(Comparator.comparing(Entry::since));
            return entries;
        }
        return externalBroker();
    }

    /** Branches PostgreSQL holds prepared (pg_prepared_xacts). */
    List<Entry> database() {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select gid, prepared, owner from pg_prepared_xacts where database = current_database() order by prepared");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(Entry.of(rs.getString(1), rs.getTimestamp(2).toInstant(), "prepared by " + rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_prepared_xacts: " + e.getMessage(), e);
        }
        return entries;
    }

    /** An external broker answers through its management address. */
    private List<Entry> externalBroker() {
        try {
            Object[] result = (Object[]) new BrokerManagement(infrastructure.brokerEndpoint())
                    .invoke("listPreparedTransactions").orThrow();
            List<Entry> entries = new ArrayList<>();
            for (Object line : result == null ? new Object[0] : result) {
                entries.add(new Entry(String.valueOf(line), null, -1, "prepared in the broker"));
            }
            return entries;
        } catch (Exception e) {
            LOG.warnf("Cannot list the broker's prepared transactions: %s", e.getMessage());
            return List.of(new Entry("unknown", null, -1, "the broker did not answer: " + e.getMessage()));
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static String xid(Xid xid) {
        return xid.getFormatId() + ":" + Base64.getEncoder().encodeToString(xid.getGlobalTransactionId()) + ":"
                + Base64.getEncoder().encodeToString(xid.getBranchQualifier());
    }
}
