package io.busbar.hub.journal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.busbar.services.common.Correlation;
import io.busbar.services.soap.SoapAuthGuard;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first hop of work that enters over HTTP: a SOAP call, or a REST call that changes something. Gives the request a
 * correlation id if the caller sent none (the services take it from the request, so every message the call causes
 * carries it) and journals the call with its outcome when the response has gone, with the business keys the service
 * found the call to be about; a call on an existing order (approve, cancel...) is journalled in that order's flow.
 * Reads of the hub's own operations APIs and the console are not flows and are not journalled.
 */
@ApplicationScoped
public class DoorJournal {

    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Set<String> OPERATIONS = Set.of("/api/v1/flows", "/api/v1/dead-letters", "/api/v1/routes",
            "/api/v1/transactions");

    @Inject
    FlowJournal journal;

    void install(@Observes Router router) {
        router.route("/soap/*").order(-1000).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                // a request WS-Security refused is not a flow (it is counted in busbar_soap_auth_failures_total)
                if (ctx.response().headers().contains(SoapAuthGuard.REFUSED_MARK)) {
                    ctx.response().headers().remove(SoapAuthGuard.REFUSED_MARK);
                    ctx.put(SoapAuthGuard.REFUSED_MARK, Boolean.TRUE);
                }
            });
            enter(ctx, "soap-door");
        });
        router.route("/api/*").order(-1000).handler(ctx -> {
            if (CHANGES.contains(ctx.request().method()) && OPERATIONS.stream().noneMatch(ctx.normalizedPath()::startsWith)) {
                enter(ctx, "rest-door");
            } else {
                ctx.next();
            }
        });
    }

    private void enter(RoutingContext ctx, String door) {
        if (!journal.enabled() || ctx.request().method() != HttpMethod.POST && "soap-door".equals(door)) {
            ctx.next();
            return;
        }
        String given = ctx.request().getHeader(Correlation.HEADER);
        String correlation = Correlation.acceptable(given) ? given : UUID.randomUUID().toString();
        // the request's own context carries its id (and later its business keys) to the services and back here
        ctx.put(Correlation.ID, correlation);
        ctx.request().headers().set(Correlation.HEADER, correlation);
        Instant started = Instant.now();
        String endpoint = ctx.request().method() + " " + ctx.normalizedPath();
        ctx.addEndHandler(done -> {
            if (ctx.get(SoapAuthGuard.REFUSED_MARK) != null) {
                return;
            }
            int status = ctx.response().getStatusCode();
            boolean ok = status < 400;
            String flow = ctx.get(Correlation.FLOW);
            journal.record(new FlowHop(flow != null ? flow : correlation, door, endpoint, null, null, started,
                    Instant.now(), ok ? FlowHop.Outcome.COMPLETED : FlowHop.Outcome.FAILED, ok ? null : "HTTP " + status,
                    ctx.get(Correlation.ORDER_ID), ctx.get(Correlation.CUSTOMER_ID), null, null, null, null));
        });
        ctx.next();
    }
}
