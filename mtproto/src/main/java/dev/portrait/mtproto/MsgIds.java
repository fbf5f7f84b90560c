package dev.portrait.mtproto;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message identifiers: unixtime·2^32 plus the fraction of the second in the low 32 bits. A generator hands out
 * strictly increasing ids (thread-safe) with the low bits MTProto wants: server ids ≡ 1 (mod 4) for responses and
 * ≡ 3 otherwise, client ids ≡ 0.
 */
public final class MsgIds {
    /** How far a client msg_id may lag behind the server's clock (bad_msg_notification 16 beyond). */
    public static final long MAX_PAST_SECONDS = 300;
    /** How far a client msg_id may run ahead of the server's clock (bad_msg_notification 17 beyond). */
    public static final long MAX_FUTURE_SECONDS = 30;

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public MsgIds() {
        this(Clock.systemUTC());
    }

    public MsgIds(Clock clock) {
        this.clock = clock;
    }

    /** A server msg_id: ≡ 1 (mod 4) when it answers a client message, ≡ 3 when the server initiates it. */
    public long next(boolean response) {
        return next(response ? 1 : 3);
    }

    /** A client msg_id (divisible by 4). */
    public long nextClient() {
        return next(0);
    }

    private long next(int lowBits) {
        long candidate = (fromTime(clock.instant()) & ~3L) | lowBits;
        while (true) {
            long prev = last.get();
            long id = candidate;
            if (id <= prev) {
                id = (prev & ~3L) | lowBits;
                if (id <= prev) id += 4;
            }
            if (last.compareAndSet(prev, id)) return id;
        }
    }

    /** The msg_id of an instant, before its low bits are set. */
    public static long fromTime(Instant t) {
        return t.getEpochSecond() << 32 | ((long) t.getNano() << 32) / 1_000_000_000L;
    }

    /** The unix time a msg_id claims, in seconds. */
    public static long seconds(long msgId) {
        return msgId >>> 32;
    }

    /**
     * Checks a client's msg_id against the server's clock: 0 when acceptable, else the bad_msg_notification code
     * (16 too old, 17 too far ahead, 18 not divisible by 4).
     */
    public static int checkClient(long msgId, Instant now) {
        if ((msgId & 3) != 0) return 18;
        if (msgId < fromTime(now.minusSeconds(MAX_PAST_SECONDS))) return 16;
        if (msgId > fromTime(now.plusSeconds(MAX_FUTURE_SECONDS))) return 17;
        return 0;
    }

    /** Whether a server's msg_id looks right to a client: odd, and within −30 / +300 s of the client's clock. */
    public static boolean isValidServerId(long msgId, Instant now) {
        return (msgId & 1) == 1
                && msgId >= fromTime(now.minusSeconds(MAX_FUTURE_SECONDS))
                && msgId <= fromTime(now.plusSeconds(MAX_PAST_SECONDS));
    }
}
