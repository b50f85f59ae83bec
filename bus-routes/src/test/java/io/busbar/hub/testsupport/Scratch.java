package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fresh directories under {@code target/test-data} and free ports, with nothing but the JDK: end-to-end tests that run
 * on a classpath without Quarkus (the Metro client's) use them as well as the component tests.
 */
public final class Scratch {

    private Scratch() {
    }

    /** An empty directory {@code target/test-data/<name>}, emptied first if an earlier run left it. */
    public static Path freshDirectory(String name) {
        Path dir = Path.of("target", "test-data", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
