package io.busbar.services.common;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

/**
 * The correlation id of the request being served: given by the caller (REST header {@code X-Correlation-ID}) or made
 * here. It travels with every message the request causes on the bus.
 */
@RequestScoped
public class Correlation {

    public static final String HEADER = "X-Correlation-ID";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private String id;

    /** Takes the caller's id if it is a sensible token; otherwise keeps a generated one. */
    public void accept(String callerId) {
        if (callerId != null && ACCEPTABLE.matcher(callerId).matches()) {
            id = callerId;
        }
    }

    public String id() {
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        return id;
    }
}
