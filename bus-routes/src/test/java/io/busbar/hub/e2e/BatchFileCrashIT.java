package io.busbar.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.BitSet;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.EmbeddedDatabase;
import io.busbar.hub.testsupport.HubProcess;
import io.busbar.hub.testsupport.HubTestResource;

/**
 * The packaged hub is killed with SIGKILL in the middle of a batch file and started again: every good record is on
 * the bus exactly once, every bad one reported exactly once.
 */
class BatchFileCrashIT {

    static final Duration START = Duration.ofSeconds(90);
    static final int TOTAL = 60_000;

    @Test
    void killedMidFileTheHubResumesWithoutLosingOrDuplicatingARecord() throws Exception {
        try (HubProcess hub = HubProcess.embedded("batch-crash").withTestHubAccount()) {
            Path in = hub.dataDir().resolve("batch-in");
            configure(hub, in);
            hub.start().awaitHealthy(START);

            BitSet bad = new BitSet();
            Path tmp = hub.dataDir().resolve("ORDERS.DAT");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                for (int i = 1; i <= TOTAL; i++) {
                    boolean broken = i % 331 == 0;
                    if (broken) {
                        bad.set(i);
                    }
                    out.write(String.format("O%09dCUS-%08dSKU-%06d%s%09d", i, i % 1000, i % 5000,
                            broken ? "12X45" : String.format("%05d", 1 + i % 99), 100 + i)
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            Files.createDirectories(in);
            Files.move(tmp, in.resolve("ORDERS.DAT"));

            // kill once some records are committed and many are not
            Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(100))
                    .until(() -> recordsDone(hub) > 2_000);
            hub.kill();
            long doneAtKill = recordsDone(hub);
            assertThat(doneAtKill).isLessThan(TOTAL);

            hub.start().awaitHealthy(START);
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "DONE".equals(status(hub)) && !Files.exists(in.resolve("ORDERS.DAT")));

            BitSet good = drain(hub, "test.batch.crash.v1");
            // invalid.* is for the hub only; its bad-record rows commit in the same XA transaction as those sends
            BitSet invalid = new BitSet();
            try (Connection c = DriverManager.getConnection(hub.jdbcUrl(), EmbeddedDatabase.USER, "");
                    ResultSet rs = c.createStatement().executeQuery(
                            "select record_number from connector_file_error where instance = 'crash'")) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    assertThat(invalid.get(n)).as("bad record %d reported twice", n).isFalse();
                    invalid.set(n);
                }
            }
            assertThat(invalid).isEqualTo(bad);
            assertThat(good.cardinality()).isEqualTo(TOTAL - bad.cardinality());
            assertThat(good.intersects(bad)).isFalse();
            System.out.printf("batch crash: killed at %d of %d records committed; after restart %d good, %d bad%n",
                    doneAtKill, TOTAL, good.cardinality(), invalid.cardinality());
        }
    }

    private static void configure(HubProcess hub, Path in) {
        String p = "busbar.connectors.crash.";
        hub.with(p + "type", "file-in").with(p + "endpoint", in.toString()).with(p + "format", "fixed")
                .with(p + "layout",
                        "ORDER_ID:alpha:10; CUSTOMER_ID:alpha:12; SKU:alpha:10; QUANTITY:zoned:5; UNIT_PRICE:zoned:9:2")
                .with(p + "target", "test.batch.crash.v1").with(p + "schedule", "300ms").with(p + "batch-size", "200");
    }

    private static long recordsDone(HubProcess hub) {
        String v = query(hub, "select records_done from connector_file where instance = 'crash'");
        return v == null ? 0 : Long.parseLong(v);
    }

    private static String status(HubProcess hub) {
        return query(hub, "select status from connector_file where instance = 'crash'");
    }

    private static String query(HubProcess hub, String sql) {
        try (Connection c = DriverManager.getConnection(hub.jdbcUrl(), EmbeddedDatabase.USER, "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            return null; // the hub (and its database) may be down between kill and restart
        }
    }

    /** Consumes the queue over the broker's port; fails on a record number seen twice. */
    private static BitSet drain(HubProcess hub, String queue) throws Exception {
        BitSet seen = new BitSet();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://localhost:" + hub.brokerPort());
        try (jakarta.jms.Connection c = factory.createConnection(HubTestResource.TEST_HUB, HubTestResource.TEST_HUB)) {
            c.start();
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while ((m = consumer.receive(3000)) != null) {
                int n = (int) m.getLongProperty("busbarRecordNumber");
                assertThat(seen.get(n)).as("record %d twice on %s", n, queue).isFalse();
                seen.set(n);
            }
        }
        return seen;
    }
}
