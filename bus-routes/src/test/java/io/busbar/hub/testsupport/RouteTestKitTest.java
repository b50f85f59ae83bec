package io.busbar.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.busbar.hub.bus.InvalidMessageException;
import io.busbar.hub.testsupport.RouteTestKit.RouteUnderTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The testing kit itself: a Java route and a route file under test, stubs that record and answer, refusals. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RouteTestKitTest {

    @Inject
    CamelContext camel;

    /** A Java DSL route as an author would write it for bus-routes, before it is a CDI bean. */
    static class PriceRoute extends RouteBuilder {
        @Override
        public void configure() {
            from("jms:queue:test.kit.prices.v1").routeId("test-kit-price-quote")
                    .to("direct:test-kit-tariff")
                    .setHeader("quoted", constant("yes"))
                    .to("jms:queue:test.kit.quotes.v1");
        }
    }

    @Test
    void aJavaRouteRunsWithItsInputReplacedAndItsOutputsStubbed() {
        try (RouteUnderTest route = RouteTestKit.in(camel).load(new PriceRoute())
                .stub("direct:test-kit-tariff", "{\"price\": \"9.90\"}").stub("jms:queue:test.kit.quotes.v1").start()) {
            Exchange done = route.send("{\"sku\": \"A-1\"}", Map.of("customer", "CUS-1"));

            assertThat(done.getException()).isNull();
            assertThat(route.stubbed("direct:test-kit-tariff").getReceivedExchanges()).singleElement()
                    .satisfies(e -> assertThat(e.getMessage().getBody(String.class)).isEqualTo("{\"sku\": \"A-1\"}"));
            assertThat(route.stubbed("jms:queue:test.kit.quotes.v1").getReceivedExchanges()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getMessage().getBody(String.class)).isEqualTo("{\"price\": \"9.90\"}");
                        assertThat(e.getMessage().getHeader("quoted")).isEqualTo("yes");
                        assertThat(e.getMessage().getHeader("customer")).isEqualTo("CUS-1");
                    });
        }
        assertThat(camel.getRoute("test-kit-price-quote")).as("removed after the test").isNull();
    }

    @Test
    void aRouteFileShowsTheExceptionItsRouteThrows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kit.yaml");
        Files.writeString(file, """
                - route:
                    id: test-kit-map-line
                    routeConfigurationId: bus-transacted
                    from:
                      uri: jms:queue:test.kit.lines.v1
                      steps:
                        - to:
                            uri: kamelet:busbar-json-map
                            parameters:
                              mapping: sku=code
                        - to: jms:queue:test.kit.mapped.v1
                """);
        try (RouteUnderTest route = RouteTestKit.in(camel).load(file).stub("jms:queue:test.kit.mapped.v1").start()) {
            assertThat(route.send("{\"code\": \"A-1\"}").getMessage().getBody(String.class)).isEqualTo("{\"sku\":\"A-1\"}");
            route.resetStubs();
            Exchange refused = route.send("not json");
            assertThat(refused.getException()).isInstanceOf(InvalidMessageException.class);
            assertThat(route.stubbed("jms:queue:test.kit.mapped.v1").getReceivedCounter()).isZero();
        }
        assertThat(camel.getRoute("test-kit-map-line")).isNull();
    }

    @Test
    void aFileTheHubWouldRefuseFailsTheTestWithEveryProblemAndItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refused.yaml");
        Files.writeString(file, """
                - route:
                    id: test-kit-refused
                    from:
                      uri: jms:queue:test.kit.refused.v1
                      steps:
                        - to: "kamelet:busbar-bus-publish?name=DLQ.sneaky"
                """);
        assertThatThrownBy(() -> RouteTestKit.in(camel).load(file)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the hub would refuse refused.yaml:")
                .hasMessageContaining("refused.yaml:4: a route that consumes from the bus must use")
                .hasMessageContaining("refused.yaml:6: parameter 'name' of template 'busbar-bus-publish' is 'DLQ.sneaky'");
    }

    @Test
    void aStubThatMatchesNothingIsAMistakeInTheTest() {
        RouteUnderTest route = RouteTestKit.in(camel).load(new PriceRoute()).stub("jms:queue:no.such.v1");
        assertThatThrownBy(route::start).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no step of the route matches the stub(s) [jms:queue:no.such.v1]");
        assertThat(camel.getRoute("test-kit-price-quote")).isNull();
    }
}
