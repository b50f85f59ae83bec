package io.busbar.hub.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.RouteSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs every route test spec ({@code *.test.yaml}, see {@link RouteSpec}) against the hub: the project's own
 * (src/test/routes, and the tutorial's in docs/authoring-routes) and, with {@code -Dbusbar.route-tests=
 * <dir>
 * [,
 * <dir>
 * ]},
 * a route author's. Each example loads its route file into the running hub with the outputs it names stubbed.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RouteSpecsTest {

    @Inject
    CamelContext camel;

    @TestFactory
    Stream<DynamicNode> routeSpecs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("src/test/routes"), Path.of("../docs/authoring-routes")));
        String extra = System.getProperty("busbar.route-tests", "");
        for (String dir : extra.split(",")) {
            if (!dir.isBlank()) {
                Path authors = Path.of(dir.strip());
                if (RouteSpec.find(List.of(authors)).isEmpty()) {
                    throw new IllegalArgumentException(
                            "no route tests (*" + RouteSpec.SUFFIX + ") in " + authors.toAbsolutePath());
                }
                dirs.add(authors);
            }
        }
        return RouteSpec.find(dirs).stream().map(file -> {
            RouteSpec spec = RouteSpec.read(file);
            List<String> examples = spec.examples();
            return DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(),
                    IntStream.range(0, examples.size()).mapToObj(i -> DynamicTest.dynamicTest(examples.get(i),
                            () -> spec.run(camel, i))));
        });
    }
}
