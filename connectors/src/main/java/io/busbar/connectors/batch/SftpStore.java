package io.busbar.connectors.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** An SFTP directory over the Apache MINA SSHD client: pinned host key, password authentication. */
final class SftpStore implements BatchStore {

    private final SshClient ssh;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String dir;
    private final String archive;

    private SftpStore(SshClient ssh, ClientSession session, SftpClient sftp, String dir, String archive) {
        this.ssh = ssh;
        this.session = session;
        this.sftp = sftp;
        this.dir = dir;
        this.archive = archive;
    }

    /**
     * Connects only to a server whose host key has one of the pinned SHA-256 fingerprints ({@code SHA256:...}, as
     * {@code ssh-keygen -lf} prints them): a server that cannot prove it is the one configured never sees the password.
     */
    static SftpStore connect(URI endpoint, String archiveDir, String user, String password, Set<String> hostKeys)
            throws IOException {
        if (hostKeys == null || hostKeys.isEmpty()) {
            throw new IOException("no host key pinned for " + endpoint.getHost() + ": set host-key to the server's"
                    + " SHA256 fingerprint");
        }
        SshClient ssh = SshClient.setUpDefaultClient();
        AtomicReference<String> presented = new AtomicReference<>();
        ssh.setServerKeyVerifier((session, address, key) -> {
            String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            presented.set(fingerprint);
            return hostKeys.contains(fingerprint);
        });
        ssh.start();
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 22;
        try {
            ClientSession session = ssh.connect(user, endpoint.getHost(), port).verify(Duration.ofSeconds(10))
                    .getSession();
            try {
                session.addPasswordIdentity(password);
                session.auth().verify(Duration.ofSeconds(10));
            } catch (IOException | RuntimeException e) {
                if (presented.get() != null && !hostKeys.contains(presented.get())) {
                    throw new IOException("host key of " + endpoint.getHost() + ":" + port + " is " + presented.get()
                            + ", not a pinned host-key: refused before authenticating", e);
                }
                throw e;
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            String dir = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? "/" : endpoint.getPath();
            dir = dir.endsWith("/") ? dir : dir + "/";
            return new SftpStore(ssh, session, sftp, dir, dir + archiveDir);
        } catch (IOException | RuntimeException e) {
            ssh.stop();
            throw e;
        }
    }

    @Override
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (SftpClient.DirEntry e : sftp.readDir(dir)) {
            if (e.getAttributes().isRegularFile()) {
                entries.add(new Entry(e.getFilename(), e.getAttributes().getSize(),
                        e.getAttributes().getModifyTime() == null ? 0 : e.getAttributes().getModifyTime().toMillis()));
            }
        }
        return entries;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return sftp.read(dir + SafeNames.require(name));
    }

    private void ensureArchive() throws IOException {
        try {
            sftp.stat(archive);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
            sftp.mkdir(archive);
        }
    }

    @Override
    public void archive(String name, String archivedName) throws IOException {
        ensureArchive();
        sftp.rename(dir + SafeNames.require(name), archive + "/" + SafeNames.require(archivedName),
                SftpClient.CopyMode.Overwrite);
    }

    @Override
    public void writeArchive(String name, byte[] content) throws IOException {
        ensureArchive();
        try (OutputStream out = sftp.write(archive + "/" + SafeNames.require(name))) {
            out.write(content);
        }
    }

    @Override
    public boolean exists(String name) throws IOException {
        try {
            sftp.stat(dir + SafeNames.require(name));
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        if (exists(name)) {
            sftp.remove(dir + name);
        }
    }

    @Override
    public void write(String name, Writer content) throws IOException {
        String tmp = dir + ".busbar-" + SafeNames.require(name) + ".part";
        try (OutputStream out = sftp.write(tmp, EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate))) {
            content.writeTo(out);
        }
        sftp.rename(tmp, dir + name, SftpClient.CopyMode.Overwrite);
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
            session.close();
        } finally {
            ssh.stop();
        }
    }
}
