package io.busbar.connectors.record;

/** A record layout (declared, parsed from text or from a copybook) is invalid or uses an unsupported construct. */
public class LayoutException extends IllegalArgumentException {

    private final int line;

    public LayoutException(String message) {
        super(message);
        this.line = 0;
    }

    /** @param line the 1-based line of the layout source the problem is on */
    public LayoutException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the source that is wrong, or 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }
}
