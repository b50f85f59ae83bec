package io.busbar.services.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(schema = "billing", name = "credit_note")
public class CreditNoteEntity {

    @Id
    @Column(name = "credit_note_id", length = 12)
    public String creditNoteId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "invoice_id")
    public InvoiceEntity invoice;

    @Column(nullable = false, precision = 18, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false, length = 500)
    public String reason;

    @Column(name = "issued_at", nullable = false)
    public OffsetDateTime issuedAt;

    @Column(name = "issued_by", nullable = false, length = 100)
    public String issuedBy;
}
