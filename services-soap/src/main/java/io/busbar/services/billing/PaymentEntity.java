package io.busbar.services.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.busbar.contract.billing.v1.PaymentMethod;

@Entity
@Table(schema = "billing", name = "payment")
public class PaymentEntity {

    @Id
    @Column(name = "payment_id", length = 12)
    public String paymentId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "invoice_id")
    public InvoiceEntity invoice;

    @Column(nullable = false, precision = 18, scale = 4)
    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public PaymentMethod method;

    @Column(length = 100)
    public String reference;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "recorded_by", nullable = false, length = 100)
    public String recordedBy;
}
