package io.busbar.hub.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one directory below which the hub keeps everything it persists. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** Creates the directory if needed and proves a file can be written in it. */
    public static void checkWritable(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupCheckFailed("data directory " + dir + " cannot be written (" + e.getClass().getSimpleName()
                    + "); set busbar.data-dir (BUSBAR_DATA_DIR) to a writable directory");
        }
    }
}
