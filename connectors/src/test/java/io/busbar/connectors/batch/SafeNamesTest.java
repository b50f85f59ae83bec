package io.busbar.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeNamesTest {

    @Test
    void plainNamesAreSafe() {
        assertThat(SafeNames.isSafe("ORDERS.D20261122.DAT")).isTrue();
        assertThat(SafeNames.isSafe("orders 1.csv")).isTrue();
    }

    @Test
    void pathsAndTricksAreRefused() {
        for (String name : new String[] { "../etc/passwd", "..", "a/../b", "/abs", "dir/file", "a\\b", "..\\x",
                ".hidden", "C:x", "bad\u0000name", "new\nline", "", "x".repeat(256) }) {
            assertThat(SafeNames.isSafe(name)).as(name).isFalse();
        }
    }

    @Test
    void aLocalStoreNeverOpensOrMovesOutsideItsDirectory(@TempDir Path dir) throws IOException {
        Path inbound = Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("secret"), "x");
        try (BatchStore store = BatchStore.open(URI.create("file:" + inbound), "archive", null, null)) {
            assertThatThrownBy(() -> store.open("../secret")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refused file name");
            assertThatThrownBy(() -> store.archive("x", "../../secret")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.write("../out", out -> out.write(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readString(dir.resolve("secret"))).isEqualTo("x");
    }
}
