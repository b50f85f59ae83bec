package io.busbar.connectors.record;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.busbar.connectors.record.codec.BinaryNumber;
import io.busbar.connectors.record.codec.CharsetBytes;
import io.busbar.connectors.record.codec.CodecException;
import io.busbar.connectors.record.codec.Decimals;
import io.busbar.connectors.record.codec.PackedDecimal;
import io.busbar.connectors.record.codec.ZonedDecimal;

/**
 * Turns a value map into the bytes of one fixed-length record.
 * <p>
 * Keys are the layout's value names ({@link RecordLayout#valueNames()}); other keys are ignored and a missing key
 * is a null value. Null is written as spaces for optional fields and rejected for required ones. Numbers (any
 * {@link Number} or decimal text) must fit the field exactly: more integer digits than the field has (overflow),
 * more decimal places than its scale (never rounded) and negative values of unsigned fields are rejected. Text
 * longer than its field is rejected unless the encoder was made with {@link TextOverflow#TRUNCATE}. Dates are
 * {@link LocalDate}. FILLER is written as spaces.
 * <p>
 * Not thread-safe (it reuses a charset encoder).
 */
public final class RecordEncoder {

    /** What to do with text longer than its alphanumeric field. */
    public enum TextOverflow {
        REJECT,
        /** Keep the characters that fit (never half a multi-byte character). */
        TRUNCATE
    }

    private final RecordLayout layout;
    private final CharsetBytes charsetBytes;
    private final CharsetEncoder textEncoder;
    private final TextOverflow textOverflow;
    private final DateTimeFormatter[] dateFormats;

    public RecordEncoder(RecordLayout layout) {
        this(layout, TextOverflow.REJECT);
    }

    public RecordEncoder(RecordLayout layout, TextOverflow textOverflow) {
        this.layout = layout;
        this.charsetBytes = layout.charsetBytes();
        this.textOverflow = textOverflow;
        this.textEncoder = layout.charset().newEncoder()
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

    /** A new record of {@link RecordLayout#length()} bytes. */
    public byte[] encode(Map<String, ?> values) {
        byte[] record = new byte[layout.length()];
        encode(values, record, 0);
        return record;
    }

    /**
     * Writes the record into {@code out} at {@code offset}.
     *
     * @throws RecordEncodingException listing every field that cannot be written; {@code out} then holds garbage
     */
    public void encode(Map<String, ?> values, byte[] out, int offset) {
        List<FieldError> errors = null;
        List<FieldSpec> fields = layout.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec field = fields.get(i);
            if (field.isFiller()) {
                Arrays.fill(out, offset + field.offset(), offset + field.end(), charsetBytes.space());
                continue;
            }
            List<String> names = field.valueNames();
            for (int n = 0; n < field.occurs(); n++) {
                Object value = values.get(names.get(n));
                try {
                    encodeField(field, dateFormats[i], value, out, offset + field.offset() + n * field.length());
                } catch (CodecException e) {
                    if (errors == null) {
                        errors = new ArrayList<>();
                    }
                    errors.add(new FieldError(names.get(n), e.getMessage(), value == null ? null : value.toString()));
                }
            }
        }
        if (errors != null) {
            throw new RecordEncodingException(layout.name(), errors);
        }
    }

    private void encodeField(FieldSpec f, DateTimeFormatter dateFormat, Object value, byte[] out, int at) {
        if (value == null) {
            if (!f.optional()) {
                throw new CodecException("null for a required field");
            }
            Arrays.fill(out, at, at + f.length(), charsetBytes.space());
            return;
        }
        switch (f.type()) {
            case ALPHANUMERIC -> {
                if (!(value instanceof CharSequence text)) {
                    throw new CodecException("expected text, got " + value.getClass().getSimpleName());
                }
                text(text, f, textOverflow, out, at);
            }
            case ZONED -> ZonedDecimal.encode(decimal(value), out, at, f.length(), f.digits(), f.scale(), f.sign(),
                    charsetBytes);
            case PACKED -> PackedDecimal.encode(decimal(value), out, at, f.length(), f.digits(), f.scale(),
                    f.isSigned());
            case BINARY -> BinaryNumber.encode(decimal(value), out, at, f.length(), f.digits(), f.scale(),
                    f.isSigned());
            case DATE -> {
                if (!(value instanceof LocalDate date)) {
                    throw new CodecException("expected a LocalDate, got " + value.getClass().getSimpleName());
                }
                String text = dateFormat.format(date);
                if (text.length() != f.length()) {
                    throw new CodecException("date " + date + " in pattern " + f.pattern() + " is '" + text
                            + "', not " + f.length() + " characters");
                }
                text(text, f, TextOverflow.REJECT, out, at);
            }
        }
    }

    private static BigDecimal decimal(Object value) {
        return Decimals.toDecimal(value);
    }

    private void text(CharSequence text, FieldSpec f, TextOverflow overflow, byte[] out, int at) {
        ByteBuffer target = ByteBuffer.wrap(out, at, f.length());
        CharBuffer source = CharBuffer.wrap(text);
        textEncoder.reset();
        CoderResult result = textEncoder.encode(source, target, true);
        if (result.isUnmappable() || result.isMalformed()) {
            char bad = source.get(source.position());
            throw new CodecException("character '" + bad + "' (U+" + String.format("%04X", (int) bad)
                    + ") cannot be written in " + layout.charset().name());
        }
        if (result.isOverflow() && overflow == TextOverflow.REJECT) {
            throw new CodecException(text.length() + " characters do not fit the field's " + f.length()
                    + " bytes (text is not truncated)");
        }
        if (!result.isOverflow()) {
            textEncoder.flush(target);
        }
        Arrays.fill(out, target.position(), at + f.length(), charsetBytes.space());
    }
}
