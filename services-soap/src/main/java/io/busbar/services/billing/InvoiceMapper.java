package io.busbar.services.billing;

import io.busbar.contract.billing.v1.CreditNote;
import io.busbar.contract.billing.v1.Invoice;
import io.busbar.contract.billing.v1.InvoiceLine;
import io.busbar.contract.billing.v1.Payment;
import io.busbar.services.common.Moneys;

/** Between the billing tables and the canonical model. */
final class InvoiceMapper {

    private InvoiceMapper() {
    }

    static Invoice toInvoice(InvoiceEntity e) {
        Invoice invoice = new Invoice();
        invoice.setInvoiceId(e.invoiceId);
        invoice.setOrderId(e.orderId);
        invoice.setCustomerId(e.customerId);
        invoice.setIssueDate(e.issueDate);
        invoice.setDueDate(e.dueDate);
        for (InvoiceLineEntity l : e.lines) {
            InvoiceLine line = new InvoiceLine();
            line.setLineNumber(l.lineNumber);
            line.setDescription(l.description);
            line.setQuantity(l.quantity);
            line.setUnitPrice(Moneys.of(l.unitPrice, e.currency));
            line.setLineTotal(Moneys.of(l.lineTotal, e.currency));
            invoice.getLines().add(line);
        }
        invoice.setTotal(Moneys.of(e.total, e.currency));
        invoice.setAmountPaid(Moneys.of(e.amountPaid, e.currency));
        invoice.setAmountCredited(Moneys.of(e.amountCredited, e.currency));
        invoice.setBalance(Moneys.of(e.balance(), e.currency));
        invoice.setStatus(e.status);
        e.payments.forEach(p -> invoice.getPayments().add(toPayment(p)));
        e.creditNotes.forEach(c -> invoice.getCreditNotes().add(toCreditNote(c)));
        invoice.setAudit(e.toAudit());
        return invoice;
    }

    static Payment toPayment(PaymentEntity p) {
        Payment payment = new Payment();
        payment.setPaymentId(p.paymentId);
        payment.setInvoiceId(p.invoice.invoiceId);
        payment.setAmount(Moneys.of(p.amount, p.invoice.currency));
        payment.setMethod(p.method);
        payment.setReference(p.reference);
        payment.setReceivedAt(p.receivedAt);
        return payment;
    }

    static CreditNote toCreditNote(CreditNoteEntity c) {
        CreditNote note = new CreditNote();
        note.setCreditNoteId(c.creditNoteId);
        note.setInvoiceId(c.invoice.invoiceId);
        note.setAmount(Moneys.of(c.amount, c.invoice.currency));
        note.setReason(c.reason);
        note.setIssuedAt(c.issuedAt);
        return note;
    }
}
