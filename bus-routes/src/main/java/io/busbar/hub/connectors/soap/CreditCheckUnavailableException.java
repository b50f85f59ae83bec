package io.busbar.hub.connectors.soap;

/**
 * The credit check could not be answered now: the service is down, slow, answered its declared
 * {@code SystemUnavailable} fault or an HTTP error, or its circuit is open. Worth trying again later; never a decision.
 */
public class CreditCheckUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CreditCheckUnavailableException(String message) {
        super(message);
    }

    public CreditCheckUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
