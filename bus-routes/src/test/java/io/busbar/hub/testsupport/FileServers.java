package io.busbar.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Real FTP (Apache FtpServer) and SFTP (Apache MINA SSHD) servers in the test JVM, each serving its own directory to
 * one user, as a legacy system's file drop would. Ports are free ones.
 */
public final class FileServers implements AutoCloseable {

    public static final String USER = "legacy";
    public static final String PASSWORD = "legacy-secret";

    private final Path ftpRoot;
    private final Path sftpRoot;
    private final FtpServer ftp;
    private final SshServer sftp;
    private final int ftpPort;
    private final AtomicInteger passwordsOffered = new AtomicInteger();

    private FileServers(Path base) throws IOException, FtpException {
        ftpRoot = Files.createDirectories(base.resolve("ftp"));
        sftpRoot = Files.createDirectories(base.resolve("sftp"));

        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        ftpPort = HubTestResource.freePort();
        listener.setPort(ftpPort);
        listener.setServerAddress("127.0.0.1");
        factory.addListener("default", listener.createListener());
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        Path userFile = base.resolve("ftp-users.properties");
        Files.writeString(userFile, "");
        users.setFile(userFile.toFile());
        UserManager userManager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(ftpRoot.toString());
        user.setAuthorities(List.<Authority> of(new WritePermission()));
        userManager.save(user);
        factory.setUserManager(userManager);
        ftp = factory.createServer();
        ftp.start();

        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(HubTestResource.freePort());
        sftp.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(base.resolve("hostkey.ser")));
        sftp.setPasswordAuthenticator((u, p, session) -> {
            passwordsOffered.incrementAndGet();
            return USER.equals(u) && PASSWORD.equals(p);
        });
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();
    }

    public static FileServers start(Path base) {
        try {
            return new FileServers(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException(e);
        }
    }

    public int ftpPort() {
        return ftpPort;
    }

    public int sftpPort() {
        return sftp.getPort();
    }

    /** The SFTP server's host key fingerprint, as {@code ssh-keygen -lf} prints it ({@code SHA256:...}). */
    public String sftpHostKey() {
        try {
            KeyPair key = sftp.getKeyPairProvider().loadKeys(null).iterator().next();
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Password authentications the SFTP server was offered, right or wrong. */
    public int sftpPasswordsOffered() {
        return passwordsOffered.get();
    }

    /** The directory the FTP user sees as {@code /}. */
    public Path ftpRoot() {
        return ftpRoot;
    }

    /** The directory the SFTP user sees as {@code /}. */
    public Path sftpRoot() {
        return sftpRoot;
    }

    @Override
    public void close() {
        ftp.stop();
        try {
            sftp.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
