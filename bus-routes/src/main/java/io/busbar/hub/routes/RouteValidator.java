package io.busbar.hub.routes;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.Language;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;

/**
 * Checks route definitions read from a file before they go live, so a bad version is refused while the previous one
 * keeps running: every placeholder resolves; every route has a unique {@code <area>-<flow>-<step>} id that no built-in
 * route or other file owns; the route configurations it names exist, and a bus consumer uses the hub's transacted
 * dead-letter policy; every static endpoint names a component the hub has and its URI is one that component accepts;
 * every template ({@code kamelet:}) exists and gets exactly its parameters; every bean, method and expression
 * language exists. Each problem carries the line of the route or step it belongs to.
 */
public final class RouteValidator {

    /** Route ids: kebab-case, at least three parts: {@code <area>-<flow>-<step>}. */
    public static final Pattern ROUTE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+){2,}");
    /** The route configuration every bus consumer uses (BusRouteConfiguration.TRANSACTED). */
    public static final String BUS_POLICY = "bus-transacted";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");
    /** Parameters the kamelet component itself reads; not the template's. */
    private static final Set<String> KAMELET_OPTIONS = Set.of("routeId", "templateId", "location", "uuid", "bridgeErrorHandler",
            "noErrorHandler", "block", "timeout");

    private final CamelContext camel;
    private final RouteTemplates templates;

    public RouteValidator(CamelContext camel, RouteTemplates templates) {
        this.camel = camel;
        this.templates = templates;
    }

    /**
     * Reads a route file and checks its routes: the routes, ready to add, or every problem found. When the file cannot
     * be read and it has an unresolved placeholder, the placeholder is the problem reported (Camel resolves some
     * placeholders while reading, and says so without a line).
     */
    public List<RouteDefinition> read(String file, String content, Function<String, Optional<String>> ownerOf)
            throws InvalidRouteFile {
        List<RouteDefinition> routes;
        try {
            routes = new RouteFileParser(camel).parse(file, content);
        } catch (InvalidRouteFile e) {
            Checks placeholders = new Checks(file);
            checkPlaceholders(placeholders, content);
            throw placeholders.problems.isEmpty() ? e : new InvalidRouteFile(placeholders.problems);
        }
        List<RouteProblem> problems = validate(file, content, routes, ownerOf);
        if (!problems.isEmpty()) {
            throw new InvalidRouteFile(problems);
        }
        return routes;
    }

    /**
     * All problems of the file's routes.
     *
     * @param ownerOf who else owns a route id ("a built-in route", "route file x.yaml"), or empty if nobody else does
     */
    public List<RouteProblem> validate(String file, String content, List<RouteDefinition> routes,
            Function<String, Optional<String>> ownerOf) {
        Checks checks = new Checks(file);
        checkPlaceholders(checks, content);
        Set<String> ids = new HashSet<>();
        for (RouteDefinition route : routes) {
            checkRoute(checks, route, ids, ownerOf);
        }
        return checks.problems;
    }

    private void checkPlaceholders(Checks checks, String content) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                try {
                    camel.resolvePropertyPlaceholders(m.group());
                } catch (RuntimeException e) {
                    checks.add(i + 1, "unresolved placeholder " + m.group() + ": no such property in the hub's"
                            + " configuration (give it a value, or a default: {{" + m.group(1) + ":default}})");
                }
            }
        }
    }

    private void checkRoute(Checks checks, RouteDefinition route, Set<String> ids,
            Function<String, Optional<String>> ownerOf) {
        int line = route.getLineNumber();
        String id = route.getRouteId();
        if (id == null || !route.hasCustomIdAssigned()) {
            checks.add(line, "the route has no id: give it 'id: <area>-<flow>-<step>' (kebab-case)");
        } else if (!ROUTE_ID.matcher(id).matches()) {
            checks.add(line, "route id '" + id + "' is not <area>-<flow>-<step> in kebab-case (e.g. crm-customer-intake)");
        } else if (!ids.add(id)) {
            checks.add(line, "route id '" + id + "' is used twice in this file");
        } else {
            ownerOf.apply(id).ifPresent(owner -> checks.add(line, "route id '" + id + "' already belongs to " + owner));
        }

        Set<String> configurations = new LinkedHashSet<>();
        if (route.getRouteConfigurationId() != null) {
            for (String c : route.getRouteConfigurationId().split(",")) {
                configurations.add(c.strip());
            }
        }
        for (String c : configurations) {
            if (!routeConfigurationExists(c)) {
                checks.add(line, "route configuration '" + c + "' does not exist (the hub has: " + routeConfigurations() + ")");
            }
        }

        FromDefinition from = route.getInput();
        if (from == null || from.getEndpointUri() == null) {
            checks.add(line, "the route has no 'from'");
        } else {
            int fromLine = from.getLineNumber() > 0 ? from.getLineNumber() : line;
            String uri = checkEndpoint(checks, fromLine, from.getEndpointUri(), true);
            if (uri != null && "jms".equals(StringHelper.before(uri, ":")) && !configurations.contains(BUS_POLICY)) {
                checks.add(fromLine, "a route that consumes from the bus must use the hub's transaction and dead-letter"
                        + " policy: add 'routeConfigurationId: " + BUS_POLICY + "' to the route");
            }
        }

        for (ProcessorDefinition<?> step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                ProcessorDefinition.class)) {
            int stepLine = step.getLineNumber() > 0 ? step.getLineNumber() : line;
            checkStep(checks, stepLine, step);
        }
    }

    private void checkStep(Checks checks, int line, ProcessorDefinition<?> step) {
        if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
            checkEndpoint(checks, line, send.getEndpointUri(), false);
        } else if (step instanceof ToDynamicDefinition dynamic && dynamic.getUri() != null) {
            checkEndpoint(checks, line, dynamic.getUri(), false);
        } else if (step instanceof KameletDefinition kamelet && kamelet.getName() != null) {
            checkEndpoint(checks, line, "kamelet:" + kamelet.getName(), false);
        } else if (step instanceof BeanDefinition bean) {
            checkBean(checks, line, bean.getRef(), bean.getBeanType(), bean.getMethod());
        } else if (step instanceof ProcessDefinition process && process.getRef() != null) {
            checkBean(checks, line, process.getRef(), null, null);
        }
        if (step instanceof ExpressionNode node && node.getExpression() != null) {
            checkExpression(checks, line, node.getExpression());
        }
    }

    /** Checks one endpoint URI; returns it with placeholders resolved, or null if it cannot be checked further. */
    private String checkEndpoint(Checks checks, int line, String uri, boolean consumer) {
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            return null; // reported by the placeholder check, with its own line
        }
        String scheme = StringHelper.before(resolved, ":");
        if (scheme == null || scheme.isBlank()) {
            checks.add(line, "endpoint '" + URISupport.sanitizeUri(resolved) + "' does not start with a component name");
            return null;
        }
        if (scheme.contains("$")) {
            return null; // a dynamic endpoint (toD) whose component is only known per message
        }
        if ("kamelet".equals(scheme)) {
            checkTemplate(checks, line, resolved, consumer);
            return resolved;
        }
        Component component;
        try {
            component = camel.getComponent(scheme);
        } catch (RuntimeException e) {
            checks.add(line, "component '" + scheme + "' cannot be started: " + rootMessage(e));
            return null;
        }
        if (component == null) {
            checks.add(line, "unknown component '" + scheme + "' in endpoint '" + URISupport.sanitizeUri(resolved)
                    + "': the hub has no such component");
            return null;
        }
        if (resolved.contains("${")) {
            return resolved; // dynamic parts are filled per message
        }
        if ("bean".equals(scheme)) {
            checkBean(checks, line,
                    StringHelper.before(StringHelper.after(resolved, ":"), "?", StringHelper.after(resolved, ":")),
                    null, null);
        }
        try {
            component.createEndpoint(resolved);
        } catch (Exception e) {
            checks.add(line, "endpoint '" + URISupport.sanitizeUri(resolved) + "' is not valid: " + rootMessage(e));
        }
        return resolved;
    }

    private void checkTemplate(Checks checks, int line, String uri, boolean consumer) {
        String remaining = StringHelper.after(uri, ":");
        remaining = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        String path = StringHelper.before(remaining, "?", remaining);
        String name = StringHelper.before(path, "/", path);
        if ("source".equals(name) || "sink".equals(name)) {
            checks.add(line, "kamelet:" + name + " only belongs inside a template");
            return;
        }
        Optional<RouteTemplates.Template> template = templates.find(name);
        if (template.isEmpty()) {
            checks.add(line, "unknown template 'kamelet:" + name + "': there is no " + RouteTemplates.LOCATION + name
                    + RouteTemplates.SUFFIX + " on the hub's classpath");
            return;
        }
        Map<String, Object> given;
        try {
            given = URISupport.parseQuery(StringHelper.after(remaining, "?", ""), false, true);
        } catch (Exception e) {
            checks.add(line, "the parameters of 'kamelet:" + name + "' cannot be read: " + rootMessage(e));
            return;
        }
        RouteTemplates.Template t = template.get();
        boolean source = "source".equals(t.type());
        if (consumer && !source) {
            checks.add(line, "template '" + name + "' is a " + t.type() + " template: use it as a step ('to:'), not in 'from'");
        } else if (!consumer && source) {
            checks.add(line, "template '" + name + "' is a source template: a route starts from it ('from:')");
        }
        for (Map.Entry<String, Object> p : given.entrySet()) {
            if (KAMELET_OPTIONS.contains(p.getKey())) {
                continue;
            }
            Optional<RouteTemplates.Parameter> parameter = t.parameter(p.getKey());
            if (parameter.isEmpty()) {
                checks.add(line, "template '" + name + "' has no parameter '" + p.getKey() + "' (it has: "
                        + String.join(", ", t.parameters().stream().map(RouteTemplates.Parameter::name).toList()) + ")");
            } else if (!parameter.get().accepts(String.valueOf(p.getValue()))) {
                checks.add(line, "parameter '" + p.getKey() + "' of template '" + name + "' is '" + p.getValue() + "'; "
                        + (parameter.get().allowed().isEmpty() ? "it must match " + parameter.get().pattern()
                                : "it must be one of " + parameter.get().allowed()));
            }
        }
        for (RouteTemplates.Parameter parameter : t.parameters()) {
            if (parameter.required() && parameter.defaultValue() == null && !given.containsKey(parameter.name())
                    && camel.getPropertiesComponent().resolveProperty("camel.kamelet." + name + "." + parameter.name())
                            .isEmpty()) {
                checks.add(line, "template '" + name + "' needs parameter '" + parameter.name() + "'"
                        + (parameter.title() == null ? "" : " (" + parameter.title() + ")"));
            }
        }
    }

    private void checkBean(Checks checks, int line, String ref, String type, String method) {
        Object bean = null;
        if (ref != null) {
            String name = ref.startsWith("#") ? ref.substring(1) : ref;
            bean = camel.getRegistry().lookupByName(name);
            if (bean == null) {
                checks.add(line, "no bean named '" + name + "' in the hub");
                return;
            }
        } else if (type != null) {
            try {
                Class<?> beanType = camel.getClassResolver().resolveMandatoryClass(type.replaceFirst("^#class:", ""));
                if (method != null && !hasMethod(beanType, method)) {
                    checks.add(line, "class '" + type + "' has no public method '" + methodName(method) + "'");
                }
            } catch (ClassNotFoundException e) {
                checks.add(line, "no class '" + type + "' in the hub");
            }
            return;
        }
        if (bean != null && method != null && !hasMethod(bean.getClass(), method)) {
            checks.add(line, "bean '" + ref + "' has no public method '" + methodName(method) + "'");
        }
    }

    private void checkExpression(Checks checks, int line, ExpressionDefinition expression) {
        if (expression instanceof MethodCallExpression call) {
            checkBean(checks, line, call.getRef(), call.getBeanTypeName(), call.getMethod());
            return;
        }
        String language = expression.getLanguage();
        if (language == null) {
            return;
        }
        Language resolved;
        try {
            resolved = camel.resolveLanguage(language);
        } catch (RuntimeException e) {
            checks.add(line, "unknown expression language '" + language + "': the hub does not have it");
            return;
        }
        if ("simple".equals(language) && expression.getExpression() != null) {
            try {
                resolved.createExpression(camel.resolvePropertyPlaceholders(expression.getExpression()));
            } catch (RuntimeException e) {
                if (!(e instanceof IllegalArgumentException && rootMessage(e).contains("Property with key"))) {
                    checks.add(line, "simple expression '" + expression.getExpression() + "' is not valid: " + rootMessage(e));
                }
            }
        }
    }

    private boolean routeConfigurationExists(String id) {
        return ((ModelCamelContext) camel).getRouteConfigurationDefinitions().stream()
                .anyMatch(c -> id.equals(c.getId()));
    }

    private String routeConfigurations() {
        return String.join(", ", ((ModelCamelContext) camel).getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).filter(java.util.Objects::nonNull).sorted().toList());
    }

    private static boolean hasMethod(Class<?> type, String method) {
        String name = methodName(method);
        return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(name::equals);
    }

    private static String methodName(String method) {
        return StringHelper.before(method, "(", method).strip();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        message = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return message.length() <= 300 ? message : message.substring(0, 299) + "…";
    }

    private static final class Checks {
        final String file;
        final List<RouteProblem> problems = new ArrayList<>();

        Checks(String file) {
            this.file = file;
        }

        void add(int line, String message) {
            problems.add(new RouteProblem(file, Math.max(line, 0), message));
        }
    }
}
