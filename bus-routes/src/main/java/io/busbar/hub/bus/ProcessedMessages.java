package io.busbar.hub.bus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What each bus consumer has already processed, in PostgreSQL, keyed by consumer and business key. The key is written
 * in the consumer's XA transaction: if the step rolls back, so does the key, and the redelivery is processed; once the
 * step commits, the same message (redelivered or sent again) is recognised and skipped.
 */
@ApplicationScoped
public class ProcessedMessages {

    @Inject
    DataSource dataSource;

    /** The repository of one consumer, for Camel's idempotent consumer. */
    public IdempotentRepository forConsumer(String consumer) {
        return new Repository(consumer);
    }

    private final class Repository extends ServiceSupport implements IdempotentRepository {
        private final String consumer;

        Repository(String consumer) {
            this.consumer = consumer;
        }

        /** Claims the key; false when it was processed before (the insert finds the row, or waits for its commit). */
        @Override
        public boolean add(String key) {
            return update("insert into bus_processed_message (consumer, message_key, processed_at) values (?, ?, now())"
                    + " on conflict (consumer, message_key) do nothing", key) == 1;
        }

        @Override
        public boolean contains(String key) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "select 1 from bus_processed_message where consumer = ? and message_key = ?")) {
                ps.setString(1, consumer);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read processed messages of " + consumer, e);
            }
        }

        /** Not used on failure: the rollback of the step removes the key. */
        @Override
        public boolean remove(String key) {
            return update("delete from bus_processed_message where consumer = ? and message_key = ?", key) == 1;
        }

        @Override
        public boolean confirm(String key) {
            return true;
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException("processed messages are kept; purge them by age");
        }

        private int update(String sql, String key) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, consumer);
                ps.setString(2, key);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record processed message " + key + " of " + consumer, e);
            }
        }
    }
}
