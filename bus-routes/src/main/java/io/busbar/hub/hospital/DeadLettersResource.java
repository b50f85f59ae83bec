package io.busbar.hub.hospital;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.busbar.hub.hospital.DeadLetterViews.ActionResult;
import io.busbar.hub.hospital.DeadLetterViews.AuditEntry;
import io.busbar.hub.hospital.DeadLetterViews.DeadLetter;
import io.busbar.hub.hospital.DeadLetterViews.DeadLetterDetail;
import io.busbar.hub.hospital.DeadLetterViews.ParkingQueue;
import io.busbar.rest.PageOf;
import io.busbar.services.common.Paging;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The error hospital: /api/v1/dead-letters. Viewers read (bodies masked); operators and admins also unmask, edit,
 * resubmit and discard, each action audited.
 */
@Path("/api/v1/dead-letters")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    public static final String[] READ = { Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN };
    public static final String[] ACT = { Roles.OPERATOR, Roles.ADMIN };

    @Inject
    ErrorHospital hospital;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    /** Parked messages of every parking queue (DLQ, DLQ.*, invalid.*), or of one, a page at a time. */
    @GET
    public PageOf<DeadLetter> list(@QueryParam("queue") String queue, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        access.require(READ);
        Paging paging = Paging.of(page, size);
        ErrorHospital.Listing listing = hospital.list(queue == null || queue.isBlank() ? null : queue.trim(),
                (long) paging.page() * paging.size(), paging.size());
        return new PageOf<>(listing.items(), paging.page(), paging.size(), listing.total(),
                (int) ((listing.total() + paging.size() - 1) / paging.size()));
    }

    @GET
    @Path("queues")
    public List<ParkingQueue> queues() {
        access.require(READ);
        return hospital.parkingQueues();
    }

    @GET
    @Path("audit")
    public List<AuditEntry> audit(@QueryParam("messageId") String messageId) {
        access.require(READ);
        return hospital.audit(messageId);
    }

    /** One parked message; {@code unmasked=true} (operators only, audited) shows the body as it is. */
    @GET
    @Path("{queue}/{messageId}")
    public DeadLetterDetail open(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @QueryParam("unmasked") boolean unmasked) {
        access.require(unmasked ? ACT : READ);
        return hospital.open(queue, messageId, unmasked, actor());
    }

    /** Replaces the body the message will be resubmitted with (checked against its original queue). */
    @PUT
    @Path("{queue}/{messageId}")
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_JSON })
    public DeadLetterDetail edit(@PathParam("queue") String queue, @PathParam("messageId") String messageId, String body) {
        access.require(ACT);
        return hospital.edit(queue, messageId, body, actor());
    }

    @POST
    @Path("{queue}/{messageId}/resubmit")
    public ActionResult resubmit(@PathParam("queue") String queue, @PathParam("messageId") String messageId) {
        access.require(ACT);
        return hospital.resubmit(queue, messageId, actor());
    }

    @POST
    @Path("{queue}/{messageId}/discard")
    public ActionResult discard(@PathParam("queue") String queue, @PathParam("messageId") String messageId) {
        access.require(ACT);
        return hospital.discard(queue, messageId, actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
