package io.busbar.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.busbar.hub.testsupport.RouteTestKit.RouteUnderTest;

/**
 * A route test written as data, next to the route file it tests ({@code <name>.test.yaml}): which outputs to stub,
 * example messages, and what each must lead to. Run by {@code RouteSpecsTest} with the {@link RouteTestKit}; a route
 * author needs no Java. The format (all keys but {@code route} and {@code examples} optional):
 *
 * <pre>
 * route: crm-customer-intake.yaml          # the route file, relative to this file
 * stubs:                                   # outputs replaced by stubs (exact URI, "prefix*" or a regex)
 *   - uri: kamelet:busbar-bus-publish?name=crm.customer.registered.v1
 *   - uri: kamelet:busbar-service-call*
 *     reply: '{"customerId": "CUS-000001"}'  # the stub answers with this body
 * examples:
 *   - name: what this example shows
 *     route: crm-customer-intake            # which route of the file gets the message (default: the first)
 *     body: '{"fullName": "Ada Lovelace"}'
 *     headers: {source: crm}
 *     expect:
 *       error: InvalidMessageException       # the route fails with this exception (simple or full class name)
 *       errorContains: contact               # ... whose message contains this
 *       body: '...'                          # or: the body at the end of the route is exactly this
 *       bodyContains: ['"id"']               # ... or contains these
 *       stubs:
 *         kamelet:busbar-bus-publish?name=crm.customer.registered.v1:
 *           count: 1                         # messages that reached the stub
 *           bodyContains: ['"customerId"']   # in every one of them
 *           headers: {crmId: C-1001}         # on every one of them
 * </pre>
 */
public final class RouteSpec {

    public static final String SUFFIX = ".test.yaml";
    private static final Set<String> TOP = Set.of("route", "stubs", "examples");
    private static final Set<String> EXAMPLE = Set.of("name", "route", "body", "headers", "expect");
    private static final Set<String> EXPECT = Set.of("error", "errorContains", "body", "bodyContains", "stubs");
    private static final Set<String> STUB_EXPECT = Set.of("count", "bodyContains", "headers");

    private final Path file;
    private final Map<String, Object> spec;

    private RouteSpec(Path file, Map<String, Object> spec) {
        this.file = file;
        this.spec = spec;
    }

    /** The spec files in these directories and below. */
    public static List<Path> find(List<Path> directories) {
        List<Path> found = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no directory " + dir.toAbsolutePath() + " to look for route tests in");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    public static RouteSpec read(Path file) {
        try {
            Object root = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file));
            Map<String, Object> spec = map(root, file.getFileName() + ": the spec");
            known(spec, TOP, "the spec");
            if (!(spec.get("route") instanceof String)) {
                throw new IllegalArgumentException(file.getFileName() + ": 'route' (the route file) is missing");
            }
            return new RouteSpec(file, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public Path routeFile() {
        return file.resolveSibling((String) spec.get("route"));
    }

    /** The examples' names, in order. */
    public List<String> examples() {
        return examplesList().stream().map(e -> String.valueOf(e.getOrDefault("name", "example"))).toList();
    }

    /** Loads the route with its stubs, sends the example, checks what it expects; the route is removed afterwards. */
    public void run(CamelContext camel, int index) {
        Map<String, Object> example = examplesList().get(index);
        String where = file.getFileName() + ", example '" + example.getOrDefault("name", index + 1) + "'";
        known(example, EXAMPLE, where);
        Map<String, Object> expect = example.get("expect") == null ? Map.of() : map(example.get("expect"), where + " expect");
        known(expect, EXPECT, where + " expect");

        RouteUnderTest route = RouteTestKit.in(camel).load(routeFile());
        List<Map<String, Object>> stubs = list(spec.get("stubs"), "stubs");
        for (Map<String, Object> stub : stubs) {
            route.stub((String) stub.get("uri"), stub.get("reply") == null ? null : String.valueOf(stub.get("reply")));
        }
        try (route) {
            route.start();
            Map<String, Object> headers = example.get("headers") == null ? Map.of()
                    : new LinkedHashMap<>(map(example.get("headers"), where + " headers"));
            String body = example.get("body") == null ? null : String.valueOf(example.get("body"));
            Exchange done = example.get("route") == null ? route.send(body, headers)
                    : route.sendTo(String.valueOf(example.get("route")), body, headers);
            checkOutcome(where, expect, done);
            if (expect.get("stubs") != null) {
                map(expect.get("stubs"), where + " expect.stubs").forEach((uri, value) -> {
                    Map<String, Object> e = map(value, where + " expect.stubs." + uri);
                    known(e, STUB_EXPECT, where + " expect.stubs." + uri);
                    checkStub(where + ", stub " + uri, route.stubbed(uri), e);
                });
            }
        }
    }

    private static void checkOutcome(String where, Map<String, Object> expect, Exchange done) {
        Exception failure = done.getException();
        if (expect.get("error") != null) {
            String error = String.valueOf(expect.get("error"));
            assertThat(failure).as(where + ": the route should fail with " + error).isNotNull();
            assertThat(List.of(failure.getClass().getSimpleName(), failure.getClass().getName())).as(where + ": " + failure)
                    .contains(error);
            if (expect.get("errorContains") != null) {
                assertThat(failure.getMessage()).as(where).contains(String.valueOf(expect.get("errorContains")));
            }
            return;
        }
        if (failure != null) {
            throw new AssertionError(where + ": the route failed: " + failure, failure);
        }
        String body = done.getMessage().getBody(String.class);
        if (expect.get("body") != null) {
            assertThat(body).as(where + ": body").isEqualTo(String.valueOf(expect.get("body")));
        }
        for (Object fragment : list(expect.get("bodyContains"))) {
            assertThat(body).as(where + ": body").contains(String.valueOf(fragment));
        }
    }

    private static void checkStub(String where, MockEndpoint stub, Map<String, Object> expect) {
        List<Exchange> received = stub.getReceivedExchanges();
        if (expect.get("count") != null) {
            assertThat(received).as(where + ": messages received").hasSize(((Number) expect.get("count")).intValue());
        }
        for (Exchange exchange : received) {
            String body = exchange.getMessage().getBody(String.class);
            for (Object fragment : list(expect.get("bodyContains"))) {
                assertThat(body).as(where + ": body").contains(String.valueOf(fragment));
            }
            if (expect.get("headers") != null) {
                map(expect.get("headers"), where + " headers").forEach((name, value) -> assertThat(
                        exchange.getMessage().getHeader(name, String.class)).as(where + ": header " + name)
                        .isEqualTo(String.valueOf(value)));
            }
        }
    }

    private List<Map<String, Object>> examplesList() {
        List<Map<String, Object>> examples = list(spec.get("examples"), "examples");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + ": no examples");
        }
        return examples;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(Object value, String what) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list(value)) {
            out.add(map(item, file.getFileName() + ": an item of " + what));
        }
        return out;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + " must be a mapping (key: value), not " + value);
    }

    private static void known(Map<String, Object> map, Set<String> keys, String where) {
        for (String key : map.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: " + keys + ")");
            }
        }
    }
}
