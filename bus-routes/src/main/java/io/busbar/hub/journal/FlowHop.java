package io.busbar.hub.journal;

import java.time.Instant;

/** One hop of a message through the hub, as the journal records it. */
public record FlowHop(String correlationId, String routeId, String endpoint, String exchangeId, String messageId,
        Instant startedAt, Instant endedAt, Outcome outcome, String error, String orderId, String customerId,
        String fileName, Long recordNumber, String eventType, String payload) {

    public enum Outcome {
        /** The hop did its work. */
        COMPLETED,
        /** The hop failed; a transacted bus hop is rolled back and redelivered. */
        FAILED,
        /** The hop parked the message in DLQ.* or invalid.*. */
        PARKED
    }

    public long durationMillis() {
        return Math.max(0, endedAt.toEpochMilli() - startedAt.toEpochMilli());
    }
}
