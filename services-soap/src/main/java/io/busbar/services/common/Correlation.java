package io.busbar.services.common;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The correlation id of an HTTP request (REST or SOAP): the caller's ({@code X-Correlation-ID}) or a new one. It
 * travels with every message the request causes. The id and the business keys the request turns out to be about live
 * in the request's own routing context, where the hub's door journals them: never in a thread, a bean field or a
 * cached object shared by concurrent requests. Work on the bus never asks here: it passes the id its message carries
 * to the service explicitly.
 */
@ApplicationScoped
public class Correlation {

    public static final String HEADER = "X-Correlation-ID";
    /** Routing context keys: the request's id, the flow it belongs to and the business keys it is about. */
    public static final String ID = "busbar.correlation.id";
    public static final String FLOW = "busbar.correlation.flow";
    public static final String ORDER_ID = "busbar.correlation.order-id";
    public static final String CUSTOMER_ID = "busbar.correlation.customer-id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    Instance<CurrentVertxRequest> http;

    /** Takes the HTTP caller's id if it is a sensible token; otherwise the request gets a generated one. */
    public void accept(String callerId) {
        RoutingContext request = current();
        if (request != null && acceptable(callerId)) {
            request.put(ID, callerId);
        }
    }

    /** Whether a caller's id is a sensible token (else the hub makes its own). */
    public static boolean acceptable(String id) {
        return id != null && ACCEPTABLE.matcher(id).matches();
    }

    /** The id of the HTTP request in progress; outside a request (no caller to answer to), a new one each time. */
    public String id() {
        RoutingContext request = current();
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        String id = request.get(ID);
        if (id == null) {
            String given = request.request().getHeader(HEADER);
            id = acceptable(given) ? given : UUID.randomUUID().toString();
            request.put(ID, id);
        }
        return id;
    }

    /**
     * The request turned out to be about this order: its door hop is journalled in the order's flow ({@code flowId},
     * the id the order was submitted with) with the order's keys, so the order's flow holds every call made on it and
     * no other flow names it.
     */
    public void about(String flowId, String orderId, String customerId) {
        RoutingContext request = current();
        if (request != null) {
            request.put(FLOW, flowId);
            request.put(ORDER_ID, orderId);
            request.put(CUSTOMER_ID, customerId);
        }
    }

    private RoutingContext current() {
        if (!http.isResolvable()) {
            return null;
        }
        try {
            return http.get().getCurrent();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
