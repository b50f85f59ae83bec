package io.busbar.services.common;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The correlation id of the work in progress: in an HTTP request, the caller's ({@code X-Correlation-ID}) or a new
 * one; in a bus route, the one the message carries. It travels with every message the work causes.
 */
@ApplicationScoped
public class Correlation {

    public static final String HEADER = "X-Correlation-ID";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final ThreadLocal<String> ON_THIS_THREAD = new ThreadLocal<>();

    @Inject
    Request request;

    /** The id of one HTTP request. */
    @RequestScoped
    public static class Request {
        String id;
    }

    /** Takes the HTTP caller's id if it is a sensible token; otherwise a generated one is used. */
    public void accept(String callerId) {
        if (callerId != null && ACCEPTABLE.matcher(callerId).matches()) {
            request.id = callerId;
        }
    }

    public String id() {
        String onThread = ON_THIS_THREAD.get();
        if (onThread != null) {
            return onThread;
        }
        try {
            if (request.id == null) {
                request.id = UUID.randomUUID().toString();
            }
            return request.id;
        } catch (ContextNotActiveException e) {
            return UUID.randomUUID().toString();
        }
    }

    /** Runs work (a bus route calling a service) under the correlation id of the message it handles. */
    public static <T> T with(String id, Supplier<T> work) {
        String before = ON_THIS_THREAD.get();
        ON_THIS_THREAD.set(id);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ON_THIS_THREAD.remove();
            } else {
                ON_THIS_THREAD.set(before);
            }
        }
    }
}
