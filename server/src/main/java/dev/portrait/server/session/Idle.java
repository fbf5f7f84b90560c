package dev.portrait.server.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When something in memory (an auth key, a session) was last used, and whether it has been retired for idleness:
 * {@link #touch} and {@link #retire} race on one value, so a thing is either retired before a use (the user then
 * makes a fresh one) or used and kept, never retired while in use.
 */
public final class Idle {
    private static final long RETIRED = Long.MIN_VALUE;
    private final AtomicLong lastUsed;

    public Idle(long now) {
        lastUsed = new AtomicLong(now);
    }

    /** Marks a use at now; false when it was retired already. */
    public boolean touch(long now) {
        while (true) {
            long v = lastUsed.get();
            if (v == RETIRED) return false;
            if (v >= now || lastUsed.compareAndSet(v, now)) return true;
        }
    }

    /** Retires it unless it was used at or after cutoff; true when it is retired now. */
    public boolean retire(long cutoff) {
        while (true) {
            long v = lastUsed.get();
            if (v == RETIRED) return true;
            if (v >= cutoff) return false;
            if (lastUsed.compareAndSet(v, RETIRED)) return true;
        }
    }

    /** The time of the last use (Long.MIN_VALUE once retired). */
    public long lastUsed() {
        return lastUsed.get();
    }

    public boolean retired() {
        return lastUsed.get() == RETIRED;
    }
}
