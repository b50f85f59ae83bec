package io.busbar.connectors.record;

import static io.busbar.connectors.record.Fixtures.IBM037;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.busbar.connectors.record.codec.Hex;

class FixedLengthWriterTest {

    @Test
    void writesEbcdicRecordsThatReadBack() {
        RecordLayout layout = Fixtures.customer(IBM037);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedLengthWriter writer = FixedLengthWriter.fixedLength(layout, out)) {
            writer.write(customer(1, "-1234.56"));
            Map<String, Object> overflow = customer(2, "12345678.00");
            assertThatThrownBy(() -> writer.write(overflow))
                    .isInstanceOf(RecordEncodingException.class)
                    .satisfies(e -> assertThat(((RecordEncodingException) e).errors()).singleElement()
                            .extracting(FieldError::field).isEqualTo("BALANCE"));
            writer.write(customer(3, "0.01"));
            assertThat(writer.recordsWritten()).isEqualTo(2);
        }
        assertThat(out.size()).isEqualTo(2 * 141);
        // BALANCE S9(7)V99 COMP-3 at offset 44
        assertThat(Hex.of(out.toByteArray(), 44, 5)).isEqualTo("000123456D");

        try (RecordReader reader = RecordReader.fixedLength(layout, new ByteArrayInputStream(out.toByteArray()))) {
            List<RecordOutcome> back = reader.stream().toList();
            assertThat(back).allMatch(RecordOutcome::isValid);
            assertThat(back.get(0).values()).isEqualTo(customer(1, "-1234.56"));
            assertThat(back.get(1).values()).isEqualTo(customer(3, "0.01"));
        }
    }

    @Test
    void writesLinesWithTheChosenLineEnd() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:3; N:zoned:3:signed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedLengthWriter writer = FixedLengthWriter.lines(layout, out, true)) {
            writer.write(Map.of("A", "ab", "N", -5));
            writer.write(Map.of("A", "xyz", "N", 120));
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("ab 00N\r\nxyz12{\r\n");

        ByteArrayOutputStream lf = new ByteArrayOutputStream();
        try (FixedLengthWriter writer = FixedLengthWriter.lines(layout, lf, false)) {
            writer.write(Map.of("A", "ab", "N", 1));
        }
        assertThat(lf.toString(StandardCharsets.US_ASCII)).isEqualTo("ab 00A\n");
    }

    @Test
    void ebcdicLinesEndWithNl() {
        RecordLayout layout = LayoutText.parse("R", IBM037, "A:alpha:2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedLengthWriter writer = FixedLengthWriter.lines(layout, out, false)) {
            writer.write(Map.of("A", "[]"));
        }
        assertThat(Hex.of(out.toByteArray())).isEqualTo("BABB15");
    }

    @Test
    void refusesLinesForLayoutsWithBinaryFields() {
        RecordLayout layout = LayoutText.parse("R", StandardCharsets.US_ASCII, "A:alpha:3; N:binary:2");
        assertThatThrownBy(() -> FixedLengthWriter.lines(layout, new ByteArrayOutputStream(), false))
                .isInstanceOf(LayoutException.class)
                .hasMessageContaining("field N is BINARY");
    }

    static Map<String, Object> customer(int id, String balance) {
        Map<String, Object> values = new HashMap<>();
        values.put("CUST-ID", new BigDecimal(id));
        values.put("LAST-NAME", "DOE [" + id + "]");
        values.put("FIRST-NAME", "JANE");
        values.put("CUST-STATUS", "A");
        values.put("BALANCE", new BigDecimal(balance));
        values.put("CREDIT-LIMIT", new BigDecimal("5000.00"));
        values.put("YTD-PURCHASES", new BigDecimal("-99999999.99"));
        values.put("ORDER-COUNT", new BigDecimal(3));
        values.put("LAST-ORDER-DATE", new BigDecimal(20240101));
        for (int i = 1; i <= 3; i++) {
            values.put("ORDER-NO_" + i, "O" + i);
            values.put("ORDER-AMOUNT_" + i, new BigDecimal(i + ".50"));
        }
        values.put("PHONE_1", "555-0100");
        values.put("PHONE_2", "");
        return values;
    }
}
