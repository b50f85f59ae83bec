package io.busbar.services.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.busbar.contract.billing.v1.CreditNote;
import io.busbar.contract.billing.v1.Invoice;
import io.busbar.contract.billing.v1.InvoiceLineData;
import io.busbar.contract.billing.v1.InvoiceStatus;
import io.busbar.contract.billing.v1.Payment;
import io.busbar.contract.billing.v1.PaymentMethod;
import io.busbar.contract.common.v1.Money;
import io.busbar.contract.common.v1.PageInfo;
import io.busbar.services.common.Actor;
import io.busbar.services.common.AuditedEntity;
import io.busbar.services.common.BusinessIds;
import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.Moneys;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.common.Transactions;
import io.busbar.services.customer.CustomerService;

/** The billing service: invoices for orders, payments against them, credit notes. */
@ApplicationScoped
// A business outcome does not doom the caller's transaction: a bus route that gets one parks its message and commits.
// Where the database already failed (a unique key), the service marks the transaction rollback-only itself.
@Transactional(dontRollbackOn = ServiceException.class)
public class BillingService {

    /** Days to pay when the caller does not say. */
    static final int PAYMENT_TERM_DAYS = 30;

    public record Page(List<Invoice> invoices, PageInfo pageInfo) {
    }

    public record PaymentRecorded(Payment payment, Invoice invoice) {
    }

    public record CreditNoteIssued(CreditNote creditNote, Invoice invoice) {
    }

    @Inject
    EntityManager em;

    @Inject
    Actor actor;

    @Inject
    CustomerService customers;

