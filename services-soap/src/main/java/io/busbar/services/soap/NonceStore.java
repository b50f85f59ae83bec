package io.busbar.services.soap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.wss4j.common.cache.ReplayCache;
import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;

/**
 * Remembers every UsernameToken nonce until it expires, in PostgreSQL, so a replayed token is refused whichever hub
 * instance receives it. {@link #contains} claims the nonce atomically: of two identical requests racing, one wins.
 */
@ApplicationScoped
@Unremovable
public class NonceStore implements ReplayCache {

    /** Longer than WSS4J's UsernameToken (300 s) and future (60 s) windows. */
    static final Duration RETENTION = Duration.ofMinutes(10);
    /** The width of soap.ws_nonce.nonce. */
    static final int MAX_NONCE = 200;
    private static final int PURGE_EVERY = 500;
    private static final Logger LOG = Logger.getLogger(NonceStore.class);

    @Inject
    DataSource dataSource;

    private final AtomicInteger claims = new AtomicInteger();

    /** Claims the nonce; true if it was already claimed (a replay). */
    @Override
    public boolean contains(String identifier) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into soap.ws_nonce (nonce, expires_at) values (?, ?) on conflict (nonce) do nothing")) {
            insert.setString(1, identifier);
            insert.setTimestamp(2, Timestamp.from(Instant.now().plus(RETENTION)));
            boolean replay = insert.executeUpdate() == 0;
            if (claims.incrementAndGet() % PURGE_EVERY == 0) {
                purge(c);
            }
            return replay;
        } catch (SQLException e) {
            // Failing closed: without the store, a replay cannot be told from a first use.
            throw new IllegalStateException("the nonce store is unavailable", e);
        }
    }

    @Override
    public void add(String identifier) {
        // claimed by contains()
    }

    @Override
    public void add(String identifier, Instant expiry) {
        // claimed by contains(); the retention covers WSS4J's windows
    }

    @Override
    public void close() {
    }

    private static void purge(Connection c) {
        try (PreparedStatement delete = c.prepareStatement("delete from soap.ws_nonce where expires_at < now()")) {
            LOG.debugf("purged %d expired nonces", delete.executeUpdate());
        } catch (SQLException e) {
            LOG.warnf("could not purge expired nonces: %s", e.getMessage());
        }
    }
}
