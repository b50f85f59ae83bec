package io.busbar.hub.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks that the flow journal keeps each order in a flow of its own, through the public API ({@code /api/v1/flows}),
 * against a hub in this JVM or in another process: the search by the order id finds exactly one flow, every hop of
 * that flow names that order and no other, the flow starts with its door hop, a caller's id is the flow's id, and
 * (when the test knows them) the hops are exactly the route steps the order went through.
 */
public final class FlowCheck {

    /**
     * What one order's flow must be. {@code door}: the route id of its first hop (null: it entered on the bus, or a
     * crash may have lost the door's hop). {@code flowId}: the id the flow must have (the caller's, or the one the hub
     * answered with; null: unknown). {@code routes}: the route id of every hop, in any order (null: not counted, e.g.
     * after a crash, where redeliveries add hops). {@code doorBeforeOrder}: the door is a connector that handled the
     * message before the order existed, so its hop cannot name it (it must name no other).
     */
    public record Expected(String orderId, String door, String flowId, List<String> routes, boolean doorBeforeOrder) {

        public Expected {
            Objects.requireNonNull(orderId);
            routes = routes == null ? null : List.copyOf(routes);
        }

        public Expected(String orderId, String door, String flowId, List<String> routes) {
            this(orderId, door, flowId, routes, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;

    /** {@code base}: the hub's HTTP address; {@code authorization}: an Authorization header of a flow reader. */
    public FlowCheck(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** What is wrong with the order's flow as the journal shows it now; empty when it is whole and its own. */
    public List<String> problems(Expected expected) {
        JsonNode page = read("/api/v1/flows?size=100&orderId=" + URLEncoder.encode(expected.orderId(), StandardCharsets.UTF_8));
        JsonNode timeline = null;
        if (page.path("totalItems").asLong() == 1) {
            timeline = read(page.path("items").path(0).path("link").asText());
        }
        return check(expected, page, timeline);
    }

    /** The problems of all these orders' flows, each line naming its order. */
    public List<String> problems(Collection<Expected> orders) {
        List<String> all = new ArrayList<>();
        for (Expected expected : orders) {
            all.addAll(problems(expected));
        }
        return all;
    }

    /**
     * The check itself, on what the API answered: {@code page} is the search by order id, {@code timeline} the one
     * flow it found (null when it found none or several).
     */
    public static List<String> check(Expected expected, JsonNode page, JsonNode timeline) {
        String order = expected.orderId();
        List<String> problems = new ArrayList<>();
        long found = page.path("totalItems").asLong(-1);
        if (found != 1) {
            List<String> ids = new ArrayList<>();
            page.path("items").forEach(item -> ids.add(item.path("correlationId").asText()));
            problems.add(order + ": the search by its order id found " + found + " flows " + ids + ", not one");
            return problems;
        }
        String flowId = page.path("items").path(0).path("correlationId").asText();
        if (timeline == null || !flowId.equals(timeline.path("correlationId").asText())) {
            problems.add(order + ": no timeline of its flow " + flowId);
            return problems;
        }
        if (expected.flowId() != null && !expected.flowId().equals(flowId)) {
            problems.add(order + ": its flow is " + flowId + ", not the expected id " + expected.flowId());
        }
        List<String> routes = new ArrayList<>();
        JsonNode hops = timeline.path("hops");
        for (JsonNode hop : hops) {
            String route = hop.path("routeId").asText();
            routes.add(route);
            String named = hop.path("orderId").isNull() ? null : hop.path("orderId").asText(null);
            boolean unnamedDoor = named == null && expected.doorBeforeOrder() && routes.size() == 1
                    && route.equals(expected.door());
            if (!order.equals(named) && !unnamedDoor) {
                problems.add(order + ": flow " + flowId + " has a hop of " + route + " that names "
                        + (named == null ? "no order" : "order " + named));
            }
        }
        if (expected.door() != null && (routes.isEmpty() || !expected.door().equals(routes.get(0)))) {
            problems.add(order + ": flow " + flowId + " starts with " + (routes.isEmpty() ? "nothing" : routes.get(0))
                    + ", not its door hop " + expected.door());
        }
        if (expected.routes() != null && !sorted(routes).equals(sorted(expected.routes()))) {
            problems.add(order + ": flow " + flowId + " has the hops " + sorted(routes) + ", expected "
                    + sorted(expected.routes()));
        }
        return problems;
    }

    private static List<String> sorted(List<String> routes) {
        return routes.stream().sorted().toList();
    }

    private JsonNode read(String path) {
        var response = Http.get(base + path, authorization);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON: " + response.body(), e);
        }
    }
}
