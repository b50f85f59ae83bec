package io.busbar.hub.connectors;

import static io.busbar.hub.testsupport.OrderProcess.establishedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.connectors.record.FixedLengthWriter;
import io.busbar.connectors.record.RecordLayout;
import io.busbar.connectors.record.copybook.CopybookParser;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.testsupport.BusClient;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.FlowCheck;
import io.busbar.hub.testsupport.Http;
import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.SoapClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Batch file connectors against real servers: a local drop directory, an in-JVM FTP server and an in-JVM SFTP server,
 * the hub's real broker and a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BatchFileServersResource.class, restrictToAnnotatedClass = true)
class BatchFileConnectorTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    HubInfrastructure infrastructure;

    @Test
    void aHundredThousandRecordFileGoesOnTheBusOnceEachAndItsBadRecordsIntoTheReport() throws Exception {
        Path in = Files.createDirectories(BatchFileServersResource.base.resolve("local-in"));
        int total = 100_000;
        BitSet bad = new BitSet();
        Path file = in.resolve("ORDERS.DAT");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (int i = 1; i <= total; i++) {
                boolean broken = i % 331 == 0;
                if (broken) {
                    bad.set(i);
                }
                String record = String.format("O%09dCUS-%08dSKU-%06d%s%09d", i, i % 1000, i % 5000,
                        broken ? "12X45" : String.format("%05d", 1 + i % 99), 100 + i);
                out.write(record.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        int expectedBad = bad.cardinality();
        Path archived = in.resolve("archive");
        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from connector_file where instance = 'local-records' and status = 'DONE'") == 1
                && !Files.exists(file));

        BitSet good = drain("test.batch.records.v1", total);
        assertThat(good.cardinality()).isEqualTo(total - expectedBad);
        BitSet all = (BitSet) good.clone();
        all.and(bad);
        assertThat(all.isEmpty()).as("no bad record on the target queue").isTrue();

        List<TextMessage> invalid = drainMessages("invalid.test.batch.records.v1", total);
        assertThat(invalid).hasSize(expectedBad);
        BitSet reported = new BitSet();
        for (TextMessage m : invalid) {
            assertThat(m.getStringProperty(BusHeaders.REASON)).contains("QUANTITY");
            reported.set((int) m.getLongProperty(BatchFileInbound.RECORD_NUMBER));
        }
        assertThat(reported).isEqualTo(bad);

        try (Stream<Path> files = Files.list(archived)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(2).anyMatch(n -> n.startsWith("ORDERS.DAT.") && !n.endsWith(".errors.csv"))
                    .anyMatch(n -> n.endsWith(".errors.csv"));
            Path report = archived.resolve(names.stream().filter(n -> n.endsWith(".errors.csv")).findFirst().get());
            List<String> lines = Files.readAllLines(report);
            assertThat(lines).hasSize(expectedBad + 1);
            assertThat(lines.get(0)).isEqualTo("record,field,reason,raw");
            assertThat(lines.get(1)).startsWith("331,\"QUANTITY\",").contains("12X45");
        }
        assertThat(Database.count("select records_done from connector_file where instance = 'local-records'"))
                .isEqualTo(total);
        System.out.printf("local-records: %d records in %s ms%n", total, Database.text(
                "select (extract(epoch from finished_at - started_at) * 1000)::bigint::text from connector_file"
                        + " where instance = 'local-records'"));

        String metrics = RestAssured.given().auth().basic("demo-operator", "demo-operator").get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("busbar_connector_records_total{connector=\"local-records\",outcome=\"good\"} "
                        + (total - expectedBad) + ".0")
                .contains("busbar_connector_records_total{connector=\"local-records\",outcome=\"bad\"} "
                        + expectedBad + ".0")
                .contains("busbar_connector_file_records_done{connector=\"local-records\"} " + total + ".0");
    }

    @Test
    void csvOrdersOverFtpWaitForTheirDoneMarkerAndBecomeCanonicalSubmissions() throws Exception {
        Path in = BatchFileServersResource.servers.ftpRoot().resolve("in");
        Files.writeString(in.resolve("orders-ftp.csv"), """
                ORDER_ID,CUSTOMER_ID,SKU,QUANTITY,UNIT_PRICE
                FTP-1,CUS-00000001,SKU-A,2,19.99
                FTP-2,CUS-00000002,SKU-B,abc,5.00
                FTP-3,CUS-00000003,SKU-C,7,1.50
                """);
        // without its done marker the file is not touched, however long it waits
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(in.resolve("orders-ftp.csv")));
        assertThat(Database.count("select count(*) from connector_file where instance = 'ftp-orders'")).isZero();

        Files.writeString(in.resolve("orders-ftp.csv.done"), "");
        await().atMost(PATIENCE).until(() -> !Files.exists(in.resolve("orders-ftp.csv"))
                && !Files.exists(in.resolve("orders-ftp.csv.done")));

        List<TextMessage> orders = drainMessages("test.batch.orders.v1", 10);
        assertThat(orders).hasSize(2);
        TextMessage first = orders.stream().filter(m -> prop(m, BatchFileInbound.RECORD_NUMBER).equals("1"))
                .findFirst().orElseThrow();
        JsonNode submission = new ObjectMapper().readTree(first.getText());
        assertThat(submission.path("customerId").asText()).isEqualTo("CUS-00000001");
        assertThat(submission.path("customerReference").asText()).isEqualTo("FTP-1");
        JsonNode line = submission.path("lines").path(0);
        assertThat(line.path("sku").asText()).isEqualTo("SKU-A");
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(new java.math.BigDecimal(line.path("unitPrice").path("amount").asText())).isEqualByComparingTo("19.99");
        assertThat(line.path("unitPrice").path("currency").asText()).isEqualTo("EUR");
        assertThat(first.getStringProperty(BatchFileInbound.FILE_NAME)).isEqualTo("orders-ftp.csv");
        assertThat(first.getStringProperty(BusHeaders.ORDER_ID)).isEqualTo("FTP-1");
        assertThat(first.getStringProperty(BusHeaders.CUSTOMER_ID)).isEqualTo("CUS-00000001");
        assertThat(first.getStringProperty(BusHeaders.CORRELATION_ID)).isEqualTo(first.getJMSCorrelationID())
                .startsWith("ftp-orders:");

        List<TextMessage> invalid = drainMessages("invalid.test.batch.orders.v1", 10);
        assertThat(invalid).singleElement().satisfies(m -> {
            assertThat(m.getStringProperty(BusHeaders.REASON)).startsWith("record 2: QUANTITY");
            assertThat(m.getStringProperty(BatchFileInbound.FILE_NAME)).isEqualTo("orders-ftp.csv");
        });
        try (Stream<Path> archived = Files.list(in.resolve("archive"))) {
            Path report = archived.filter(p -> p.toString().endsWith(".errors.csv")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(report)).hasSize(2).last().asString().startsWith("2,\"QUANTITY\",");
        }
    }

    @Test
    void ebcdicOrdersOverSftpGoThroughTheOrderIntake() throws Exception {
        String customer = establishedCustomer();
        String reference = "MF" + (System.nanoTime() % 100_000_000);
        RecordLayout layout = CopybookParser.parse(BatchFileServersResource.COPYBOOK, Charset.forName("IBM037"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FixedLengthWriter writer = FixedLengthWriter.fixedLength(layout, bytes)) {
            writer.write(Map.of("ORDER-ID", reference, "CUSTOMER-ID", customer, "SKU", "SKU-MF1", "QUANTITY", 3,
                    "UNIT-PRICE", new java.math.BigDecimal("12.34")));
        }
        byte[] good = bytes.toByteArray();
        byte[] broken = good.clone();
        broken[broken.length - 1] = (byte) 0xAC; // A is not a decimal digit
        Path in = BatchFileServersResource.servers.sftpRoot().resolve("in");
        Path file = in.resolve("MF.ORDERS.D1");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(good);
        content.write(broken);
        Files.write(file, content.toByteArray());

        await().atMost(PATIENCE).until(() -> Database.count(
                "select count(*) from fulfilment.orders where customer_id = ? and customer_reference = ?", customer,
                reference) == 1);
        await().atMost(PATIENCE).until(() -> !Files.exists(file));

        // the good record is one flow, under the record's own id, from the intake of the record to the last subscriber
        String orderId = Database.text(
                "select order_id from fulfilment.orders where customer_id = ? and customer_reference = ?",
                customer, reference);
        FlowCheck flows = new FlowCheck(SoapClients.base(), Http.basic("demo-viewer", "demo-viewer"));
        FlowCheck.Expected expected = new FlowCheck.Expected(orderId, "order-json-intake", null, null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(flows.problems(expected)).isEmpty());
        RestAssured.given().auth().basic("demo-viewer", "demo-viewer").queryParam("fileName", "MF.ORDERS.D1")
                .get("/api/v1/flows").then().statusCode(200).body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].orderId", org.hamcrest.Matchers.equalTo(orderId))
                .body("items[0].correlationId", org.hamcrest.Matchers.matchesPattern("mainframe-orders:[^:]+:1"));
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            List<Message> parked = bus.browse("invalid.order.intake.json.v1",
                    BatchFileInbound.CONNECTOR + " = 'mainframe-orders'");
            assertThat(parked).singleElement().satisfies(m -> {
                assertThat(m.getStringProperty(BusHeaders.REASON)).startsWith("record 2: UNIT-PRICE");
                assertThat(m.getLongProperty(BatchFileInbound.RECORD_NUMBER)).isEqualTo(2);
            });
        }
    }

    @Test
    void aFileOverMaxFileSizeIsArchivedUnreadWithItsReasonAndAnOversizedCsvFieldIsABadRecord() throws Exception {
        Path in = BatchFileServersResource.servers.ftpRoot().resolve("capped");
        String header = "ORDER_ID,CUSTOMER_ID,SKU,QUANTITY,UNIT_PRICE\n";
        StringBuilder big = new StringBuilder(header);
        while (big.length() <= 1024) {
            big.append("BIG-1,CUS-00000001,SKU-A,1,1.00\n");
        }
        Files.writeString(in.resolve("big.csv"), big);
        Files.writeString(in.resolve("big.csv.done"), "");
        Files.writeString(in.resolve("wide.csv"), header + "W-" + "x".repeat(30) + ",CUS-00000001,SKU-A,1,1.00\n"
                + "W-2,CUS-00000002,SKU-B,2,2.00\n");
        Files.writeString(in.resolve("wide.csv.done"), "");

        Path archive = in.resolve("archive");
        await().atMost(PATIENCE).until(() -> Files.exists(archive.resolve("big.csv.too-large"))
                && !Files.exists(in.resolve("big.csv.done")) && !Files.exists(in.resolve("wide.csv")));
        assertThat(Files.readString(archive.resolve("big.csv.too-large"))).as("nothing lost").isEqualTo(big.toString());
        assertThat(Files.readString(archive.resolve("big.csv.too-large.errors.csv")))
                .contains("file big.csv is " + big.length() + " bytes, over max-file-size 1024");

        List<TextMessage> good = drainMessages("test.batch.capped.v1", 10);
        assertThat(good).singleElement().satisfies(m -> assertThat(m.getText()).contains("W-2").doesNotContain("BIG-"));
        List<TextMessage> invalid = drainMessages("invalid.test.batch.capped.v1", 10);
        assertThat(invalid).singleElement().satisfies(m -> assertThat(m.getStringProperty(BusHeaders.REASON))
                .contains("ORDER_ID").contains("a field longer than 20 characters (max-csv-field-chars)"));
    }

    @Test
    void eventsBecomeFixedLengthFilesInADirectoryAndOverSftp() throws Exception {
        try (BusClient bus = BusClient.using(infrastructure.brokerEndpoint().connectionFactory())) {
            // order ids no real order of this test class has: each order id names one flow in the journal
            for (int i = 1; i <= 4; i++) {
                bus.send("test.batch.events.v1", "<event/>",
                        Map.of(BusHeaders.ORDER_ID, "ORD-9000000" + i, BusHeaders.EVENT_TYPE, "OrderShipped"));
            }
            bus.send("test.batch.events.sftp.v1", "<event/>",
                    Map.of(BusHeaders.ORDER_ID, "ORD-90000009", BusHeaders.EVENT_TYPE, "OrderCancelled"));
        }
        Path out = BatchFileServersResource.base.resolve("local-out");
        await().atMost(PATIENCE).until(() -> lines(out).size() == 4);
        assertThat(lines(out)).containsExactlyInAnyOrder("ORD-90000001OrderShipped        ",
                "ORD-90000002OrderShipped        ", "ORD-90000003OrderShipped        ",
                "ORD-90000004OrderShipped        ");
        Path sftpOut = BatchFileServersResource.servers.sftpRoot().resolve("out");
        await().atMost(PATIENCE).until(() -> !lines(sftpOut).isEmpty());
        assertThat(lines(sftpOut)).containsExactly("ORD-90000009OrderCancelled      ");
        // the rows go once their file is in place (rename first, then delete): wait for the delete, not only the file
        await().atMost(PATIENCE).until(() -> Database.count("select count(*) from connector_outbox") == 0);
    }

    private static List<String> lines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.ISO_8859_1));
            }
        }
        return lines;
    }

    private static String prop(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consumes the queue; fails on a record number seen twice. */
    private BitSet drain(String queue, int max) throws JMSException {
        BitSet seen = new BitSet();
        try (Connection c = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while ((m = consumer.receive(2000)) != null) {
                int n = (int) m.getLongProperty(BatchFileInbound.RECORD_NUMBER);
                assertThat(seen.get(n)).as("record %d twice on %s", n, queue).isFalse();
                seen.set(n);
                assertThat(seen.cardinality()).isLessThanOrEqualTo(max);
            }
        }
        return seen;
    }

    private List<TextMessage> drainMessages(String queue, int max) throws JMSException {
        List<TextMessage> messages = new ArrayList<>();
        try (Connection c = infrastructure.brokerEndpoint().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while (messages.size() <= max && (m = consumer.receive(2000)) != null) {
                messages.add((TextMessage) m);
            }
        }
        return messages;
    }
}
