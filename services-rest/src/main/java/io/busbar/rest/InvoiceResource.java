package io.busbar.rest;

import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.busbar.contract.billing.service.v1.CreateInvoice;
import io.busbar.contract.billing.service.v1.GetInvoice;
import io.busbar.contract.billing.service.v1.IssueCreditNote;
import io.busbar.contract.billing.service.v1.ListCustomerInvoices;
import io.busbar.contract.billing.service.v1.RecordPayment;
import io.busbar.contract.billing.v1.CreditNote;
import io.busbar.contract.billing.v1.Invoice;
import io.busbar.contract.billing.v1.InvoiceStatus;
import io.busbar.contract.billing.v1.Payment;
import io.busbar.contract.billing.v1.PaymentMethod;
import io.busbar.contract.common.v1.Money;
import io.busbar.services.billing.BillingService;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;

/** The billing service's REST door: /api/v1/invoices. */
@Path("/api/v1/invoices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    static final String SCHEMA = "billing-service.xsd";

    /** Body of POST /invoices/{id}/payments. */
    public record PaymentRequest(Money amount, PaymentMethod method, String reference, OffsetDateTime receivedAt) {
    }

    /** Body of POST /invoices/{id}/credit-notes. */
    public record CreditNoteRequest(Money amount, String reason) {
    }

    @Inject
    BillingService billing;

    @Inject
    Access access;

    @Inject
    ContractValidator validator;

    @POST
    public Response create(CreateInvoice request) {
        access.require(Roles.BILLING_WRITE);
        validator.validate(SCHEMA, request, null);
        Invoice invoice = billing.createInvoice(request.getOrderId(), request.getCustomerId(), request.getCurrency(),
                request.getLines(), request.getDueDate());
        return Response.created(URI.create("/api/v1/invoices/" + invoice.getInvoiceId()))
                .tag(ETags.of(invoice.getAudit().getVersion())).entity(invoice).build();
    }

    @GET
    @Path("{invoiceId}")
    public Response get(@PathParam("invoiceId") String invoiceId) {
        access.require(Roles.BILLING_READ);
        return withTag(read(invoiceId));
    }

    @GET
    public PageOf<Invoice> list(@QueryParam("customerId") String customerId, @QueryParam("status") InvoiceStatus status,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        access.require(Roles.BILLING_READ);
        Integer page = Paging.number("page", pageParam);
        Integer size = Paging.number("size", sizeParam);
        ListCustomerInvoices request = new ListCustomerInvoices();
        request.setCustomerId(customerId);
        request.setStatus(status);
        request.setPage(page);
        request.setSize(size);
        validator.validate(SCHEMA, request, null);
        BillingService.Page result = billing.listForCustomer(customerId, status, page, size);
        return PageOf.of(result.invoices(), result.pageInfo());
    }

    @POST
    @Path("{invoiceId}/payments")
    public Response recordPayment(@PathParam("invoiceId") String invoiceId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            PaymentRequest body) {
        access.require(Roles.BILLING_WRITE);
        RecordPayment request = new RecordPayment();
        request.setInvoiceId(invoiceId);
        if (body != null) {
            request.setAmount(body.amount());
            request.setMethod(body.method());
            request.setReference(body.reference());
            request.setReceivedAt(body.receivedAt());
        }
        validator.validate(SCHEMA, request, null);
        BillingService.PaymentRecorded recorded = billing.recordPayment(invoiceId, body.amount(), body.method(),
                body.reference(), body.receivedAt(), ETags.optionalVersion(ifMatch));
        return Response.created(URI.create("/api/v1/invoices/" + invoiceId + "/payments/" + recorded.payment().getPaymentId()))
                .tag(ETags.of(recorded.invoice().getAudit().getVersion())).entity(recorded).build();
    }

    @GET
    @Path("{invoiceId}/payments/{paymentId}")
    public Payment payment(@PathParam("invoiceId") String invoiceId, @PathParam("paymentId") String paymentId) {
        access.require(Roles.BILLING_READ);
        return read(invoiceId).getPayments().stream().filter(p -> p.getPaymentId().equals(paymentId)).findFirst()
                .orElseThrow(() -> new ServiceException.NotFound("PAYMENT_NOT_FOUND",
                        "invoice " + invoiceId + " has no payment " + paymentId));
    }

    @POST
    @Path("{invoiceId}/credit-notes")
    public Response issueCreditNote(@PathParam("invoiceId") String invoiceId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, CreditNoteRequest body) {
        access.require(Roles.BILLING_WRITE);
        IssueCreditNote request = new IssueCreditNote();
        request.setInvoiceId(invoiceId);
        if (body != null) {
            request.setAmount(body.amount());
            request.setReason(body.reason());
        }
        validator.validate(SCHEMA, request, null);
        BillingService.CreditNoteIssued issued = billing.issueCreditNote(invoiceId, body.amount(), body.reason(),
                ETags.optionalVersion(ifMatch));
        return Response.created(URI.create("/api/v1/invoices/" + invoiceId + "/credit-notes/"
                + issued.creditNote().getCreditNoteId())).tag(ETags.of(issued.invoice().getAudit().getVersion()))
                .entity(issued).build();
    }

    @GET
    @Path("{invoiceId}/credit-notes/{creditNoteId}")
    public CreditNote creditNote(@PathParam("invoiceId") String invoiceId,
            @PathParam("creditNoteId") String creditNoteId) {
        access.require(Roles.BILLING_READ);
        return read(invoiceId).getCreditNotes().stream().filter(c -> c.getCreditNoteId().equals(creditNoteId))
                .findFirst().orElseThrow(() -> new ServiceException.NotFound("CREDIT_NOTE_NOT_FOUND",
                        "invoice " + invoiceId + " has no credit note " + creditNoteId));
    }

    private Invoice read(String invoiceId) {
        GetInvoice request = new GetInvoice();
        request.setInvoiceId(invoiceId);
        validator.validate(SCHEMA, request, null);
        return billing.get(invoiceId);
    }

    static Response withTag(Invoice invoice) {
        return Response.ok(invoice).tag(ETags.of(invoice.getAudit().getVersion())).build();
    }
}
