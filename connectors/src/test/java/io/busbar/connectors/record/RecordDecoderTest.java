package io.busbar.connectors.record;

import static io.busbar.connectors.record.Fixtures.IBM037;
import static io.busbar.connectors.record.Fixtures.IBM1047;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.record.codec.Hex;

class RecordDecoderTest {

    @Test
    void decodesAnEbcdicCustomerRecord() {
        RecordLayout layout = Fixtures.customer(IBM037);
        byte[] record = new byte[141];
        int at = put(record, 0, Hex.parse("F0F0F0F0F1F2F3F4")); // CUST-ID 1234
        at = put(record, at, "MUELLER [SEN.]".getBytes(IBM037), 20);
        at = put(record, at, "ANNA".getBytes(IBM037), 15);
        at = put(record, at, Hex.parse("C1")); // 'A'
        at = put(record, at, Hex.parse("000123456D")); // BALANCE -1234.56
        at = put(record, at, Hex.parse("000500000F")); // CREDIT-LIMIT 5000.00
        at = put(record, at, Hex.parse("00000000000C")); // YTD 0.00
        at = put(record, at, Hex.parse("FFFE")); // ORDER-COUNT -2
        at = put(record, at, Hex.parse("F2F0F2F4F0F2F2F9")); // 20240229
        for (int i = 1; i <= 3; i++) {
            at = put(record, at, ("ORD-" + i).getBytes(IBM037), 10);
            at = put(record, at, Hex.parse("0000" + i + "00C"));
        }
        at = put(record, at, "+49 30 1234".getBytes(IBM037), 12);
        at = put(record, at, new byte[0], 12);
        put(record, at, Hex.parse("0000000000"));

        RecordOutcome outcome = new RecordDecoder(layout).decode(record, 7);

        assertThat(outcome.recordNumber()).isEqualTo(7);
        assertThat(outcome.isValid()).as(outcome.toString()).isTrue();
        assertThat(outcome.values()).containsExactly(
                entry("CUST-ID", new BigDecimal("1234")),
                entry("LAST-NAME", "MUELLER [SEN.]"),
                entry("FIRST-NAME", "ANNA"),
                entry("CUST-STATUS", "A"),
                entry("BALANCE", new BigDecimal("-1234.56")),
                entry("CREDIT-LIMIT", new BigDecimal("5000.00")),
                entry("YTD-PURCHASES", new BigDecimal("0.00")),
                entry("ORDER-COUNT", new BigDecimal("-2")),
                entry("LAST-ORDER-DATE", new BigDecimal("20240229")),
                entry("ORDER-NO_1", "ORD-1"),
                entry("ORDER-AMOUNT_1", new BigDecimal("1.00")),
                entry("ORDER-NO_2", "ORD-2"),
                entry("ORDER-AMOUNT_2", new BigDecimal("2.00")),
                entry("ORDER-NO_3", "ORD-3"),
                entry("ORDER-AMOUNT_3", new BigDecimal("3.00")),
                entry("PHONE_1", "+49 30 1234"),
                entry("PHONE_2", ""));
        // numbers keep the field's scale, also when it is 0
        assertThat(((BigDecimal) outcome.values().get("YTD-PURCHASES")).scale()).isEqualTo(2);
        assertThat(((BigDecimal) outcome.values().get("CUST-ID")).scale()).isZero();
    }

    @Test
    void ebcdicCodePagesDifferInBrackets() {
        // '[' and ']' are BA/BB in IBM037 but AD/BD in IBM1047
        assertThat(Hex.of("[A]".getBytes(IBM037))).isEqualTo("BAC1BB");
        assertThat(Hex.of("[A]".getBytes(IBM1047))).isEqualTo("ADC1BD");
        assertThat(text(IBM037, "BAC1BB40")).isEqualTo("[A]");
        assertThat(text(IBM1047, "ADC1BD40")).isEqualTo("[A]");
        assertThat(text(IBM1047, "BAC1BB40")).isNotEqualTo("[A]");
        // IBM273 (German) has umlauts at C0 and D0, where IBM037 has the braces of ASCII overpunch
        assertThat(text(IBM037, "C0D0BABB")).isEqualTo("{}[]");
        assertThat(text(Charset.forName("IBM273"), "C0D063FC")).isEqualTo("äü[]");
    }

    @Test
    void trimsOnlyTrailingSpacesOfText() {
        assertThat(text(IBM037, "4040C14040")).isEqualTo("  A");
        assertThat(text(StandardCharsets.US_ASCII, "2020412020")).isEqualTo("  A");
        assertThat(text(IBM037, "40404040")).isEmpty();
    }

    @Test
    void optionalBlankFieldsReadAsNull() {
        RecordLayout layout = RecordLayout.builder("R", IBM037)
                .add(FieldSpec.alphanumeric("A", 2).asOptional())
                .add(FieldSpec.zoned("Z", 3, 0, Sign.TRAILING).asOptional())
                .add(FieldSpec.date("D", "yyyyMMdd").asOptional())
                .add(FieldSpec.alphanumeric("REQ", 2))
                .build();
        RecordOutcome outcome = new RecordDecoder(layout).decode(Hex.parse("40".repeat(15)), 1);
        assertThat(outcome.values()).containsExactly(entry("A", null), entry("Z", null), entry("D", null),
                entry("REQ", ""));
    }

