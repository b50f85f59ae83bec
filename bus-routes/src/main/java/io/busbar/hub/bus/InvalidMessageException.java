package io.busbar.hub.bus;

/**
 * A message that can never be processed as it is (malformed, schema-invalid). The hub parks it in
 * {@code invalid.<queue>} with this exception's message as the reason, instead of retrying it.
 */
public class InvalidMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String reason) {
        super(reason);
    }

    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
