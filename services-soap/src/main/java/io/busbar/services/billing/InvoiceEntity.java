package io.busbar.services.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.busbar.contract.billing.v1.InvoiceStatus;
import io.busbar.services.common.AuditedEntity;

@Entity
@Table(schema = "billing", name = "invoice")
public class InvoiceEntity extends AuditedEntity {

    @Id
    @Column(name = "invoice_id", length = 12)
    public String invoiceId;

    @Column(name = "order_id", nullable = false, unique = true, length = 12)
    public String orderId;

    @Column(name = "customer_id", nullable = false, length = 12)
    public String customerId;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(nullable = false, precision = 18, scale = 4)
    public BigDecimal total;

    @Column(name = "amount_paid", nullable = false, precision = 18, scale = 4)
    public BigDecimal amountPaid;

    @Column(name = "amount_credited", nullable = false, precision = 18, scale = 4)
    public BigDecimal amountCredited;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public InvoiceStatus status;

    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNumber")
    public List<InvoiceLineEntity> lines = new ArrayList<>();

    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL)
    @OrderBy("receivedAt, paymentId")
    public List<PaymentEntity> payments = new ArrayList<>();

    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL)
    @OrderBy("issuedAt, creditNoteId")
    public List<CreditNoteEntity> creditNotes = new ArrayList<>();

    public BigDecimal balance() {
        return total.subtract(amountPaid).subtract(amountCredited);
    }

    /** Status follows from the amounts: nothing here is set by hand. */
    void settleStatus() {
        if (balance().signum() == 0) {
            status = amountCredited.signum() > 0 ? InvoiceStatus.CREDITED : InvoiceStatus.PAID;
        } else {
            status = amountPaid.signum() > 0 ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.OPEN;
        }
    }
}
