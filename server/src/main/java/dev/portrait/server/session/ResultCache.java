package dev.portrait.server.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * Results of requests by msg_id, kept for a while so that a request re-sent with the same msg_id is answered again
 * without being executed twice; while a request runs, its entry is a pending future (invokeAfterMsg waits on it).
 * Bounded by count, by the bytes of finished results (a few 1 MB upload.getFile chunks must not pile up: reading
 * a file again is harmless, while the small results of calls that change something stay) and by age; running
 * requests are never dropped.
 */
public final class ResultCache {
    /** A finished result: the rpc_result body as sent. */
    public record Entry(CompletableFuture<byte[]> result, long createdAt) {
    }

    /** What an acknowledged result leaves behind. */
    private static final CompletableFuture<byte[]> DELIVERED = CompletableFuture.completedFuture(new byte[0]);

    private final int capacity;
    private final long ttlSeconds;
    private final long maxBytes;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>();
    private long bytes;

    public ResultCache(int capacity, long ttlSeconds, long maxBytes) {
        this.capacity = capacity;
        this.ttlSeconds = ttlSeconds;
        this.maxBytes = maxBytes;
    }

    /** Registers a request about to run; null when it is already known (running or answered). */
    public synchronized CompletableFuture<byte[]> start(long msgId, long now) {
        evict(now);
        if (entries.containsKey(msgId)) return null;
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        entries.put(msgId, new Entry(f, now));
        return f;
    }

    /** Completes a request {@link #start}ed here with its rpc_result (counted while it stays). */
    public synchronized void finish(long msgId, CompletableFuture<byte[]> started, byte[] reply, long now) {
        started.complete(reply);
        Entry e = entries.get(msgId);
        if (e != null && e.result() == started) bytes += reply.length;
        evict(now);
    }

    /**
     * The client acknowledged the result of msgId: its bytes are let go (it will not ask again) while the entry stays,
     * so msgs_state_req still reports the request as answered and a re-sent msg_id still does not run twice.
     */
    public synchronized void acknowledged(long msgId) {
        Entry e = entries.get(msgId);
        if (e == null || !e.result().isDone() || e.result().join().length == 0) return;
        bytes -= e.result().join().length;
        entries.put(msgId, new Entry(DELIVERED, e.createdAt()));
    }

    /** Whether the entry still holds a result to send again (not let go after an acknowledgment). */
    public static boolean resendable(Entry e) {
        return e != null && e.result().isDone() && e.result().join().length > 0;
    }

    public synchronized Entry get(long msgId) {
        return entries.get(msgId);
    }

    public synchronized boolean drop(long msgId) {
        Entry e = entries.remove(msgId);
        if (e != null && e.result().isDone()) bytes -= e.result().join().length;
        return e != null;
    }

    /** Drops what aged out, for sessions that get no new requests (AuthKeys.retireIdle). */
    public synchronized void evictExpired(long now) {
        evict(now);
    }

    /** Bytes of the finished results held. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Oldest first: finished entries go while too many, too big or too old; younger ones are all in age. */
    private void evict(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            boolean over = entries.size() > capacity || bytes > maxBytes;
            if (!over && e.createdAt() >= now - ttlSeconds) break;
            if (!e.result().isDone()) continue; // running: invokeAfterMsg may wait on it
            bytes -= e.result().join().length;
            it.remove();
        }
    }
}
