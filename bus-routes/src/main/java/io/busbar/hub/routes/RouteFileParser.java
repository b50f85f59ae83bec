package io.busbar.hub.routes;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.xml.io.XmlPullParserException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the text of a route file into Camel route definitions without adding them to Camel: the YAML or XML DSL
 * loader of the running context does the reading, so a route file means exactly what it means to Camel. A route file
 * holds routes only (YAML {@code - route:} items, an XML {@code <routes>} or {@code <route>} element): beans, REST
 * definitions, route configurations and templates change the whole hub and are not a file's to define.
 * <p>
 * Every problem is reported with the file and the line: YAML and XML parse errors carry the parser's line; Camel's
 * YAML deserializers report the node they could not read.
 */
public final class RouteFileParser {

    private static final Set<String> XML_ROOTS = Set.of("routes", "route");

    private final CamelContext camel;

    public RouteFileParser(CamelContext camel) {
        this.camel = camel;
    }

    public List<RouteDefinition> parse(String file, String content) throws InvalidRouteFile {
        if (content.isBlank()) {
            throw new InvalidRouteFile(new RouteProblem(file, 1, "the file is empty: a route file holds a list of routes"));
        }
        RouteFileName.Format format = RouteFileName.format(file);
        if (format == RouteFileName.Format.YAML) {
            checkYamlShape(file, content);
        } else {
            checkXmlShape(file, content);
        }
        List<RouteDefinition> routes = load(file, content, format);
        if (routes.isEmpty()) {
            throw new InvalidRouteFile(new RouteProblem(file, 1, "the file defines no route"));
        }
        return routes;
    }

    private List<RouteDefinition> load(String file, String content, RouteFileName.Format format) throws InvalidRouteFile {
        Resource resource = ResourceHelper.fromString(file, content);
        try {
            RoutesBuilderLoader loader = PluginHelper.getRoutesLoader(camel)
                    .getRoutesLoader(format == RouteFileName.Format.YAML ? "yaml" : "xml");
            if (loader == null) {
                throw new IllegalStateException("the hub has no " + format + " route loader");
            }
            RoutesBuilder builder = loader.loadRoutesBuilder(resource);
            if (!(builder instanceof RouteBuilder routeBuilder)) {
                throw new InvalidRouteFile(new RouteProblem(file, 1, "the file defines no route"));
            }
            return new ArrayList<>(routeBuilder.configureRoutes(camel).getRoutes());
        } catch (InvalidRouteFile e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidRouteFile(problem(file, e));
        }
    }

    /** A YAML route file is a list whose items are routes. */
    private static void checkYamlShape(String file, String content) throws InvalidRouteFile {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(content);
        } catch (YamlEngineException e) {
            throw new InvalidRouteFile(problem(file, e));
        }
        if (root.isEmpty()) {
            throw new InvalidRouteFile(new RouteProblem(file, 1, "the file is empty: a route file holds a list of routes"));
        }
        if (!(root.get() instanceof SequenceNode list)) {
            throw new InvalidRouteFile(new RouteProblem(file, line(root.get()),
                    "a route file is a YAML list of routes: each item starts with '- route:'"));
        }
        List<RouteProblem> problems = new ArrayList<>();
        for (Node item : list.getValue()) {
            String key = item instanceof MappingNode map && map.getValue().size() == 1
                    && map.getValue().get(0).getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if ("route".equals(key)) {
                continue;
            }
            String message;
            if (key == null) {
                message = "each item of a route file is one '- route:' with its id, from and steps";
            } else if ("from".equals(key)) {
                message = "a top-level 'from' gives its route no id: write '- route:' with 'id:' and 'from:'";
            } else {
                message = "'" + key + "' is not allowed in a route file: it holds routes only ('- route:');"
                        + " beans, REST, route configurations and templates belong to the hub";
            }
            problems.add(new RouteProblem(file, line(item), message));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRouteFile(problems);
        }
    }

    /** An XML route file is well-formed, has no DOCTYPE, and its root is {@code <routes>} or {@code <route>}. */
    private static void checkXmlShape(String file, String content) throws InvalidRouteFile {
        RootElement root = new RootElement();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new InputSource(new StringReader(content)), root);
        } catch (SAXParseException e) {
            throw new InvalidRouteFile(new RouteProblem(file, Math.max(e.getLineNumber(), 0), e.getMessage()));
        } catch (Exception e) {
            throw new InvalidRouteFile(new RouteProblem(file, 0, "not readable as XML: " + e.getMessage()));
        }
        if (!XML_ROOTS.contains(root.name)) {
            throw new InvalidRouteFile(new RouteProblem(file, root.line, "the root element is <" + root.name
                    + ">: an XML route file holds <routes> (or one <route>); beans, REST and templates belong to the hub"));
        }
    }

    private static final class RootElement extends DefaultHandler {
        private Locator locator;
        String name;
        int line;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (name == null) {
                name = localName;
                line = locator == null ? 0 : locator.getLineNumber();
            }
        }
    }

    /** Where and what: the innermost cause that knows a line wins. */
    static RouteProblem problem(String file, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) {
                Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
                String what = marked.getProblem() != null ? marked.getProblem() : marked.getMessage();
                if (marked.getContext() != null && marked.getProblem() != null) {
                    what = marked.getContext() + ": " + marked.getProblem();
                }
                return new RouteProblem(file, mark.map(m -> m.getLine() + 1).orElse(0), clean(what));
            }
            if (t instanceof XmlPullParserException xml) {
                return new RouteProblem(file, Math.max(xml.getLineNumber(), 0), clean(xml.getMessage()));
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new RouteProblem(file, 0, clean(root.getMessage() != null ? root.getMessage() : root.toString()));
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String clean(String message) {
        if (message == null) {
            return "cannot be read";
        }
        String oneLine = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 499) + "…";
    }
}
