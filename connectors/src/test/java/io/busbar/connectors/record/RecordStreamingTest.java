package io.busbar.connectors.record;

import static io.busbar.connectors.record.Fixtures.IBM037;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/**
 * 100,000-record files with bad records at known positions: exactly those are reported, every other record is
 * delivered, and the readers stay within a fixed distance of the record they deliver (memory does not grow with
 * the file).
 */
class RecordStreamingTest {

    private static final int RECORDS = 100_000;
    /** Readers buffer 64 KiB of input; commons-csv adds its own reader buffers. */
    private static final int READ_AHEAD = 64 * 1024 + 16 * 1024;

    /** What a reader delivered: bad records with their field names, and a checksum of the good ones. */
    private static final class Tally {
        final TreeMap<Long, List<String>> bad = new TreeMap<>();
        long good;
        BigDecimal idSum = BigDecimal.ZERO;
        long maxAhead;

        /** @param ahead bytes the reader has taken from the input beyond the end of this record */
        void add(RecordOutcome outcome, String idField, long ahead) {
            maxAhead = Math.max(maxAhead, ahead);
            if (outcome.isValid()) {
                good++;
                idSum = idSum.add((BigDecimal) outcome.values().get(idField));
            } else {
                bad.put(outcome.recordNumber(), outcome.errors().stream()
                        .map(e -> e.field() == null ? "(record)" : e.field()).collect(Collectors.toList()));
            }
        }
    }

    private static TreeMap<Long, List<String>> expected(LongPredicate first, String firstField, LongPredicate second,
            String secondField) {
        TreeMap<Long, List<String>> expected = new TreeMap<>();
        LongStream.rangeClosed(1, RECORDS).forEach(n -> {
            if (first.test(n)) {
                expected.put(n, List.of(firstField));
            } else if (second.test(n)) {
                expected.put(n, List.of(secondField));
            }
        });
        return expected;
    }

