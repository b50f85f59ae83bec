package io.busbar.hub.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.busbar.hub.infra.EmbeddedDatabase;

/** Direct JDBC access to the test's PostgreSQL, outside the hub: what a test asserts on is what is really stored. */
public final class Database {

    private Database() {
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(HubTestResource.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(HubTestResource.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(String sql, Object... params) {
        try (Connection c = connect(HubTestResource.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops everything the previous hub created, so the next one migrates an empty database. */
    static void resetSchema(String jdbcUrl) {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select gid from pg_prepared_xacts")) {
                while (rs.next()) {
                    throw new IllegalStateException(
                            "prepared transaction left in doubt by an earlier test: " + rs.getString(1));
                }
            }
            s.execute("drop schema public cascade");
            s.execute("create schema public");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, "");
    }
}
