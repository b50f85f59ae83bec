package io.busbar.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.busbar.connectors.batch.BatchStore;
import io.busbar.hub.testsupport.FileServers;

/**
 * SFTP connectors talk only to the server they were configured for: its host key fingerprint is pinned, a server with
 * another key is refused before it is offered the password, and an SFTP instance without a pinned key does not start.
 * Against the real in-JVM SFTP server (Apache MINA SSHD).
 */
class SftpHostKeyTest {

    @TempDir
    static Path base;
    static FileServers servers;
    static URI endpoint;

    @BeforeAll
    static void start() throws IOException {
        servers = FileServers.start(base);
        Files.createDirectories(servers.sftpRoot().resolve("in"));
        Files.writeString(servers.sftpRoot().resolve("in/ORDERS.DAT"), "x");
        endpoint = URI.create("sftp://127.0.0.1:" + servers.sftpPort() + "/in");
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void thePinnedKeyConnects() throws IOException {
        try (BatchStore store = BatchStore.open(endpoint, "archive", FileServers.USER, FileServers.PASSWORD,
                Set.of("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", servers.sftpHostKey()))) {
            assertThat(store.list()).extracting(BatchStore.Entry::name).containsExactly("ORDERS.DAT");
        }
    }

    @Test
    void anotherKeyIsRefusedBeforeThePasswordIsOffered() {
        int offered = servers.sftpPasswordsOffered();
        assertThatThrownBy(() -> BatchStore.open(endpoint, "archive", FileServers.USER, FileServers.PASSWORD,
                Set.of("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).isInstanceOf(IOException.class)
                .hasMessageContaining("host key of 127.0.0.1:" + servers.sftpPort() + " is " + servers.sftpHostKey())
                .hasMessageContaining("refused before authenticating");
        assertThat(servers.sftpPasswordsOffered()).as("the password never left").isEqualTo(offered);
    }

    @Test
    void anSftpInstanceNeedsAPinnedKey() {
        Map<String, String> keys = new HashMap<>(Map.of("type", "sftp-in", "endpoint", endpoint.toString(), "username",
                FileServers.USER, "password", FileServers.PASSWORD, "format", "lines", "layout", "LINE:alpha:10"));
        assertThatThrownBy(() -> BatchInstance.of("mainframe", keys)).hasMessageContaining("'host-key'")
                .hasMessageContaining("ssh-keygen -lf");
        keys.put("host-key", "MD5:12:34");
        assertThatThrownBy(() -> BatchInstance.of("mainframe", keys)).hasMessageContaining("expected SHA256:");
        keys.put("host-key", servers.sftpHostKey());
        assertThat(BatchInstance.of("mainframe", keys).hostKeys()).containsExactly(servers.sftpHostKey());
    }
}
