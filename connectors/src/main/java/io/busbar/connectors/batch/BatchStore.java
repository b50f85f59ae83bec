package io.busbar.connectors.batch;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A place batch files are exchanged with a legacy system: a local directory, an FTP or an SFTP directory. A session
 * is opened per poll and closed after it. Every name passed in or handed out is a plain file name, checked by
 * {@link SafeNames}: nothing reaches outside the directory.
 */
public interface BatchStore extends Closeable {

    record Entry(String name, long size, long modified) {
    }

    /** Regular files of the inbound directory (names that are not safe are left out and reported by the caller). */
    List<Entry> list() throws IOException;

    /** Streams a file of the inbound directory; the caller closes the stream (for FTP, before the next command). */
    InputStream open(String name) throws IOException;

    /**
     * Streams a file of at most {@code maxBytes}: a file listed larger is refused before anything is read, and a
     * stream that goes on past the limit (the file grew, or the listing was wrong) fails with
     * {@link FileTooLargeException} when it gets there, so a download never fills the disk or the heap.
     */
    default InputStream open(Entry file, long maxBytes) throws IOException {
        if (file.size() > maxBytes) {
            throw new FileTooLargeException(file.name(), file.size(), maxBytes);
        }
        InputStream in = open(file.name());
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws FileTooLargeException {
                read += n;
                if (read > maxBytes) {
                    throw new FileTooLargeException(file.name(), -1, maxBytes);
                }
            }
        };
    }

    /** Moves a file of the inbound directory into the archive directory (created if missing), replacing any there. */
    void archive(String name, String archivedName) throws IOException;

    /** Writes a file of the archive directory (error reports). */
    void writeArchive(String name, byte[] content) throws IOException;

    /** Whether a file exists in the inbound directory (done markers). */
    boolean exists(String name) throws IOException;

    /** Deletes a file of the inbound directory, if present. */
    void delete(String name) throws IOException;

    /**
     * Writes a file of the directory under a temporary name and renames it once complete, so readers never see half
     * of it; an existing file of that name is replaced.
     */
    void write(String name, Writer content) throws IOException;

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Opens the store of an endpoint {@code file:/dir} or {@code ftp://host:port/dir}. */
    static BatchStore open(URI endpoint, String archiveDir, String user, String password) throws IOException {
        return open(endpoint, archiveDir, user, password, Set.of());
    }

    /**
     * Opens the store of an endpoint {@code file:/dir}, {@code ftp://host:port/dir} or {@code sftp://host:port/dir};
     * an SFTP server must present a host key with one of the {@code hostKeys} SHA-256 fingerprints.
     */
    static BatchStore open(URI endpoint, String archiveDir, String user, String password, Set<String> hostKeys)
            throws IOException {
        String scheme = endpoint.getScheme() == null ? "file" : endpoint.getScheme();
        return switch (scheme) {
            case "file" -> new LocalStore(java.nio.file.Path.of(endpoint.getPath()), archiveDir);
            case "ftp" -> FtpStore.connect(endpoint, archiveDir, user, password);
            case "sftp" -> SftpStore.connect(endpoint, archiveDir, user, password, hostKeys);
            default -> throw new IllegalArgumentException("unknown endpoint scheme '" + scheme + "' (file, ftp, sftp)");
        };
    }
}
