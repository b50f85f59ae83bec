package io.busbar.connectors.record;

/**
 * Where a numeric field keeps its sign. Packed and binary fields are either {@link #UNSIGNED} or {@link #TRAILING}
 * (signed); zoned fields may use any of these.
 */
public enum Sign {
    /** No sign: the value is never negative. */
    UNSIGNED,
    /** Embedded in the last digit byte (EBCDIC zone C/D, ASCII overpunch); COBOL's default for S9. */
    TRAILING,
    /** Embedded in the first digit byte (COBOL SIGN LEADING). */
    LEADING,
    /** A separate '+' or '-' byte after the digits (COBOL SIGN TRAILING SEPARATE). */
    TRAILING_SEPARATE,
    /** A separate '+' or '-' byte before the digits (COBOL SIGN LEADING SEPARATE). */
    LEADING_SEPARATE;

    public boolean isSigned() {
        return this != UNSIGNED;
    }

    public boolean isSeparate() {
        return this == TRAILING_SEPARATE || this == LEADING_SEPARATE;
    }

    public boolean isLeading() {
        return this == LEADING || this == LEADING_SEPARATE;
    }
}
