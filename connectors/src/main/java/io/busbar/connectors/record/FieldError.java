package io.busbar.connectors.record;

/**
 * What is wrong with one field of one record.
 *
 * @param field the field's value name (e.g. {@code AMOUNT} or {@code QTY_2}), or null when the record as a whole is
 *        wrong (short record, wrong line length, wrong CSV column count)
 * @param reason why, for a person
 * @param raw what the data held: hex of the bytes (e.g. {@code 12A45C}) for packed and binary fields and for every
 *        field of an EBCDIC layout; the text otherwise. Record-level raw data is cut after
 *        {@value #MAX_RAW_BYTES} bytes.
 */
public record FieldError(String field, String reason, String raw) {

    public static final int MAX_RAW_BYTES = 256;

    public static FieldError ofRecord(String reason, String raw) {
        return new FieldError(null, reason, raw);
    }

    public boolean isRecordLevel() {
        return field == null;
    }

    @Override
    public String toString() {
        return (field == null ? "record" : field) + ": " + reason + (raw == null ? "" : " [" + raw + "]");
    }
}
