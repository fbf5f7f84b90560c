package dev.portrait.store;

import java.util.Optional;

/**
 * Bytes by key: upload parts and photo files. A blob is written whole and durably before its key is recorded in the
 * metadata store, so metadata never points at a missing or half-written blob; blobs nobody points at are collected.
 * Keys are made of [a-z0-9/_-]. The embedded implementation is files in the data directory; M6 adds S3.
 */
public interface BlobStore extends AutoCloseable {
    /** Stores data under key (replacing what was there) and returns once it is durable. */
    void put(String key, byte[] data);

    Optional<byte[]> get(String key);

    /** Up to length bytes from offset; empty array at or past the end; empty Optional when the blob does not exist. */
    Optional<byte[]> read(String key, long offset, int length);

    /** Deletes the blob; true when it existed. */
    boolean delete(String key);

    /** Keys under prefix whose blobs were written before the given time (candidates for collection). */
    java.util.stream.Stream<String> keysWrittenBefore(String prefix, java.time.Instant before);

    /** A fresh key under prefix ("parts", "photos"), never used before. */
    String newKey(String prefix);

    @Override
    default void close() {
    }
}
