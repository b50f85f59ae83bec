package io.busbar.hub.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;

import io.busbar.hub.hospital.DeadLetterViews.ActionResult;
import io.busbar.hub.hospital.DeadLetterViews.DeadLetterDetail;
import io.busbar.hub.hospital.DeadLettersResource;
import io.busbar.hub.hospital.ErrorHospital;
import io.busbar.hub.infra.HubInfrastructure;
import io.busbar.hub.journal.FlowJournal;
import io.busbar.hub.journal.FlowStore;
import io.busbar.hub.journal.FlowViews.Criteria;
import io.busbar.hub.journal.FlowViews.HopView;
import io.busbar.hub.journal.FlowViews.Timeline;
import io.busbar.hub.journal.FlowsResource;
import io.busbar.hub.routes.api.RoutesResource;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The web console at /console: server-side pages over the same services as the operations APIs, with htmx for
 * in-page search. Viewers read; operators and admins also resubmit, edit, discard and start or stop routes. Every
 * change is a form POST from the console's own pages: same origin (HttpGuards) and carrying the console's token
 * ({@link ConsoleTokens}).
 */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    static final String HTMX_VERSION = webjarVersion();
    static final String CSRF_FIELD = "csrf";

    @Inject
    @Location("console/overview.html")
    Template overview;

    @Inject
    @Location("console/flows.html")
    Template flows;

    @Inject
    @Location("console/timeline.html")
    Template timeline;

    @Inject
    @Location("console/dead-letters.html")
    Template deadLetters;

    @Inject
    @Location("console/dead-letter.html")
    Template deadLetter;

    @Inject
    @Location("console/routes.html")
    Template routes;

    @Inject
    FlowStore store;

    @Inject
    FlowJournal journal;

    @Inject
    ErrorHospital hospital;

    @Inject
    RoutesResource routeControl;

    @Inject
    HubInfrastructure infrastructure;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleTokens tokens;

    /** A queue's depth for the overview. */
    @TemplateData
    public record QueueRow(String name, long messages, int consumers) {
    }

    /** Places a hop on the timeline's bar: percentages of the whole flow. */
    @TemplateData
    public record Scale(long total) {
        public long offset(HopView hop) {
            return total == 0 ? 0 : Math.min(100, hop.offsetMs() * 100 / total);
        }

        public long width(HopView hop) {
            return total == 0 ? 100 : Math.max(1, Math.min(100 - offset(hop), hop.durationMs() * 100 / total));
        }
    }

    @GET
    public TemplateInstance overview() {
        access.require(DeadLettersResource.READ);
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        long all = store.search(new Criteria(null, null, null, null, null, null, hourAgo, null), 0, 1).total();
        long failed = store.search(new Criteria(null, null, null, null, null, "FAILED", hourAgo, null), 0, 1).total()
                + store.search(new Criteria(null, null, null, null, null, "PARKED", hourAgo, null), 0, 1).total();
        return page(overview).data("journalLag", journal.pending()).data("flowsLastHour", all)
                .data("failedLastHour", failed).data("queues", queues()).data("routes", routeControl.list());
    }

    @GET
    @Path("flows")
    public TemplateInstance flows(@QueryParam("correlationId") String correlationId, @QueryParam("orderId") String orderId,
            @QueryParam("customerId") String customerId, @QueryParam("fileName") String fileName,
            @QueryParam("route") String route, @QueryParam("status") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") String page, @Context UriInfo uri) {
        access.require(DeadLettersResource.READ);
        Criteria criteria = FlowsResource.criteria(correlationId, orderId, customerId, fileName, route, status, from, to);
        Paging paging = Paging.of(Paging.number("page", page), 50);
        FlowStore.Found found = store.search(criteria, paging.offset(), paging.size());
        return page(flows).data("c", criteria).data("from", from == null ? "" : from).data("to", to == null ? "" : to)
                .data("statuses", List.of("COMPLETED", "FAILED", "PARKED")).data("flows", found.flows())
                .data("total", found.total()).data("page", paging.page())
                .data("hasNext", paging.offset() + paging.size() < found.total())
                .data("prevLink", uri.getRequestUriBuilder().replaceQueryParam("page", paging.page() - 1).build().toString())
                .data("nextLink", uri.getRequestUriBuilder().replaceQueryParam("page", paging.page() + 1).build().toString());
    }

    @GET
    @Path("flows/{correlationId}")
    public TemplateInstance timeline(@PathParam("correlationId") String correlationId) {
        access.require(DeadLettersResource.READ);
        Timeline t = store.timeline(correlationId)
                .orElseThrow(
                        () -> new ServiceException.NotFound("FLOW_NOT_FOUND", "no flow with correlation id " + correlationId));
        return page(timeline).data("t", t).data("scale", new Scale(t.durationMs()));
    }

    @GET
    @Path("dead-letters")
    public TemplateInstance deadLetters(@QueryParam("queue") String queue, @QueryParam("page") String page,
            @QueryParam("notice") String notice) {
        access.require(DeadLettersResource.READ);
        String only = queue == null || queue.isBlank() ? null : queue;
        Paging paging = Paging.of(Paging.number("page", page), 50);
        ErrorHospital.Listing listing = hospital.list(only, (long) paging.page() * paging.size(), paging.size());
        long pages = (listing.total() + paging.size() - 1) / paging.size();
        String base = "/console/dead-letters?" + (only == null ? "" : "queue=" + encode(only) + "&") + "page=";
        return page(deadLetters).data("queues", hospital.parkingQueues()).data("letters", listing.items())
                .data("total", listing.total()).data("pageNumber", paging.page() + 1).data("pages", Math.max(pages, 1))
                .data("previous", paging.page() > 0 ? base + (paging.page() - 1) : null)
                .data("next", paging.page() + 1 < pages ? base + (paging.page() + 1) : null).data("notice", notice);
    }

    @GET
    @Path("dead-letters/{queue}/{messageId}")
    public TemplateInstance deadLetter(@PathParam("queue") String queue, @PathParam("messageId") String messageId) {
        access.require(DeadLettersResource.READ);
        return deadLetterPage(queue, messageId, null, null);
    }

    @POST
    @Path("dead-letters/{queue}/{messageId}/edit")
    public Response edit(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @FormParam("body") String body, @FormParam(CSRF_FIELD) String token) {
        act(token);
        try {
            hospital.edit(queue, messageId, body, user());
        } catch (ServiceException.InvalidRequest e) {
            return Response.status(400).entity(deadLetterPage(queue, messageId, e.getMessage(), body)).build();
        }
        return seeOther("/console/dead-letters/" + queue + "/" + messageId);
    }

    @POST
    @Path("dead-letters/{queue}/{messageId}/resubmit")
    public Response resubmit(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @FormParam(CSRF_FIELD) String token) {
        act(token);
        ActionResult result = hospital.resubmit(queue, messageId, user());
        return seeOther("/console/dead-letters?notice=" + encode(describe(result)));
    }

    @POST
    @Path("dead-letters/{queue}/{messageId}/discard")
    public Response discard(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @FormParam(CSRF_FIELD) String token) {
        act(token);
        ActionResult result = hospital.discard(queue, messageId, user());
        return seeOther("/console/dead-letters?notice=" + encode(describe(result)));
    }

    @GET
    @Path("routes")
    public TemplateInstance routes(@QueryParam("notice") String notice) {
        access.require(DeadLettersResource.READ);
        return page(routes).data("routes", routeControl.list()).data("notice", notice);
    }

    @POST
    @Path("routes/{routeId}/{action: start|stop}")
    public Response control(@PathParam("routeId") String routeId, @PathParam("action") String action,
            @FormParam(CSRF_FIELD) String token) {
        act(token);
        var route = "start".equals(action) ? routeControl.start(routeId) : routeControl.stop(routeId);
        return seeOther("/console/routes?notice=" + encode(route.id() + " is " + route.status()));
    }

    private TemplateInstance deadLetterPage(String queue, String messageId, String problem, String attempted) {
        boolean operator = operator();
        DeadLetterDetail detail = hospital.open(queue, messageId, false, user());
        String editable = attempted;
        if (editable == null && operator) {
            // operators edit what will be sent: the unmasked body (this view is audited)
            DeadLetterDetail unmasked = hospital.open(queue, messageId, true, user());
            editable = unmasked.editedBody() != null ? unmasked.editedBody() : unmasked.body();
        }
        return page(deadLetter).data("d", detail).data("problem", problem).data("editable", editable == null ? "" : editable);
    }

    private static String describe(ActionResult result) {
        String what = "RESUBMIT".equals(result.action())
                ? result.messageId() + " resubmitted to " + result.resubmittedTo() + " as " + result.newMessageId()
                : result.messageId() + " discarded";
        return result.repeated() ? "Already done by " + result.actor() + ": " + what : what;
    }

    private List<QueueRow> queues() {
        ActiveMQServer broker = infrastructure.embeddedBroker();
        List<QueueRow> rows = new ArrayList<>();
        if (broker == null) {
            return rows;
        }
        for (String name : broker.getActiveMQServerControl().getQueueNames()) {
            if (name.startsWith("$") || name.startsWith("activemq.")) {
                continue;
            }
            var queue = broker.locateQueue(SimpleString.of(name));
            if (queue != null) {
                rows.add(new QueueRow(name, queue.getMessageCount(), queue.getConsumerCount()));
            }
        }
        rows.sort((a, b) -> a.name().compareTo(b.name()));
        return rows;
    }

    private TemplateInstance page(Template template) {
        return template.data("user", user()).data("operator", operator()).data("htmxVersion", HTMX_VERSION)
                .data("csrf", tokens.tokenFor(user()));
    }

    /** An action: operators and admins only, and only from a form of the console's own pages. */
    private void act(String token) {
        access.require(DeadLettersResource.ACT);
        if (!tokens.matches(user(), token)) {
            throw new ServiceException.AccessDenied("the console acts only on forms of its own pages (token missing or stale:"
                    + " reload the page)");
        }
    }

    private boolean operator() {
        return identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.ADMIN);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String webjarVersion() {
        try (InputStream in = ConsoleResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "2.0.4");
        } catch (IOException e) {
            return "2.0.4";
        }
    }
}
