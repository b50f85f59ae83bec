package io.busbar.hub.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A SQL statement from a classpath file with {@code :name} parameters, bound by name, never by interpolation. */
public record NamedSql(String jdbc, List<String> parameters) {

    public static NamedSql load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no SQL file " + resource + " on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces each {@code :name} outside quotes by {@code ?}; {@code ::type} casts stay. */
    public static NamedSql parse(String sql) {
        StringBuilder jdbc = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                jdbc.append("::");
                i++;
            } else if (!quoted && c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                jdbc.append('?');
                i = end - 1;
            } else {
                jdbc.append(c);
            }
        }
        return new NamedSql(jdbc.toString().strip().replaceAll(";$", ""), List.copyOf(names));
    }

    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(jdbc);
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.get(i);
            if (!values.containsKey(name)) {
                statement.close();
                throw new IllegalArgumentException("no value for SQL parameter :" + name);
            }
            statement.setObject(i + 1, values.get(name));
        }
        return statement;
    }
}
