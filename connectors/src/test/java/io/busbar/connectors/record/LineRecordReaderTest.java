package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.record.codec.Hex;

class LineRecordReaderTest {

    private static final RecordLayout LAYOUT = LayoutText.parse("PAYMENT", StandardCharsets.ISO_8859_1, """
            ACCOUNT : alpha : 6
            AMOUNT  : zoned : 9 : 2 : sign=leading-separate
            BOOKED  : date  : 8
            """);

    private static List<RecordOutcome> read(RecordLayout layout, String text) {
        try (RecordReader reader = RecordReader.lines(layout,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)))) {
            return reader.stream().toList();
        }
    }

    @Test
    void readsLfAndCrLfLinesAndReportsLinesOfTheWrongLength() {
        List<RecordOutcome> outcomes = read(LAYOUT, ""
                + "ACC001+0001250020240131\n"
                + "ACC002-0000009920240201\r\n"
                + "ACC003+00000100\n" // too short
                + "\n" // empty
                + "ACC004+000001002024020100\n" // too long
                + "ACC005+0000x10020240230\n" // two bad fields
                + "MÜLLER+0000000020241231"); // last line without line break, Latin-1 text
        assertThat(outcomes).hasSize(7);
        assertThat(outcomes.get(0).values()).containsExactly(entry("ACCOUNT", "ACC001"),
                entry("AMOUNT", new BigDecimal("125.00")), entry("BOOKED", LocalDate.of(2024, 1, 31)));
        assertThat(outcomes.get(1).values()).containsEntry("AMOUNT", new BigDecimal("-0.99"));
        assertThat(outcomes.get(2).errors()).containsExactly(
                FieldError.ofRecord("line is 15 bytes, a record is 23", "ACC003+00000100"));
        assertThat(outcomes.get(3).errors()).containsExactly(FieldError.ofRecord("line is 0 bytes, a record is 23", ""));
        assertThat(outcomes.get(4).errors()).containsExactly(
                FieldError.ofRecord("line is 25 bytes, a record is 23", "ACC004+000001002024020100"));
        assertThat(outcomes.get(5).errors()).containsExactly(
                new FieldError("AMOUNT", "position 6: 'x' is not a digit", "+0000x100"),
                new FieldError("BOOKED", "'20240230' is not a date in pattern yyyyMMdd", "20240230"));
        assertThat(outcomes.get(6).values()).containsEntry("ACCOUNT", "MÜLLER");
        assertThat(outcomes).extracting(RecordOutcome::recordNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aFinalLineBreakDoesNotMakeAnotherRecord() {
        assertThat(read(LAYOUT, "ACC001+0001250020240131\r\n").get(0).isValid()).isTrue();
        assertThat(read(LAYOUT, "ACC001+0001250020240131\r\n")).hasSize(1);
        assertThat(read(LAYOUT, "")).isEmpty();
    }

    @Test
    void aHugeLineIsMeasuredNotKept() {
        // 5 MB without a line break: one bad record, memory bounded by the record length
        int size = 5 * 1024 * 1024;
        InputStream noBreaks = new InputStream() {
            int left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        try (RecordReader reader = RecordReader.lines(LAYOUT, noBreaks)) {
            RecordOutcome outcome = reader.next();
            assertThat(outcome.errors()).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo("line is " + size + " bytes, a record is 23");
                assertThat(e.raw()).hasSize(FieldError.MAX_RAW_BYTES + 3).endsWith("...");
            });
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void ebcdicLinesEndWithTheEbcdicLineFeed() {
        RecordLayout layout = LayoutText.parse("R", Fixtures.IBM037, "A:alpha:2; N:zoned:2:signed");
        // NL (0x15) is what Java writes for '\n' in EBCDIC; LF (0x25) is found in files too
        byte[] file = Hex.parse("C1C2F1D2 15 C3C4F0C0 0D25 C5C6F0F1");
        try (RecordReader reader = RecordReader.lines(layout, new ByteArrayInputStream(file))) {
            assertThat(reader.stream().map(RecordOutcome::values).toList()).containsExactly(
                    java.util.Map.of("A", "AB", "N", new BigDecimal(-12)),
                    java.util.Map.of("A", "CD", "N", new BigDecimal(0)),
                    java.util.Map.of("A", "EF", "N", new BigDecimal(1)));
        }
    }

    @Test
    void refusesLayoutsWithBinaryFields() {
        RecordLayout binary = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:2; P:packed:3");
        assertThatThrownBy(() -> RecordReader.lines(binary, new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(LayoutException.class)
                .hasMessage("R: field P is PACKED; binary data cannot be carried in lines of text"
                        + " (a byte may read as a line break), use fixed-length records");
    }
}
