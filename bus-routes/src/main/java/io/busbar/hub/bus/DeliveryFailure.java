package io.busbar.hub.bus;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last failure of a bus message, kept outside the transaction that failed (which rolls back): the reason the
 * message carries when the hub parks it in {@code DLQ.<queue>}.
 */
@Entity
@Table(name = "bus_delivery_failure")
public class DeliveryFailure {

    @Id
    @Column(name = "message_id", length = 200)
    public String messageId;

    @Column(name = "queue_name", nullable = false, length = 250)
    public String queue;

    @Column(name = "route_id", length = 200)
    public String routeId;

    @Column(nullable = false)
    public int failures;

    @Column(nullable = false, length = 4000)
    public String reason;

    @Column(name = "exception_type", length = 300)
    public String exceptionType;

    @Column(name = "first_failed_at", nullable = false)
    public OffsetDateTime firstFailedAt;

    @Column(name = "last_failed_at", nullable = false)
    public OffsetDateTime lastFailedAt;

    @Column(name = "parked_to", length = 260)
    public String parkedTo;

    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;
}
