package dev.portrait.inspector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The live RPC log: the last {@code capacity} calls, each turned into JSON once when answered (parameters and result
 * in the project's TL JSON, bytes shortened to their first 32), newest first when read, filterable by account,
 * method and error. Bounded in entries and in each entry's size, so its memory has a ceiling under any load.
 * Calls are written into a ring without a lock (entry n in slot n mod capacity), so calls answered at once never
 * wait for each other; readers skip a slot whose entry is not the one they expect (overwritten or being written).
 */
final class RpcLog {
    /** Bytes of a {@code bytes} field shown; the rest is counted. */
    static final int SHOWN_BYTES = 32;
    /** Characters of one entry's parameters or result kept; longer ones are cut (and say so). */
    static final int MAX_JSON_CHARS = 16 * 1024;

    /**
     * One call as the API shows it. Time, key and session are kept as numbers and put in words only when the entry is
     * read (most entries never are).
     *
     * @param fault what was injected ("FLOOD_WAIT_5", "delay 2000 ms", "drop"), null for none
     */
    @JsonPropertyOrder({"id", "kind", "time", "account", "authKey", "session"})
    record Entry(long id, String kind, @JsonIgnore long atMillis, long account, @JsonIgnore long authKeyId,
                 @JsonIgnore long sessionId, int layer, String address, String transport, String method,
                 @JsonRawValue String params, @JsonRawValue String result, ErrorView error, double durationMs, String fault) {
        @JsonProperty("time")
        String time() {
            return Instant.ofEpochMilli(atMillis).toString();
        }

        /** The auth key id's first 8 hex digits (never the key). */
        @JsonProperty("authKey")
        String authKey() {
            return Inspector.shortKeyId(authKeyId);
        }

        @JsonProperty("session")
        String session() {
            return Long.toHexString(sessionId);
        }
    }

    record ErrorView(int code, String message) {
    }

    private final int capacity;
    private final AtomicReferenceArray<Entry> ring;
    private final AtomicLong nextId = new AtomicLong(1);

    RpcLog(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the RPC log keeps at least one call");
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    int capacity() {
        return capacity;
    }

    /** Records an answered call and returns its entry. */
    Entry add(RpcCall call) {
        String params = json(call.method());
        String result = call.result() == null ? null : json(call.result());
        return insert("call", call.startedAtMillis(), call.userId(), call.authKeyId(), call.sessionId(), call.layer(),
                call.clientAddress(), call.transport(), call.method().tlName(), params, result,
                call.error() == null ? null : new ErrorView(call.error().code(), call.error().getMessage()),
                Math.round(call.nanos() / 10_000.0) / 100.0, describe(call.fault()));
    }

    /**
     * Records a service-level event as an entry of kind "service" (method: the event's name, params: its detail) and
     * returns it.
     */
    Entry add(ServiceEvent event) {
        String params = "{\"_\":" + json(event.kind()) + ",\"detail\":" + json(event.detail()) + "}";
        return insert("service", event.atMillis(), event.userId(), event.authKeyId(), event.sessionId(), 0,
                event.clientAddress(), event.transport(), event.kind(), params, null, null, 0, null);
    }

    /** The entry, numbered and put first; the oldest goes past the capacity. */
    private Entry insert(String kind, long atMillis, long userId, long authKeyId, long sessionId, int layer, String address,
                         String transport, String method, String params, String result, ErrorView error,
                         double durationMs, String fault) {
        Entry e = new Entry(nextId.getAndIncrement(), kind, atMillis, userId, authKeyId, sessionId, layer, address,
                transport, method, params, result, error, durationMs, fault);
        // a writer that fell a whole ring behind must not put its older entry over a newer one
        ring.accumulateAndGet(slot(e.id()), e, (cur, mine) -> cur == null || cur.id() < mine.id() ? mine : cur);
        return e;
    }

    private int slot(long id) {
        return (int) (id % capacity);
    }

    /** The entries held, newest first. */
    private List<Entry> newestFirst() {
        return newestBelow(Long.MAX_VALUE);
    }

    /** The entries held with an id below {@code beforeId}, newest first. */
    private List<Entry> newestBelow(long beforeId) {
        long last = nextId.get() - 1;
        List<Entry> out = new ArrayList<>();
        for (long id = Math.min(last, beforeId - 1); id >= 1 && id > last - capacity; id--) {
            Entry e = ring.get(slot(id));
            if (e != null && e.id() == id) out.add(e);
        }
        return out;
    }

    /** Newest first: at most {@code limit} entries older than {@code beforeId} (0: from the newest) that match. */
    List<Entry> find(Long account, String method, String error, long beforeId, int limit) {
        List<Entry> found = new ArrayList<>();
        String m = method == null ? null : method.toLowerCase(Locale.ROOT);
        for (Iterator<Entry> it = newestBelow(beforeId > 0 ? beforeId : Long.MAX_VALUE).iterator();
             it.hasNext() && found.size() < limit; ) {
            Entry e = it.next();
            if (account != null && e.account() != account) continue;
            if (m != null && !e.method().toLowerCase(Locale.ROOT).contains(m)) continue;
            if (error != null && !matchesError(e, error)) continue;
            found.add(e);
        }
        return found;
    }

    private static boolean matchesError(Entry e, String error) {
        if (error.equals("true") || error.equals("any")) return e.error() != null;
        if (error.equals("false") || error.equals("none")) return e.error() == null;
        return e.error() != null && e.error().message().toUpperCase(Locale.ROOT).contains(error.toUpperCase(Locale.ROOT));
    }

    int size() {
        return newestFirst().size();
    }

    /** Entries held and the characters of their parameters and results. */
    long[] sizeAndChars() {
        long chars = 0;
        List<Entry> entries = newestFirst();
        for (Entry e : entries) chars += e.params().length() + (e.result() == null ? 0 : e.result().length());
        return new long[] {entries.size(), chars};
    }

    void clear() {
        for (int i = 0; i < capacity; i++) ring.set(i, null);
    }

    static String describe(Fault fault) {
        return switch (fault) {
            case null -> null;
            case Fault.Error e -> e.code() + " " + e.message();
            case Fault.Delay d -> "delay " + d.millis() + " ms";
            case Fault.Drop d -> "drop";
        };
    }

    /**
     * A TL object, vector or value as JSON text, bytes shortened, written straight from the objects (no tree) and given
     * up at {@link #MAX_JSON_CHARS}: {@code {"_": "cut", "chars": N}} says it had more than N.
     */
    static String json(Object value) {
        Bounded out = new Bounded();
        try (JsonGenerator g = Inspector.JSON_FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (Bounded.Full e) {
            return "{\"_\":\"cut\",\"chars\":" + MAX_JSON_CHARS + "}";
        } catch (Exception e) {
            return "{\"_\":\"unprintable\"}";
        }
        return out.text.toString();
    }


    private static void write(JsonGenerator g, Object value) throws java.io.IOException {
        switch (value) {
            case TlObject o -> TlJson.write(g, o, SHOWN_BYTES);
            case List<?> list -> {
                g.writeStartArray();
                for (Object x : list) write(g, x);
                g.writeEndArray();
            }
            case Boolean b -> g.writeBoolean(b);
            case Number n -> g.writeString(n.toString());
            default -> g.writeString(String.valueOf(value));
        }
    }

    /** Collects what the generator writes, up to {@link #MAX_JSON_CHARS}; past that it stops the writing. */
    private static final class Bounded extends java.io.Writer {
        static final class Full extends java.io.IOException {
            Full() {
                super("the RPC log keeps no more of one call");
            }
        }

        final StringBuilder text = new StringBuilder(128);

        @Override
        public void write(char[] buf, int off, int len) throws Full {
            if (text.length() + len > MAX_JSON_CHARS) throw new Full();
            text.append(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
