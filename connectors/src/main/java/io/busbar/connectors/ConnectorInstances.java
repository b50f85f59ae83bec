package io.busbar.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Connector instances declared as {@code busbar.connectors.<instance>.<key>} properties, or in YAML files of the
 * connectors directory ({@code busbar.connectors.dir}) holding the same keys per instance:
 *
 * <pre>
 * orders-legacy:
 *   type: file-in
 *   endpoint: /srv/legacy/out
 * </pre>
 *
 * Only the instances whose {@code type} is one of the caller's types are returned: other connector families share
 * the prefix. Properties win over a YAML file for the same instance and key.
 */
public final class ConnectorInstances {

    public static final String PREFIX = "busbar.connectors.";

    private ConnectorInstances() {
    }

    /** Instance name to its keys, for the instances whose type is in {@code types}. */
    public static Map<String, Map<String, String>> read(Config config, Path dir, Set<String> types) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        if (dir != null && Files.isDirectory(dir)) {
            readYaml(dir, all);
        }
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || rest.equals("dir")) {
                continue;
            }
            String instance = rest.substring(0, dot);
            config.getOptionalValue(name, String.class)
                    .ifPresent(v -> all.computeIfAbsent(instance, k -> new TreeMap<>()).put(rest.substring(dot + 1), v));
        }
        all.values().removeIf(keys -> !types.contains(keys.get("type")));
        return all;
    }

    private static void readYaml(Path dir, Map<String, Map<String, String>> all) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                JsonNode root = yaml.readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    throw new IllegalArgumentException(file + ": expected instance names at the top level");
                }
                root.fields().forEachRemaining(instance -> {
                    Map<String, String> keys = all.computeIfAbsent(instance.getKey(), k -> new TreeMap<>());
                    flatten("", instance.getValue(), keys);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector instances in " + dir, e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                    f.getValue(), keys));
        } else {
            keys.put(prefix, node.asText());
        }
    }
}
