package io.busbar.hub.routes;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a route file: a plain file name directly in the routes directory, ending in {@code .yaml}, {@code .yml}
 * or {@code .xml}. Anything else (a path, an absolute name, a dot segment, a hidden or temporary file) is not a route
 * file, so an upload can never write outside the routes directory and the watcher ignores editors' scratch files.
 */
public final class RouteFileName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(yaml|yml|xml)");
    public static final String RULE = "a route file name is 1 to 104 letters, digits, '.', '_' or '-', starts with a"
            + " letter or digit, has no '..' and ends in .yaml, .yml or .xml";

    public enum Format {
        YAML,
        XML
    }

    private RouteFileName() {
    }

    /** The name if it is an acceptable route file name; empty otherwise. */
    public static Optional<String> check(String name) {
        if (name == null || !PLAIN.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    public static boolean isRouteFile(String name) {
        return check(name).isPresent();
    }

    public static Format format(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xml") ? Format.XML : Format.YAML;
    }

    /** The file's path in {@code dir}; refuses, as a second line of defence, anything that would leave it. */
    public static Path resolve(Path dir, String name) {
        String checked = check(name).orElseThrow(() -> new IllegalArgumentException(RULE + ": " + name));
        Path base = dir.toAbsolutePath().normalize();
        Path file = base.resolve(checked).normalize();
        if (!base.equals(file.getParent())) {
            throw new IllegalArgumentException("route file " + name + " would be outside " + base);
        }
        return file;
    }
}
