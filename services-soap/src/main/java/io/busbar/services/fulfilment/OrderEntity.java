package io.busbar.services.fulfilment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
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

import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.services.common.AuditedEntity;

@Entity
@Table(schema = "fulfilment", name = "orders")
public class OrderEntity extends AuditedEntity {

    @Id
    @Column(name = "order_id", length = 12)
    public String orderId;

    @Column(name = "customer_id", nullable = false, length = 12)
    public String customerId;

    @Column(name = "customer_reference", nullable = false, length = 100)
    public String customerReference;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(nullable = false, precision = 18, scale = 4)
    public BigDecimal total;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public OrderStatus status;

    @Column(name = "invoice_id", length = 12)
    public String invoiceId;

    /** Of the request that submitted the order; every message about the order carries it. */
    @Column(name = "correlation_id", length = 100)
    public String correlationId;

    @Column(name = "ship_line1", length = 200)
    public String shipLine1;
    @Column(name = "ship_line2", length = 200)
    public String shipLine2;
    @Column(name = "ship_city", length = 100)
    public String shipCity;
    @Column(name = "ship_postal_code", length = 20)
    public String shipPostalCode;
    @Column(name = "ship_region", length = 100)
    public String shipRegion;
    @Column(name = "ship_country", length = 2)
    public String shipCountry;

    @Column(name = "shipment_id", length = 12)
    public String shipmentId;
    @Column(length = 100)
    public String carrier;
    @Column(name = "tracking_number", length = 100)
    public String trackingNumber;
    @Column(name = "shipped_at")
    public OffsetDateTime shippedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNumber")
    public List<OrderLineEntity> lines = new ArrayList<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
    @OrderBy("sequence")
    public List<StatusChangeEntity> history = new ArrayList<>();
}
