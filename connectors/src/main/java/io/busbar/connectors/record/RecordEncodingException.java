package io.busbar.connectors.record;

import java.util.List;
import java.util.stream.Collectors;

/** A value map cannot be written as a record; {@link #errors()} lists every bad field. */
public class RecordEncodingException extends RuntimeException {

    private final List<FieldError> errors;

    public RecordEncodingException(String layoutName, List<FieldError> errors) {
        super("cannot encode record of layout " + layoutName + ": "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
