package io.busbar.connectors.record;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.busbar.connectors.record.codec.CharsetBytes;

/**
 * A named record layout: fields in record order, back to back, in one charset. Immutable and safe to share.
 * <p>
 * Fields placed at {@link FieldSpec#NEXT} follow the previous field; a field with an explicit offset must start
 * exactly where the previous one ends, so a layout has neither overlaps nor gaps: unused bytes are declared as
 * FILLER. The record length is the sum of the fields' lengths.
 */
public final class RecordLayout {

    private final String name;
    private final Charset charset;
    private final CharsetBytes charsetBytes;
    private final List<FieldSpec> fields;
    private final Map<String, FieldSpec> byName;
    private final List<String> valueNames;
    private final int length;

    private RecordLayout(String name, Charset charset, List<FieldSpec> declared) {
        if (name == null || name.isBlank()) {
            throw new LayoutException("a layout needs a name");
        }
        if (declared.isEmpty()) {
            throw new LayoutException(name + ": a layout needs at least one field");
        }
        this.name = name;
        this.charset = charset;
        try {
            this.charsetBytes = CharsetBytes.of(charset);
        } catch (IllegalArgumentException e) {
            throw new LayoutException(name + ": " + e.getMessage());
        }
        List<FieldSpec> placed = new ArrayList<>(declared.size());
        Map<String, FieldSpec> names = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        List<String> values = new ArrayList<>();
        int end = 0;
        FieldSpec previous = null;
        for (FieldSpec field : declared) {
            if (field.offset() != FieldSpec.NEXT && field.offset() != end) {
                String after = previous == null ? "the start of the record" : previous.name() + " (ends at " + end + ")";
                throw new LayoutException(name + ": field " + field.name() + " at offset " + field.offset()
                        + (field.offset() < end ? " overlaps " : " leaves a gap after ") + after
                        + (field.offset() < end ? "" : "; declare the gap as FILLER"));
            }
            FieldSpec at = field.at(end);
            placed.add(at);
            if (!at.isFiller()) {
                if (names.put(at.name(), at) != null) {
                    throw new LayoutException(name + ": duplicate field name " + at.name());
                }
                for (String valueName : at.valueNames()) {
                    String clash = owners.put(valueName, at.name());
                    if (clash != null) {
                        throw new LayoutException(name + ": value name " + valueName + " of field " + at.name()
                                + " clashes with field " + clash);
                    }
                    values.add(valueName);
                }
            }
            end = at.end();
            previous = at;
        }
        this.fields = Collections.unmodifiableList(placed);
        this.byName = Map.copyOf(names);
        this.valueNames = List.copyOf(values);
        this.length = end;
    }

    public static RecordLayout of(String name, Charset charset, List<FieldSpec> fields) {
        return new RecordLayout(name, charset, List.copyOf(fields));
    }

    public static Builder builder(String name, Charset charset) {
        return new Builder(name, charset);
    }

    public String name() {
        return name;
    }

    public Charset charset() {
        return charset;
    }

    /** The charset's digit, space and sign bytes, and whether it is EBCDIC. */
    public CharsetBytes charsetBytes() {
        return charsetBytes;
    }

    /** All fields, FILLER included, with their offsets, in record order. */
    public List<FieldSpec> fields() {
        return fields;
    }

    public Optional<FieldSpec> field(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    /** The keys of a record's value map, in record order: FILLER left out, OCCURS flattened to NAME_1..NAME_n. */
    public List<String> valueNames() {
        return valueNames;
    }

    /** The record length in bytes. */
    public int length() {
        return length;
    }

    /** The first packed or binary field, if any; such a layout cannot be read or written as lines of text. */
    public Optional<FieldSpec> firstBinaryField() {
        return fields.stream().filter(f -> f.type().isBinary()).findFirst();
    }

    @Override
    public String toString() {
        return "RecordLayout[" + name + ", " + charset.name() + ", " + length + " bytes, " + fields.size()
                + " fields]";
    }

    public static final class Builder {
        private final String name;
        private final Charset charset;
        private final List<FieldSpec> fields = new ArrayList<>();

        private Builder(String name, Charset charset) {
            this.name = name;
            this.charset = charset;
        }

        public Builder add(FieldSpec field) {
            fields.add(field);
            return this;
        }

        public RecordLayout build() {
            return RecordLayout.of(name, charset, fields);
        }
    }
}
