package io.busbar.hub;

import java.nio.file.Path;

import io.busbar.hub.infra.DataDirectory;
import io.busbar.hub.infra.StartupCheckFailed;
import io.quarkus.runtime.Quarkus;

/**
 * Starts the hub. The data directory is checked before Quarkus boots: the transaction manager writes its log there
 * as the very first thing, and would otherwise fail after half a minute of retries with a wall of stack traces.
 * <p>
 * Named by {@code quarkus.package.main-class} rather than annotated {@code @QuarkusMain}: the annotation would stop
 * Camel Quarkus from starting Camel by itself.
 */
public final class BusbarMain {

    private BusbarMain() {
    }

    public static void main(String... args) {
        try {
            DataDirectory.checkWritable(earlyDataDir());
        } catch (StartupCheckFailed e) {
            System.err.println(e);
            System.exit(1);
        }
        Quarkus.run(args);
    }

    /** busbar.data-dir as given on the command line or in the environment; the full configuration is not read yet. */
    private static Path earlyDataDir() {
        String dir = System.getProperty("busbar.data-dir", System.getenv("BUSBAR_DATA_DIR"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.dir"), "data");
    }
}
