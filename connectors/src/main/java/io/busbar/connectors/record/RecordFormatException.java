package io.busbar.connectors.record;

/**
 * The file as a whole cannot be read with the layout (for example a CSV header without a required column), so no
 * record of it is read.
 */
public class RecordFormatException extends RuntimeException {

    public RecordFormatException(String message) {
        super(message);
    }
}
