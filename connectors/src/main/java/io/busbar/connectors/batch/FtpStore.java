package io.busbar.connectors.batch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

/** An FTP directory (passive mode, binary transfers) over commons-net. */
final class FtpStore implements BatchStore {

    private final FTPClient ftp;
    private final String dir;
    private final String archive;

    private FtpStore(FTPClient ftp, String dir, String archive) {
        this.ftp = ftp;
        this.dir = dir;
        this.archive = archive;
    }

    static FtpStore connect(URI endpoint, String archiveDir, String user, String password) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect(endpoint.getHost(), endpoint.getPort() > 0 ? endpoint.getPort() : 21);
        try {
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new IOException("FTP server refused the connection: " + ftp.getReplyString().trim());
            }
            if (!ftp.login(user == null ? "anonymous" : user, password == null ? "" : password)) {
                throw new IOException("FTP login refused for " + user + ": " + ftp.getReplyString().trim());
            }
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            String dir = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? "/" : endpoint.getPath();
            return new FtpStore(ftp, dir.endsWith("/") ? dir : dir + "/", dir.endsWith("/") ? dir + archiveDir
                    : dir + "/" + archiveDir);
        } catch (IOException | RuntimeException e) {
            ftp.disconnect();
            throw e;
        }
    }

    private IOException failed(String what) {
        return new IOException("FTP " + what + " failed: " + ftp.getReplyString().trim());
    }

    @Override
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        FTPFile[] files = ftp.listFiles(dir);
        if (files == null) {
            throw failed("LIST " + dir);
        }
        for (FTPFile f : files) {
            if (f.isFile()) {
                entries.add(new Entry(f.getName(), f.getSize(),
                        f.getTimestamp() == null ? 0 : f.getTimestamp().getTimeInMillis()));
            }
        }
        return entries;
    }

    @Override
    public InputStream open(String name) throws IOException {
        InputStream in = ftp.retrieveFileStream(dir + SafeNames.require(name));
        if (in == null) {
            throw failed("RETR " + name);
        }
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                if (!ftp.completePendingCommand()) {
                    throw failed("RETR " + name);
                }
            }
        };
    }

    @Override
    public void archive(String name, String archivedName) throws IOException {
        ftp.makeDirectory(archive);
        String target = archive + "/" + SafeNames.require(archivedName);
        ftp.deleteFile(target);
        if (!ftp.rename(dir + SafeNames.require(name), target)) {
            throw failed("RNFR/RNTO " + name);
        }
    }

    @Override
    public void writeArchive(String name, byte[] content) throws IOException {
        ftp.makeDirectory(archive);
        if (!ftp.storeFile(archive + "/" + SafeNames.require(name), new java.io.ByteArrayInputStream(content))) {
            throw failed("STOR " + name);
        }
    }

    @Override
    public boolean exists(String name) throws IOException {
        FTPFile[] files = ftp.listFiles(dir + SafeNames.require(name));
        return files != null && files.length > 0;
    }

    @Override
    public void delete(String name) throws IOException {
        ftp.deleteFile(dir + SafeNames.require(name));
    }

    @Override
    public void write(String name, Writer content) throws IOException {
        String tmp = dir + ".busbar-" + SafeNames.require(name) + ".part";
        try (OutputStream out = ftp.storeFileStream(tmp)) {
            if (out == null) {
                throw failed("STOR " + tmp);
            }
            content.writeTo(out);
        }
        if (!ftp.completePendingCommand()) {
            throw failed("STOR " + tmp);
        }
        ftp.deleteFile(dir + name);
        if (!ftp.rename(tmp, dir + name)) {
            throw failed("RNFR/RNTO " + name);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ftp.logout();
        } finally {
            ftp.disconnect();
        }
    }
}
