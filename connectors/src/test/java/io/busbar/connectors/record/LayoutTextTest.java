package io.busbar.connectors.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.busbar.connectors.record.copybook.CopybookParser;

class LayoutTextTest {

    @Test
    void parsesTheDocumentedExample() {
        RecordLayout layout = LayoutText.parse("CUSTOMER", StandardCharsets.ISO_8859_1, """
                # customer extract, one record per line
                CUST-ID : zoned  : 8
                NAME    : alpha  : 30

                BALANCE : packed : 5 : 2 : signed
                OPENED  : date   : 8 : pattern=yyyyMMdd
                FILLER  : alpha  : 4
                """);
        assertThat(layout.name()).isEqualTo("CUSTOMER");
        assertThat(layout.length()).isEqualTo(55);
        assertThat(layout.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::offset, FieldSpec::length,
                        FieldSpec::digits, FieldSpec::scale, FieldSpec::sign, FieldSpec::pattern)
                .containsExactly(
                        tuple("CUST-ID", FieldType.ZONED, 0, 8, 8, 0, Sign.UNSIGNED, null),
                        tuple("NAME", FieldType.ALPHANUMERIC, 8, 30, 0, 0, Sign.UNSIGNED, null),
                        tuple("BALANCE", FieldType.PACKED, 38, 5, 9, 2, Sign.TRAILING, null),
                        tuple("OPENED", FieldType.DATE, 43, 8, 0, 0, Sign.UNSIGNED, "yyyyMMdd"),
                        tuple("FILLER", FieldType.ALPHANUMERIC, 51, 4, 0, 0, Sign.UNSIGNED, null));
        assertThat(layout.valueNames()).containsExactly("CUST-ID", "NAME", "BALANCE", "OPENED");
    }

