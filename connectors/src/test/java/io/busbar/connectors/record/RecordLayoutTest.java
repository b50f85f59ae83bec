package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordLayoutTest {

    @Test
    void placesFieldsBackToBack() {
        RecordLayout layout = RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.alphanumeric("A", 3))
                .add(FieldSpec.packed("B", 5, 2, true))
                .add(FieldSpec.zoned("C", 4, 0, Sign.LEADING_SEPARATE).withOccurs(2))
                .add(FieldSpec.binary("D", 9, 0, false))
                .build();
        assertThat(layout.fields()).extracting(FieldSpec::offset).containsExactly(0, 3, 6, 16);
        assertThat(layout.length()).isEqualTo(20);
        assertThat(layout.valueNames()).containsExactly("A", "B", "C_1", "C_2", "D");
        assertThat(layout.field("C")).get().extracting(FieldSpec::totalLength).isEqualTo(10);
        assertThat(layout.field("C_1")).isEmpty();
        assertThat(layout.firstBinaryField()).get().extracting(FieldSpec::name).isEqualTo("B");
    }

    @Test
    void explicitOffsetsMustMeetWithoutOverlapOrGap() {
        assertThat(RecordLayout.of("R", StandardCharsets.US_ASCII, List.of(
                FieldSpec.alphanumeric("A", 3).at(0),
                FieldSpec.filler(2).at(3),
                FieldSpec.alphanumeric("B", 1).at(5))).length()).isEqualTo(6);

        assertThatThrownBy(() -> RecordLayout.of("R", StandardCharsets.US_ASCII, List.of(
                FieldSpec.alphanumeric("A", 3).at(0),
                FieldSpec.alphanumeric("B", 1).at(2))))
                .isInstanceOf(LayoutException.class)
                .hasMessage("R: field B at offset 2 overlaps A (ends at 3)");
        assertThatThrownBy(() -> RecordLayout.of("R", StandardCharsets.US_ASCII, List.of(
                FieldSpec.alphanumeric("A", 3).at(0),
                FieldSpec.alphanumeric("B", 1).at(5))))
                .hasMessage("R: field B at offset 5 leaves a gap after A (ends at 3); declare the gap as FILLER");
        assertThatThrownBy(() -> RecordLayout.of("R", StandardCharsets.US_ASCII, List.of(
                FieldSpec.alphanumeric("A", 3).at(1))))
                .hasMessage("R: field A at offset 1 leaves a gap after the start of the record;"
                        + " declare the gap as FILLER");
    }

    @Test
    void rejectsDuplicateAndClashingNames() {
        assertThatThrownBy(() -> RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.alphanumeric("A", 1)).add(FieldSpec.alphanumeric("A", 1)).build())
                .hasMessage("R: duplicate field name A");
        assertThatThrownBy(() -> RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.alphanumeric("A", 1).withOccurs(2)).add(FieldSpec.alphanumeric("A_2", 1)).build())
                .hasMessage("R: value name A_2 of field A_2 clashes with field A");
        // FILLER may repeat
        assertThat(RecordLayout.builder("R", StandardCharsets.US_ASCII)
                .add(FieldSpec.filler(1)).add(FieldSpec.filler(2)).add(FieldSpec.alphanumeric("A", 1)).build()
                .valueNames()).containsExactly("A");
    }

    @Test
    void rejectsCharsetsWithoutSingleByteDigits() {
        assertThatThrownBy(() -> RecordLayout.builder("R", StandardCharsets.UTF_16)
                .add(FieldSpec.alphanumeric("A", 2)).build())
                .isInstanceOf(LayoutException.class)
                .hasMessageStartingWith("R: charset UTF-16 does not encode '0' as one byte");
    }

    @Test
    void rejectsEmptyLayouts() {
        assertThatThrownBy(() -> RecordLayout.of("R", StandardCharsets.US_ASCII, List.of()))
                .hasMessage("R: a layout needs at least one field");
        assertThatThrownBy(() -> RecordLayout.of(" ", StandardCharsets.US_ASCII, List.of(FieldSpec.filler(1))))
                .hasMessage("a layout needs a name");
    }

    @Test
    void fieldSpecsAreValidated() {
        assertThatThrownBy(() -> new FieldSpec("Z", FieldType.ZONED, FieldSpec.NEXT, 4, 3, 0, Sign.UNSIGNED, 1, null,
                false)).hasMessage("Z: a zoned field of 3 digits is 3 bytes, not 4");
        assertThatThrownBy(() -> new FieldSpec("Z", FieldType.ZONED, FieldSpec.NEXT, 3, 3, 0,
                Sign.TRAILING_SEPARATE, 1, null, false))
                .hasMessage("Z: a zoned field of 3 digits and a separate sign is 4 bytes, not 3");
        assertThatThrownBy(() -> new FieldSpec("P", FieldType.PACKED, FieldSpec.NEXT, 3, 5, 0, Sign.LEADING, 1, null,
                false)).hasMessage("P: a PACKED field is either unsigned or signed (TRAILING)");
        assertThatThrownBy(() -> new FieldSpec("A", FieldType.ALPHANUMERIC, FieldSpec.NEXT, 3, 2, 0, Sign.UNSIGNED,
                1, null, false)).hasMessage("A: only numeric fields have digits, scale or a sign");
        assertThatThrownBy(() -> new FieldSpec("A", FieldType.ALPHANUMERIC, FieldSpec.NEXT, 3, 0, 0, Sign.UNSIGNED,
                1, "yyyy", false)).hasMessage("A: a date field, and only a date field, has a pattern");
        assertThatThrownBy(() -> FieldSpec.zoned("N", 32, 0, Sign.UNSIGNED))
                .hasMessage("N: a numeric field has 1 to 31 digits, not 32");
        assertThatThrownBy(() -> FieldSpec.binary("B", 5, 0, true).asOptional())
                .hasMessage("B: a BINARY field has no blank form, so it cannot be optional");
        assertThatThrownBy(() -> FieldSpec.alphanumeric("A", 1).at(-2)).hasMessage("A: negative offset -2");
    }
}
