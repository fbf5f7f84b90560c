package dev.portrait.server.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Results of requests by msg_id, kept for a while so that a request re-sent with the same msg_id is answered again
 * without being executed twice; while a request runs, its entry is a pending future (invokeAfterMsg waits on it).
 * Bounded by count and age.
 */
public final class ResultCache {
    /** A finished result: the rpc_result body as sent. */
    public record Entry(CompletableFuture<byte[]> result, long createdAt) {
    }

    private final int capacity;
    private final long ttlSeconds;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>();

    public ResultCache(int capacity, long ttlSeconds) {
        this.capacity = capacity;
        this.ttlSeconds = ttlSeconds;
    }

    /** Registers a request about to run; null when it is already known (running or answered). */
    public synchronized CompletableFuture<byte[]> start(long msgId, long now) {
        evict(now);
        if (entries.containsKey(msgId)) return null;
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        entries.put(msgId, new Entry(f, now));
        return f;
    }

    public synchronized Entry get(long msgId) {
        return entries.get(msgId);
    }

    public synchronized boolean drop(long msgId) {
        return entries.remove(msgId) != null;
    }

    private void evict(long now) {
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Entry e = it.next().getValue();
            boolean old = e.createdAt() < now - ttlSeconds && e.result().isDone();
            if (old || (entries.size() > capacity && e.result().isDone())) it.remove();
            else break;
        }
    }
}
