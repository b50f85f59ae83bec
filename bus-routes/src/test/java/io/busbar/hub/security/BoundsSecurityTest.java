package io.busbar.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.EmbeddedDatabase;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14, hole 12: a hung database does not freeze the hub. Every connection of the hub's (XA) datasource carries
 * the server-side statement, lock and idle-in-transaction limits and a driver socket timeout, so a call that would
 * wait forever fails instead.
 */
@QuarkusTest
class BoundsSecurityTest {

    @Inject
    DataSource hub;

    @Test
    void theHubsConnectionsCarryTheConfiguredLimits() throws SQLException {
        try (Connection c = hub.getConnection()) {
            assertThat(show(c, "statement_timeout")).isEqualTo("1min");
            assertThat(show(c, "lock_timeout")).isEqualTo("10s");
            assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("2min");
            assertThat(c.getNetworkTimeout()).as("the driver's socket timeout, ms").isEqualTo(120_000);
        }
    }

    @Test
    void aStatementWaitingOnARowLockFailsInsteadOfHanging() throws SQLException {
        try (Connection setup = outside(); Statement s = setup.createStatement()) {
            s.execute("create table if not exists public.bounds_lock_probe (id int primary key)");
            s.execute("insert into public.bounds_lock_probe values (1) on conflict do nothing");
        }
        try (Connection holder = outside()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("select id from public.bounds_lock_probe where id = 1 for update");
            }
            try (Connection c = hub.getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("update public.bounds_lock_probe set id = 1 where id = 1"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("lock timeout")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
                // the hub's connection is usable again afterwards
                assertThat(show(c, "lock_timeout")).isEqualTo("10s");
            } finally {
                holder.rollback();
            }
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A connection of the test's own, not the hub's: it holds the lock the hub then waits on. */
    private static Connection outside() throws SQLException {
        return DriverManager.getConnection(HubTestResource.jdbcUrl(), EmbeddedDatabase.USER, "");
    }
}
