package io.busbar.hub.routes;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.catalog.impl.AbstractCamelCatalog;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.Language;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;

/**
 * Checks route definitions read from a file before they go live, so a bad version is refused while the previous one
 * keeps running: every placeholder is a route property ({@link RouteFilePolicy}) and resolves; every route has a
 * unique {@code <area>-<flow>-<step>} id that no built-in route or other file owns; the route configurations it names
 * exist, and a bus consumer uses the hub's transacted dead-letter policy; every endpoint names a component the policy
 * allows and the hub has, and its URI is one that component accepts; every template ({@code kamelet:}) exists and gets
 * exactly its parameters; beans are the hub's published ones, languages read the message only. Each problem carries
 * the line of the route or step it belongs to.
 * <p>
 * Nothing is created while checking: no component, endpoint, bean or language instance. Endpoint options are checked
 * against the components' catalogue, so a {@code #class:} option of a refused file never runs.
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

    /** Types a route may convert to: values, never a class that could do something when it is made. */
    private static final Set<String> CONVERSIONS = Set.of("String", "java.lang.String", "byte[]", "java.lang.Integer",
            "java.lang.Long", "java.lang.Boolean", "java.lang.Double", "java.math.BigDecimal", "java.io.InputStream",
            "org.w3c.dom.Document");
    /** Exceptions a route may throw by type. */
    private static final Set<String> EXCEPTIONS = Set.of("java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "io.busbar.hub.bus.InvalidMessageException");
    /** Getters of the model that lead back up or out of the route (the walk goes down only). */
    private static final Set<String> NOT_WALKED = Set.of("getParent", "getResource", "getCamelContext",
            "getRouteTemplateContext", "getRestDefinition", "getInterceptStrategies", "getRoutePolicies",
            "getRouteConfiguration");

    private final CamelContext camel;
    private final RouteTemplates templates;
    private final RouteFilePolicy policy;
    private Set<String> hubComponents;

    public RouteValidator(CamelContext camel, RouteTemplates templates, RouteFilePolicy policy) {
        this.camel = camel;
        this.templates = templates;
        this.policy = policy;
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
        checkText(checks, content);
        Set<String> ids = new HashSet<>();
        for (RouteDefinition route : routes) {
            checkRoute(checks, route, ids, ownerOf);
        }
        checks.problems.sort(java.util.Comparator.comparingInt(RouteProblem::line));
        return checks.problems;
    }

    /** The policy's rules on the file's text, line by line (comments included: they cost nothing to fix). */
    private void checkText(Checks checks, String content) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String problem : policy.refuseText(lines[i])) {
                checks.addOnce(i + 1, problem);
            }
        }
    }

    /**
     * Walks everything the file's model holds, below the route: each step is checked, and each text of it (the
     * parsed value, after YAML or XML escapes) gets the policy's text rules, so an escaped {@code {{env:...}}} or
     * {@code #class:} is caught where the line scan cannot see it.
     */
    private void walk(Checks checks, Object node, int line, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof ProcessorDefinition<?> step && step.getRouteConfiguration() != null) {
            return; // the error policy of a route configuration (bus-transacted) the route opted into: the hub's
        }
        if (node instanceof org.apache.camel.LineNumberAware aware && aware.getLineNumber() > 0) {
            line = aware.getLineNumber();
        }
        if (node instanceof ProcessorDefinition<?> step) {
            checkStep(checks, line, step);
        }
        if (node instanceof ExpressionDefinition expression) {
            checkExpression(checks, line, expression);
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || java.lang.reflect.Modifier.isStatic(getter.getModifiers())
                    || NOT_WALKED.contains(getter.getName())) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            walkValue(checks, value, line, seen);
        }
    }

    private void walkValue(Checks checks, Object value, int line, Set<Object> seen) {
        if (value instanceof String text) {
            checkValue(checks, line, text);
        } else if (value instanceof Collection<?> items) {
            for (Object item : List.copyOf(items)) {
                walkValue(checks, item, line, seen);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : List.copyOf(map.entrySet())) {
                walkValue(checks, e.getKey(), line, seen);
                walkValue(checks, e.getValue(), line, seen);
            }
        } else if (value != null && value.getClass().getName().startsWith("org.apache.camel.model.")
                && !(value instanceof RouteDefinition) && !(value instanceof RouteConfigurationDefinition)) {
            // the hub's own definitions (a route configuration a step is attached to) are not the file's
            walk(checks, value, line, seen);
        }
    }

    private void checkValue(Checks checks, int line, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            policy.refusePlaceholder(m.group(1)).ifPresent(problem -> checks.addOnce(line, problem));
        }
        for (String problem : policy.refuseText(text)) {
            checks.addOnce(line, problem);
        }
    }

    private void checkPlaceholders(Checks checks, String content) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                Optional<String> refused = policy.refusePlaceholder(m.group(1));
                if (refused.isPresent()) {
                    checks.addOnce(i + 1, refused.get());
                    continue;
                }
                try {
                    camel.resolvePropertyPlaceholders(m.group());
                } catch (RuntimeException e) {
                    checks.add(i + 1, "unresolved placeholder " + m.group() + ": no such route property in the"
                            + " hub's configuration (give it a value, or a default: {{" + m.group(1) + ":default}})");
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

        if (route.getErrorHandler() != null || route.getErrorHandlerRef() != null) {
            checks.add(line, "a route file sets no error handler: the hub's error policy is a route configuration"
                    + " ('routeConfigurationId: " + BUS_POLICY + "' for a bus consumer)");
        }
        if (route.getRoutePolicyRef() != null) {
            checks.add(line, "a route file sets no route policy ('routePolicy'): route policies are the hub's");
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

        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(route);
        if (from != null) {
            seen.add(from);
            walkValue(checks, from.getUri(), from.getLineNumber() > 0 ? from.getLineNumber() : line, seen);
        }
        walkValue(checks, route.getOutputs(), line, seen);
        walkValue(checks, route.getTemplateParameters(), line, seen);
        walkValue(checks, route.getRouteProperties(), line, seen);
    }

    private void checkStep(Checks checks, int line, ProcessorDefinition<?> step) {
        if (step instanceof ToDynamicDefinition dynamic && dynamic.getUri() != null) {
            if (dynamic.getUri().contains("${") || dynamic.getUri().contains("$simple{")) {
                checks.add(line, "'" + step.getShortName() + "' to a dynamic URI is not allowed: the endpoint would be"
                        + " chosen per message, past the hub's checks; use 'to' with a fixed URI (and 'choice' to pick one)");
            } else {
                checkEndpoint(checks, line, dynamic.getUri(), false);
            }
        } else if (step instanceof org.apache.camel.model.EndpointRequiredDefinition send && send.getEndpointUri() != null) {
            checkEndpoint(checks, line, send.getEndpointUri(), step instanceof org.apache.camel.model.PollDefinition);
        } else if (step instanceof org.apache.camel.model.RecipientListDefinition<?>
                || step instanceof org.apache.camel.model.RoutingSlipDefinition<?>
                || step instanceof org.apache.camel.model.DynamicRouterDefinition<?>) {
            checks.add(line, "'" + step.getShortName() + "' is not allowed: its endpoints are chosen per message, past"
                    + " the hub's checks; use 'to' with fixed URIs (and 'choice' to pick one)");
        } else if (step instanceof org.apache.camel.model.EnrichDefinition
                || step instanceof org.apache.camel.model.PollEnrichDefinition) {
            ExpressionDefinition uri = ((ExpressionNode) step).getExpression();
            String text = uri == null ? null : uri.getExpression();
            boolean fixed = uri != null && ("constant".equals(uri.getLanguage()) || "simple".equals(uri.getLanguage()))
                    && text != null && !text.contains("${") && !text.contains("$simple{");
            if (fixed) {
                checkEndpoint(checks, line, text.strip(), step instanceof org.apache.camel.model.PollEnrichDefinition);
            } else {
                checks.add(line, "'" + step.getShortName() + "' needs a fixed endpoint URI: a URI computed per message"
                        + " would go past the hub's checks");
            }
        } else if (step instanceof KameletDefinition kamelet && kamelet.getName() != null) {
            checkEndpoint(checks, line, "kamelet:" + kamelet.getName(), false);
        } else if (step instanceof BeanDefinition bean) {
            checkBean(checks, line, bean.getRef(), bean.getBeanType() != null ? bean.getBeanType()
                    : bean.getBeanClass() != null ? bean.getBeanClass().getName() : null, bean.getMethod());
        } else if (step instanceof ProcessDefinition process) {
            checkBean(checks, line, process.getRef(), null, null);
        } else if (step instanceof org.apache.camel.model.ScriptDefinition
                || step instanceof org.apache.camel.model.MarshalDefinition
                || step instanceof org.apache.camel.model.UnmarshalDefinition
                || step instanceof org.apache.camel.model.PolicyDefinition
                || step instanceof org.apache.camel.model.SagaDefinition) {
            checks.add(line, "'" + step.getShortName() + "' is not allowed in a route file: use the hub's templates"
                    + " (kamelet:busbar-*) for conversions and calls; transactions come from the route configuration");
        } else if (step instanceof org.apache.camel.model.TransactedDefinition) {
            checks.add(line, "'transacted' is not allowed in a route file: the transaction comes from"
                    + " 'routeConfigurationId: " + BUS_POLICY + "'");
        } else if (step instanceof org.apache.camel.model.ThrowExceptionDefinition thrown) {
            if (thrown.getRef() != null || (thrown.getExceptionType() != null
                    && !EXCEPTIONS.contains(thrown.getExceptionType()))) {
                checks.add(line, "'throwException' may throw only " + new java.util.TreeSet<>(EXCEPTIONS)
                        + " by exceptionType: route files never name another class or bean");
            }
        } else if (step instanceof org.apache.camel.model.SetHeaderDefinition header) {
            checkHeaderName(checks, line, header.getName());
        } else if (step instanceof org.apache.camel.model.SetPropertyDefinition property) {
            checkHeaderName(checks, line, property.getName());
        } else if (step instanceof org.apache.camel.model.SetHeadersDefinition headers) {
            headers.getHeaders().forEach(h -> checkHeaderName(checks, line, h.getName()));
        } else if (step instanceof org.apache.camel.model.ConvertBodyDefinition convert) {
            checkConversion(checks, line, convert.getType());
        } else if (step instanceof org.apache.camel.model.ConvertHeaderDefinition convert) {
            checkConversion(checks, line, convert.getType());
        } else if (step instanceof org.apache.camel.model.ConvertVariableDefinition convert) {
            checkConversion(checks, line, convert.getType());
        }
    }

    /** Camel's own headers and properties steer endpoints (CamelJmsDestinationName, CamelFileName, ...). */
    private static void checkHeaderName(Checks checks, int line, String name) {
        if (name != null && name.regionMatches(true, 0, "camel", 0, 5)) {
            checks.add(line, "header or property '" + name + "' is Camel's (it steers endpoints): route files may not"
                    + " set Camel* names, in any letter case");
        }
    }

    private static void checkConversion(Checks checks, int line, String type) {
        if (type != null && !CONVERSIONS.contains(type.strip())) {
            checks.add(line, "conversion to '" + type + "' is not allowed: route files convert to "
                    + new java.util.TreeSet<>(CONVERSIONS) + " only");
        }
    }

    /** Checks one endpoint URI; returns it with placeholders resolved, or null if it cannot be checked further. */
    private String checkEndpoint(Checks checks, int line, String uri, boolean consumer) {
        Matcher placeholder = PLACEHOLDER.matcher(uri);
        while (placeholder.find()) {
            if (policy.refusePlaceholder(placeholder.group(1)).isPresent()) {
                return null; // reported by the placeholder check; not resolved, so no value of it shows anywhere
            }
        }
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
        if (!hubHas(scheme)) {
            checks.add(line, "unknown component '" + scheme + "' in endpoint '" + URISupport.sanitizeUri(resolved)
                    + "': the hub has no such component");
            return null;
        }
        if (!policy.allowsComponent(scheme)) {
            checks.add(line, "component '" + scheme + "' is not allowed in route files (busbar.routes.policy.components: "
                    + String.join(", ", policy.components()) + ")");
            return null;
        }
        if ("kamelet".equals(scheme)) {
            checkTemplate(checks, line, resolved, consumer);
            return resolved;
        }
        String remaining = StringHelper.after(resolved, ":");
        String path = decoded(StringHelper.before(remaining, "?", remaining));
        Map<String, Object> options;
        try {
            options = URISupport.parseQuery(StringHelper.after(remaining, "?", ""), false, true);
        } catch (Exception e) {
            checks.add(line, "the options of endpoint '" + URISupport.sanitizeUri(resolved) + "' cannot be read: "
                    + rootMessage(e));
            return null;
        }
        boolean refused = false;
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String value = decoded(raw(String.valueOf(option.getValue()))); // as Camel binds it
            if (value.startsWith("#") && policy.refuseText(value).isEmpty()) {
                checks.add(line, "option " + option.getKey() + "=" + value + " refers to a bean: route file endpoints"
                        + " never take objects by reference");
                refused = true;
            } else if (!policy.refuseText(value).isEmpty()) {
                policy.refuseText(value).forEach(p -> checks.addOnce(line, p)); // decoded: %23class%3A is #class:
                refused = true;
            }
            if ("jms".equals(scheme)) {
                Optional<String> problem = policy.refuseJmsOption(option.getKey(), value);
                problem.ifPresent(p -> checks.add(line, p));
                refused |= problem.isPresent();
            }
        }
        Optional<String> problem = switch (scheme) {
            case "jms" -> policy.refuseDestination(path);
            case "file" -> policy.refuseFile(path.startsWith("//") ? path.substring(2) : path, options);
            default -> Optional.empty();
        };
        if (problem.isPresent()) {
            checks.add(line, problem.get());
            return null;
        }
        if (refused || resolved.contains("${")) {
            return resolved; // nothing more to check, or dynamic parts filled per message
        }
        checkOptions(checks, line, resolved, consumer);
        return resolved;
    }

    /** Checks the URI against the component's catalogue: unknown options, wrong values, without creating anything. */
    private void checkOptions(Checks checks, int line, String uri, boolean consumer) {
        RuntimeCamelCatalog catalog = camel.getCamelContextExtension().getRuntimeCamelCatalog();
        if (!(catalog instanceof AbstractCamelCatalog validator)) {
            return;
        }
        EndpointValidationResult result;
        try {
            result = validator.validateEndpointProperties(uri, false, consumer, !consumer);
        } catch (RuntimeException e) {
            checks.add(line, "endpoint '" + URISupport.sanitizeUri(uri) + "' is not valid: " + rootMessage(e));
            return;
        }
        if (result != null && !result.isSuccess()) {
            String summary = result.summaryErrorMessage(false, false, false);
            checks.add(line, "endpoint '" + URISupport.sanitizeUri(uri) + "' is not valid: "
                    + (summary == null ? "rejected by its component" : summary.strip().replaceAll("\\s*\\n\\s*", "; ")));
        }
    }

    private boolean hubHas(String scheme) {
        if (camel.hasComponent(scheme) != null) {
            return true;
        }
        if (hubComponents == null) {
            hubComponents = hubComponents(camel);
        }
        return hubComponents.contains(scheme);
    }

    /** The components the hub could create (found on its classpath), without creating any. */
    public static Set<String> hubComponents(CamelContext camel) {
        Set<String> names = new java.util.TreeSet<>(camel.getComponentNames());
        try {
            names.addAll(org.apache.camel.support.PluginHelper.getComponentNameResolver(camel).resolveNames(camel));
        } catch (RuntimeException e) {
            // only the components already created count
        }
        return names;
    }

    /** A URI part as Camel reads it: %23class%3A is #class:. */
    private static String decoded(String text) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The value inside RAW(...) or RAW{...}, where Camel takes it literally. */
    private static String raw(String value) {
        if ((value.startsWith("RAW(") && value.endsWith(")")) || (value.startsWith("RAW{") && value.endsWith("}"))) {
            return value.substring(4, value.length() - 1);
        }
        return value;
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
            if ("location".equals(p.getKey()) || "templateId".equals(p.getKey())) {
                checks.add(line, "option '" + p.getKey() + "' of 'kamelet:" + name + "' is not allowed: route files use"
                        + " the hub's templates, by name");
                continue;
            }
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
        if (type != null) {
            checks.add(line, "beanType '" + type + "' is not allowed: route files call the hub's published beans by"
                    + " name (ref: " + published() + "), never a class");
            return;
        }
        if (ref == null) {
            checks.add(line, "a bean call must name one of the hub's published beans (ref: " + published() + ")");
            return;
        }
        if (!policy.publishes(ref)) {
            checks.add(line, "bean '" + ref + "' is not published to route files (busbar.routes.policy.beans: "
                    + published() + ")");
            return;
        }
        Object bean = camel.getRegistry().lookupByName(ref);
        if (bean == null) {
            checks.add(line, "no bean named '" + ref + "' in the hub");
            return;
        }
        if (method != null && !hasMethod(bean.getClass(), method)) {
            checks.add(line, "bean '" + ref + "' has no public method '" + methodName(method) + "'");
        }
    }

    private String published() {
        return policy.beans().isEmpty() ? "none" : String.join(", ", policy.beans());
    }

    private void checkExpression(Checks checks, int line, ExpressionDefinition expression) {
        if (expression instanceof MethodCallExpression call) {
            String type = call.getBeanTypeName() != null ? call.getBeanTypeName()
                    : call.getBeanType() != null ? call.getBeanType().getName()
                            : call.getInstance() != null ? call.getInstance().getClass().getName() : null;
            checkBean(checks, line, call.getRef(), type, call.getMethod());
            return;
        }
        String language = expression.getLanguage();
        if (language == null) {
            return;
        }
        if (!RouteFilePolicy.LANGUAGES.contains(language)) {
            checks.add(line, "expression language '" + language + "' is not allowed in route files (they may use: "
                    + String.join(", ", new java.util.TreeSet<>(RouteFilePolicy.LANGUAGES)) + ")");
            return;
        }
        if ("simple".equals(language) && expression.getExpression() != null
                && policy.refuseText(expression.getExpression()).isEmpty()) {
            String text = expression.getExpression();
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                if (policy.refusePlaceholder(placeholder.group(1)).isPresent()) {
                    return;
                }
            }
            Language resolved;
            try {
                resolved = camel.resolveLanguage(language);
            } catch (RuntimeException e) {
                checks.add(line, "unknown expression language '" + language + "': the hub does not have it");
                return;
            }
            try {
                resolved.createExpression(camel.resolvePropertyPlaceholders(text));
            } catch (RuntimeException e) {
                if (!(e instanceof IllegalArgumentException && rootMessage(e).contains("Property with key"))) {
                    checks.add(line, "simple expression '" + text + "' is not valid: " + rootMessage(e));
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

        /** The text rules see a value in the file and again in the model: report it once, at its first line. */
        void addOnce(int line, String message) {
            if (problems.stream().noneMatch(p -> p.message().equals(message))) {
                add(line, message);
            }
        }
    }
}
