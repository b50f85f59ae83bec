package io.busbar.connectors.record;

import static io.busbar.connectors.record.Fixtures.IBM037;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.record.RecordEncoder.TextOverflow;
import io.busbar.connectors.record.codec.Hex;

class RecordEncoderTest {

    private static final RecordLayout EBCDIC = RecordLayout.builder("R", IBM037)
            .add(FieldSpec.alphanumeric("NAME", 6))
            .add(FieldSpec.zoned("QTY", 4, 0, Sign.TRAILING))
            .add(FieldSpec.packed("AMT", 5, 0, true))
            .add(FieldSpec.binary("N", 4, 0, true))
            .add(FieldSpec.date("D", "yyyyMMdd"))
            .add(FieldSpec.filler(2))
            .build();

    @Test
    void writesKnownEbcdicBytes() {
        byte[] record = new RecordEncoder(EBCDIC).encode(Map.of(
                "NAME", "[AB]", "QTY", -1234, "AMT", new BigDecimal("12345"), "N", 2L,
                "D", LocalDate.of(2024, 12, 31)));
        assertThat(Hex.of(record)).isEqualTo("BAC1C2BB4040" + "F1F2F3D4" + "12345C" + "0002"
                + "F2F0F2F4F1F2F3F1" + "4040");
    }

    @Test
    void acceptsAnyNumberAndDecimalText() {
        RecordEncoder encoder = new RecordEncoder(LayoutText.parse("R", StandardCharsets.US_ASCII,
                "A:zoned:5:2; B:zoned:5:2; C:zoned:5:2; D:zoned:5:2"));
        byte[] record = encoder.encode(Map.of("A", 12, "B", new BigInteger("7"), "C", "1.5", "D", 0.25));
        assertThat(new String(record, StandardCharsets.US_ASCII)).isEqualTo("01200" + "00700" + "00150" + "00025");
    }

    @Test
    void optionalNullIsSpacesAndIgnoresUnknownKeys() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII,
                "A:alpha:2:optional; Z:zoned:3:optional; D:date:8:optional");
        Map<String, Object> values = new HashMap<>();
        values.put("A", null);
        values.put("SOMETHING-ELSE", 1);
        assertThat(new String(new RecordEncoder(layout).encode(values), StandardCharsets.US_ASCII))
                .isEqualTo(" ".repeat(13));
    }

    @Test
    void rejectsEveryBadFieldAtOnce() {
        Map<String, Object> values = new HashMap<>();
        values.put("NAME", "TOO LONG");
        values.put("QTY", new BigDecimal("12345"));
        values.put("AMT", new BigDecimal("1.5"));
        values.put("N", "many");
        values.put("D", "20240101");
        assertThatThrownBy(() -> new RecordEncoder(EBCDIC).encode(values))
                .isInstanceOf(RecordEncodingException.class)
                .hasMessageStartingWith("cannot encode record of layout R: NAME: 8 characters do not fit")
                .satisfies(e -> assertThat(((RecordEncodingException) e).errors()).containsExactly(
                        new FieldError("NAME", "8 characters do not fit the field's 6 bytes (text is not truncated)",
                                "TOO LONG"),
                        new FieldError("QTY", "overflow: 12345 needs more than the field's 4 digits (at most ±9999)",
                                "12345"),
                        new FieldError("AMT", "1.5 has 1 decimal places, the field has 0 (values are not rounded)",
                                "1.5"),
                        new FieldError("N", "'many' is not a decimal number", "many"),
                        new FieldError("D", "expected a LocalDate, got String", "20240101")));
    }

    @Test
    void rejectsNullForRequiredFields() {
        assertThatThrownBy(() -> new RecordEncoder(EBCDIC).encode(Map.of()))
                .isInstanceOf(RecordEncodingException.class)
                .satisfies(e -> assertThat(((RecordEncodingException) e).errors())
                        .extracting(FieldError::field, FieldError::reason)
                        .containsOnly(
                                org.assertj.core.api.Assertions.tuple("NAME", "null for a required field"),
                                org.assertj.core.api.Assertions.tuple("QTY", "null for a required field"),
                                org.assertj.core.api.Assertions.tuple("AMT", "null for a required field"),
                                org.assertj.core.api.Assertions.tuple("N", "null for a required field"),
                                org.assertj.core.api.Assertions.tuple("D", "null for a required field")));
    }

    @Test
    void rejectsNegativeValuesForUnsignedFieldsAndWrongTypes() {
        RecordEncoder encoder = new RecordEncoder(LayoutText.parse("R", StandardCharsets.US_ASCII,
                "Z:zoned:3; A:alpha:3"));
        assertThatThrownBy(() -> encoder.encode(Map.of("Z", -1, "A", 12)))
                .satisfies(e -> assertThat(((RecordEncodingException) e).errors()).containsExactly(
                        new FieldError("Z", "negative value -1 for an unsigned field", "-1"),
                        new FieldError("A", "expected text, got Integer", "12")));
    }

    @Test
    void rejectsCharactersTheCharsetCannotWrite() {
        RecordEncoder encoder = new RecordEncoder(LayoutText.parse("R", IBM037, "A:alpha:4"));
        assertThatThrownBy(() -> encoder.encode(Map.of("A", "5 €")))
                .satisfies(e -> assertThat(((RecordEncodingException) e).errors()).singleElement()
                        .extracting(FieldError::reason)
                        .isEqualTo("character '€' (U+20AC) cannot be written in IBM037"));
    }

    @Test
    void truncatesTextOnlyWhenAskedAndNeverInsideACharacter() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.UTF_8, "A:alpha:5; B:alpha:3");
        RecordEncoder truncating = new RecordEncoder(layout, TextOverflow.TRUNCATE);
        byte[] record = truncating.encode(Map.of("A", "Grüße!", "B", "ok"));
        // "Grü" is 4 bytes; "ß" would need 2 more, so one space pads the field
        assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo("Grü ok ");
        assertThatThrownBy(() -> new RecordEncoder(layout).encode(Map.of("A", "Grüße!", "B", "ok")))
                .isInstanceOf(RecordEncodingException.class);
    }

    @Test
    void rejectsDatesWhosePatternGivesAnotherLength() {
        RecordLayout layout = RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.date("D", "d.M.yyyy", 10))
                .build();
        assertThat(new String(new RecordEncoder(layout).encode(Map.of("D", LocalDate.of(2024, 10, 10))),
                StandardCharsets.US_ASCII)).isEqualTo("10.10.2024");
        assertThatThrownBy(() -> new RecordEncoder(layout).encode(Map.of("D", LocalDate.of(2024, 1, 2))))
                .satisfies(e -> assertThat(((RecordEncodingException) e).errors()).singleElement()
                        .extracting(FieldError::reason)
                        .isEqualTo("date 2024-01-02 in pattern d.M.yyyy is '2.1.2024', not 10 characters"));
    }

    @Test
    void writesOccursFromFlattenedNames() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, "T:alpha:2:occurs=3");
        byte[] record = new RecordEncoder(layout).encode(Map.of("T_1", "a", "T_2", "bb", "T_3", ""));
        assertThat(new String(record, StandardCharsets.US_ASCII)).isEqualTo("a bb  ");
        assertThat(new RecordDecoder(layout).decode(record, 1).values().values()).containsExactly("a", "bb", "");
    }
}
