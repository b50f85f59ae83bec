package io.busbar.hub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.busbar.connectors.record.CsvLimits;
import io.busbar.connectors.record.LayoutText;
import io.busbar.connectors.record.RecordLayout;
import io.busbar.connectors.record.copybook.CopybookParser;

/**
 * One batch file connector instance as configured ({@code busbar.connectors.<name>.<key>}); every key is documented
 * in docs/connectors.md. A mistake is an {@link IllegalArgumentException} naming the instance and the key.
 */
record BatchInstance(String name, String type, String system, URI endpoint, String user, String password,
        String format, RecordLayout layout, String message, String target, Duration schedule, int batchSize,
        String archiveDir, String readLock, Pattern filePattern, String currency, String source, int batchCount,
        String fileName, Map<String, String> fields, boolean crlf, Set<String> hostKeys, long maxFileSize,
        CsvLimits csvLimits) {

    static final Set<String> INBOUND = Set.of("file-in", "ftp-in", "sftp-in");
    static final Set<String> OUTBOUND = Set.of("file-out", "ftp-out", "sftp-out");

    boolean inbound() {
        return INBOUND.contains(type);
    }

    static BatchInstance of(String name, Map<String, String> keys) {
        return of(name, keys, Path.of(""));
    }

    /** @param dataDir where a relative local directory ({@code endpoint: acme/outbound}) lives */
    static BatchInstance of(String name, Map<String, String> keys, Path dataDir) {
        Keys k = new Keys(name, keys);
        String type = k.required("type");
        URI endpoint = endpoint(k, type, dataDir);
        boolean in = INBOUND.contains(type);
        String format = k.optional("format", "fixed");
        if (!Set.of("fixed", "lines", "csv").contains(format)) {
            throw k.wrong("format", "expected fixed, lines or csv");
        }
        RecordLayout layout = layout(k, name);
        String message = k.optional("message", "record");
        if (!Set.of("order", "record").contains(message)) {
            throw k.wrong("message", "expected order or record");
        }
        if ("order".equals(message)) {
            for (String needed : java.util.List.of("ORDER_ID", "CUSTOMER_ID", "SKU", "QUANTITY", "UNIT_PRICE")) {
                if (!layout.valueNames().contains(needed) && !layout.valueNames().contains(needed.replace('_', '-'))) {
                    throw k.wrong("layout", "message order needs a field " + needed);
                }
            }
        }
        String readLock = k.optional("read-lock", "changed");
        if (!Set.of("changed", "done-marker").contains(readLock)) {
            throw k.wrong("read-lock", "expected changed or done-marker");
        }
        Map<String, String> fields = new TreeMap<>();
        keys.forEach((key, value) -> {
            if (key.startsWith("fields.")) {
                fields.put(key.substring("fields.".length()), value);
            }
        });
        return new BatchInstance(name, type, k.optional("system", name), endpoint, k.optional("username", null),
                k.optional("password", null), format, layout, message,
                in ? k.optional("target", "order".equals(message) ? "order.intake.json.v1" : null) : null,
                k.duration("schedule", "10s"), k.integer("batch-size", 500), k.optional("archive-dir", "archive"),
                readLock, Pattern.compile(k.optional("file-pattern", ".*")), k.optional("currency", "EUR"),
                in ? null : k.required("source"), k.integer("batch-count", 1000),
                k.optional("file-name", name.toUpperCase() + "-{id}.DAT"), fields,
                Boolean.parseBoolean(k.optional("crlf", "false")), hostKeys(k, endpoint), k.size("max-file-size", "1G"),
                csvLimits(k));
    }

    /** A CSV field or record over these is a bad record (docs/connectors.md). */
    private static CsvLimits csvLimits(Keys k) {
        long field = k.size("max-csv-field-chars", String.valueOf(CsvLimits.DEFAULT.maxFieldChars()));
        long record = k.size("max-csv-record-chars", String.valueOf(CsvLimits.DEFAULT.maxRecordChars()));
        if (record > Integer.MAX_VALUE / 2 || field > record) {
            throw k.wrong("max-csv-record-chars", "must be at least max-csv-field-chars and at most 1G");
        }
        return new CsvLimits((int) field, (int) record);
    }

    /** SFTP: the server's pinned SHA-256 host key fingerprints (comma-separated, for a key rotation); required. */
    private static Set<String> hostKeys(Keys k, URI endpoint) {
        if (!"sftp".equals(endpoint.getScheme())) {
            return Set.of();
        }
        String raw = k.optional("host-key", null);
        if (raw == null || raw.isBlank()) {
            throw k.wrong("host-key", "required for sftp: the server's SHA256 key fingerprint, as printed by"
                    + " ssh-keyscan -p <port> <host> | ssh-keygen -lf -");
        }
        Set<String> keys = new java.util.TreeSet<>();
        for (String key : raw.split(",")) {
            String fingerprint = key.trim();
            if (!fingerprint.startsWith("SHA256:") || fingerprint.length() < 20) {
                throw k.wrong("host-key", "expected SHA256:<base64> fingerprints, got '" + fingerprint + "'");
            }
            keys.add(fingerprint);
        }
        return Set.copyOf(keys);
    }

    private static URI endpoint(Keys k, String type, Path dataDir) {
        String raw = k.required("endpoint");
        if (!raw.startsWith("/") && !raw.contains(":")) {
            raw = dataDir.resolve(raw).toAbsolutePath().normalize().toString();
        }
        URI uri = URI.create(raw.startsWith("/") ? "file:" + raw : raw);
        String scheme = uri.getScheme();
        String expected = type.substring(0, type.indexOf('-'));
        if (!expected.equals(scheme)) {
            throw k.wrong("endpoint", "type " + type + " needs a " + expected + ": endpoint, got '" + raw + "'");
        }
        if (!"file".equals(scheme) && uri.getHost() == null) {
            throw k.wrong("endpoint", "no host in '" + raw + "'");
        }
        return uri;
    }

    private static RecordLayout layout(Keys k, String name) {
        Charset charset = Charset.forName(k.optional("charset", "ISO-8859-1"));
        String copybook = k.optional("copybook", null);
        if (copybook != null) {
            return CopybookParser.parse(read(copybook), charset);
        }
        String file = k.optional("layout-file", null);
        return LayoutText.parse(name, charset, file != null ? read(file) : k.required("layout"));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Keys(String instance, Map<String, String> keys) {
        String required(String key) {
            String v = keys.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("connector " + instance + ": '" + key + "' is required");
            }
            return v.trim();
        }

        String optional(String key, String fallback) {
            String v = keys.get(key);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        int integer(String key, int fallback) {
            String v = optional(key, null);
            try {
                int n = v == null ? fallback : Integer.parseInt(v);
                if (n < 1) {
                    throw wrong(key, "must be at least 1");
                }
                return n;
            } catch (NumberFormatException e) {
                throw wrong(key, "not a number: " + v);
            }
        }

        /** A size: 1048576, 512K, 64M, 1G (binary units). */
        long size(String key, String fallback) {
            String v = optional(key, fallback).toUpperCase();
            long unit = switch (v.charAt(v.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                default -> 1;
            };
            try {
                long n = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
                if (n < 1) {
                    throw wrong(key, "must be at least 1");
                }
                return n;
            } catch (NumberFormatException e) {
                throw wrong(key, "expected a size such as 65536, 512K, 64M or 1G");
            }
        }

        Duration duration(String key, String fallback) {
            String v = optional(key, fallback);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw wrong(key, "expected e.g. 500ms, 10s, 5m or 1h");
                };
            } catch (NumberFormatException e) {
                throw wrong(key, "expected e.g. 500ms, 10s, 5m or 1h");
            }
        }

        IllegalArgumentException wrong(String key, String why) {
            return new IllegalArgumentException("connector " + instance + ": '" + key + "': " + why);
        }
    }
}
