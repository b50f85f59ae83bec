package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final RecordLayout LAYOUT = LayoutText.parse("CUSTOMER", StandardCharsets.UTF_8, """
            ID      : zoned  : 6
            NAME    : alpha  : 10
            BALANCE : packed : 5 : 2 : signed
            SINCE   : date   : 10 : pattern=yyyy-MM-dd
            NOTE    : alpha  : 20 : optional
            """);

    private static List<RecordOutcome> read(String csv) {
        return read(csv, CSVFormat.RFC4180, StandardCharsets.UTF_8);
    }

    private static List<RecordOutcome> read(String csv, CSVFormat format, Charset charset) {
        try (RecordReader reader = RecordReader.csv(LAYOUT, new ByteArrayInputStream(csv.getBytes(charset)),
                format)) {
            return reader.stream().toList();
        }
    }

    @Test
    void mapsColumnsByHeaderNameInAnyOrder() {
        List<RecordOutcome> outcomes = read("""
                SINCE,NAME,ID,EXTRA,BALANCE,NOTE\r
                2020-01-31,Ärger AG,42,ignored,-12.5,\r
                2021-12-01,"Smith, J",7,,1000,"two
                lines"\r
                """);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).values()).containsExactly(entry("ID", new BigDecimal("42")),
                entry("NAME", "Ärger AG"), entry("BALANCE", new BigDecimal("-12.50")),
                entry("SINCE", LocalDate.of(2020, 1, 31)), entry("NOTE", null));
        assertThat(outcomes.get(1).values()).containsEntry("NAME", "Smith, J")
                .containsEntry("BALANCE", new BigDecimal("1000.00"))
                .containsEntry("NOTE", "two\nlines");
    }

    @Test
    void anOptionalColumnMayBeAbsent() {
        List<RecordOutcome> outcomes = read("ID,NAME,BALANCE,SINCE\n1,A,0,2020-01-01\n");
        assertThat(outcomes.get(0).values()).containsExactly(entry("ID", new BigDecimal("1")), entry("NAME", "A"),
                entry("BALANCE", new BigDecimal("0.00")), entry("SINCE", LocalDate.of(2020, 1, 1)),
                entry("NOTE", null));
    }

    @Test
    void aMissingRequiredColumnIsAFileLevelError() {
        assertThatThrownBy(() -> read("ID,NOTE,BALANCE\n1,x,2\n"))
                .isInstanceOf(RecordFormatException.class)
                .hasMessage("the CSV header [ID, NOTE, BALANCE] does not fit layout CUSTOMER:"
                        + " required columns missing [NAME, SINCE]");
        assertThatThrownBy(() -> read("ID,NAME,BALANCE,SINCE,NAME\n"))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageEndingWith("columns appearing more than once [NAME]");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(RecordFormatException.class)
                .hasMessage("the CSV has no header row");
    }

    @Test
    void reportsColumnCountAndEveryConversionFailureWhileGoodRecordsGoOn() {
        List<RecordOutcome> outcomes = read("""
                ID,NAME,BALANCE,SINCE,NOTE
                1,ok,1.00,2020-01-01,
                2,short row
                3,far too long a name,12.345,2020-02-30,
                -4,x,abc,,
                1234567,x,-12345678.90,2020-01-01,
                5,fine,0.5,2024-02-29,last
                """);
        assertThat(outcomes).extracting(RecordOutcome::isValid)
                .containsExactly(true, false, false, false, false, true);
        assertThat(outcomes.get(1).errors()).containsExactly(
                FieldError.ofRecord("record has 2 columns, the header has 5", "2,short row"));
        assertThat(outcomes.get(2).errors()).containsExactly(
                new FieldError("NAME", "19 characters do not fit the field's 10", "far too long a name"),
                new FieldError("BALANCE", "12.345 has 3 decimal places, the field has 2 (values are not rounded)",
                        "12.345"),
                new FieldError("SINCE", "'2020-02-30' is not a date in pattern yyyy-MM-dd", "2020-02-30"));
        assertThat(outcomes.get(3).errors()).containsExactly(
                new FieldError("ID", "negative value -4 for an unsigned field", "-4"),
                new FieldError("BALANCE", "'abc' is not a decimal number", "abc"),
                new FieldError("SINCE", "empty value for a required field", ""));
        assertThat(outcomes.get(4).errors()).containsExactly(
                new FieldError("ID", "overflow: 1234567 needs more than the field's 6 digits (at most 999999)",
                        "1234567"),
                new FieldError("BALANCE",
                        "overflow: -12345678.90 needs more than the field's 9 digits (at most ±9999999.99)",
                        "-12345678.90"));
        assertThat(outcomes.get(5).values()).containsEntry("NOTE", "last");
        assertThat(outcomes).extracting(RecordOutcome::recordNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aFieldOverTheLimitIsABadRecordAndTheNextRecordIsRead() {
        CsvLimits limits = new CsvLimits(100, 1000);
        String csv = "ID,NAME,BALANCE,SINCE,NOTE\n1,a,1,2020-01-01," + "n".repeat(101) + "\n2,b,2,2020-01-02,short\n";
        List<RecordOutcome> outcomes = read(csv, limits);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("NOTE");
            assertThat(e.reason()).isEqualTo("a field longer than 100 characters (max-csv-field-chars)");
        });
        assertThat(outcomes.get(1).isValid()).isTrue();
        assertThat(RecordCounts.csv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LAYOUT,
                CSVFormat.RFC4180, limits)).isEqualTo(2);
    }

    @Test
    void aRecordOverTheLimitIsABadRecordAndItsRawValueIsCut() {
        CsvLimits limits = new CsvLimits(100, 300);
        String extra = ",X".repeat(4);
        String wide = ("," + "w".repeat(90)).repeat(4);
        String csv = "ID,NAME,BALANCE,SINCE" + extra + "\n1,a,1,2020-01-01" + wide + "\n2,b,2,2020-01-02,,,,\n";
        List<RecordOutcome> outcomes = read(csv, limits);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("a record longer than 300 characters (max-csv-record-chars)");
            assertThat(e.raw()).hasSizeLessThan(250).endsWith("characters)");
        });
        assertThat(outcomes.get(1).isValid()).isTrue();
    }

    @Test
    void anEndlessRecordIsOneBadRecordAndIsNeverReadWhole() {
        CsvLimits limits = new CsvLimits(1000, 10_000);
        long[] pulled = new long[1];
        long size = 50L * 1024 * 1024;
        byte[] head = "ID,NAME,BALANCE,SINCE\n1,a,1,2020-01-01\n2,\"never closed ".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                long at = pulled[0]++;
                return at < head.length ? head[(int) at] : at < size ? 'x' : -1;
            }
        };
        try (RecordReader reader = RecordReader.csv(LAYOUT, endless, CSVFormat.RFC4180, limits)) {
            List<RecordOutcome> outcomes = reader.stream().toList();
            assertThat(outcomes).hasSize(2);
            assertThat(outcomes.get(0).isValid()).isTrue();
            assertThat(outcomes.get(1).errors()).singleElement().satisfies(e -> assertThat(e.reason())
                    .isEqualTo("a record longer than 10000 characters (max-csv-record-chars), reading stops here"));
        }
        assertThat(pulled[0]).as("bytes read of a 50 MiB record").isLessThan(1024 * 1024);
    }

    private static List<RecordOutcome> read(String csv, CsvLimits limits) {
        try (RecordReader reader = RecordReader.csv(LAYOUT, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                CSVFormat.RFC4180, limits)) {
            return reader.stream().toList();
        }
    }

    @Test
    void malformedCsvEndsTheFileWithOneBadRecord() {
        List<RecordOutcome> outcomes = read("ID,NAME,BALANCE,SINCE\n1,a,1,2020-01-01\n2,\"open,1,2020-01-01\n3,b\n");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).isValid()).isTrue();
        assertThat(outcomes.get(1).recordNumber()).isEqualTo(2);
        assertThat(outcomes.get(1).errors()).singleElement().satisfies(e -> {
            assertThat(e.isRecordLevel()).isTrue();
            assertThat(e.reason()).startsWith("malformed CSV, reading stops here: ")
                    .contains("EOF reached before encapsulated token finished");
        });
    }

    @Test
    void bytesThatAreNotTextInTheCharsetAreOneRecordsError() {
        byte[] head = "ID,NAME,BALANCE,SINCE\n1,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = { (byte) 0xC3, (byte) 0x28 };
        byte[] tail = ",1,2020-01-01\n2,b,1,2020-01-01\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(bad, 0, file, head.length, bad.length);
        System.arraycopy(tail, 0, file, head.length + bad.length, tail.length);
        try (RecordReader reader = RecordReader.csv(LAYOUT, new ByteArrayInputStream(file))) {
            List<RecordOutcome> outcomes = reader.stream().toList();
            assertThat(outcomes.get(0).errors()).singleElement().extracting(FieldError::field, FieldError::reason)
                    .containsExactly("NAME", "bytes that are not valid text in the file's charset");
            assertThat(outcomes.get(1).isValid()).isTrue();
        }
    }

    @Test
    void otherDelimitersAndCharsets() {
        List<RecordOutcome> outcomes = read("ID;NAME;BALANCE;SINCE\n9;Gr\u00FC\u00DFe;-0,5;2020-01-01\n",
                CSVFormat.RFC4180.builder().setDelimiter(';').get(), StandardCharsets.UTF_8);
        // a decimal comma is not a number: formats are explicit, not guessed
        assertThat(outcomes.get(0).errors()).containsExactly(
                new FieldError("BALANCE", "'-0,5' is not a decimal number", "-0,5"));
        assertThat(read(" ID , NAME ,BALANCE,SINCE\n1,x,1,2020-01-01\n").get(0).isValid()).isTrue();
    }
}
