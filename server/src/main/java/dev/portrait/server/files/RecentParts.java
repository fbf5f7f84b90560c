package dev.portrait.server.files;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upload parts this node received lately, kept in memory until the upload is used: the node that takes an
 * upload's parts usually also gets the call that uses them, which then reads nothing back from the blob store (on S3,
 * one GET per part). Bounded in bytes, oldest out first; a part is handed out once. Blob keys are never reused, so a
 * remembered part can never be stale; one that is missing is simply read from the store.
 */
final class RecentParts {
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> parts = new LinkedHashMap<>();
    private long bytes;

    RecentParts(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized void put(String key, byte[] data) {
        if (data.length > maxBytes) return;
        byte[] old = parts.put(key, data);
        if (old != null) bytes -= old.length;
        bytes += data.length;
        for (Iterator<Map.Entry<String, byte[]>> it = parts.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().length;
            it.remove();
        }
    }

    /** The part's bytes if they are still here (and then no longer), else null. */
    synchronized byte[] take(String key) {
        byte[] data = parts.remove(key);
        if (data != null) bytes -= data.length;
        return data;
    }

    synchronized void forget(Collection<String> keys) {
        for (String key : keys) take(key);
    }

    synchronized long bytes() {
        return bytes;
    }
}
