package io.busbar.connectors.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of reading one record: its 1-based number in the file (for CSV, not counting the header) and either
 * its values or every error found in it.
 */
public final class RecordOutcome {

    private final long recordNumber;
    private final Map<String, Object> values;
    private final List<FieldError> errors;

    private RecordOutcome(long recordNumber, Map<String, Object> values, List<FieldError> errors) {
        this.recordNumber = recordNumber;
        this.values = values;
        this.errors = errors;
    }

    /** A good record; the map keeps record order and becomes unmodifiable. */
    public static RecordOutcome valid(long recordNumber, LinkedHashMap<String, Object> values) {
        return new RecordOutcome(recordNumber, Collections.unmodifiableMap(values), List.of());
    }

    public static RecordOutcome invalid(long recordNumber, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid record needs at least one error");
        }
        return new RecordOutcome(recordNumber, Map.of(), List.copyOf(errors));
    }

    public long recordNumber() {
        return recordNumber;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * Field value name to value, in record order (may hold null values for optional fields); empty when the record
     * is invalid.
     */
    public Map<String, Object> values() {
        return values;
    }

    /** Every error of the record; empty when it is valid. */
    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String toString() {
        return "record " + recordNumber + (isValid() ? " " + values : " invalid " + errors);
    }
}
