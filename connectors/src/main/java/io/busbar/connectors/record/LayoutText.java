package io.busbar.connectors.record;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text form of a layout that a connector's configuration carries: one field per line (or entries separated by
 * ';'), in record order, each {@code name:type:length[:scale][:option...]}. Blank lines and lines starting with '#'
 * are ignored; spaces around parts are ignored.
 *
 * <pre>
 * CUST-ID : zoned  : 8
 * NAME    : alpha  : 30
 * BALANCE : packed : 5 : 2 : signed
 * OPENED  : date   : 8 : pattern=yyyyMMdd
 * FILLER  : alpha  : 4
 * </pre>
 *
 * Types: {@code alpha} (or {@code x}), {@code zoned} (or {@code 9}), {@code packed} (or {@code comp-3}),
 * {@code binary} (or {@code comp}), {@code date}. The length is in bytes; digits follow from it (zoned: the length,
 * less a separate sign; packed: 2 x length - 1; binary: 4, 9 or 18 for 2, 4 or 8 bytes) unless {@code digits=N}
 * says otherwise. Options: {@code signed} (a zoned field then signs its last digit), {@code sign=trailing|leading|
 * trailing-separate|leading-separate} (zoned), {@code digits=N} (packed, binary), {@code occurs=N},
 * {@code pattern=P} (date, default {@code yyyyMMdd}; may not contain ':' or ';'), {@code optional}.
 */
public final class LayoutText {

    private LayoutText() {
    }

    public static RecordLayout parse(String name, Charset charset, String text) {
        List<FieldSpec> fields = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String entry : lines[i].split(";")) {
                String trimmed = entry.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    fields.add(field(i + 1, trimmed));
                }
            }
        }
        if (fields.isEmpty()) {
            throw new LayoutException(name + ": the layout text declares no field");
        }
        return RecordLayout.of(name, charset, fields);
    }

    /** The text form of a layout, one field per line; {@link #parse} gives the layout back. */
    public static String format(RecordLayout layout) {
        return layout.fields().stream().map(LayoutText::format).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String format(FieldSpec f) {
        StringBuilder s = new StringBuilder(f.name()).append(':');
        s.append(switch (f.type()) {
            case ALPHANUMERIC -> "alpha";
            case ZONED -> "zoned";
            case PACKED -> "packed";
            case BINARY -> "binary";
            case DATE -> "date";
        }).append(':').append(f.length());
        if (f.scale() > 0) {
            s.append(':').append(f.scale());
        }
        if (f.type() == FieldType.ZONED && f.isSigned()) {
            s.append(":sign=").append(f.sign().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        } else if (f.isSigned()) {
            s.append(":signed");
        }
        if (f.type() == FieldType.PACKED && f.digits() != 2 * f.length() - 1
                || f.type() == FieldType.BINARY && f.digits() != FieldSpec.binaryDigits(f.length())) {
            s.append(":digits=").append(f.digits());
        }
        if (f.type() == FieldType.DATE) {
            s.append(":pattern=").append(f.pattern());
        }
        if (f.occurs() > 1) {
            s.append(":occurs=").append(f.occurs());
        }
        if (f.optional()) {
            s.append(":optional");
        }
        return s.toString();
    }

    private static FieldSpec field(int line, String entry) {
        String[] parts = entry.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        if (parts.length < 3) {
            throw error(line, entry, "expected name:type:length[:scale][:option...]");
        }
        String name = parts[0];
        String type = parts[1].toLowerCase(Locale.ROOT);
        int length = number(line, entry, "length", parts[2]);
        int next = 3;
        int scale = 0;
        if (parts.length > 3 && !parts[3].isEmpty() && parts[3].chars().allMatch(Character::isDigit)) {
            scale = number(line, entry, "scale", parts[3]);
            next = 4;
        }
        Sign sign = Sign.UNSIGNED;
        Integer digits = null;
        int occurs = 1;
        String pattern = null;
        boolean optional = false;
        for (int i = next; i < parts.length; i++) {
            String option = parts[i];
            int eq = option.indexOf('=');
            String key = (eq < 0 ? option : option.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : option.substring(eq + 1).strip();
            switch (key) {
                case "signed" -> sign = Sign.TRAILING;
                case "sign" -> sign = sign(line, entry, value);
                case "digits" -> digits = number(line, entry, "digits", value);
                case "occurs" -> occurs = number(line, entry, "occurs", value);
                case "pattern" -> {
                    if (value == null || value.isEmpty()) {
                        throw error(line, entry, "pattern= needs a date pattern");
                    }
                    pattern = value;
                }
                case "optional" -> optional = true;
                default -> throw error(line, entry, "unknown option '" + option
                        + "' (expected signed, sign=, digits=, occurs=, pattern= or optional)");
            }
        }
        FieldType fieldType = switch (type) {
            case "alpha", "alphanumeric", "x" -> FieldType.ALPHANUMERIC;
            case "zoned", "display", "9" -> FieldType.ZONED;
            case "packed", "comp-3" -> FieldType.PACKED;
            case "binary", "comp" -> FieldType.BINARY;
            case "date" -> FieldType.DATE;
            default -> throw error(line, entry,
                    "unknown type '" + parts[1] + "' (expected alpha, zoned, packed, binary or date)");
        };
        if (fieldType == FieldType.ZONED && digits != null) {
            throw error(line, entry, "a zoned field's digits are its length; digits= is for packed and binary");
        }
        if (fieldType.isBinary() && sign.isSigned() && sign != Sign.TRAILING) {
            throw error(line, entry, "sign= positions are for zoned fields; use signed");
        }
        if (fieldType != FieldType.DATE && pattern != null) {
            throw error(line, entry, "pattern= is for date fields");
        }
        int fieldDigits = switch (fieldType) {
            case ZONED -> length - (sign.isSeparate() ? 1 : 0);
            case PACKED -> digits != null ? digits : 2 * length - 1;
            case BINARY -> digits != null ? digits : FieldSpec.binaryDigits(length);
            default -> 0;
        };
        if (fieldType == FieldType.DATE && pattern == null) {
            pattern = "yyyyMMdd";
        }
        try {
            return new FieldSpec(name, fieldType, FieldSpec.NEXT, length, fieldDigits, scale, sign, occurs, pattern,
                    optional);
        } catch (LayoutException e) {
            throw error(line, entry, e.getMessage());
        }
    }

    private static Sign sign(int line, String entry, String value) {
        if (value == null) {
            throw error(line, entry, "sign= needs a value");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "trailing" -> Sign.TRAILING;
            case "leading" -> Sign.LEADING;
            case "trailing-separate" -> Sign.TRAILING_SEPARATE;
            case "leading-separate" -> Sign.LEADING_SEPARATE;
            case "none", "unsigned" -> Sign.UNSIGNED;
            default -> throw error(line, entry, "unknown sign '" + value
                    + "' (expected trailing, leading, trailing-separate or leading-separate)");
        };
    }

    private static int number(int line, String entry, String what, String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 6) {
            throw error(line, entry, what + " must be a whole number, not '" + (text == null ? "" : text) + "'");
        }
        return Integer.parseInt(text);
    }

    private static LayoutException error(int line, String entry, String message) {
        return new LayoutException(line, "'" + entry + "': " + message);
    }
}
