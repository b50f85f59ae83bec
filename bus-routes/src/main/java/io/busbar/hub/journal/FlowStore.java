package io.busbar.hub.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.busbar.hub.journal.FlowViews.Criteria;
import io.busbar.hub.journal.FlowViews.FlowSummary;
import io.busbar.hub.journal.FlowViews.HopView;
import io.busbar.hub.journal.FlowViews.Timeline;

/** Reads the flow journal: flows by key, route, status and time; one flow's timeline. */
@ApplicationScoped
public class FlowStore {

    /** Found flows plus how many matched in all. */
    public record Found(List<FlowSummary> flows, long total) {
    }

    private static final String FLOWS = """
            select h.correlation_id, min(h.started_at) as started_at, max(h.ended_at) as ended_at, count(*) as hops,
                   count(*) filter (where h.outcome <> 'COMPLETED') as failed_hops,
                   (array_agg(h.outcome order by h.ended_at desc, h.hop_id desc))[1] as status,
                   (array_agg(h.route_id order by h.ended_at desc, h.hop_id desc))[1] as last_route,
                   max(h.order_id) as order_id, max(h.customer_id) as customer_id, max(h.file_name) as file_name
              from flow_hop h
             where h.correlation_id in (select m.correlation_id from flow_hop m where %s)
             group by h.correlation_id
            """;

    @Inject
    DataSource dataSource;

    public Found search(Criteria criteria, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        add(where, params, "m.correlation_id = ?", criteria.correlationId());
        add(where, params, "m.order_id = ?", criteria.orderId());
        add(where, params, "m.customer_id = ?", criteria.customerId());
        add(where, params, "m.file_name = ?", criteria.fileName());
        add(where, params, "m.route_id = ?", criteria.routeId());
        add(where, params, "m.started_at >= ?", criteria.from() == null ? null : Timestamp.from(criteria.from().toInstant()));
        add(where, params, "m.started_at < ?", criteria.to() == null ? null : Timestamp.from(criteria.to().toInstant()));
        String flows = FLOWS.formatted(where);
        String statusFilter = "";
        if (criteria.status() != null) {
            statusFilter = " where f.status = ?";
            params.add(criteria.status());
        }
        String base = "select * from (" + flows + ") f" + statusFilter;
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from (" + base + ") t")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<FlowSummary> found = new ArrayList<>();
            try (PreparedStatement ps = c
                    .prepareStatement(base + " order by f.started_at desc, f.correlation_id limit ? offset ?")) {
                List<Object> paged = new ArrayList<>(params);
                paged.add(limit);
                paged.add(offset);
                bind(ps, paged);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime started = time(rs, "started_at");
                        OffsetDateTime ended = time(rs, "ended_at");
                        String id = rs.getString("correlation_id");
                        found.add(new FlowSummary(id, started, ended, Duration.between(started, ended).toMillis(),
                                rs.getInt("hops"), rs.getInt("failed_hops"), rs.getString("status"), rs.getString("last_route"),
                                rs.getString("order_id"), rs.getString("customer_id"), rs.getString("file_name"),
                                "/api/v1/flows/" + id));
                    }
                }
            }
            return new Found(found, total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the flow journal", e);
        }
    }

    public Optional<Timeline> timeline(String correlationId) {
        List<HopView> hops = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select * from flow_hop where correlation_id = ?"
                        + " order by started_at, hop_id")) {
            ps.setString(1, correlationId);
            try (ResultSet rs = ps.executeQuery()) {
                OffsetDateTime first = null;
                while (rs.next()) {
                    OffsetDateTime started = time(rs, "started_at");
                    if (first == null) {
                        first = started;
                    }
                    long record = rs.getLong("record_number");
                    hops.add(new HopView(rs.getLong("hop_id"), rs.getString("route_id"), rs.getString("endpoint"),
                            rs.getString("message_id"), started, time(rs, "ended_at"), rs.getLong("duration_ms"),
                            Duration.between(first, started).toMillis(), rs.getString("outcome"), rs.getString("error"),
                            rs.getString("order_id"), rs.getString("customer_id"), rs.getString("file_name"),
                            rs.wasNull() ? null : record, rs.getString("event_type"), rs.getString("payload")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the flow " + correlationId, e);
        }
        if (hops.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime start = hops.get(0).startedAt();
        HopView last = hops.stream().max((a, b) -> a.endedAt().compareTo(b.endedAt())).orElseThrow();
        return Optional.of(new Timeline(correlationId, last.outcome(), start, last.endedAt(),
                Duration.between(start, last.endedAt()).toMillis(), hops));
    }

    private static void add(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value != null && !"".equals(value)) {
            where.append(" and ").append(condition);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}
