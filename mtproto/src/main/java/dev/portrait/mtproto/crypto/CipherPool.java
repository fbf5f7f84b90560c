package dev.portrait.mtproto.crypto;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reusable {@link Cipher} instances of one transformation. {@code Cipher.getInstance} costs 2–5 µs, as much as
 * encrypting a 1 KB message, and thread-locals do not help on virtual threads (one per connection burst), so the
 * instances are shared through a small lock-free pool instead.
 */
final class CipherPool {
    private static final int MAX_IDLE = 64;

    private final String transformation;
    private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    CipherPool(String transformation) {
        this.transformation = transformation;
    }

    Cipher take() {
        Cipher c = idle.poll();
        if (c != null) {
            idleCount.decrementAndGet();
            return c;
        }
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    void give(Cipher c) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(c);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
