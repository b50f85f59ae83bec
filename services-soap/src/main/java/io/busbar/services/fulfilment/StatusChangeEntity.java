package io.busbar.services.fulfilment;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.busbar.contract.order.v1.OrderStatus;

/** One step of an order's status history; never updated, only appended. */
@Entity
@Table(schema = "fulfilment", name = "order_status_change")
@IdClass(StatusChangeEntity.Key.class)
public class StatusChangeEntity {

    public record Key(String order, int sequence) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "order_id")
    public OrderEntity order;

    @Id
    @Column(name = "seq")
    public int sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public OrderStatus status;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, length = 100)
    public String changedBy;

    @Column(length = 500)
    public String reason;
}
