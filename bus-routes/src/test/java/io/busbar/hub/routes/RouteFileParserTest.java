package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading route files with Camel's own YAML and XML loaders: what is accepted, and where each problem is. */
class RouteFileParserTest {

    static DefaultCamelContext camel;
    static RouteFileParser parser;

    @BeforeAll
    static void camel() {
        camel = new DefaultCamelContext();
        parser = new RouteFileParser(camel);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void yamlRoutesAreReadWithTheirIdsAndLines() throws Exception {
        List<RouteDefinition> routes = parser.parse("two.yaml", """
                # two routes
                - route:
                    id: test-parse-one
                    from:
                      uri: direct:one
                      steps:
                        - to: log:one
                - route:
                    id: test-parse-two
                    from:
                      uri: direct:two
                      steps:
                        - setBody:
                            constant: two
                """);
        assertThat(routes).extracting(RouteDefinition::getRouteId).containsExactly("test-parse-one", "test-parse-two");
        assertThat(routes).extracting(RouteDefinition::getLineNumber).containsExactly(2, 8);
        assertThat(routes.get(0).getOutputs().get(0).getLineNumber()).isEqualTo(7);
        assertThat(camel.getRoutes()).as("nothing is added to Camel").isEmpty();
    }

    @Test
    void badYamlIsReportedAtItsLine() {
        RouteProblem problem = problem("bad.yaml", """
                - route:
                    id: test-parse-bad
                    from:
                      uri: direct:bad
                      steps:
                        - to: log:x: y
                """);
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).contains("mapping values are not allowed here");
    }

    @Test
    void anUnknownStepIsReportedAtItsLine() {
        RouteProblem problem = problem("typo.yaml", """
                - route:
                    id: test-parse-typo
                    from:
                      uri: direct:typo
                      steps:
                        - log: fine
                        - too: log:x
                """);
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).containsIgnoringCase("too");
    }

    @Test
    void aRouteFileHoldsRoutesOnly() {
        InvalidRouteFile refused = refused("beans.yaml", """
                - beans:
                    - name: sneaky
                      type: java.lang.Object
                - route:
                    id: test-parse-ok
                    from:
                      uri: direct:ok
                      steps:
                        - log: ok
                - from:
                    uri: direct:anonymous
                    steps:
                      - log: no id
                - routeConfiguration:
                    id: mine
                """);
        assertThat(refused.problems()).extracting(RouteProblem::line).containsExactly(1, 10, 14);
        assertThat(refused.problems().get(0).message()).startsWith("'beans' is not allowed in a route file");
        assertThat(refused.problems().get(1).message()).contains("gives its route no id");
        assertThat(refused.problems().get(2).message()).startsWith("'routeConfiguration' is not allowed");
        assertThat(camel.getRegistry().lookupByName("sneaky")).as("no bean was registered").isNull();
    }

    @Test
    void aFileThatIsNotAListOrIsEmptyIsRefused() {
        assertThat(problem("map.yaml", "route:\n  id: x\n").message()).contains("a YAML list of routes");
        assertThat(problem("empty.yaml", "  \n").message()).contains("the file is empty");
        assertThat(problem("comments.yaml", "# nothing yet\n").message()).contains("the file is empty");
    }

    @Test
    void xmlRoutesAreReadWithTheirLines() throws Exception {
        List<RouteDefinition> routes = parser.parse("one.xml", """
                <routes xmlns="http://camel.apache.org/schema/spring">
                  <route id="test-parse-xml">
                    <from uri="direct:xml"/>
                    <to uri="log:xml"/>
                  </route>
                </routes>
                """);
        assertThat(routes).extracting(RouteDefinition::getRouteId).containsExactly("test-parse-xml");
        assertThat(routes.get(0).getLineNumber()).isEqualTo(2);
        assertThat(routes.get(0).getOutputs().get(0).getLineNumber()).isEqualTo(4);
    }

    @Test
    void badXmlIsReportedAtItsLine() {
        RouteProblem problem = problem("bad.xml", """
                <routes>
                  <route id="test-parse-bad">
                    <from uri="direct:bad">
                  </route>
                </routes>
                """);
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).contains("must be terminated by the matching end-tag");
    }

    @Test
    void anXmlFileHoldsRoutesOnlyAndNoDoctype() {
        assertThat(problem("beans.xml", "<beans>\n  <bean name=\"x\" type=\"java.lang.Object\"/>\n</beans>\n").message())
                .startsWith("the root element is <beans>");
        RouteProblem doctype = problem("entity.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE routes [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <routes><route id="test-parse-xxe"><from uri="direct:x"/><log message="&x;"/></route></routes>
                """);
        assertThat(doctype.line()).isEqualTo(2);
        assertThat(doctype.message()).containsIgnoringCase("DOCTYPE");
    }

    private static RouteProblem problem(String file, String content) {
        InvalidRouteFile refused = refused(file, content);
        assertThat(refused.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
        return refused.first();
    }

    private static InvalidRouteFile refused(String file, String content) {
        InvalidRouteFile refused = catchThrowableOfType(InvalidRouteFile.class, () -> parser.parse(file, content));
        assertThat(refused).as(file + " is refused").isNotNull();
        return refused;
    }
}
