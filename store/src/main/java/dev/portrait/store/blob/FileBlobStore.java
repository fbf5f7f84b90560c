package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import dev.portrait.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <data dir>/blobs}. A write goes to a temporary file that is fsynced and then renamed
 * into place (and the directory fsynced), so after a crash a key holds either the whole new blob or nothing.
 * Keys are spread over 256 subdirectories by their random part.
 */
public final class FileBlobStore implements BlobStore {
    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StoreException("cannot create the blob directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    private Path path(String key) {
        return root.resolve(BlobKeys.check(key));
    }

    @Override
    public String newKey(String prefix) {
        return BlobKeys.newKey(prefix);
    }

    @Override
    public void put(String key, byte[] data) {
        Path target = path(key);
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", "");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(data);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("cannot write blob " + key, e);
        }
    }

    /** The rename is durable only once the directory entry is on disk. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems refuse to open directories; the data itself was forced already
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + key, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key, long offset, int length) {
        try (FileChannel ch = FileChannel.open(path(key), StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset >= size) return Optional.of(new byte[0]);
            int n = (int) Math.min(length, size - offset);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) break;
            }
            return Optional.of(buf.position() == n ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + key, e);
        }
    }

    /** A temporary file old enough to be a candidate was left by a crash mid-write: remove it, never list it. */
    private static boolean removeStaleTemp(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // tried again next time
        }
        return true;
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // gone meanwhile
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new StoreException("cannot delete blob " + key, e);
        }
    }

    /** Every key under prefix. */
    public Stream<String> keys(String prefix) {
        return keysWrittenBefore(prefix, Instant.MAX);
    }

    @Override
    public Stream<String> keysWrittenBefore(String prefix, Instant before) {
        Path dir = path(prefix);
        if (!Files.isDirectory(dir)) return Stream.empty();
        try {
            return Files.walk(dir)
                    .filter(Files::isRegularFile)
                    .filter(p -> before.equals(Instant.MAX) || modified(p).isBefore(before))
                    .filter(p -> !p.getFileName().toString().startsWith(".tmp-") || !removeStaleTemp(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
