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
 * Runs route test specs ({@code *.test.yaml}, see {@link RouteSpec}) against the hub: the project's own
 * (src/test/routes, and the tutorial's in docs/authoring-routes) or, when the system property
 * {@code route-tests} names directories (comma-separated), only a route author's. Each example loads its route
 * file into the running hub with the outputs it names stubbed.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class RouteSpecsTest {

    @Inject
    CamelContext camel;

    @TestFactory
    Stream<DynamicNode> routeSpecs() {
        // a route author's tests only, if given; the project's own otherwise
        List<Path> dirs = new ArrayList<>();
        String authors = System.getProperty("route-tests", "");
        for (String dir : authors.split(",")) {
            if (!dir.isBlank()) {
                Path path = Path.of(dir.strip());
                if (RouteSpec.find(List.of(path)).isEmpty()) {
                    throw new IllegalArgumentException(
                            "no route tests (*" + RouteSpec.SUFFIX + ") in " + path.toAbsolutePath());
                }
                dirs.add(path);
            }
        }
        if (dirs.isEmpty()) {
            dirs.addAll(List.of(Path.of("src/test/routes"), Path.of("../docs/authoring-routes")));
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
