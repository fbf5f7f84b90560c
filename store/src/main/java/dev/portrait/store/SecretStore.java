package dev.portrait.store;

import java.util.function.Supplier;

/** Server-wide secrets that every process (and, in M6, every node) must share, e.g. the access_hash key. */
public interface SecretStore {
    /** The secret with this name, created with {@code create} the first time. */
    byte[] secret(String name, Supplier<byte[]> create);
}