    @Test
    void entriesMaySitOnOneLineSeparatedBySemicolons() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII,
                "A:x:2; B:9:3:1:signed ;C:comp:4:digits=7; D:date:10:pattern=yyyy-MM-dd:optional");
        assertThat(layout.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::length, FieldSpec::digits, FieldSpec::scale,
                        FieldSpec::sign, FieldSpec::optional)
                .containsExactly(
                        tuple("A", FieldType.ALPHANUMERIC, 2, 0, 0, Sign.UNSIGNED, false),
                        tuple("B", FieldType.ZONED, 3, 3, 1, Sign.TRAILING, false),
                        tuple("C", FieldType.BINARY, 4, 7, 0, Sign.UNSIGNED, false),
                        tuple("D", FieldType.DATE, 10, 0, 0, Sign.UNSIGNED, true));
    }

    @Test
    void optionsSetSignDigitsOccursAndDefaults() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, """
                AMOUNT : zoned  : 8 : 2 : sign=leading-separate
                TOTAL  : zoned  : 5 : sign=trailing-separate
                LEAD   : zoned  : 5 : sign=leading
                QTY    : packed : 3 : digits=4
                COUNT  : binary : 8
                SMALL  : comp-3 : 2 : signed
                DAY    : date   : 8
                TAG    : alpha  : 3 : occurs=4 : optional
                """);
        assertThat(layout.fields())
                .extracting(FieldSpec::name, FieldSpec::digits, FieldSpec::scale, FieldSpec::sign, FieldSpec::occurs,
                        FieldSpec::pattern, FieldSpec::optional)
                .containsExactly(
                        tuple("AMOUNT", 7, 2, Sign.LEADING_SEPARATE, 1, null, false),
                        tuple("TOTAL", 4, 0, Sign.TRAILING_SEPARATE, 1, null, false),
                        tuple("LEAD", 5, 0, Sign.LEADING, 1, null, false),
                        tuple("QTY", 4, 0, Sign.UNSIGNED, 1, null, false),
                        tuple("COUNT", 18, 0, Sign.UNSIGNED, 1, null, false),
                        tuple("SMALL", 3, 0, Sign.TRAILING, 1, null, false),
                        tuple("DAY", 0, 0, Sign.UNSIGNED, 1, "yyyyMMdd", false),
                        tuple("TAG", 0, 0, Sign.UNSIGNED, 4, null, true));
        assertThat(layout.valueNames()).endsWith("TAG_1", "TAG_2", "TAG_3", "TAG_4");
        assertThat(layout.length()).isEqualTo(8 + 5 + 5 + 3 + 8 + 2 + 8 + 12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "too few parts | A:alpha | line 2: 'A:alpha': expected name:type:length[:scale][:option...]",
            "unknown type | A:text:3 | line 2: 'A:text:3': unknown type 'text' (expected alpha, zoned, packed, binary or date)",
            "bad length | A:alpha:x | line 2: 'A:alpha:x': length must be a whole number, not 'x'",
            "zero length | A:alpha:0 | line 2: 'A:alpha:0': A: length must be at least 1 byte, not 0",
            "unknown option | A:alpha:3:upper | line 2: 'A:alpha:3:upper': unknown option 'upper' (expected signed, sign=, digits=, occurs=, pattern= or optional)",
            "unknown sign | A:zoned:3:sign=left | line 2: 'A:zoned:3:sign=left': unknown sign 'left' (expected trailing, leading, trailing-separate or leading-separate)",
            "sign without value | A:zoned:3:sign | line 2: 'A:zoned:3:sign': sign= needs a value",
            "digits on zoned | A:zoned:3:digits=2 | line 2: 'A:zoned:3:digits=2': a zoned field's digits are its length; digits= is for packed and binary",
            "sign position on packed | A:packed:3:sign=leading | line 2: 'A:packed:3:sign=leading': sign= positions are for zoned fields; use signed",
            "pattern on text | A:alpha:3:pattern=yyyy | line 2: 'A:alpha:3:pattern=yyyy': pattern= is for date fields",
            "empty pattern | A:date:8:pattern= | line 2: 'A:date:8:pattern=': pattern= needs a date pattern",
            "bad pattern | A:date:8:pattern=yyyyMMddb | line 2: 'A:date:8:pattern=yyyyMMddb': A: invalid date pattern 'yyyyMMddb': Unknown pattern letter: b",
            "scale beyond digits | A:zoned:3:4 | line 2: 'A:zoned:3:4': A: scale 4 must be between 0 and the 3 digits",
            "binary length | A:binary:3 | line 2: 'A:binary:3': A: a binary field is 2, 4 or 8 bytes, not 3",
            "binary digits | A:binary:2:digits=5 | line 2: 'A:binary:2:digits=5': A: a binary field of 2 bytes holds at most 4 digits, not 5",
            "packed digits | A:packed:3:digits=6 | line 2: 'A:packed:3:digits=6': A: a packed field of 6 digits is 4 bytes, not 3",
            "optional packed | A:packed:3:optional | line 2: 'A:packed:3:optional': A: a PACKED field has no blank form, so it cannot be optional",
            "occurs zero | A:alpha:3:occurs=0 | line 2: 'A:alpha:3:occurs=0': A: OCCURS count must be at least 1, not 0",
            "name with space | A B:alpha:3 | line 2: 'A B:alpha:3': field name must be non-empty without spaces: 'A B'",
    })
    void rejectsMistakesNamingTheLineAndEntry(String what, String entry, String message) {
        assertThatThrownBy(() -> LayoutText.parse("R", StandardCharsets.US_ASCII, "OK:alpha:1\n" + entry))
                .as(what)
                .isInstanceOf(LayoutException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((LayoutException) e).line()).isEqualTo(2));
    }

    @Test
    void rejectsEmptyTextAndDuplicateNames() {
        assertThatThrownBy(() -> LayoutText.parse("R", StandardCharsets.US_ASCII, "# nothing\n\n"))
                .isInstanceOf(LayoutException.class)
                .hasMessage("R: the layout text declares no field");
        assertThatThrownBy(() -> LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:1\nA:zoned:2"))
                .hasMessage("R: duplicate field name A");
    }

    @Test
    void formatGivesTextThatParsesToTheSameLayout() {
        Charset ibm037 = Charset.forName("IBM037");
        for (RecordLayout layout : new RecordLayout[] {
                CopybookParser.parse(Fixtures.copybook("customer.cpy"), ibm037),
                CopybookParser.parse(Fixtures.copybook("order.cpy"), ibm037, "ORDER-HEADER"),
                CopybookParser.parse(Fixtures.copybook("order.cpy"), ibm037, "ORDER-LINE"),
                LayoutText.parse("R", ibm037, "A:date:10:pattern=dd.MM.yyyy:optional; B:binary:8:2:digits=12")
        }) {
            String text = LayoutText.format(layout);
            assertThat(LayoutText.parse(layout.name(), ibm037, text).fields()).as(text)
                    .isEqualTo(layout.fields());
        }
        assertThat(LayoutText.format(CopybookParser.parse(Fixtures.copybook("order.cpy"), ibm037,
                "ORDER-LINE"))).isEqualTo("""
                        REC-TYPE:alpha:1
                        ORDER-ID:alpha:8
                        LINE-NO:zoned:3
                        UNIT-PRICE:packed:4:2:signed
                        LINE-TOTAL:packed:5:2:signed
                        DEPOT_1:alpha:4
                        QTY_1:binary:2:occurs=2
                        DEPOT_2:alpha:4
                        QTY_2:binary:2:occurs=2
                        WEIGHT-KG:zoned:6:2:sign=leading-separate
                        """);
    }
}
