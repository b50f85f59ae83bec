package io.busbar.connectors.record;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One field of a {@link RecordLayout}.
 *
 * @param name the field's name; {@code FILLER} (any case) marks bytes that are skipped on read and written as spaces
 * @param type how the bytes represent the value
 * @param offset the 0-based byte offset in the record, or {@link #NEXT} to place it right after the previous field
 * @param length bytes of one occurrence
 * @param digits total decimal digits of a numeric field (its precision, scale included); 0 for other types
 * @param scale implied decimal places of a numeric field (COBOL V)
 * @param sign where a numeric field keeps its sign
 * @param occurs how many times the field repeats back to back (COBOL OCCURS); 1 for a plain field
 * @param pattern the {@link DateTimeFormatter} pattern of a {@link FieldType#DATE} field, else null
 * @param optional whether the field may be blank: all spaces read as null and null writes as spaces
 */
public record FieldSpec(String name, FieldType type, int offset, int length, int digits, int scale, Sign sign,
        int occurs, String pattern, boolean optional) {

    public static final int NEXT = -1;
    /** COBOL's limit (ARITH(EXTEND)) for decimal fields. */
    public static final int MAX_DECIMAL_DIGITS = 31;

    public FieldSpec {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new LayoutException("field name must be non-empty without spaces: '" + name + "'");
        }
        if (type == null || sign == null) {
            throw new LayoutException(name + ": type and sign are required");
        }
        if (offset < NEXT) {
            throw new LayoutException(name + ": negative offset " + offset);
        }
        if (length < 1) {
            throw new LayoutException(name + ": length must be at least 1 byte, not " + length);
        }
        if (occurs < 1) {
            throw new LayoutException(name + ": OCCURS count must be at least 1, not " + occurs);
        }
        if (type == FieldType.BINARY && length != 2 && length != 4 && length != 8) {
            throw new LayoutException(name + ": a binary field is 2, 4 or 8 bytes, not " + length);
        }
        if (type.isNumeric()) {
            if (digits < 1 || digits > MAX_DECIMAL_DIGITS) {
                throw new LayoutException(name + ": a numeric field has 1 to " + MAX_DECIMAL_DIGITS + " digits, not "
                        + digits);
            }
            if (scale < 0 || scale > digits) {
                throw new LayoutException(name + ": scale " + scale + " must be between 0 and the " + digits
                        + " digits");
            }
        } else if (digits != 0 || scale != 0 || sign != Sign.UNSIGNED) {
            throw new LayoutException(name + ": only numeric fields have digits, scale or a sign");
        }
        if ((type == FieldType.DATE) != (pattern != null)) {
            throw new LayoutException(name + ": a date field, and only a date field, has a pattern");
        }
        switch (type) {
            case ZONED -> {
                int expected = digits + (sign.isSeparate() ? 1 : 0);
                if (length != expected) {
                    throw new LayoutException(name + ": a zoned field of " + digits + " digits"
                            + (sign.isSeparate() ? " and a separate sign" : "") + " is " + expected
                            + " bytes, not " + length);
                }
            }
            case PACKED -> {
                if (length != packedLength(digits)) {
                    throw new LayoutException(name + ": a packed field of " + digits + " digits is "
                            + packedLength(digits) + " bytes, not " + length);
                }
            }
            case BINARY -> {
                if (digits > binaryDigits(length)) {
                    throw new LayoutException(name + ": a binary field of " + length + " bytes holds at most "
                            + binaryDigits(length) + " digits, not " + digits);
                }
            }
            case DATE -> {
                try {
                    DateTimeFormatter.ofPattern(pattern);
                } catch (IllegalArgumentException e) {
                    throw new LayoutException(name + ": invalid date pattern '" + pattern + "': " + e.getMessage());
                }
            }
            case ALPHANUMERIC -> {
            }
        }
        if ((type == FieldType.PACKED || type == FieldType.BINARY) && sign != Sign.UNSIGNED
                && sign != Sign.TRAILING) {
            throw new LayoutException(name + ": a " + type + " field is either unsigned or signed (TRAILING)");
        }
        if (optional && type.isBinary()) {
            throw new LayoutException(name + ": a " + type + " field has no blank form, so it cannot be optional");
        }
    }

    /** Text of {@code length} bytes, e.g. PIC X(length). */
    public static FieldSpec alphanumeric(String name, int length) {
        return new FieldSpec(name, FieldType.ALPHANUMERIC, NEXT, length, 0, 0, Sign.UNSIGNED, 1, null, false);
    }

    /** Display numeric of {@code digits} digits, {@code scale} of them decimals, e.g. PIC S9(5)V99. */
    public static FieldSpec zoned(String name, int digits, int scale, Sign sign) {
        return new FieldSpec(name, FieldType.ZONED, NEXT, digits + (sign.isSeparate() ? 1 : 0), digits, scale, sign,
                1, null, false);
    }

    /** Packed decimal (COMP-3) of {@code digits} digits, {@code scale} of them decimals. */
    public static FieldSpec packed(String name, int digits, int scale, boolean signed) {
        return new FieldSpec(name, FieldType.PACKED, NEXT, packedLength(digits), digits, scale, signed(signed), 1,
                null, false);
    }

    /** Binary (COMP) of {@code digits} digits: 2 bytes up to 4 digits, 4 bytes up to 9, 8 bytes up to 18. */
    public static FieldSpec binary(String name, int digits, int scale, boolean signed) {
        int length = digits <= 4 ? 2 : digits <= 9 ? 4 : 8;
        return new FieldSpec(name, FieldType.BINARY, NEXT, length, digits, scale, signed(signed), 1, null, false);
    }

    /** A date whose text is as long as its pattern, e.g. {@code yyyyMMdd} (8 bytes). */
    public static FieldSpec date(String name, String pattern) {
        return date(name, pattern, pattern.length());
    }

    public static FieldSpec date(String name, String pattern, int length) {
        return new FieldSpec(name, FieldType.DATE, NEXT, length, 0, 0, Sign.UNSIGNED, 1, pattern, false);
    }

    /** Bytes the record carries but nobody reads. */
    public static FieldSpec filler(int length) {
        return alphanumeric("FILLER", length);
    }

    public FieldSpec withOccurs(int count) {
        return new FieldSpec(name, type, offset, length, digits, scale, sign, count, pattern, optional);
    }

    public FieldSpec asOptional() {
        return new FieldSpec(name, type, offset, length, digits, scale, sign, occurs, pattern, true);
    }

    public FieldSpec at(int newOffset) {
        return new FieldSpec(name, type, newOffset, length, digits, scale, sign, occurs, pattern, optional);
    }

    public boolean isFiller() {
        return name.equalsIgnoreCase("FILLER");
    }

    public boolean isSigned() {
        return sign.isSigned();
    }

    /** Bytes of all occurrences. */
    public int totalLength() {
        return length * occurs;
    }

    /** The offset just past the last occurrence. */
    public int end() {
        return offset + totalLength();
    }

    /**
     * The keys this field has in a record's value map: its name, or {@code NAME_1} .. {@code NAME_n} when it
     * occurs n times.
     */
    public List<String> valueNames() {
        if (occurs == 1) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>(occurs);
        for (int i = 1; i <= occurs; i++) {
            names.add(name + "_" + i);
        }
        return names;
    }

    public static int packedLength(int digits) {
        return digits / 2 + 1;
    }

    /** The digits COBOL gives a binary item of this many bytes. */
    public static int binaryDigits(int length) {
        return switch (length) {
            case 2 -> 4;
            case 4 -> 9;
            case 8 -> 18;
            default -> 0;
        };
    }

    private static Sign signed(boolean signed) {
        return signed ? Sign.TRAILING : Sign.UNSIGNED;
    }
}
