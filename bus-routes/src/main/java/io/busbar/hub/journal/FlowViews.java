package io.busbar.hub.journal;

import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the flows API answers. */
public final class FlowViews {

    private FlowViews() {
    }

    /** One flow found by a search: all hops of one correlation id, summed up. */
    @TemplateData
    public record FlowSummary(String correlationId, OffsetDateTime startedAt, OffsetDateTime endedAt, long durationMs,
            int hops, int failedHops, String status, String lastRoute, String orderId, String customerId, String fileName,
            String link) {
    }

    /** One hop on a flow's timeline. */
    @TemplateData
    public record HopView(long hopId, String routeId, String endpoint, String messageId, OffsetDateTime startedAt,
            OffsetDateTime endedAt, long durationMs, long offsetMs, String outcome, String error, String orderId,
            String customerId, String fileName, Long recordNumber, String eventType, String payload) {
    }

    /** A flow's timeline: every hop, in the order they started. */
    @TemplateData
    public record Timeline(String correlationId, String status, OffsetDateTime startedAt, OffsetDateTime endedAt,
            long durationMs, List<HopView> hops) {
    }

    /** The search criteria, all optional. */
    @TemplateData
    public record Criteria(String correlationId, String orderId, String customerId, String fileName, String routeId,
            String status, OffsetDateTime from, OffsetDateTime to) {
    }
}
