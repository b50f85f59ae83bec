package io.busbar.services.billing;

import java.io.Serializable;
import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(schema = "billing", name = "invoice_line")
@IdClass(InvoiceLineEntity.Key.class)
public class InvoiceLineEntity {

    public record Key(String invoice, int lineNumber) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "invoice_id")
    public InvoiceEntity invoice;

    @Id
    @Column(name = "line_number")
    public int lineNumber;

    @Column(nullable = false, length = 200)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false, precision = 18, scale = 4)
    public BigDecimal unitPrice;

    @Column(name = "line_total", nullable = false, precision = 18, scale = 4)
    public BigDecimal lineTotal;
}
