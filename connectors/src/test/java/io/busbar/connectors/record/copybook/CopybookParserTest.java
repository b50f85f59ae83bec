package io.busbar.connectors.record.copybook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.busbar.connectors.record.FieldSpec;
import io.busbar.connectors.record.FieldType;
import io.busbar.connectors.record.Fixtures;
import io.busbar.connectors.record.LayoutException;
import io.busbar.connectors.record.RecordLayout;
import io.busbar.connectors.record.Sign;

class CopybookParserTest {

    static final Charset IBM037 = Charset.forName("IBM037");

    /** Copybook source from code lines: columns 1-6 get a sequence number, column 7 is blank. */
    static String cobol(String... code) {
        return Arrays.stream(code).map(c -> "000000 " + c).collect(Collectors.joining("\n"));
    }

    @Test
    void customerMasterRecord() {
        RecordLayout layout = CopybookParser.parse(Fixtures.copybook("customer.cpy"), IBM037);

        assertThat(layout.name()).isEqualTo("CUSTOMER-RECORD");
        assertThat(layout.charset()).isEqualTo(IBM037);
        assertThat(layout.length()).isEqualTo(141);
        assertThat(layout.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::offset, FieldSpec::length,
                        FieldSpec::digits, FieldSpec::scale, FieldSpec::sign, FieldSpec::occurs)
                .containsExactly(
                        tuple("CUST-ID", FieldType.ZONED, 0, 8, 8, 0, Sign.UNSIGNED, 1),
                        tuple("LAST-NAME", FieldType.ALPHANUMERIC, 8, 20, 0, 0, Sign.UNSIGNED, 1),
                        tuple("FIRST-NAME", FieldType.ALPHANUMERIC, 28, 15, 0, 0, Sign.UNSIGNED, 1),
                        tuple("CUST-STATUS", FieldType.ALPHANUMERIC, 43, 1, 0, 0, Sign.UNSIGNED, 1),
                        tuple("BALANCE", FieldType.PACKED, 44, 5, 9, 2, Sign.TRAILING, 1),
                        tuple("CREDIT-LIMIT", FieldType.PACKED, 49, 5, 9, 2, Sign.UNSIGNED, 1),
                        tuple("YTD-PURCHASES", FieldType.PACKED, 54, 6, 11, 2, Sign.TRAILING, 1),
                        tuple("ORDER-COUNT", FieldType.BINARY, 60, 2, 4, 0, Sign.TRAILING, 1),
                        tuple("LAST-ORDER-DATE", FieldType.ZONED, 62, 8, 8, 0, Sign.UNSIGNED, 1),
                        tuple("ORDER-NO_1", FieldType.ALPHANUMERIC, 70, 10, 0, 0, Sign.UNSIGNED, 1),
                        tuple("ORDER-AMOUNT_1", FieldType.PACKED, 80, 4, 7, 2, Sign.TRAILING, 1),
                        tuple("ORDER-NO_2", FieldType.ALPHANUMERIC, 84, 10, 0, 0, Sign.UNSIGNED, 1),
                        tuple("ORDER-AMOUNT_2", FieldType.PACKED, 94, 4, 7, 2, Sign.TRAILING, 1),
                        tuple("ORDER-NO_3", FieldType.ALPHANUMERIC, 98, 10, 0, 0, Sign.UNSIGNED, 1),
                        tuple("ORDER-AMOUNT_3", FieldType.PACKED, 108, 4, 7, 2, Sign.TRAILING, 1),
                        tuple("PHONE", FieldType.ALPHANUMERIC, 112, 12, 0, 0, Sign.UNSIGNED, 2),
                        tuple("FILLER", FieldType.ALPHANUMERIC, 136, 5, 0, 0, Sign.UNSIGNED, 1));
        assertThat(layout.valueNames()).containsExactly("CUST-ID", "LAST-NAME", "FIRST-NAME", "CUST-STATUS",
                "BALANCE", "CREDIT-LIMIT", "YTD-PURCHASES", "ORDER-COUNT", "LAST-ORDER-DATE", "ORDER-NO_1",
                "ORDER-AMOUNT_1", "ORDER-NO_2", "ORDER-AMOUNT_2", "ORDER-NO_3", "ORDER-AMOUNT_3", "PHONE_1",
                "PHONE_2");
    }

