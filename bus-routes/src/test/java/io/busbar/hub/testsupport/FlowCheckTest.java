package io.busbar.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.busbar.hub.testsupport.FlowCheck.Expected;

/** The flow check on hand-made API answers: each kind of broken flow is reported, a whole one is not. */
class FlowCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> ROUTES = List.of("rest-door", "order-fulfilment-intake", "order-events-analytics");

    @Test
    void aWholeFlowOfItsOwnHasNoProblem() {
        Expected expected = new Expected("ORD-1", "rest-door", "c-1", ROUTES);
        assertThat(FlowCheck.check(expected, page("c-1"), timeline("c-1", hop("rest-door", "ORD-1"),
                hop("order-events-analytics", "ORD-1"), hop("order-fulfilment-intake", "ORD-1")))).isEmpty();
        assertThat(FlowCheck.check(new Expected("ORD-1", null, null, null), page("any"),
                timeline("any", hop("order-fulfilment-intake", "ORD-1")))).isEmpty();
    }

    @Test
    void noFlowOrTwoFlowsForOneOrderAreReported() {
        Expected expected = new Expected("ORD-1", null, null, null);
        assertThat(FlowCheck.check(expected, page(), null)).singleElement().asString().contains("found 0 flows");
        assertThat(FlowCheck.check(expected, page("a", "b"), null)).singleElement().asString()
                .contains("found 2 flows [a, b]");
    }

    @Test
    void aHopOfAnotherOrderOrOfNoOrderIsReported() {
        Expected expected = new Expected("ORD-1", null, null, null);
        assertThat(FlowCheck.check(expected, page("f"), timeline("f", hop("rest-door", "ORD-1"),
                hop("order-fulfilment-billing", "ORD-2"), hop("rest-door", null)))).containsExactly(
                        "ORD-1: flow f has a hop of order-fulfilment-billing that names order ORD-2",
                        "ORD-1: flow f has a hop of rest-door that names no order");
    }

    @Test
    void onlyAConnectorDoorThatCameBeforeTheOrderMayNameNoOrder() {
        Expected expected = new Expected("ORD-1", "connector-x", null, null, true);
        assertThat(FlowCheck.check(expected, page("f"), timeline("f", hop("connector-x", null),
                hop("order-json-intake", "ORD-1")))).isEmpty();
        assertThat(FlowCheck.check(expected, page("f"), timeline("f", hop("connector-x", "ORD-2"),
                hop("order-json-intake", "ORD-1"), hop("order-fulfilment-intake", null)))).containsExactly(
                        "ORD-1: flow f has a hop of connector-x that names order ORD-2",
                        "ORD-1: flow f has a hop of order-fulfilment-intake that names no order");
    }

    @Test
    void aFlowThatDoesNotStartAtItsDoorOrIsNotTheCallersIdIsReported() {
        Expected expected = new Expected("ORD-1", "soap-door", "c-1", null);
        assertThat(FlowCheck.check(expected, page("c-2"), timeline("c-2", hop("order-fulfilment-intake", "ORD-1"),
                hop("soap-door", "ORD-1")))).containsExactly("ORD-1: its flow is c-2, not the expected id c-1",
                        "ORD-1: flow c-2 starts with order-fulfilment-intake, not its door hop soap-door");
    }

    @Test
    void missingOrExtraHopsAreReported() {
        Expected expected = new Expected("ORD-1", "rest-door", null, ROUTES);
        assertThat(FlowCheck.check(expected, page("f"), timeline("f", hop("rest-door", "ORD-1"),
                hop("order-fulfilment-intake", "ORD-1")))).singleElement().asString().contains("has the hops");
        assertThat(FlowCheck.check(expected, page("f"), timeline("f", hop("rest-door", "ORD-1"),
                hop("order-fulfilment-intake", "ORD-1"), hop("order-events-analytics", "ORD-1"),
                hop("order-events-analytics", "ORD-1")))).singleElement().asString().contains("has the hops");
    }

    static JsonNode page(String... flows) {
        ObjectNode page = JSON.createObjectNode();
        page.put("totalItems", flows.length);
        ArrayNode items = page.putArray("items");
        for (String flow : flows) {
            items.addObject().put("correlationId", flow).put("link", "/api/v1/flows/" + flow);
        }
        return page;
    }

    static JsonNode timeline(String flow, ObjectNode... hops) {
        ObjectNode timeline = JSON.createObjectNode().put("correlationId", flow);
        timeline.putArray("hops").addAll(List.of(hops));
        return timeline;
    }

    static ObjectNode hop(String route, String orderId) {
        return JSON.createObjectNode().put("routeId", route).put("orderId", orderId);
    }
}
