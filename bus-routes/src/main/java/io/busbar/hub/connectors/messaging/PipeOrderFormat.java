package io.busbar.hub.connectors.messaging;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.busbar.hub.bus.InvalidMessageException;

/**
 * The pipe-delimited order legacy messaging clients send (an AS/400-era feed): a header record and one record per line,
 *
 * <pre>
 * ORD|&lt;customer reference&gt;|&lt;customer id&gt;|&lt;currency&gt;
 * LIN|&lt;sku&gt;|&lt;quantity&gt;|&lt;unit price&gt;|&lt;description&gt;
 * </pre>
 *
 * read with Commons CSV (delimiter {@code |}) and turned into the canonical order submission (as the JSON the
 * {@code order.intake.json.v1} entry point takes; the canonical schema checks it there). A record that does not fit is
 * refused with its record number and field.
 */
final class PipeOrderFormat {

    private static final CSVFormat PIPES = CSVFormat.DEFAULT.builder().setDelimiter('|').setQuote(null)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private PipeOrderFormat() {
    }

    static Map<String, Object> toCanonical(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("empty legacy order");
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), PIPES)) {
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new InvalidMessageException("not a pipe-delimited legacy order: " + e.getMessage(), e);
        }
        CSVRecord header = records.get(0);
        if (!"ORD".equals(header.get(0)) || header.size() != 4) {
            throw new InvalidMessageException("record 1: expected ORD|reference|customer|currency, found " + header.size()
                    + " field(s) starting with '" + header.get(0) + "'");
        }
        String currency = field(header, 3, "currency");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            long number = record.getRecordNumber();
            if (!"LIN".equals(record.get(0)) || record.size() != 5) {
                throw new InvalidMessageException("record " + number + ": expected LIN|sku|quantity|price|description");
            }
            lines.add(Map.of("sku", field(record, 1, "sku"), "quantity", quantity(record), "unitPrice",
                    Map.of("amount", price(record).toPlainString(), "currency", currency), "description",
                    field(record, 4, "description")));
        }
        if (lines.isEmpty()) {
            throw new InvalidMessageException("record 2: an order needs at least one LIN record");
        }
        return Map.of("customerReference", field(header, 1, "reference"), "customerId", field(header, 2, "customer"),
                "lines", lines);
    }

    private static String field(CSVRecord record, int index, String name) {
        String value = record.get(index);
        if (value.isEmpty()) {
            throw new InvalidMessageException("record " + record.getRecordNumber() + ", field " + name + ": empty");
        }
        return value;
    }

    private static int quantity(CSVRecord record) {
        String text = field(record, 2, "quantity");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(
                    "record " + record.getRecordNumber() + ", field quantity: '" + text + "' is not a whole number");
        }
    }

    private static BigDecimal price(CSVRecord record) {
        String text = field(record, 3, "price");
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(
                    "record " + record.getRecordNumber() + ", field price: '" + text + "' is not a decimal number");
        }
    }
}