    @Test
    void orderFileWithTwoRecordsIsReadByRecordName() {
        String source = Fixtures.copybook("order.cpy");
        assertThatThrownBy(() -> CopybookParser.parse(source, IBM037))
                .isInstanceOf(LayoutException.class)
                .hasMessage("the copybook describes 2 records (ORDER-HEADER at line 2, ORDER-LINE at line 13);"
                        + " name the one to use");
        assertThatThrownBy(() -> CopybookParser.parse(source, IBM037, "ORDER-TRAILER"))
                .hasMessage("the copybook has no record ORDER-TRAILER; it has ORDER-HEADER at line 2,"
                        + " ORDER-LINE at line 13");

        RecordLayout header = CopybookParser.parse(source, IBM037, "order-header");
        assertThat(header.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::length, FieldSpec::digits,
                        FieldSpec::scale, FieldSpec::sign)
                .containsExactly(
                        tuple("REC-TYPE", FieldType.ALPHANUMERIC, 1, 0, 0, Sign.UNSIGNED),
                        tuple("ORDER-ID", FieldType.ALPHANUMERIC, 8, 0, 0, Sign.UNSIGNED),
                        tuple("ORDER-DATE", FieldType.ZONED, 8, 8, 0, Sign.UNSIGNED),
                        tuple("ORDER-TOTAL", FieldType.ZONED, 12, 11, 2, Sign.LEADING_SEPARATE),
                        tuple("DISCOUNT-PCT", FieldType.ZONED, 3, 3, 3, Sign.TRAILING),
                        tuple("NOTE", FieldType.ALPHANUMERIC, 30, 0, 0, Sign.UNSIGNED),
                        // the name is continued on the next line; a literal with periods is continued too
                        tuple("ITEM-COUNT", FieldType.BINARY, 2, 3, 0, Sign.UNSIGNED));
        assertThat(header.length()).isEqualTo(64);

        RecordLayout line = CopybookParser.parse(source, IBM037, "ORDER-LINE");
        assertThat(line.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::offset, FieldSpec::length,
                        FieldSpec::occurs, FieldSpec::sign)
                .containsExactly(
                        tuple("REC-TYPE", FieldType.ALPHANUMERIC, 0, 1, 1, Sign.UNSIGNED),
                        tuple("ORDER-ID", FieldType.ALPHANUMERIC, 1, 8, 1, Sign.UNSIGNED),
                        tuple("LINE-NO", FieldType.ZONED, 9, 3, 1, Sign.UNSIGNED),
                        // the group's USAGE reaches its children
                        tuple("UNIT-PRICE", FieldType.PACKED, 12, 4, 1, Sign.TRAILING),
                        tuple("LINE-TOTAL", FieldType.PACKED, 16, 5, 1, Sign.TRAILING),
                        tuple("DEPOT_1", FieldType.ALPHANUMERIC, 21, 4, 1, Sign.UNSIGNED),
                        tuple("QTY_1", FieldType.BINARY, 25, 2, 2, Sign.UNSIGNED),
                        tuple("DEPOT_2", FieldType.ALPHANUMERIC, 29, 4, 1, Sign.UNSIGNED),
                        tuple("QTY_2", FieldType.BINARY, 33, 2, 2, Sign.UNSIGNED),
                        tuple("WEIGHT-KG", FieldType.ZONED, 37, 6, 1, Sign.LEADING_SEPARATE));
        assertThat(line.valueNames()).containsExactly("REC-TYPE", "ORDER-ID", "LINE-NO", "UNIT-PRICE",
                "LINE-TOTAL", "DEPOT_1", "QTY_1_1", "QTY_1_2", "DEPOT_2", "QTY_2_1", "QTY_2_2", "WEIGHT-KG");
        assertThat(line.length()).isEqualTo(43);
    }

