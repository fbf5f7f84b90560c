package dev.portrait.server.session;

import java.util.Map;
import java.util.TreeMap;

/**
 * The checks MTProto puts on a client's msg_id and seqno within a session (core.telegram.org/mtproto/service_messages_about_messages),
 * over a window of the most recent ids. Returns 0 when the message is acceptable, or the bad_msg_notification code.
 */
public final class MsgIdWindow {
    public static final int OK = 0;
    /** Not an error code: the id was seen before (answer from the result cache or ignore). */
    public static final int DUPLICATE = -1;
    public static final int TOO_LOW = 16;
    public static final int TOO_HIGH = 17;
    public static final int BAD_LOW_BITS = 18;
    public static final int TOO_OLD = 20;
    public static final int SEQNO_TOO_LOW = 32;
    public static final int SEQNO_TOO_HIGH = 33;
    public static final int ODD_SEQNO_EXPECTED = 35;
    public static final int BAD_CONTAINER = 64;

    /** How far a client's clock may be behind or ahead of the server's (seconds), as Telegram documents. */
    static final long PAST = 300;
    static final long FUTURE = 30;

    private final int capacity;
    private final TreeMap<Long, Integer> seen = new TreeMap<>();

    public MsgIdWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Checks the time and low bits alone (also done for messages whose salt is wrong). */
    public static int checkTime(long msgId, long now) {
        if ((msgId & 3) != 0) return BAD_LOW_BITS;
        long time = msgId >>> 32;
        if (time < now - PAST) return TOO_LOW;
        if (time > now + FUTURE) return TOO_HIGH;
        return OK;
    }

    /**
     * Checks and, when acceptable, records the message. {@code mustBeOdd}: an RPC query, whose seqno must be odd
     * (35 otherwise); service messages and containers are taken with either parity (MessageProcessor.mustBeOdd).
     */
    public synchronized int accept(long msgId, int seqNo, boolean mustBeOdd, long now) {
        int time = checkTime(msgId, now);
        if (time != OK) return time;
        if (seen.containsKey(msgId)) return DUPLICATE;
        if (seen.size() >= capacity && msgId < seen.firstKey()) return TOO_OLD;
        boolean odd = (seqNo & 1) == 1;
        // A query must have an odd seqno. The reverse (34, even expected) is never enforced: clients disagree on the
        // parity of service messages (mtcute sends msgs_ack and pings odd, TDLib and MadelineProto pings even), and
        // Telegram's servers accept both.
        if (mustBeOdd && !odd) return ODD_SEQNO_EXPECTED;
        Map.Entry<Long, Integer> lower = seen.lowerEntry(msgId);
        if (lower != null && (lower.getValue() > seqNo || (lower.getValue() == seqNo && odd))) return SEQNO_TOO_LOW;
        Map.Entry<Long, Integer> higher = seen.higherEntry(msgId);
        if (higher != null && (higher.getValue() < seqNo || (higher.getValue() == seqNo && odd))) return SEQNO_TOO_HIGH;
        seen.put(msgId, seqNo);
        if (seen.size() > capacity) seen.pollFirstEntry();
        return OK;
    }

    public synchronized boolean contains(long msgId) {
        return seen.containsKey(msgId);
    }

    /** Whether {@code msgId} is older than everything the window still remembers. */
    public synchronized boolean forgotten(long msgId) {
        return seen.size() >= capacity && msgId < seen.firstKey();
    }
}
