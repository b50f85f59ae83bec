package io.busbar.hub.connectors.soap;

import java.math.BigDecimal;

/**
 * The canonical outcome of a credit check, whatever the legacy service answered: its decision ({@code APPROVED},
 * {@code REFUSED}, {@code REFER}), or one of its declared business faults mapped to a decision
 * ({@code UNKNOWN_ACCOUNT}), or a request it refused as malformed ({@code REQUEST_REFUSED}). Only {@code APPROVED}
 * lets an order go straight on.
 */
public record CreditDecision(String decision, String reasonCode, String reasonText, BigDecimal available) {

    public static final String APPROVED = "APPROVED";
    public static final String UNKNOWN_ACCOUNT = "UNKNOWN_ACCOUNT";
    public static final String REQUEST_REFUSED = "REQUEST_REFUSED";

    public boolean approved() {
        return APPROVED.equals(decision);
    }

    /** One line for logs and the approval reason. */
    public String describe() {
        StringBuilder text = new StringBuilder(decision);
        if (reasonCode != null) {
            text.append(' ').append(reasonCode);
        }
        if (reasonText != null) {
            text.append(": ").append(reasonText);
        }
        return text.toString();
    }
}
