package io.busbar.hub.journal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.busbar.hub.journal.FlowViews.Criteria;
import io.busbar.hub.journal.FlowViews.FlowSummary;
import io.busbar.hub.journal.FlowViews.Timeline;
import io.busbar.rest.PageOf;
import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;

/** The flow journal, searchable: /api/v1/flows. Viewers, operators and admins read it. */
@Path("/api/v1/flows")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FlowsResource {

    static final String[] READ = { Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN };
    static final Set<String> STATUSES = Set.of("COMPLETED", "FAILED", "PARKED");

    @Inject
    FlowStore store;

    @Inject
    Access access;

    /** Flows (newest first) matching every criterion given. */
    @GET
    public PageOf<FlowSummary> search(@QueryParam("correlationId") String correlationId,
            @QueryParam("orderId") String orderId, @QueryParam("customerId") String customerId,
            @QueryParam("fileName") String fileName, @QueryParam("route") String route, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        access.require(READ);
        Paging paging = Paging.of(page, size);
        FlowStore.Found found = store.search(criteria(correlationId, orderId, customerId, fileName, route, status, from, to),
                paging.offset(), paging.size());
        return new PageOf<>(found.flows(), paging.page(), paging.size(), found.total(),
                (int) ((found.total() + paging.size() - 1) / paging.size()));
    }

    /** Every hop of one flow, with its duration, in the order they started. */
    @GET
    @Path("{correlationId}")
    public Timeline timeline(@PathParam("correlationId") String correlationId) {
        access.require(READ);
        return store.timeline(correlationId)
                .orElseThrow(
                        () -> new ServiceException.NotFound("FLOW_NOT_FOUND", "no flow with correlation id " + correlationId));
    }

    public static Criteria criteria(String correlationId, String orderId, String customerId, String fileName, String route,
            String status, String from, String to) {
        String normalisedStatus = blank(status) ? null : status.trim().toUpperCase(Locale.ROOT);
        if (normalisedStatus != null && !STATUSES.contains(normalisedStatus)) {
            throw new ServiceException.InvalidRequest("INVALID_STATUS", "status must be one of COMPLETED, FAILED, PARKED",
                    List.of(new FieldViolation("status", "must be one of COMPLETED, FAILED, PARKED")));
        }
        return new Criteria(trim(correlationId), trim(orderId), trim(customerId), trim(fileName), trim(route),
                normalisedStatus, time("from", from), time("to", to));
    }

    private static OffsetDateTime time(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ServiceException.InvalidRequest("INVALID_TIME", field + " must be an ISO-8601 date-time with offset",
                    List.of(new FieldViolation(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T10:00:00Z")));
        }
    }

    private static String trim(String value) {
        return blank(value) ? null : value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