    /** Creates the one invoice of an order, for an existing customer; a second one for the same order is a conflict. */
    public Invoice createInvoice(String orderId, String customerId, String currency, List<InvoiceLineData> lines,
            LocalDate dueDate) {
        Moneys.scale(currency);
        customers.get(customerId);
        Optional<InvoiceEntity> existing = findByOrder(orderId);
        if (existing.isPresent()) {
            throw new ServiceException.Conflict("INVOICE_EXISTS",
                    "order " + orderId + " already has invoice " + existing.get().invoiceId);
        }
        LocalDate issueDate = AuditedEntity.now().toLocalDate();
        LocalDate due = dueDate == null ? issueDate.plusDays(PAYMENT_TERM_DAYS) : dueDate;
        if (due.isBefore(issueDate)) {
            throw new ServiceException.InvalidRequest("DUE_BEFORE_ISSUE", "the due date " + due
                    + " is before the issue date " + issueDate, List.of(new FieldViolation("dueDate", "is in the past")));
        }
        InvoiceEntity invoice = new InvoiceEntity();
        invoice.invoiceId = BusinessIds.next(em, "billing.invoice_id_seq", "INV");
        invoice.orderId = orderId;
        invoice.customerId = customerId;
        invoice.currency = currency;
        invoice.issueDate = issueDate;
        invoice.dueDate = due;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLineData data = lines.get(i);
            InvoiceLineEntity line = new InvoiceLineEntity();
            line.invoice = invoice;
            line.lineNumber = i + 1;
            line.description = data.getDescription();
            line.quantity = data.getQuantity();
            line.unitPrice = Moneys.amountIn(data.getUnitPrice(), currency, "lines[" + i + "].unitPrice", false);
            line.lineTotal = line.unitPrice.multiply(BigDecimal.valueOf(line.quantity));
            total = total.add(line.lineTotal);
            invoice.lines.add(line);
        }
        invoice.total = total;
        invoice.amountPaid = BigDecimal.ZERO;
        invoice.amountCredited = BigDecimal.ZERO;
        invoice.settleStatus();
        invoice.created(actor.name());
        em.persist(invoice);
        try {
            em.flush();
        } catch (ConstraintViolationException e) {
            Transactions.rollbackOnly();
            throw new ServiceException.Conflict("INVOICE_EXISTS", "order " + orderId + " already has an invoice");
        }
        return InvoiceMapper.toInvoice(invoice);
    }

    public Invoice get(String invoiceId) {
        return InvoiceMapper.toInvoice(find(invoiceId, LockModeType.NONE));
    }

    /** The invoice of an order, if billing has created one. */
    public Optional<Invoice> invoiceOfOrder(String orderId) {
        return findByOrder(orderId).map(InvoiceMapper::toInvoice);
    }

    /** Records a payment; partial payments are fine, paying more than the balance is refused. */
    public PaymentRecorded recordPayment(String invoiceId, Money amount, PaymentMethod method, String reference,
            OffsetDateTime receivedAt, Long expectedVersion) {
        InvoiceEntity invoice = find(invoiceId, LockModeType.PESSIMISTIC_WRITE);
        requireVersion(invoice, expectedVersion);
        BigDecimal value = Moneys.amountIn(amount, invoice.currency, "amount", true);
        if (value.compareTo(invoice.balance()) > 0) {
            throw new ServiceException.InvalidRequest("OVERPAYMENT", "a payment of " + value + " " + invoice.currency
                    + " is more than the balance of " + invoice.balance() + " " + invoice.currency + " of " + invoiceId,
                    List.of(new FieldViolation("amount.amount", "is more than the balance " + invoice.balance())));
        }
        PaymentEntity payment = new PaymentEntity();
        payment.paymentId = BusinessIds.next(em, "billing.payment_id_seq", "PAY");
        payment.invoice = invoice;
        payment.amount = value;
        payment.method = method;
        payment.reference = reference;
        payment.receivedAt = receivedAt == null ? AuditedEntity.now() : receivedAt;
        payment.recordedBy = actor.name();
        invoice.payments.add(payment);
        invoice.amountPaid = invoice.amountPaid.add(value);
        invoice.settleStatus();
        invoice.updated(actor.name());
        em.persist(payment);
        em.flush();
        return new PaymentRecorded(InvoiceMapper.toPayment(payment), InvoiceMapper.toInvoice(invoice));
    }

    public Page listForCustomer(String customerId, InvoiceStatus status, Integer page, Integer size) {
        Paging paging = Paging.of(page, size);
        String where = " where i.customerId = :customer" + (status == null ? "" : " and i.status = :status");
        TypedQuery<InvoiceEntity> query = em.createQuery(
                "from InvoiceEntity i" + where + " order by i.issueDate desc, i.invoiceId desc", InvoiceEntity.class);
        TypedQuery<Long> count = em.createQuery("select count(i) from InvoiceEntity i" + where, Long.class);
        for (TypedQuery<?> q : List.of(query, count)) {
            q.setParameter("customer", customerId);
            if (status != null) {
                q.setParameter("status", status);
            }
        }
        List<Invoice> invoices = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList()
                .stream().map(InvoiceMapper::toInvoice).toList();
        return new Page(invoices, paging.info(count.getSingleResult()));
    }

    /** Issues a credit note of at most the invoice's balance. */
    public CreditNoteIssued issueCreditNote(String invoiceId, Money amount, String reason, Long expectedVersion) {
        InvoiceEntity invoice = find(invoiceId, LockModeType.PESSIMISTIC_WRITE);
        requireVersion(invoice, expectedVersion);
        BigDecimal value = Moneys.amountIn(amount, invoice.currency, "amount", true);
        if (value.compareTo(invoice.balance()) > 0) {
            throw new ServiceException.InvalidRequest("CREDIT_EXCEEDS_BALANCE", "a credit of " + value + " "
                    + invoice.currency + " is more than the balance of " + invoice.balance() + " " + invoice.currency,
                    List.of(new FieldViolation("amount.amount", "is more than the balance " + invoice.balance())));
        }
        return credit(invoice, value, reason);
    }

    /**
     * Credits whatever is still open on an order's invoice (compensation when an order cannot be fulfilled); nothing
     * when there is no invoice or nothing is open.
     */
    public Optional<CreditNoteIssued> creditOpenBalanceOfOrder(String orderId, String reason) {
        Optional<InvoiceEntity> invoice = findByOrder(orderId);
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        InvoiceEntity locked = em.find(InvoiceEntity.class, invoice.get().invoiceId, LockModeType.PESSIMISTIC_WRITE);
        if (locked.balance().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(credit(locked, locked.balance(), reason));
    }

    private CreditNoteIssued credit(InvoiceEntity invoice, BigDecimal value, String reason) {
        CreditNoteEntity note = new CreditNoteEntity();
        note.creditNoteId = BusinessIds.next(em, "billing.credit_note_id_seq", "CRN");
        note.invoice = invoice;
        note.amount = value;
        note.reason = reason;
        note.issuedAt = AuditedEntity.now();
        note.issuedBy = actor.name();
        invoice.creditNotes.add(note);
        invoice.amountCredited = invoice.amountCredited.add(value);
        invoice.settleStatus();
        invoice.updated(actor.name());
        em.persist(note);
        em.flush();
        return new CreditNoteIssued(InvoiceMapper.toCreditNote(note), InvoiceMapper.toInvoice(invoice));
    }

    private Optional<InvoiceEntity> findByOrder(String orderId) {
        return em.createQuery("from InvoiceEntity i where i.orderId = :order", InvoiceEntity.class)
                .setParameter("order", orderId).getResultStream().findFirst();
    }

    private InvoiceEntity find(String invoiceId, LockModeType lock) {
        InvoiceEntity invoice = em.find(InvoiceEntity.class, invoiceId, lock);
        if (invoice == null) {
            throw new ServiceException.NotFound("INVOICE_NOT_FOUND", "no invoice " + invoiceId);
        }
        return invoice;
    }

    private static void requireVersion(InvoiceEntity invoice, Long expectedVersion) {
        if (expectedVersion != null && invoice.version != expectedVersion) {
            throw new ServiceException.Conflict("VERSION_MISMATCH", "invoice " + invoice.invoiceId + " is at version "
                    + invoice.version + ", not " + expectedVersion + ": read it again");
        }
    }
}