    @Test
    void requiredBlankNumbersAndDatesAreErrors() {
        RecordLayout layout = RecordLayout.builder("R", IBM037)
                .add(FieldSpec.zoned("Z", 3, 0, Sign.TRAILING))
                .add(FieldSpec.packed("P", 3, 0, true))
                .add(FieldSpec.date("D", "yyyyMMdd"))
                .add(FieldSpec.binary("B", 4, 0, false))
                .build();
        RecordOutcome outcome = new RecordDecoder(layout).decode(Hex.parse("40".repeat(15)), 1);
        // 4040 is 16448 in binary, not blank
        assertThat(outcome.errors()).containsExactly(
                new FieldError("Z", "blank (all spaces) in a required field", "404040"),
                new FieldError("P", "blank (all spaces) in a required field", "4040"),
                new FieldError("D", "blank (all spaces) in a required field", "4040404040404040"));
    }

    @Test
    void datesAreStrict() {
        RecordLayout layout = RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.date("D", "yyyyMMdd"))
                .add(FieldSpec.date("E", "dd.MM.yy"))
                .build();
        RecordDecoder decoder = new RecordDecoder(layout);
        assertThat(decoder.decode("2024022929.02.24".getBytes(StandardCharsets.US_ASCII), 1).values())
                .containsExactly(entry("D", LocalDate.of(2024, 2, 29)), entry("E", LocalDate.of(2024, 2, 29)));
        RecordOutcome bad = decoder.decode("2023022900000000".getBytes(StandardCharsets.US_ASCII), 2);
        assertThat(bad.errors()).containsExactly(
                new FieldError("D", "'20230229' is not a date in pattern yyyyMMdd", "20230229"),
                new FieldError("E", "'00000000' is not a date in pattern dd.MM.yy", "00000000"));
    }

    @Test
    void reportsEveryBadFieldOfARecordWithItsRawBytes() {
        RecordLayout layout = RecordLayout.builder("R", IBM037)
                .add(FieldSpec.zoned("ID", 4, 0, Sign.UNSIGNED))
                .add(FieldSpec.alphanumeric("NAME", 3))
                .add(FieldSpec.packed("AMT", 5, 2, true))
                .add(FieldSpec.packed("QTY", 5, 0, false))
                .add(FieldSpec.binary("N", 4, 0, true))
                .build();
        RecordOutcome outcome = new RecordDecoder(layout).decode(Hex.parse("F1F24BF4 C1C2C3 1A345C 00100D 0001"), 3);
        assertThat(outcome.isValid()).isFalse();
        assertThat(outcome.values()).isEmpty();
        assertThat(outcome.errors()).containsExactly(
                new FieldError("ID", "position 3: 0x4B is not a digit", "F1F24BF4"),
                new FieldError("AMT", "invalid digit nibble A in byte 1", "1A345C"),
                new FieldError("QTY", "negative sign nibble D in an unsigned field", "00100D"));
    }

    @Test
    void rawTextOfAsciiFieldsIsTheirText() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:zoned:4:signed; B:alpha:2");
        RecordOutcome outcome = new RecordDecoder(layout).decode("12x4ok".getBytes(StandardCharsets.US_ASCII), 1);
        assertThat(outcome.errors()).containsExactly(new FieldError("A", "position 3: 'x' is not a digit", "12x4"));
    }

    @Test
    void reportsTextThatIsNotInTheCharset() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:2");
        RecordOutcome outcome = new RecordDecoder(layout).decode(new byte[] { 'o', (byte) 0xE9 }, 1);
        assertThat(outcome.errors()).singleElement()
                .extracting(FieldError::reason).isEqualTo("bytes that are not US-ASCII text");
    }

    @Test
    void aRecordOfTheWrongLengthIsOneRecordLevelError() {
        RecordLayout layout = LayoutText.parse("R", IBM037, "A:alpha:4");
        RecordOutcome outcome = new RecordDecoder(layout).decode(Hex.parse("C1C2"), 9);
        assertThat(outcome.errors()).containsExactly(FieldError.ofRecord("record is 2 bytes, layout R has 4", "C1C2"));
        assertThat(outcome.errors().get(0).isRecordLevel()).isTrue();
    }

    private static String text(Charset charset, String hex) {
        RecordLayout layout = LayoutText.parse("R", charset, "T:alpha:" + hex.length() / 2);
        RecordOutcome outcome = new RecordDecoder(layout).decode(Hex.parse(hex), 1);
        assertThat(outcome.isValid()).as(outcome.toString()).isTrue();
        return (String) outcome.values().get("T");
    }

    private static int put(byte[] record, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, record, at, bytes.length);
        return at + bytes.length;
    }

    /** Puts text space-padded (EBCDIC 0x40) to {@code length}. */
    private static int put(byte[] record, int at, byte[] bytes, int length) {
        java.util.Arrays.fill(record, at, at + length, (byte) 0x40);
        System.arraycopy(bytes, 0, record, at, bytes.length);
        return at + length;
    }
}
