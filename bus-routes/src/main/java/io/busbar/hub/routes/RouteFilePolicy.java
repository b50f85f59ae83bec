package io.busbar.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.busbar.hub.infra.HubConfig;

/**
 * What a route file may use, for the upload API and the routes directory alike: a route file runs as the hub, so it
 * gets only what the deployment hands out (ADR 0016). The components, the hub's published beans and the file
 * directories are per deployment ({@code busbar.routes.policy.*}); the rest is fixed: placeholders only from
 * {@code busbar.routes.properties.*}, expression languages that read the message only, no bean or class references
 * in options, no sends to the dead-letter, invalid or broker-internal addresses.
 */
public final class RouteFilePolicy {

    /** The only placeholders a route file may use: the deployment's route properties, not the hub's configuration. */
    public static final String PROPERTIES_PREFIX = "busbar.routes.properties.";
    /** Expression languages that read the message and nothing else ({@code bean}: the published beans only). */
    public static final Set<String> LANGUAGES = Set.of("simple", "constant", "header", "exchangeProperty", "variable",
            "jsonpath", "tokenize", "bean");
    /** Simple functions that reach past the message: beans, classes, the JVM, the environment, the configuration. */
    private static final Pattern SIMPLE_ESCAPE = Pattern.compile(
            "\\$(?:simple)?\\{\\s*(bean|ref|type|sys|sysenv|env|properties|propertiesExist|camelContext|exchange)"
                    + "(?![A-Za-z0-9])");
    private static final Pattern SIMPLE_REFLECTION = Pattern
            .compile("(?i)getClass\\s*\\(|\\.class(?![A-Za-z0-9])|forName\\s*\\(|classLoader");
    /** Camel's property binding syntaxes that create or look up objects by class or name. */
    private static final Pattern REFERENCE = Pattern.compile("(?i)#(class|type|bean|valueAs|property|syntax)[:(]");
    private static final Pattern PLACEHOLDER_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> FILE_PATH_OPTIONS = Set.of("filename", "tempfilename", "donefilename", "move",
            "movefailed", "premove", "moveexisting", "tempprefix");
    private static final Set<String> JMS_DESTINATION_OPTIONS = Set.of("replyto", "replytooverride",
            "destinationname", "destinationtype");
    /**
     * JMS options that would undo the hub's entry defences on a route's own endpoint (ADR 0014): Java serialization
     * on the bus, headers Camel or the broker interpret, request/reply over the bus, or another filter.
     */
    private static final Set<String> JMS_DEFENCE_OPTIONS = Set.of("transferexception", "transferexchange",
            "allowserializedheaders", "includealljmsxproperties", "headerfilterstrategy", "jmskeyformatstrategy",
            "messageconverter", "destinationresolver", "connectionfactory", "jmsoperations", "replytotype",
            "replytoconsumertype", "replytosamedestinationallowed", "allowreplymanagerquickstop",
            "replytodestinationselectorname", "allowadditionalheaders");

    private final Set<String> components;
    private final Set<String> beans;
    private final List<Path> fileDirs;

    public RouteFilePolicy(Collection<String> components, Collection<String> beans, Collection<Path> fileDirs) {
        this.components = new TreeSet<>(components.stream().map(String::strip).filter(c -> !c.isEmpty()).toList());
        this.beans = new TreeSet<>(beans.stream().map(String::strip).filter(b -> !b.isEmpty()).toList());
        this.fileDirs = fileDirs.stream().map(RouteFilePolicy::real).toList();
    }

    public static RouteFilePolicy of(HubConfig.Policy config) {
        return new RouteFilePolicy(config.components(), config.beans(), config.fileDirs().orElse(List.of()));
    }

    public Set<String> components() {
        return components;
    }

    public Set<String> beans() {
        return beans;
    }

    public List<Path> fileDirs() {
        return fileDirs;
    }

    public boolean allowsComponent(String scheme) {
        return components.contains(scheme);
    }

    public boolean publishes(String bean) {
        return beans.contains(bean);
    }

    /** What the policy says about one component, as GET /api/v1/routes/components shows it. */
    public String decision(String component, boolean hubHasIt) {
        if (!components.contains(component)) {
            return "refused: not in busbar.routes.policy.components";
        }
        if (!hubHasIt) {
            return "allowed, but the hub does not have this component";
        }
        return switch (component) {
            case "jms" -> "allowed; not to or from DLQ.*, invalid.*, activemq.* or $* addresses, no wildcards";
            case "file" -> fileDirs.isEmpty() ? "allowed, but busbar.routes.policy.file-dirs names no directory:"
                    + " every file endpoint is refused" : "allowed inside " + fileDirs + " only";
            case "kamelet" -> "allowed; the hub's templates only";
            default -> "allowed";
        };
    }

    /** A placeholder key (between the braces) that is not a route property, with why; empty if it is one. */
    public Optional<String> refusePlaceholder(String placeholder) {
        String key = placeholder.startsWith("?") || placeholder.startsWith("!") ? placeholder.substring(1) : placeholder;
        int colon = key.indexOf(':');
        String name = colon < 0 ? key : key.substring(0, colon);
        if (!name.startsWith(PROPERTIES_PREFIX) || !PLACEHOLDER_KEY.matcher(name).matches()) {
            return Optional.of("placeholder {{" + placeholder + "}} is not a route property: route files may use {{"
                    + PROPERTIES_PREFIX + "<name>}} only, never the hub's configuration, system properties or the"
                    + " environment");
        }
        return Optional.empty();
    }

