package io.busbar.services.billing;

import jakarta.inject.Inject;

import io.busbar.contract.billing.service.v1.AccessDeniedFault;
import io.busbar.contract.billing.service.v1.BillingServicePortType;
import io.busbar.contract.billing.service.v1.ConflictFault;
import io.busbar.contract.billing.service.v1.CreateInvoice;
import io.busbar.contract.billing.service.v1.CreateInvoiceResponse;
import io.busbar.contract.billing.service.v1.GetInvoice;
import io.busbar.contract.billing.service.v1.GetInvoiceResponse;
import io.busbar.contract.billing.service.v1.InvalidRequestFault;
import io.busbar.contract.billing.service.v1.IssueCreditNote;
import io.busbar.contract.billing.service.v1.IssueCreditNoteResponse;
import io.busbar.contract.billing.service.v1.ListCustomerInvoices;
import io.busbar.contract.billing.service.v1.ListCustomerInvoicesResponse;
import io.busbar.contract.billing.service.v1.NotFoundFault;
import io.busbar.contract.billing.service.v1.RecordPayment;
import io.busbar.contract.billing.service.v1.RecordPaymentResponse;
import io.busbar.services.security.Roles;
import io.busbar.services.soap.Faults;
import io.busbar.services.soap.SoapDoor;

/**
 * The billing service's SOAP door: every operation, once. Two endpoints publish it, one per SOAP version
 * ({@link BillingSoap11Endpoint}, {@link BillingSoap12Endpoint}).
 */
public abstract class BillingSoapDoor extends SoapDoor implements BillingServicePortType {

    protected BillingSoapDoor() {
        super(new Faults<>(NotFoundFault::new, InvalidRequestFault::new, ConflictFault::new, AccessDeniedFault::new));
    }

    @Inject
    BillingService billing;

    @Override
    public CreateInvoiceResponse createInvoice(CreateInvoice request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.BILLING_WRITE, () -> {
            CreateInvoiceResponse response = new CreateInvoiceResponse();
            response.setInvoice(billing.createInvoice(request.getOrderId(), request.getCustomerId(), request.getCurrency(),
                    request.getLines(), request.getDueDate()));
            return response;
        });
    }

    @Override
    public GetInvoiceResponse getInvoice(GetInvoice request) throws NotFoundFault, AccessDeniedFault, InvalidRequestFault {
        return call(Roles.BILLING_READ, () -> {
            GetInvoiceResponse response = new GetInvoiceResponse();
            response.setInvoice(billing.get(request.getInvoiceId()));
            return response;
        });
    }

    @Override
    public RecordPaymentResponse recordPayment(RecordPayment request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.BILLING_WRITE, () -> {
            BillingService.PaymentRecorded recorded = billing.recordPayment(request.getInvoiceId(), request.getAmount(),
                    request.getMethod(), request.getReference(), request.getReceivedAt(), null);
            RecordPaymentResponse response = new RecordPaymentResponse();
            response.setPayment(recorded.payment());
            response.setInvoice(recorded.invoice());
            return response;
        });
    }

    @Override
    public ListCustomerInvoicesResponse listCustomerInvoices(ListCustomerInvoices request)
            throws AccessDeniedFault, InvalidRequestFault {
        return call(Roles.BILLING_READ, () -> {
            BillingService.Page page = billing.listForCustomer(request.getCustomerId(), request.getStatus(),
                    request.getPage(), request.getSize());
            ListCustomerInvoicesResponse response = new ListCustomerInvoicesResponse();
            response.getInvoices().addAll(page.invoices());
            response.setPageInfo(page.pageInfo());
            return response;
        });
    }

    @Override
    public IssueCreditNoteResponse issueCreditNote(IssueCreditNote request)
            throws NotFoundFault, AccessDeniedFault, InvalidRequestFault, ConflictFault {
        return call(Roles.BILLING_WRITE, () -> {
            BillingService.CreditNoteIssued issued = billing.issueCreditNote(request.getInvoiceId(), request.getAmount(),
                    request.getReason(), null);
            IssueCreditNoteResponse response = new IssueCreditNoteResponse();
            response.setCreditNote(issued.creditNote());
            response.setInvoice(issued.invoice());
            return response;
        });
    }
}
