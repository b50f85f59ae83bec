package io.busbar.hub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.busbar.hub.testsupport.FileServers;
import io.busbar.hub.testsupport.HubTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * FTP and SFTP servers and a local drop directory, and the connector instances that read and write them, declared
 * the way an operator would: as {@code busbar.connectors.<instance>.*} properties and in a YAML file of the
 * connectors directory.
 */
public class BatchFileServersResource implements QuarkusTestResourceLifecycleManager {

    static final String FIXED_LAYOUT = "ORDER_ID:alpha:10; CUSTOMER_ID:alpha:12; SKU:alpha:10; QUANTITY:zoned:5;"
            + " UNIT_PRICE:zoned:9:2";
    static final String COPYBOOK = """
                   01  LEGACY-ORDER.
                       05  ORDER-ID      PIC X(10).
                       05  CUSTOMER-ID   PIC X(12).
                       05  SKU           PIC X(10).
                       05  QUANTITY      PIC 9(5).
                       05  UNIT-PRICE    PIC S9(7)V99 COMP-3.
            """;

    static FileServers servers;
    static Path base;

    @Override
    public Map<String, String> start() {
        base = HubTestResource.freshDirectory("batch-files-" + System.nanoTime());
        servers = FileServers.start(base);
        try {
            Files.createDirectories(servers.ftpRoot().resolve("in"));
            Files.createDirectories(servers.ftpRoot().resolve("capped"));
            Files.createDirectories(servers.sftpRoot().resolve("in"));
            Files.createDirectories(servers.sftpRoot().resolve("out"));
            Path connectorsDir = Files.createDirectories(base.resolve("connectors"));
            Files.writeString(base.resolve("orders.cpy"), COPYBOOK);
            // the SFTP instance comes from a YAML file, as a second legacy system of a known type would
            Files.writeString(connectorsDir.resolve("mainframe.yaml"), """
                    mainframe-orders:
                      type: sftp-in
                      system: mainframe
                      endpoint: sftp://127.0.0.1:%d/in
                      username: %s
                      password: %s
                      host-key: %s
                      format: fixed
                      charset: IBM037
                      copybook: %s
                      message: order
                      schedule: 200ms
                    """.formatted(servers.sftpPort(), FileServers.USER, FileServers.PASSWORD, servers.sftpHostKey(),
                    base.resolve("orders.cpy")));
            Map<String, String> config = new HashMap<>();
            config.put("busbar.connectors.dir", connectorsDir.toString());
            put(config, "local-records", "type", "file-in", "endpoint", base.resolve("local-in").toString(),
                    "format", "fixed", "layout", FIXED_LAYOUT, "target", "test.batch.records.v1", "schedule", "200ms",
                    "batch-size", "1000");
            put(config, "ftp-orders", "type", "ftp-in", "endpoint",
                    "ftp://127.0.0.1:" + servers.ftpPort() + "/in", "username", FileServers.USER, "password",
                    FileServers.PASSWORD, "format", "csv", "layout", FIXED_LAYOUT, "message", "order", "target",
                    "test.batch.orders.v1", "read-lock", "done-marker", "schedule", "200ms");
            put(config, "ftp-capped", "type", "ftp-in", "endpoint", "ftp://127.0.0.1:" + servers.ftpPort() + "/capped",
                    "username", FileServers.USER, "password", FileServers.PASSWORD, "format", "csv", "layout",
                    FIXED_LAYOUT, "message", "record", "target", "test.batch.capped.v1", "read-lock", "done-marker",
                    "schedule", "200ms", "max-file-size", "1K", "max-csv-field-chars", "20", "max-csv-record-chars",
                    "200");
            put(config, "events-file", "type", "file-out", "endpoint", base.resolve("local-out").toString(),
                    "source", "queue:test.batch.events.v1", "format", "lines", "layout",
                    "ORDER_ID:alpha:12; EVENT:alpha:20", "fields.ORDER_ID", "busbarOrderId", "fields.EVENT",
                    "busbarEventType", "batch-count", "3", "schedule", "300ms");
            put(config, "events-sftp", "type", "sftp-out", "endpoint",
                    "sftp://127.0.0.1:" + servers.sftpPort() + "/out", "username", FileServers.USER, "password",
                    FileServers.PASSWORD, "host-key", servers.sftpHostKey(), "source", "queue:test.batch.events.sftp.v1",
                    "format", "fixed", "layout",
                    "ORDER_ID:alpha:12; EVENT:alpha:20", "fields.ORDER_ID", "busbarOrderId", "fields.EVENT",
                    "busbarEventType", "batch-count", "100", "schedule", "300ms", "file-name", "EVENTS-{id}.DAT");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<String, String> config, String instance, String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put("busbar.connectors." + instance + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    @Override
    public void stop() {
        if (servers != null) {
            servers.close();
        }
    }
}
