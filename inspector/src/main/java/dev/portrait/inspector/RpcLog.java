package dev.portrait.inspector;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlObject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The live RPC log: the last {@code capacity} calls, each turned into JSON once when answered (parameters and result
 * in the project's TL JSON, bytes shortened to their first 32), newest first when read, filterable by account,
 * method and error. Bounded in entries and in each entry's size, so its memory has a ceiling under any load.
 */
final class RpcLog {
    /** Bytes of a {@code bytes} field shown; the rest is counted. */
    static final int SHOWN_BYTES = 32;
    /** Characters of one entry's parameters or result kept; longer ones are cut (and say so). */
    static final int MAX_JSON_CHARS = 16 * 1024;

    /**
     * One call as the API shows it.
     *
     * @param authKey the auth key id's first 8 hex digits (never the key)
     * @param fault   what was injected ("FLOOD_WAIT_5", "delay 2000 ms", "drop"), null for none
     */
    record Entry(long id, String kind, String time, long account, String authKey, String session, int layer,
                 String address, String transport, String method, @JsonRawValue String params, @JsonRawValue String result,
                 ErrorView error, double durationMs, String fault) {
    }

    record ErrorView(int code, String message) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId = 1;

    RpcLog(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the RPC log keeps at least one call");
        this.capacity = capacity;
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
    private synchronized Entry insert(String kind, long atMillis, long userId, long authKeyId, long sessionId, int layer,
                                      String address, String transport, String method, String params, String result, ErrorView error,
                                      double durationMs, String fault) {
        Entry e = new Entry(nextId++, kind, Instant.ofEpochMilli(atMillis).toString(), userId, Inspector.shortKeyId(authKeyId),
                Long.toHexString(sessionId), layer, address, transport, method, params, result, error, durationMs, fault);
        entries.addFirst(e);
        if (entries.size() > capacity) entries.removeLast();
        return e;
    }

    /** Newest first: at most {@code limit} entries older than {@code beforeId} (0: from the newest) that match. */
    synchronized List<Entry> find(Long account, String method, String error, long beforeId, int limit) {
        List<Entry> found = new ArrayList<>();
        String m = method == null ? null : method.toLowerCase(Locale.ROOT);
        for (Iterator<Entry> it = entries.iterator(); it.hasNext() && found.size() < limit; ) {
            Entry e = it.next();
            if (beforeId > 0 && e.id() >= beforeId) continue;
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

    synchronized int size() {
        return entries.size();
    }

    /** Entries held and the characters of their parameters and results. */
    synchronized long[] sizeAndChars() {
        long chars = 0;
        for (Entry e : entries) chars += e.params().length() + (e.result() == null ? 0 : e.result().length());
        return new long[] {entries.size(), chars};
    }

    synchronized void clear() {
        entries.clear();
    }

    static String describe(Fault fault) {
        return switch (fault) {
            case null -> null;
            case Fault.Error e -> e.code() + " " + e.message();
            case Fault.Delay d -> "delay " + d.millis() + " ms";
            case Fault.Drop d -> "drop";
        };
    }

    /** A TL object, vector or value as JSON text, bytes shortened, cut past {@link #MAX_JSON_CHARS}. */
    static String json(Object value) {
        String text;
        try {
            text = switch (value) {
                case TlObject o -> TlJson.toJson(o, SHOWN_BYTES).toString();
                case List<?> list -> {
                    ArrayNode arr = TlJson.MAPPER.createArrayNode();
                    for (Object x : list) arr.add(TlJson.MAPPER.readTree(json(x)));
                    yield arr.toString();
                }
                case Boolean b -> b.toString();
                case Number n -> TlJson.MAPPER.writeValueAsString(n.toString());
                default -> TlJson.MAPPER.writeValueAsString(String.valueOf(value));
            };
        } catch (Exception e) {
            text = "{\"_\":\"unprintable\"}";
        }
        if (text.length() <= MAX_JSON_CHARS) return text;
        return "{\"_\":\"cut\",\"chars\":" + text.length() + "}";
    }
}