    /** Problems of any text of a route file (a line, or a value of its model). */
    public List<String> refuseText(String text) {
        List<String> problems = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            problems.add("'" + reference.group() + "' is not allowed: route files never create or look up objects by"
                    + " class, type or bean reference");
        }
        if (text.contains("{")) {
            Matcher simple = SIMPLE_ESCAPE.matcher(text);
            while (simple.find()) {
                problems.add("simple function '${" + simple.group(1) + "' is not allowed: route file expressions read"
                        + " the message only (no beans, classes, JVM, environment or configuration)");
            }
            if (text.contains("${") && SIMPLE_REFLECTION.matcher(text).find()) {
                problems.add("an expression reaches for classes (getClass, .class, forName, classLoader): route file"
                        + " expressions read the message only");
            }
        }
        return problems;
    }

    /** Why a bus destination (the path of a {@code jms:} URI, or a JMS option naming one) is refused, if it is. */
    public Optional<String> refuseDestination(String destination) {
        String rest = stripJmsPrefix(destination);
        for (String part : rest.split("::", -1)) {
            String name = stripJmsPrefix(part).toLowerCase(Locale.ROOT);
            if (name.equals("dlq") || name.startsWith("dlq.") || name.startsWith("invalid.")) {
                return Optional.of("bus destination '" + destination + "' is a dead-letter or invalid-message queue:"
                        + " only the hub's error policy parks messages there (DLQ.*, invalid.*, in any letter case)");
            }
            if (name.startsWith("activemq.") || name.startsWith("$")) {
                return Optional.of("bus destination '" + destination + "' is the broker's own (activemq.*, $*)");
            }
            if (name.contains("#") || name.contains("*") || name.contains(",")) {
                return Optional.of("bus destination '" + destination + "' has a wildcard or list (#, *, ','): it"
                        + " would reach every matching address, dead-letter queues included");
            }
        }
        return Optional.empty();
    }

    /**
     * Why a JMS endpoint option is refused, if it is: options that name another destination, turn an exchange into
     * request/reply, or switch off one of the hub's bus defences.
     */
    public Optional<String> refuseJmsOption(String option, String value) {
        String lower = option.toLowerCase(Locale.ROOT);
        if (lower.equals("destinationname") || lower.equals("destinationtype")) {
            return Optional.of("option '" + option + "' is not allowed: the destination is the URI's path");
        }
        if (lower.equals("disablereplyto") && !"true".equalsIgnoreCase(value.strip())) {
            return Optional.of("option '" + option + "=" + value + "' is not allowed: JMSReplyTo is ignored on the bus"
                    + " (request/reply over the bus is not available to routes)");
        }
        if (lower.equals("exchangepattern") && !"InOnly".equalsIgnoreCase(value.strip())) {
            return Optional.of("option '" + option + "=" + value + "' is not allowed: every bus exchange is InOnly");
        }
        if (lower.equals("jmsmessagetype") && "object".equalsIgnoreCase(value.strip())) {
            return Optional.of("option '" + option + "=" + value + "' is not allowed: the bus carries text or bytes,"
                    + " never serialized Java objects");
        }
        if (JMS_DEFENCE_OPTIONS.contains(lower)) {
            return Optional.of("option '" + option + "' is not allowed: it would switch off a defence of the bus"
                    + " (docs/security.md)");
        }
        return JMS_DESTINATION_OPTIONS.contains(lower) ? refuseDestination(value) : Optional.empty();
    }

    /**
     * Why a {@code file:} endpoint is refused, if it is: its directory must be inside a named one, after resolving
     * {@code ..} and symbolic links; options naming other paths may not leave it; the producer's jail stays on.
     */
    public Optional<String> refuseFile(String path, java.util.Map<String, Object> options) {
        if (fileDirs.isEmpty()) {
            return Optional.of("file endpoints are refused: busbar.routes.policy.file-dirs names no directory");
        }
        if (path.contains("${")) {
            return Optional.of("the directory of a file endpoint must be fixed, not '" + path + "'");
        }
        Path dir = real(Path.of(path));
        if (fileDirs.stream().noneMatch(dir::startsWith)) {
            return Optional.of("file directory '" + path + "' is outside the directories route files may use "
                    + fileDirs + " (busbar.routes.policy.file-dirs; '..' and symbolic links are resolved)");
        }
        for (var option : options.entrySet()) {
            String name = option.getKey().toLowerCase(Locale.ROOT);
            String value = String.valueOf(option.getValue());
            if (name.equals("jailstartingdirectory") && !"true".equalsIgnoreCase(value)) {
                return Optional.of("option jailStartingDirectory=" + value + " is not allowed: a file endpoint writes"
                        + " inside its directory only");
            }
            if (FILE_PATH_OPTIONS.contains(name) && (value.contains("..") || value.startsWith("/")
                    || value.startsWith("\\") || value.matches("^[A-Za-z]:.*") || value.replaceAll(
                            "\\$\\{(file|date):[^}]*}", "").contains("${"))) {
                return Optional.of("option " + option.getKey() + "=" + value + " may leave the file endpoint's"
                        + " directory: give a relative path without '..' (only ${file:...} and ${date:...} in it)");
            }
        }
        return Optional.empty();
    }

    private static String stripJmsPrefix(String destination) {
        String d = destination.strip();
        for (boolean again = true; again;) {
            again = false;
            for (String prefix : List.of("queue:", "topic:", "temp-queue:", "temp-topic:", "//")) {
                if (d.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    d = d.substring(prefix.length());
                    again = true;
                }
            }
        }
        return d;
    }

    /** The path with symbolic links resolved as far as it exists, so a link cannot lead out of a named directory. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path real = existing.toRealPath();
            for (Path part : rest) {
                real = real.resolve(part);
            }
            return real.normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** The published beans, for messages. */
    String beanList() {
        return String.join(", ", new LinkedHashSet<>(beans));
    }
}