    @Test
    void pictureForms() {
        RecordLayout layout = CopybookParser.parse(cobol(
                "01  R.",
                "    05  A   PIC XXX.",
                "    05  B   PICTURE IS 999V99.",
                "    05  C   PIC A(4).",
                "    05  D   PIC S9(3)V9(2) USAGE COMP.",
                "    05  E   PIC 9(10) COMPUTATIONAL.",
                "    05  F   PIC S9(18) BINARY.",
                "    05  G   PIC 9(31) COMP-3.",
                "    05  H   PIC X(2)9(2).",
                "    05      PIC X(3).",
                "    05  I   PIC 9 VALUE 0 COMP-3 VALUE 1."), StandardCharsets.US_ASCII);
        assertThat(layout.fields())
                .extracting(FieldSpec::name, FieldSpec::type, FieldSpec::length, FieldSpec::digits, FieldSpec::scale)
                .containsExactly(
                        tuple("A", FieldType.ALPHANUMERIC, 3, 0, 0),
                        tuple("B", FieldType.ZONED, 5, 5, 2),
                        tuple("C", FieldType.ALPHANUMERIC, 4, 0, 0),
                        tuple("D", FieldType.BINARY, 4, 5, 2),
                        tuple("E", FieldType.BINARY, 8, 10, 0),
                        tuple("F", FieldType.BINARY, 8, 18, 0),
                        tuple("G", FieldType.PACKED, 16, 31, 0),
                        tuple("H", FieldType.ALPHANUMERIC, 4, 0, 0),
                        tuple("FILLER", FieldType.ALPHANUMERIC, 3, 0, 0),
                        tuple("I", FieldType.PACKED, 1, 1, 0));
    }

    @Test
    void level77IsAnElementaryRecordOfItsOwn() {
        RecordLayout layout = CopybookParser.parse(cobol("77  COUNTER  PIC S9(5) COMP-3."), IBM037);
        assertThat(layout.name()).isEqualTo("COUNTER");
        assertThat(layout.fields()).singleElement().extracting(FieldSpec::type).isEqualTo(FieldType.PACKED);
    }

    @Test
    void sequenceAreaIdentificationAreaAndCommentsAreIgnored() {
        String source = String.join("\n",
                "ABCDEF 01  R.                                                           ID-AREA X",
                "      *    05 NOT-A-FIELD PIC X.",
                "      /",
                "",
                "       05  A  PIC X(2).                                                 05 B PIC X.",
                "      ");
        RecordLayout layout = CopybookParser.parse(source, IBM037);
        assertThat(layout.valueNames()).containsExactly("A");
        assertThat(layout.length()).isEqualTo(2);
    }

    @Test
    void groupOccursNestsSuffixesOuterFirst() {
        RecordLayout layout = CopybookParser.parse(cobol(
                "01  R.",
                "    05  YEAR OCCURS 2 TIMES.",
                "        10  MONTH OCCURS 2 TIMES.",
                "            15  AMT  PIC 9(3).",
                "            15  FILLER PIC X."), IBM037);
        assertThat(layout.valueNames()).containsExactly("AMT_1_1", "AMT_1_2", "AMT_2_1", "AMT_2_2");
        assertThat(layout.length()).isEqualTo(16);
    }

    @Test
    void nestedGroupsAtAnyLevelNumbers() {
        RecordLayout layout = CopybookParser.parse(cobol(
                "1 R.",
                "  3 G1.",
                "    7 A PIC X.",
                "    7 G2.",
                "      9 B PIC X.",
                "  3 C PIC X."), IBM037);
        assertThat(layout.valueNames()).containsExactly("A", "B", "C");
    }

