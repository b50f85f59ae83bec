package io.busbar.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download never goes past the instance's max-file-size, whether the listing says so or the stream does. */
class BatchStoreSizeCapTest {

    @TempDir
    Path dir;

    @Test
    void aFileListedOverTheCapIsRefusedBeforeAnythingIsRead() throws IOException {
        Files.write(dir.resolve("BIG.DAT"), new byte[2000]);
        try (BatchStore store = BatchStore.open(dir.toUri(), "archive", null, null)) {
            BatchStore.Entry big = store.list().get(0);
            assertThat(big.size()).isEqualTo(2000);
            assertThatThrownBy(() -> store.open(big, 1999)).isInstanceOf(FileTooLargeException.class)
                    .hasMessage("file BIG.DAT is 2000 bytes, over max-file-size 1999");
            try (InputStream in = store.open(big, 2000)) {
                assertThat(in.readAllBytes()).hasSize(2000);
            }
        }
    }

    @Test
    void aFileThatGrewPastTheCapAfterTheListingFailsWhileStreaming() throws IOException {
        Files.write(dir.resolve("GROWN.DAT"), new byte[5000]);
        try (BatchStore store = BatchStore.open(dir.toUri(), "archive", null, null)) {
            BatchStore.Entry listedSmall = new BatchStore.Entry("GROWN.DAT", 10, 0);
            byte[] buffer = new byte[8192];
            try (InputStream in = store.open(listedSmall, 1000)) {
                long[] read = new long[1];
                assertThatThrownBy(() -> {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        read[0] += n;
                    }
                }).isInstanceOf(FileTooLargeException.class).hasMessage("file GROWN.DAT is more than 1000 bytes, over"
                        + " max-file-size 1000");
                assertThat(read[0]).isLessThanOrEqualTo(1000);
            }
        }
    }
}
