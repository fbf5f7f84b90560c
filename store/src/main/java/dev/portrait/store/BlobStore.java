package dev.portrait.store;

import dev.portrait.store.blob.Concurrently;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bytes by key: upload parts and photo files. A blob is written whole and durably before its key is recorded in the
 * metadata store, so metadata never points at a missing or half-written blob; blobs nobody points at are collected.
 * Keys are made of [a-z0-9/_-]. Implementations: files in the data directory, or S3.
 */
public interface BlobStore extends AutoCloseable {
    /** Stores data under key (replacing what was there) and returns once it is durable. */
    void put(String key, byte[] data);

    Optional<byte[]> get(String key);

    /** Up to length bytes from offset; empty array at or past the end; empty Optional when the blob does not exist. */
    Optional<byte[]> read(String key, long offset, int length);

    /** Deletes the blob; true when it existed. */
    boolean delete(String key);

    /** {@link #get} of several keys at once (concurrently), in the order of keys. */
    default List<Optional<byte[]>> getAll(List<String> keys) {
        return Concurrently.map(keys, this::get);
    }

    /** {@link #put} of several blobs at once (concurrently); returns once all are durable, or throws. */
    default void putAll(Map<String, byte[]> blobs) {
        Concurrently.map(List.copyOf(blobs.entrySet()), e -> {
            put(e.getKey(), e.getValue());
            return true;
        });
    }

    /** Deletes several blobs at once (concurrently); keys that do not exist are skipped. */
    default void deleteAll(Collection<String> keys) {
        Concurrently.map(List.copyOf(keys), this::delete);
    }

    /** Keys under prefix whose blobs were written before the given time (candidates for collection). */
    java.util.stream.Stream<String> keysWrittenBefore(String prefix, java.time.Instant before);

    /** A fresh key under prefix ("parts", "photos"), never used before. */
    String newKey(String prefix);

    @Override
    default void close() {
    }
}
