package io.busbar.services.common;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

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

    @Inject
    Instance<CurrentVertxRequest> http;

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
        String soapHeader = fromSoapCall();
        if (soapHeader != null) {
            return soapHeader;
        }
        try {
            if (request.id == null) {
                // a SOAP call: the hub's door gives every request an X-Correlation-ID before the service runs
                String fromHeader = fromHttpHeader();
                request.id = fromHeader != null ? fromHeader : UUID.randomUUID().toString();
            }
            return request.id;
        } catch (ContextNotActiveException e) {
            return UUID.randomUUID().toString();
        }
    }

    /**
     * A SOAP call runs in CXF's invocation chain, which holds the servlet view of the HTTP request: its header (which
     * the hub's door sets on every SOAP request) is taken first, whatever the request scope holds.
     */
    private static String fromSoapCall() {
        Message soap = PhaseInterceptorChain.getCurrentMessage();
        if (soap != null && soap.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest servlet) {
            String id = servlet.getHeader(HEADER);
            return id != null && ACCEPTABLE.matcher(id).matches() ? id : null;
        }
        return null;
    }

    private String fromHttpHeader() {
        String id = null;
        if (http.isResolvable()) {
            RoutingContext current = http.get().getCurrent();
            id = current == null ? null : current.request().getHeader(HEADER);
        }
        return id != null && ACCEPTABLE.matcher(id).matches() ? id : null;
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
