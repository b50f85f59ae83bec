package io.busbar.hub.ops;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;

/** XA transactions in doubt, made visible: /api/v1/transactions. */
@Path("/api/v1/transactions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TransactionsResource {

    @Inject
    InDoubtTransactions transactions;

    @Inject
    Access access;

    /** What Narayana, the broker and PostgreSQL hold prepared, oldest first, with ages. */
    @GET
    @Path("in-doubt")
    public InDoubtTransactions.Snapshot inDoubt() {
        access.require(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);
        return transactions.snapshot();
    }

    /** Runs a recovery pass now; answers what is still in doubt afterwards. */
    @POST
    @Path("recovery")
    public InDoubtTransactions.Snapshot recover() {
        access.require(Roles.OPERATOR, Roles.ADMIN);
        return transactions.recoverNow();
    }
}
