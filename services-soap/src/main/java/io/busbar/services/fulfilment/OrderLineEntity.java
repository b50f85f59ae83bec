package io.busbar.services.fulfilment;

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
@Table(schema = "fulfilment", name = "order_line")
@IdClass(OrderLineEntity.Key.class)
public class OrderLineEntity {

    public record Key(String order, int lineNumber) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "order_id")
    public OrderEntity order;

    @Id
    @Column(name = "line_number")
    public int lineNumber;

    @Column(nullable = false, length = 40)
    public String sku;

    @Column(nullable = false, length = 200)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false, precision = 18, scale = 4)
    public BigDecimal unitPrice;

    @Column(name = "line_total", nullable = false, precision = 18, scale = 4)
    public BigDecimal lineTotal;
}
