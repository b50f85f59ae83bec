package io.busbar.connectors.record;

/** How a field's bytes represent its value. */
public enum FieldType {
    /** Text in the layout's charset (COBOL PIC X / PIC A); trailing spaces trimmed on read, space-padded on write. */
    ALPHANUMERIC,
    /** Display numeric, one digit per byte (COBOL PIC 9 / S9 USAGE DISPLAY); see {@link Sign} for the sign. */
    ZONED,
    /** Packed decimal, two digits per byte and a sign nibble (COBOL COMP-3 / PACKED-DECIMAL). */
    PACKED,
    /** Big-endian two's complement integer of 2, 4 or 8 bytes (COBOL COMP / COMP-4 / BINARY). */
    BINARY,
    /** A date as text in the layout's charset, in a {@link java.time.format.DateTimeFormatter} pattern. */
    DATE;

    public boolean isNumeric() {
        return this == ZONED || this == PACKED || this == BINARY;
    }

    /** Whether the field's bytes are not text, so that a line-delimited file cannot carry it safely. */
    public boolean isBinary() {
        return this == PACKED || this == BINARY;
    }
}
