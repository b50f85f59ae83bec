package io.busbar.hub.hospital;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/** What the error hospital answers. */
public final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /** A parked message, as listed. */
    @TemplateData
    public record DeadLetter(String queue, String messageId, String originalQueue, String reason, Integer attempts,
            String route, String parkedAt, String correlationId, String orderId, String eventType, boolean edited,
            String flowLink) {
    }

    /** A parked message opened: its body (masked unless asked otherwise by an operator), an edit, its properties. */
    @TemplateData
    public record DeadLetterDetail(DeadLetter message, String body, boolean masked, String editedBody, String editedBy,
            Map<String, Object> properties, List<AuditEntry> audit) {
    }

    /** What an operator did. */
    @TemplateData
    public record AuditEntry(long auditId, OffsetDateTime actedAt, String actor, String action, String queue,
            String messageId, String originalQueue, String correlationId, String detail) {
    }

    /**
     * The outcome of a resubmission or discard. {@code repeated} is true when the message had been handled before:
     * the answer is that first action's, and nothing happened again.
     */
    @TemplateData
    public record ActionResult(String action, String queue, String messageId, String resubmittedTo, String newMessageId,
            String actor, OffsetDateTime actedAt, boolean repeated) {
    }

    /** The queues that hold parked messages, with how many each holds. */
    @TemplateData
    public record ParkingQueue(String queue, long messages) {
    }
}
