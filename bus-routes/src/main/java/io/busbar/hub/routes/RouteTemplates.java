package io.busbar.hub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The route templates (kamelets) route files may use: {@code kamelets/<name>.kamelet.yaml} on the hub's classpath,
 * shipped by bus-routes (mediations) and by other modules (connector types). Read here so a route file is checked
 * against a template's parameters (names, required ones, allowed values) before it goes live.
 */
@ApplicationScoped
public class RouteTemplates {

    public static final String LOCATION = "kamelets/";
    public static final String SUFFIX = ".kamelet.yaml";

    /** One parameter of a template, as its kamelet declares it. */
    public record Parameter(String name, String title, String description, boolean required, String defaultValue,
            List<String> allowed, String pattern) {

        /** Whether a value is acceptable: one of the allowed values, and matching the pattern, if they are given. */
        public boolean accepts(String value) {
            return (allowed.isEmpty() || allowed.contains(value)) && (pattern == null || value.matches(pattern));
        }
    }

    /** A template: its name (the {@code kamelet:<name>} of a route), what it does, and its parameters. */
    public record Template(String name, String title, String description, String type, List<Parameter> parameters) {

        public Optional<Parameter> parameter(String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

    /** The template of that name, if the classpath holds one. */
    public Optional<Template> find(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, RouteTemplates::load);
    }

    private static Optional<Template> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(LOCATION + name + SUFFIX)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + name, e);
        }
    }

    /** Reads a kamelet's definition (metadata.name, spec.definition); the template itself is Camel's to read. */
    @SuppressWarnings("unchecked")
    static Template parse(String name, String yaml) {
        Object root = new Load(LoadSettings.builder().setLabel(name + SUFFIX).build()).loadFromString(yaml);
        Map<String, Object> kamelet = root instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> metadata = map(kamelet.get("metadata"));
        Map<String, Object> labels = map(metadata.get("labels"));
        Map<String, Object> definition = map(map(kamelet.get("spec")).get("definition"));
        List<Object> required = definition.get("required") instanceof List<?> l ? (List<Object>) l : List.of();
        List<Parameter> parameters = new ArrayList<>();
        map(definition.get("properties")).forEach((parameter, value) -> {
            Map<String, Object> p = map(value);
            List<String> allowed = p.get("enum") instanceof List<?> e ? e.stream().map(String::valueOf).toList() : List.of();
            parameters.add(new Parameter(parameter, text(p.get("title")), text(p.get("description")),
                    required.contains(parameter), text(p.get("default")), allowed, text(p.get("pattern"))));
        });
        return new Template(name, text(definition.get("title")), text(definition.get("description")),
                text(labels.get("camel.apache.org/kamelet.type")), List.copyOf(parameters));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }
}
