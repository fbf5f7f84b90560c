package dev.portrait.server.session;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * Server salts rotate every 30 minutes. Each one is derived from a secret and the time window (HMAC-SHA256), so the
 * server keeps no per-key salt state and every node that shares the secret agrees on them. A salt is accepted during
 * its own window and the one after it, so a client that fetched it just before a rotation keeps working.
 */
public final class ServerSalts {
    public static final int WINDOW_SECONDS = 1800;
    public static final int MAX_FUTURE_SALTS = 64;

    private final byte[] secret;
    /** The last window's salt, so the per-packet check computes no HMAC (window and salt in one object: atomic). */
    private volatile long[] cached = {Long.MIN_VALUE, 0};

    public ServerSalts(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("salt secret too short");
        this.secret = secret.clone();
    }

    public long saltFor(long window) {
        long[] c = cached;
        if (c[0] == window) return c[1];
        long salt = compute(window);
        cached = new long[]{window, salt};
        return salt;
    }

    private long compute(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(window).array());
            return ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long windowOf(long unixTime) {
        return Math.floorDiv(unixTime, WINDOW_SECONDS);
    }

    public long current(long now) {
        return saltFor(windowOf(now));
    }

    public boolean valid(long salt, long now) {
        long w = windowOf(now);
        return salt == saltFor(w) || salt == saltFor(w - 1);
    }

    /** A salt valid from validSince (inclusive) to validUntil (exclusive). */
    public record FutureSalt(int validSince, int validUntil, long salt) {
    }

    public FutureSalt[] future(long now, int count) {
        int n = Math.max(1, Math.min(count, MAX_FUTURE_SALTS));
        FutureSalt[] out = new FutureSalt[n];
        long w = windowOf(now);
        for (int i = 0; i < n; i++) {
            long since = (w + i) * WINDOW_SECONDS;
            out[i] = new FutureSalt((int) since, (int) (since + 2L * WINDOW_SECONDS), saltFor(w + i));
        }
        return out;
    }
}
