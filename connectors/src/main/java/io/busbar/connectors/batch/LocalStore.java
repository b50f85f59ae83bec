package io.busbar.connectors.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A local (or mounted) directory. */
final class LocalStore implements BatchStore {

    private final Path dir;
    private final Path archive;

    LocalStore(Path dir, String archiveDir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.archive = this.dir.resolve(archiveDir).normalize();
    }

    @Override
    public List<Entry> list() throws IOException {
        Files.createDirectories(dir);
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    entries.add(new Entry(f.getFileName().toString(), a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        }
        return entries;
    }

    private Path in(Path base, String name) {
        Path p = base.resolve(SafeNames.require(name)).normalize();
        if (!p.getParent().equals(base)) {
            throw new IllegalArgumentException("refused file name '" + name + "': outside " + base);
        }
        return p;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(in(dir, name));
    }

    @Override
    public void archive(String name, String archivedName) throws IOException {
        Files.createDirectories(archive);
        Files.move(in(dir, name), in(archive, archivedName), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void writeArchive(String name, byte[] content) throws IOException {
        Files.createDirectories(archive);
        Files.write(in(archive, name), content);
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(in(dir, name));
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(in(dir, name));
    }

    @Override
    public void write(String name, Writer content) throws IOException {
        Files.createDirectories(dir);
        Path target = in(dir, name);
        Path tmp = dir.resolve(".busbar-" + name + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.writeTo(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
    }
}
