package io.busbar.connectors.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.busbar.connectors.record.codec.BinaryNumber;
import io.busbar.connectors.record.codec.CharsetBytes;
import io.busbar.connectors.record.codec.CodecException;
import io.busbar.connectors.record.codec.Hex;
import io.busbar.connectors.record.codec.PackedDecimal;
import io.busbar.connectors.record.codec.ZonedDecimal;

/**
 * Turns the bytes of one fixed-length record into its values, or into the list of all its bad fields.
 * <p>
 * Values: alphanumeric fields become String (trailing spaces trimmed); numeric fields (zoned, packed, binary)
 * become BigDecimal whose scale is the field's scale, also when it is 0; dates become LocalDate. An optional field
 * that is all spaces becomes null.
 * <p>
 * Not thread-safe (it reuses a charset decoder): use one per reader or thread.
 */
public final class RecordDecoder {

    private final RecordLayout layout;
    private final CharsetBytes charsetBytes;
    private final CharsetDecoder textDecoder;
    private final DateTimeFormatter[] dateFormats;

    public RecordDecoder(RecordLayout layout) {
        this.layout = layout;
        this.charsetBytes = layout.charsetBytes();
        this.textDecoder = layout.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<FieldSpec> fields = layout.fields();
        this.dateFormats = new DateTimeFormatter[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() == FieldType.DATE) {
                dateFormats[i] = Dates.formatter(fields.get(i).pattern());
            }
        }
    }

    public RecordLayout layout() {
        return layout;
    }

    /** Decodes a whole record; a record of the wrong length is reported as one record-level error. */
    public RecordOutcome decode(byte[] record, long recordNumber) {
        if (record.length != layout.length()) {
            return RecordOutcome.invalid(recordNumber, List.of(FieldError.ofRecord("record is " + record.length
                    + " bytes, layout " + layout.name() + " has " + layout.length(), raw(record, 0, record.length))));
        }
        return decode(record, 0, recordNumber);
    }

    /** Decodes the record of {@link RecordLayout#length()} bytes starting at {@code offset}. */
    public RecordOutcome decode(byte[] buffer, int offset, long recordNumber) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(layout.valueNames().size() * 4 / 3 + 1);
        List<FieldError> errors = null;
        List<FieldSpec> fields = layout.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec field = fields.get(i);
            if (field.isFiller()) {
                continue;
            }
            List<String> names = field.valueNames();
            for (int n = 0; n < field.occurs(); n++) {
                int at = offset + field.offset() + n * field.length();
                try {
                    values.put(names.get(n), decodeField(field, dateFormats[i], buffer, at));
                } catch (CodecException e) {
                    if (errors == null) {
                        errors = new ArrayList<>();
                    }
                    errors.add(new FieldError(names.get(n), e.getMessage(), raw(field, buffer, at)));
                }
            }
        }
        return errors == null ? RecordOutcome.valid(recordNumber, values) : RecordOutcome.invalid(recordNumber, errors);
    }

    private Object decodeField(FieldSpec f, DateTimeFormatter dateFormat, byte[] b, int at) {
        // all spaces is a valid binary number, so binary fields are never blank
        if (f.type() != FieldType.ALPHANUMERIC && f.type() != FieldType.BINARY || f.optional()) {
            if (charsetBytes.isBlank(b, at, f.length())) {
                if (f.optional()) {
                    return null;
                }
                // spaces where a number or date belongs are common enough to deserve their own words
                throw new CodecException("blank (all spaces) in a required field");
            }
        }
        return switch (f.type()) {
            case ALPHANUMERIC -> stripTrailingSpaces(text(b, at, f.length()));
            case ZONED -> ZonedDecimal.decode(b, at, f.length(), f.digits(), f.scale(), f.sign(), charsetBytes);
            case PACKED -> PackedDecimal.decode(b, at, f.length(), f.digits(), f.scale(), f.isSigned());
            case BINARY -> BinaryNumber.decode(b, at, f.length(), f.scale(), f.isSigned());
            case DATE -> Dates.parse(text(b, at, f.length()), dateFormat, f.pattern());
        };
    }

    private String text(byte[] b, int at, int length) {
        try {
            return textDecoder.reset().decode(ByteBuffer.wrap(b, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("bytes that are not " + layout.charset().name() + " text");
        }
    }

    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private String raw(FieldSpec field, byte[] b, int at) {
        if (field.type().isBinary() || charsetBytes.ebcdic()) {
            return Hex.of(b, at, field.length());
        }
        return new String(b, at, field.length(), layout.charset());
    }

    /** Raw data of a whole (possibly partial) record, cut to {@link FieldError#MAX_RAW_BYTES}. */
    String raw(byte[] b, int at, int length) {
        int shown = Math.min(length, FieldError.MAX_RAW_BYTES);
        String cut = shown < length ? "..." : "";
        if (charsetBytes.ebcdic() || layout.firstBinaryField().isPresent()) {
            return Hex.of(b, at, shown) + cut;
        }
        return new String(b, at, shown, layout.charset()) + cut;
    }
}