    private static BigDecimal idSumWithout(Map<Long, ?> bad) {
        long all = (long) RECORDS * (RECORDS + 1) / 2;
        return BigDecimal.valueOf(all - bad.keySet().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void ebcdicFixedLengthFile() {
        RecordLayout layout = Fixtures.customer(IBM037);
        RecordEncoder encoder = new RecordEncoder(layout);
        Map<String, Object> template = FixedLengthWriterTest.customer(0, "0");
        LongPredicate badPacked = n -> n % 397 == 0;
        LongPredicate badZoned = n -> n % 1009 == 0;
        GeneratedInput in = new GeneratedInput(RECORDS, n -> {
            template.put("CUST-ID", BigDecimal.valueOf(n));
            template.put("BALANCE", BigDecimal.valueOf(n % 2000 - 1000, 2));
            byte[] record = encoder.encode(template);
            if (badPacked.test(n)) {
                record[44] = (byte) 0xAB; // BALANCE: digit nibble A
            } else if (badZoned.test(n)) {
                record[3] = (byte) 0x4B; // CUST-ID: '.' instead of a digit
            }
            return record;
        });

        Tally tally = new Tally();
        try (RecordReader reader = RecordReader.fixedLength(layout, in)) {
            reader.forEachRemaining(o -> tally.add(o, "CUST-ID", in.bytesServed() - o.recordNumber() * 141));
        }

        TreeMap<Long, List<String>> expected = expected(badPacked, "BALANCE", badZoned, "CUST-ID");
        assertThat(expected).hasSize(251 + 99);
        assertThat(tally.bad).isEqualTo(expected);
        assertThat(tally.good).isEqualTo(RECORDS - expected.size());
        assertThat(tally.idSum).isEqualTo(idSumWithout(expected));
        assertThat(tally.maxAhead).isLessThanOrEqualTo(READ_AHEAD);
        assertThat(RecordCounts.fixedLength(in.bytesServed(), layout)).isEqualTo(RECORDS);
    }

    @Test
    void textLineFile() {
        RecordLayout layout = LayoutText.parse("PAYMENT", StandardCharsets.US_ASCII,
                "ID:zoned:9; NAME:alpha:20; AMOUNT:zoned:11:2:sign=trailing-separate; DAY:date:8");
        LongPredicate shortLine = n -> n % 499 == 0;
        LongPredicate badAmount = n -> n % 773 == 0;
        int lineLength = layout.length() + 2;
        LongFunction<String> lines = n -> {
            String amount = badAmount.test(n) ? "00000x0000+" : String.format("%010d%s", n * 7, n % 3 == 0 ? "-" : "+");
            String line = String.format("%09d%-20s%s20240131", n, "payee " + n, amount);
            return (shortLine.test(n) ? line.substring(1) : line) + "\r\n";
        };
        GeneratedInput in = new GeneratedInput(RECORDS, n -> lines.apply(n).getBytes(StandardCharsets.US_ASCII));

        Tally tally = new Tally();
        try (RecordReader reader = RecordReader.lines(layout, in)) {
            reader.forEachRemaining(o -> tally.add(o, "ID", in.bytesServed() - o.recordNumber() * lineLength));
        }

        TreeMap<Long, List<String>> expected = expected(shortLine, "(record)", badAmount, "AMOUNT");
        assertThat(expected).hasSize(200 + 129);
        assertThat(tally.bad).isEqualTo(expected);
        assertThat(tally.idSum).isEqualTo(idSumWithout(expected));
        assertThat(tally.maxAhead).isLessThanOrEqualTo(READ_AHEAD);
        assertThat(RecordCounts.lines(new GeneratedInput(RECORDS, n -> lines.apply(n)
                .getBytes(StandardCharsets.US_ASCII)), layout)).isEqualTo(RECORDS);
    }

    @Test
    void csvFile() {
        RecordLayout layout = LayoutText.parse("PAYMENT", StandardCharsets.UTF_8,
                "ID:zoned:9; NAME:alpha:20; AMOUNT:packed:6:2:signed; DAY:date:10:pattern=yyyy-MM-dd");
        LongPredicate badAmount = n -> n % 601 == 0;
        LongPredicate missingColumn = n -> n % 907 == 0;
        GeneratedInput in = new GeneratedInput(RECORDS + 1, row -> {
            long n = row - 1;
            String line;
            if (n == 0) {
                line = "DAY,AMOUNT,ID,NAME\n";
            } else if (badAmount.test(n)) {
                line = "2024-01-31,12.345," + n + ",\"Payee, " + n + "\"\n";
            } else if (missingColumn.test(n)) {
                line = "2024-01-31,1.00," + n + "\n";
            } else {
                line = "2024-01-31," + (n % 2 == 0 ? "-" : "") + n + ".5," + n + ",\"Payee, " + n + "\"\n";
            }
            return line.getBytes(StandardCharsets.UTF_8);
        });

        Tally tally = new Tally();
        try (RecordReader reader = RecordReader.csv(layout, in)) {
            // lines differ in length here; csvReaderReadsAheadBoundedly checks the read-ahead
            reader.forEachRemaining(o -> tally.add(o, "ID", 0));
        }

        TreeMap<Long, List<String>> expected = expected(badAmount, "AMOUNT", missingColumn, "(record)");
        assertThat(expected).hasSize(166 + 110);
        assertThat(tally.bad).isEqualTo(expected);
        assertThat(tally.idSum).isEqualTo(idSumWithout(expected));
    }

    @Test
    void csvReaderReadsAheadBoundedly() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.UTF_8, "ID:zoned:9");
        int lineLength = 10; // nine digits and a line feed
        GeneratedInput in = new GeneratedInput(RECORDS + 1, row -> row == 1 ? "ID\n".getBytes(StandardCharsets.UTF_8)
                : String.format("%09d\n", row - 1).getBytes(StandardCharsets.UTF_8));
        long[] maxAhead = new long[1];
        try (RecordReader reader = RecordReader.csv(layout, in)) {
            reader.forEachRemaining(o -> maxAhead[0] = Math.max(maxAhead[0],
                    in.bytesServed() - 3 - o.recordNumber() * lineLength));
            assertThat(reader.recordNumber()).isEqualTo(RECORDS);
        }
        assertThat(maxAhead[0]).isLessThanOrEqualTo(READ_AHEAD);
    }
}
