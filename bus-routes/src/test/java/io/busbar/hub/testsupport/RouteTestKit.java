package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.util.StringHelper;

import io.busbar.hub.routes.InvalidRouteFile;
import io.busbar.hub.routes.RouteProblem;
import io.busbar.hub.routes.RouteTemplates;
import io.busbar.hub.routes.RouteValidator;

/**
 * The route testing kit: loads a route file (YAML or XML, exactly as the hub reads it) or a Java {@link RouteBuilder}
 * into a running CamelContext, with the route's input replaced by a direct endpoint you send example messages to, and
 * the outputs you name replaced by stubs that record what reached them (and, if asked, answer). Everything not
 * stubbed is real: in a {@code @QuarkusTest}, the hub's templates, beans and services.
 * <p>
 * A route file is first checked as the hub checks it before deploying: a test fails with the file and line of each
 * problem. The bus's dead-letter policy ({@code routeConfigurationId: bus-transacted}) is left out: a test sees the
 * exception the route throws, and the hub's own tests prove what the policy does with it (an
 * {@code InvalidMessageException} parks the message in {@code invalid.<queue>}; any other failure is retried, then
 * parked in {@code DLQ.<queue>}).
 *
 * <pre>{@code
 * try (RouteUnderTest route = RouteTestKit.in(camel).load(Path.of("my-route.yaml"))
 *         .stub("kamelet:busbar-bus-publish*").start()) {
 *     Exchange done = route.send("{\"id\": 1}");
 *     assertThat(route.stubbed("kamelet:busbar-bus-publish*").getReceivedCounter()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class RouteTestKit {

    private final CamelContext camel;

    private RouteTestKit(CamelContext camel) {
        this.camel = camel;
    }

    /** A kit for this context: in a {@code @QuarkusTest}, inject the hub's {@code CamelContext}. */
    public static RouteTestKit in(CamelContext camel) {
        return new RouteTestKit(camel);
    }

    /** Reads and checks a route file; fails with every problem, file and line, if the hub would refuse it. */
    public RouteUnderTest load(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        try {
            List<RouteDefinition> routes = new RouteValidator(camel, new RouteTemplates(),
                    io.quarkus.arc.Arc.container().instance(io.busbar.hub.routes.RouteDeployer.class).get().policy()).read(name,
                            content,
                            id -> camel.getRoute(id) == null ? Optional.empty() : Optional.of("a route already running"));
            return new RouteUnderTest(camel, routes);
        } catch (InvalidRouteFile e) {
            throw new AssertionError("the hub would refuse " + name + ":\n  "
                    + String.join("\n  ", e.problems().stream().map(RouteProblem::toString).toList()));
        }
    }

    /** A Java DSL route under test (not a CDI bean: create it with {@code new}). */
    public RouteUnderTest load(RoutesBuilder builder) {
        try {
            return new RouteUnderTest(camel, new ArrayList<>(((RouteBuilder) builder).configureRoutes(camel).getRoutes()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure " + builder, e);
        }
    }

    /** Routes loaded for a test: stub outputs, start, send, look at the stubs, close. */
    public static final class RouteUnderTest implements AutoCloseable {

        private final CamelContext camel;
        private final List<RouteDefinition> routes;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private final Map<String, MockEndpoint> stubs = new LinkedHashMap<>();
        private final Map<String, String> replies = new LinkedHashMap<>();
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private ProducerTemplate producer;
        private boolean started;

        RouteUnderTest(CamelContext camel, List<RouteDefinition> routes) {
            this.camel = camel;
            this.routes = routes;
        }

        /** Replaces every output whose URI matches (exactly, with a trailing {@code *}, or a regex) with a stub. */
        public RouteUnderTest stub(String uriPattern) {
            return stub(uriPattern, null);
        }

        /** A stub that also answers: its reply becomes the message body after the step. */
        public RouteUnderTest stub(String uriPattern, String reply) {
            requireNotStarted();
            stubs.put(uriPattern, null);
            if (reply != null) {
                replies.put(uriPattern, reply);
            }
            return this;
        }

        public RouteUnderTest start() {
            requireNotStarted();
            Map<String, String> stubUris = new LinkedHashMap<>();
            int n = 0;
            for (String pattern : stubs.keySet()) {
                stubUris.put(pattern, "mock:busbar-stub-" + run + "-" + (++n));
            }
            Set<String> matched = new LinkedHashSet<>();
            for (RouteDefinition route : routes) {
                route.setRouteConfigurationId(null);
                route.setErrorHandlerFactory(new NoErrorHandlerBuilder());
                String from = route.getInput().getEndpointUri();
                String scheme = StringHelper.before(from, ":");
                if ("direct".equals(scheme) || "seda".equals(scheme)) {
                    inputs.put(route.getRouteId(), from);
                } else {
                    String input = "direct:busbar-test-" + run + "-" + route.getRouteId();
                    route.getInput().setUri(input);
                    inputs.put(route.getRouteId(), input);
                }
                for (ProcessorDefinition<?> step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                        ProcessorDefinition.class)) {
                    replaceIfStubbed(step, stubUris, matched);
                }
            }
            List<String> unmatched = stubs.keySet().stream().filter(p -> !matched.contains(p)).toList();
            if (!unmatched.isEmpty()) {
                throw new AssertionError("no step of the route matches the stub(s) " + unmatched);
            }
            for (Map.Entry<String, String> stub : stubUris.entrySet()) {
                MockEndpoint mock = camel.getEndpoint(stub.getValue(), MockEndpoint.class);
                String reply = replies.get(stub.getKey());
                if (reply != null) {
                    mock.whenAnyExchangeReceived(e -> e.getMessage().setBody(reply));
                }
                stubs.put(stub.getKey(), mock);
            }
            try {
                ((ModelCamelContext) camel).addRouteDefinitions(routes);
            } catch (Exception e) {
                throw new AssertionError("the routes did not start: " + e.getMessage(), e);
            }
            producer = camel.createProducerTemplate();
            started = true;
            return this;
        }

        /** Sends an example message into the file's first route; the exchange carries the result or the exception. */
        public Exchange send(String body) {
            return send(body, Map.of());
        }

        public Exchange send(String body, Map<String, Object> headers) {
            return sendTo(routes.get(0).getRouteId(), body, headers);
        }

        /** Sends into a given route of the file. */
        public Exchange sendTo(String routeId, String body, Map<String, Object> headers) {
            requireStarted();
            String input = inputs.get(routeId);
            if (input == null) {
                throw new IllegalArgumentException("no route " + routeId + " under test (there are " + inputs.keySet() + ")");
            }
            return producer.send(input, exchange -> {
                exchange.getMessage().setBody(body);
                exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
            });
        }

        /** The stub that replaced the outputs matching this pattern (as given to {@link #stub}). */
        public MockEndpoint stubbed(String uriPattern) {
            requireStarted();
            MockEndpoint mock = stubs.get(uriPattern);
            if (mock == null) {
                throw new IllegalArgumentException("no stub " + uriPattern + " (there are " + stubs.keySet() + ")");
            }
            return mock;
        }

        /** Clears what the stubs received, between examples. */
        public void resetStubs() {
            stubs.values().forEach(MockEndpoint::reset);
            replies.forEach((pattern, reply) -> stubs.get(pattern).whenAnyExchangeReceived(e -> e.getMessage().setBody(reply)));
        }

        @Override
        public void close() {
            if (!started) {
                return;
            }
            List<String> ids = new ArrayList<>(routes.stream().map(RouteDefinition::getRouteId).toList());
            ids.addAll(templateRoutesOf(ids));
            for (String id : ids) {
                try {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                } catch (Exception e) {
                    throw new IllegalStateException("route " + id + " could not be removed after the test", e);
                }
            }
            try {
                producer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started = false;
        }

        private void replaceIfStubbed(ProcessorDefinition<?> step, Map<String, String> stubUris, Set<String> matched) {
            String uri = step instanceof SendDefinition<?> send ? send.getEndpointUri()
                    : step instanceof ToDynamicDefinition dynamic ? dynamic.getUri()
                            : step instanceof KameletDefinition kamelet ? "kamelet:" + kamelet.getName() : null;
            if (uri == null) {
                return;
            }
            for (Map.Entry<String, String> stub : stubUris.entrySet()) {
                if (EndpointHelper.matchEndpoint(camel, uri, stub.getKey())) {
                    if (step instanceof SendDefinition<?> send) {
                        send.setUri(stub.getValue());
                    } else if (step instanceof ToDynamicDefinition dynamic) {
                        dynamic.setUri(stub.getValue());
                    } else {
                        throw new AssertionError("stub the kamelet step " + uri + " as a 'to: kamelet:...' instead");
                    }
                    matched.add(stub.getKey());
                    return;
                }
            }
        }

        private Set<String> templateRoutesOf(List<String> parents) {
            Set<String> found = new LinkedHashSet<>();
            boolean grew = true;
            while (grew) {
                grew = false;
                for (RouteDefinition def : ((ModelCamelContext) camel).getRouteDefinitions()) {
                    Object parent = def.getTemplateParameters() == null ? null
                            : def.getTemplateParameters().get("parentRouteId");
                    if (parent != null && (parents.contains(parent.toString()) || found.contains(parent.toString()))
                            && found.add(def.getRouteId())) {
                        grew = true;
                    }
                }
            }
            return found;
        }

        private void requireNotStarted() {
            if (started) {
                throw new IllegalStateException("already started");
            }
        }

        private void requireStarted() {
            if (!started) {
                throw new IllegalStateException("call start() first");
            }
        }
    }
}
