package dev.portrait.store;

import java.util.function.Supplier;

/** Server-wide secrets that every process (and, in M6, every node) must share, e.g. the access_hash key. */
public interface SecretStore {
    /** The secret with this name, created with {@code create} the first time. */
    byte[] secret(String name, Supplier<byte[]> create);

    /** The 32-byte secret with this name, made of random bytes the first time (HMAC keys). */
    default byte[] secret(String name) {
        return secret(name, () -> {
            byte[] b = new byte[32];
            new java.security.SecureRandom().nextBytes(b);
            return b;
        });
    }
}
