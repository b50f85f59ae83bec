package io.busbar.connectors.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import io.busbar.connectors.record.codec.CodecException;
import io.busbar.connectors.record.codec.Decimals;

/**
 * CSV with a header row. Cells are converted by the layout's field types and checked against its lengths, digits
 * and scales. A CSV syntax error (e.g. an unclosed quote) ends the file with one bad record, since where the next
 * record starts can no longer be known; so does a record over {@link CsvLimits#maxRecordChars()}, which is never read
 * into memory whole. A field over {@link CsvLimits#maxFieldChars()} makes its record bad.
 */
final class CsvRecordReader extends AbstractRecordReader {

    /** A layout value and the column it is read from; index -1 for an optional field the CSV does not have. */
    private record Column(String valueName, FieldSpec field, int index, DateTimeFormatter dateFormat) {
    }

    private static final int RAW_SHOWN = 200;

    private final CSVParser parser;
    private final BoundedReader bounded;
    private final CsvLimits limits;
    private final Iterator<CSVRecord> records;
    private final int headerSize;
    private final List<Column> columns = new ArrayList<>();

    CsvRecordReader(RecordLayout layout, InputStream in, CSVFormat format, CsvLimits limits) {
        super(in);
        CSVFormat withHeader = headerFormat(format);
        this.limits = limits;
        // undecodable bytes become U+FFFD and are reported per cell, so one bad byte costs one record
        this.bounded = new BoundedReader(new InputStreamReader(in, layout.charset()), limits.maxRecordChars());
        try {
            this.parser = CSVParser.parse(bounded, withHeader);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new RecordFormatException("cannot read the CSV header: " + e.getMessage());
        }
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new RecordFormatException("the CSV has no header row");
        }
        this.headerSize = header.size();
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer clash = indexes.put(header.get(i).strip(), i);
            if (clash != null && !header.get(i).isBlank()) {
                indexes.put(header.get(i).strip(), -1);
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (FieldSpec field : layout.fields()) {
            if (field.isFiller()) {
                continue;
            }
            DateTimeFormatter dateFormat = field.type() == FieldType.DATE ? Dates.formatter(field.pattern()) : null;
            for (String name : field.valueNames()) {
                Integer index = indexes.get(name);
                if (index == null && field.optional()) {
                    columns.add(new Column(name, field, -1, dateFormat));
                } else if (index == null) {
                    missing.add(name);
                } else if (index < 0) {
                    ambiguous.add(name);
                } else {
                    columns.add(new Column(name, field, index, dateFormat));
                }
            }
        }
        if (!missing.isEmpty() || !ambiguous.isEmpty()) {
            throw new RecordFormatException("the CSV header " + header + " does not fit layout " + layout.name()
                    + (missing.isEmpty() ? "" : ": required columns missing " + missing)
                    + (ambiguous.isEmpty() ? "" : ": columns appearing more than once " + ambiguous));
        }
        this.records = parser.iterator();
        bounded.recordEnded();
    }

    /** The format with "first row is the header"; names are checked here, not by commons-csv. */
    static CSVFormat headerFormat(CSVFormat format) {
        return format.builder()
                .setHeader()
                .setSkipHeaderRecord(false)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
    }

    @Override
    protected RecordOutcome readNext(long number) {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
            bounded.recordEnded();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BoundedReader.RecordTooLong tooLong) {
                finish();
                return RecordOutcome.invalid(number, List.of(FieldError.ofRecord(
                        tooLong.getMessage() + " (max-csv-record-chars), reading stops here", null)));
            }
            if (!(e.getCause() instanceof CSVException)) {
                throw e;
            }
            finish();
            return RecordOutcome.invalid(number, List.of(FieldError.ofRecord(
                    "malformed CSV, reading stops here: " + e.getCause().getMessage(), null)));
        }
        long chars = 0;
        for (String value : record.values()) {
            chars += value.length();
        }
        if (chars > limits.maxRecordChars()) {
            return RecordOutcome.invalid(number, List.of(FieldError.ofRecord("a record longer than "
                    + limits.maxRecordChars() + " characters (max-csv-record-chars)",
                    shown(String.join(",",
                            record.values())))));
        }
        if (record.size() != headerSize) {
            return RecordOutcome.invalid(number, List.of(FieldError.ofRecord(
                    "record has " + record.size() + " columns, the header has " + headerSize,
                    shown(String.join(",", record.values())))));
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = null;
        for (Column column : columns) {
            if (column.index() < 0) {
                values.put(column.valueName(), null);
                continue;
            }
            String cell = record.get(column.index());
            if (cell.length() > limits.maxFieldChars()) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(new FieldError(column.valueName(), "a field longer than " + limits.maxFieldChars()
                        + " characters (max-csv-field-chars)", shown(cell)));
                continue;
            }
            try {
                values.put(column.valueName(), convert(column.field(), column.dateFormat(), cell));
            } catch (CodecException e) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(new FieldError(column.valueName(), e.getMessage(), cell));
            }
        }
        return errors == null ? RecordOutcome.valid(number, values) : RecordOutcome.invalid(number, errors);
    }

    /** The start of an oversized raw value: enough to find it, not the whole of it in the report. */
    private static String shown(String raw) {
        return raw.length() <= RAW_SHOWN ? raw : raw.substring(0, RAW_SHOWN) + "… (" + raw.length() + " characters)";
    }

    /** A cell's value by the same rules as a fixed-length field's (see {@link RecordDecoder}). */
    static Object convert(FieldSpec field, DateTimeFormatter dateFormat, String cell) {
        if (cell.indexOf('\uFFFD') >= 0) {
            throw new CodecException("bytes that are not valid text in the file's charset");
        }
        if (cell.isBlank()) {
            if (field.optional()) {
                return null;
            }
            if (field.type() != FieldType.ALPHANUMERIC) {
                throw new CodecException("empty value for a required field");
            }
        }
        return switch (field.type()) {
            case ALPHANUMERIC -> {
                int length = cell.codePointCount(0, cell.length());
                if (length > field.length()) {
                    throw new CodecException(length + " characters do not fit the field's " + field.length());
                }
                yield cell;
            }
            case ZONED, PACKED, BINARY -> Decimals.fit(Decimals.parse(cell), field.digits(), field.scale(),
                    field.isSigned());
            case DATE -> Dates.parse(cell, dateFormat, field.pattern());
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            super.close();
        }
    }
}