    @Test
    void groupSignClauseReachesSignedDisplayChildren() {
        RecordLayout layout = CopybookParser.parse(cobol(
                "01  R SIGN IS TRAILING SEPARATE.",
                "    05  A  PIC S9(3).",
                "    05  B  PIC 9(3).",
                "    05  C  PIC S9(3) SIGN LEADING."), IBM037);
        assertThat(layout.fields()).extracting(FieldSpec::sign)
                .containsExactly(Sign.TRAILING_SEPARATE, Sign.UNSIGNED, Sign.LEADING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "redefines | 05 B REDEFINES A PIC 9(3). | 3 | REDEFINES is not supported (B REDEFINES A)",
            "occurs depending | 05 B PIC X OCCURS 5 TIMES DEPENDING ON A. | 3 | OCCURS DEPENDING ON is not supported",
            "occurs to | 05 B PIC X OCCURS 1 TO 5 TIMES DEPENDING ON A. | 3 | a variable count) is not supported",
            "renames | 66 B RENAMES A. | 3 | level 66 (RENAMES) is not supported",
            "edited Z | 05 B PIC ZZ9. | 3 | PICTURE ZZ9: symbol 'Z' is not supported",
            "edited point | 05 B PIC 9(5).99. | 3 | PICTURE 9(5).99: symbol '.' is not supported",
            "edited currency | 05 B PIC $999. | 3 | symbol '$' is not supported",
            "edited sign | 05 B PIC -999. | 3 | symbol '-' is not supported",
            "scaling P | 05 B PIC 99PPP. | 3 | scaling position P is not supported",
            "S not first | 05 B PIC 9S9. | 3 | S must come once, first",
            "two V | 05 B PIC 9V9V9. | 3 | V may appear once",
            "S on text | 05 B PIC SX(3). | 3 | an alphanumeric picture cannot have S or V",
            "no digit | 05 B PIC SV. | 3 | a numeric picture needs at least one 9",
            "bad count | 05 B PIC X(0). | 3 | '(0)' is not a repeat count",
            "unclosed count | 05 B PIC X(3. | 3 | unclosed '('",
            "too many digits | 05 B PIC 9(32). | 3 | 32 digits are more than the 31 supported",
            "binary too long | 05 B PIC 9(19) COMP. | 3 | a binary item has at most 18 digits, not 19",
            "COMP-1 | 05 B COMP-1. | 3 | USAGE COMP-1 is not supported",
            "COMP-2 | 05 B USAGE IS COMP-2. | 3 | USAGE COMP-2 is not supported",
            "COMP-5 | 05 B PIC S9(4) COMP-5. | 3 | USAGE COMP-5 is not supported",
            "INDEX | 05 B USAGE INDEX. | 3 | USAGE INDEX is not supported",
            "POINTER | 05 B USAGE POINTER. | 3 | USAGE POINTER is not supported",
            "NATIONAL | 05 B PIC N(3) USAGE NATIONAL. | 3 | PICTURE N(3): symbol 'N' is not supported",
            "not a usage | 05 B PIC X USAGE SOMETHING. | 3 | 'SOMETHING' is not a USAGE",
            "JUSTIFIED | 05 B PIC X(3) JUSTIFIED RIGHT. | 3 | the JUSTIFIED clause is not supported",
            "SYNC | 05 B PIC S9(4) COMP SYNC. | 3 | the SYNC clause is not supported",
            "BLANK WHEN ZERO | 05 B PIC 9(3) BLANK WHEN ZERO. | 3 | the BLANK clause is not supported",
            "unknown word | 05 B PIC X FOO. | 3 | unexpected 'FOO' in the entry of B",
            "bad level | 50 B PIC X. | 3 | level number 50 is not 01-49, 66, 77 or 88",
            "not a level | B PIC X. | 3 | expected a level number, found 'B'",
            "bad name | 05 -B PIC X. | 3 | '-B' is not a valid data name",
            "sign on unsigned | 05 B PIC 9(3) SIGN LEADING. | 3 | SIGN clause needs a signed PICTURE (S)",
            "sign on packed | 05 B PIC S9(3) COMP-3 SIGN LEADING. | 3 | SIGN clause applies only to USAGE DISPLAY",
            "sign on text | 05 B PIC X SIGN LEADING. | 3 | SIGN clause on a non-numeric item",
            "sign without position | 05 B PIC S9 SIGN IS SEPARATE. | 3 | SIGN needs LEADING or TRAILING",
            "packed text | 05 B PIC X(3) COMP-3. | 3 | USAGE PACKED needs a numeric PICTURE",
            "no picture | 05 B. | 3 | B has neither a PICTURE nor subordinate items",
            "two pictures | 05 B PIC X PIC 9. | 3 | B has two PICTURE clauses",
            "occurs without count | 05 B PIC X OCCURS TIMES. | 3 | OCCURS needs a count",
            "occurs zero | 05 B PIC X OCCURS 0 TIMES. | 3 | OCCURS count must be at least 1",
            "picture without string | 05 B PIC. | 3 | PICTURE without a picture string",
            "duplicate name | 05 A PIC X. | 3 | name A is already used at line 2 (qualified names, OF / IN, are not supported)",
    })
    void rejectsUnsupportedConstructsNamingTheLine(String what, String entry, int line, String message) {
        String source = cobol("01  R.", "    05  A  PIC X(3).", "    " + entry);
        assertThatThrownBy(() -> CopybookParser.parse(source, IBM037))
                .as(what)
                .isInstanceOf(LayoutException.class)
                .hasMessageStartingWith("line " + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((LayoutException) e).line()).isEqualTo(line));
    }

    @Test
    void rejectsStructuralMistakes() {
        assertLine(cobol("01 R.", "   05 A PIC X.", "      10 B PIC X."), 3,
                "A (line 2) has a PICTURE, so it cannot have subordinate items");
        assertLine(cobol("01 R.", "   05 G.", "      10 A PIC X.", "      07 B PIC X."), 4,
                "level 7 of B does not match level 10 of the items before it in G");
        assertLine(cobol("   05 A PIC X."), 1, "level 5 item A comes before any 01 record");
        assertLine(cobol("77 A PIC X.", "   05 B PIC X."), 2,
                "level-77 item A (line 1) cannot have subordinate items");
        assertLine(cobol("01 R OCCURS 2.", "   05 A PIC X."), 1, "a level-1 item cannot have OCCURS");
        assertLine(cobol("01 R.", "   05 A PIC X", "   05 B PIC X."), 3,
                "'05' looks like a level number: is the period missing at the end of the entry of A (line 2)?");
        assertLine(cobol("01 R.", "   05 A PIC X"), 2, "the entry does not end with a period");
        assertLine(cobol("01 R.", "   ."), 2, "a period with no entry before it");
        assertLine(cobol("01 R.", "   05 A PIC S9(3) COMP-3.", "   05 G COMP-3.", "      10 B PIC X(2) COMP."),
                4, "USAGE BINARY of B contradicts its group's USAGE PACKED");
    }

    @Test
    void rejectsSourceThatIsNotFixedFormat() {
        assertLine("01 CUSTOMER-RECORD.\n", 1, "unexpected 'T' in the indicator column 7");
        assertLine("000100 01 R.\n000200\t05 A PIC X.\n", 2, "tab character");
        assertLine("000100 01 R.\n000200D    05 A PIC X.\n", 2, "debugging lines ('D' in column 7) are not supported");
        assertThatThrownBy(() -> CopybookParser.parse("      * only a comment\n", IBM037))
                .isInstanceOf(LayoutException.class)
                .hasMessageStartingWith("the copybook has no 01 or 77 entry");
    }

    @Test
    void rejectsBrokenLiteralsAndContinuations() {
        assertLine(cobol("01 R.", "   05 A PIC X VALUE 'OPEN", "   05 B PIC X."), 2, "literal is not closed");
        assertLine("000100 01 R.\n000200     05 A PIC X VALUE 'OPEN\n000300-    NOQUOTE'.\n", 3,
                "a continued literal must go on after a quote");
        assertLine("000100 01 R.\n000200-    PIC X.\n", 2, "continuation line with no word or literal to continue");
        assertLine("000100 01 R.\n000200-      \n", 2, "empty continuation line");
    }

    @Test
    void literalsMayHoldPeriodsQuotesAndHexPrefixes() {
        RecordLayout layout = CopybookParser.parse(cobol(
                "01  R.",
                "    05  A  PIC X(4) VALUE 'A. B'.",
                "    05  B  PIC X(4) VALUE \"IT'S\".",
                "    05  C  PIC X(4) VALUE 'DON''T.'.",
                "    05  D  PIC X VALUE X'C1'.",
                "    05  E  PIC X VALUE SPACES.",
                "    05  F  PIC S9(3)V9 VALUE -12.5.",
                "    05  G  PIC X.",
                "        88  G-YES  VALUES ARE 'Y' 'J' THRU 'K'.",
                "        88  G-NO   VALUE 'N'."), IBM037);
        assertThat(layout.valueNames()).containsExactly("A", "B", "C", "D", "E", "F", "G");
    }

    private static void assertLine(String source, int line, String message) {
        assertThatThrownBy(() -> CopybookParser.parse(source, IBM037))
                .isInstanceOf(LayoutException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((LayoutException) e).line()).isEqualTo(line));
    }
}
