package dev.portrait.server.users;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * access_hash values: a keyed MAC of (kind, viewer, object), so each viewer gets its own hash for a user, as Telegram
 * does, nothing needs storing, and a hash seen by one account is worthless to another. The key is shared through the
 * store, so every process (and node) computes the same values.
 */
public final class AccessHashes {
    private final Mac prototype;

    public AccessHashes(byte[] secret) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The access_hash viewer uses for user target. */
    public long user(long viewer, long target) {
        return mac('u', viewer, target);
    }

    /** True when hash is what viewer was given for target (constant time). */
    public boolean userValid(long viewer, long target, long hash) {
        return MessageDigest.isEqual(bytes(user(viewer, target)), bytes(hash));
    }

    private long mac(char kind, long viewer, long object) {
        Mac m;
        try {
            m = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] out = m.doFinal(ByteBuffer.allocate(17).put((byte) kind).putLong(viewer).putLong(object).array());
        long h = ByteBuffer.wrap(out).getLong();
        return h == 0 ? 1 : h;
    }

    private static byte[] bytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
