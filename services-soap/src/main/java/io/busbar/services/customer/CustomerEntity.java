package io.busbar.services.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.busbar.contract.customer.v1.CustomerKind;
import io.busbar.contract.customer.v1.CustomerStatus;
import io.busbar.services.common.AuditedEntity;

@Entity
@Table(schema = "customer", name = "customer")
public class CustomerEntity extends AuditedEntity {

    @Id
    @Column(name = "customer_id", length = 12)
    public String customerId;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CustomerKind kind;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(length = 30)
    public String phone;

    @Column(name = "address_line1", nullable = false, length = 200)
    public String addressLine1;

    @Column(name = "address_line2", length = 200)
    public String addressLine2;

    @Column(nullable = false, length = 100)
    public String city;

    @Column(name = "postal_code", nullable = false, length = 20)
    public String postalCode;

    @Column(length = 100)
    public String region;

    @Column(nullable = false, length = 2)
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CustomerStatus status;

    @Column(name = "deactivation_reason", length = 500)
    public String deactivationReason;
}
