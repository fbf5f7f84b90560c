package dev.portrait.tl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON for TL objects, shared with the Node cross-checks and benchmarks:
 * {@code {"_": "photos.photo", "photo": {...}, "users": [...]}} with the schema's field names in schema order;
 * longs as decimal strings, bytes and int128/int256 as lowercase hex, a set {@code flags.N?true} as true (omitted when
 * not set), absent optional fields omitted, flags words never written.
 */
public final class TlJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private TlJson() {
    }

    public static ObjectNode toJson(TlObject o) {
        return toJson(o, Integer.MAX_VALUE);
    }

    /**
     * The same, with every {@code bytes} value longer than {@code maxBytes} shortened to the hex of its first
     * {@code maxBytes} bytes and its length ({@code "ffd8ffe0… (524288 bytes)"}): for logs of calls that carry files.
     * Not read back by {@link #fromJson}.
     */
    public static ObjectNode toJson(TlObject o, int maxBytes) {
        // the tree is what the streaming writer writes, so the two can never disagree
        try (com.fasterxml.jackson.databind.util.TokenBuffer tokens = new com.fasterxml.jackson.databind.util.TokenBuffer(MAPPER, false)) {
            write(tokens, o, maxBytes);
            return MAPPER.readTree(tokens.asParser());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the canonical JSON of o to a generator, {@code bytes} longer than maxBytes shortened: the RPC log writes
     * every answered call this way, without building a tree.
     */
    public static void write(com.fasterxml.jackson.core.JsonGenerator g, TlObject o, int maxBytes) throws java.io.IOException {
        TlDescriptor d = o.descriptor();
        g.writeStartObject();
        g.writeStringField("_", d.name());
        MethodHandle[] comps = ACCESSORS.get(o.getClass());
        for (int i = 0; i < d.fields().size(); i++) {
            TlDescriptor.Field f = d.fields().get(i);
            Object v = get(comps[i], o);
            if (f.type().equals("true")) {
                if ((Boolean) v) g.writeBooleanField(f.name(), true);
                continue;
            }
            if (v == null) {
                if (f.optional()) continue;
                throw new IllegalArgumentException(d.name() + "." + f.name() + " is required but null");
            }
            g.writeFieldName(f.name());
            write(g, v, f.type(), maxBytes);
        }
        g.writeEndObject();
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, Object v, String type, int maxBytes) throws java.io.IOException {
        String elem = elementType(type);
        if (elem != null) {
            g.writeStartArray();
            for (Object x : (List<?>) v) write(g, x, elem, maxBytes);
            g.writeEndArray();
            return;
        }
        switch (type) {
            case "int" -> g.writeNumber((Integer) v);
            case "long" -> g.writeString(Long.toString((Long) v));
            case "double" -> g.writeNumber((Double) v);
            case "string" -> g.writeString((String) v);
            case "bytes" -> g.writeString(bytes((byte[]) v, maxBytes));
            case "int128" -> g.writeString(HEX.formatHex(((Int128) v).toBytes()));
            case "int256" -> g.writeString(HEX.formatHex(((Int256) v).toBytes()));
            case "Bool" -> g.writeBoolean((Boolean) v);
            default -> write(g, (TlObject) v, maxBytes);
        }
    }

    /** Each record class's component accessors, looked up once (the RPC log turns every call into JSON). */
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] comps = type.getRecordComponents();
            MethodHandle[] handles = new MethodHandle[comps.length];
            try {
                for (int i = 0; i < comps.length; i++) {
                    handles[i] = MethodHandles.publicLookup().unreflect(comps[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return handles;
        }
    };

    private static Object get(MethodHandle accessor, Object o) {
        try {
            return accessor.invokeExact(o);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bytes(byte[] b, int maxBytes) {
        if (b.length <= maxBytes) return HEX.formatHex(b);
        return HEX.formatHex(b, 0, maxBytes) + "\u2026 (" + b.length + " bytes)";
    }

    /** The element type of {@code Vector<T>} / {@code vector<T>}, or null. */
    static String elementType(String type) {
        if ((type.startsWith("Vector<") || type.startsWith("vector<")) && type.endsWith(">"))
            return type.substring(7, type.length() - 1);
        return null;
    }

    public static TlObject fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("_")) throw new IllegalArgumentException("not a TL object: " + node);
        String name = node.get("_").asText();
        TlDescriptor d = TlSchemas.byName(name);
        if (d == null) throw new IllegalArgumentException("unknown TL name " + name);
        List<TlDescriptor.Field> fields = d.fields();
        Object[] args = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            TlDescriptor.Field f = fields.get(i);
            JsonNode v = node.get(f.name());
            if (f.type().equals("true")) {
                args[i] = v != null && v.asBoolean();
            } else if (v == null || v.isNull()) {
                if (!f.optional()) throw new IllegalArgumentException(name + "." + f.name() + " is required");
                args[i] = null;
            } else {
                args[i] = fromValue(v, f.type());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!key.equals("_") && fields.stream().noneMatch(f -> f.name().equals(key)))
                throw new IllegalArgumentException(name + " has no field " + key);
        }
        try {
            Constructor<?> ctor = d.javaClass().getDeclaredConstructors()[0];
            for (Constructor<?> c : d.javaClass().getDeclaredConstructors())
                if (c.getParameterCount() == args.length) ctor = c;
            return (TlObject) ctor.newInstance(args);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot build " + name + ": " + e, e);
        }
    }

    private static Object fromValue(JsonNode v, String type) {
        String elem = elementType(type);
        if (elem != null) {
            List<Object> list = new ArrayList<>();
            for (JsonNode x : v) list.add(fromValue(x, elem));
            return list;
        }
        return switch (type) {
            case "int" -> v.intValue();
            case "long" -> Long.parseLong(v.asText());
            case "double" -> v.doubleValue();
            case "string" -> v.textValue();
            case "bytes" -> HEX.parseHex(v.textValue());
            case "int128" -> Int128.fromBytes(HEX.parseHex(v.textValue()));
            case "int256" -> Int256.fromBytes(HEX.parseHex(v.textValue()));
            case "Bool" -> v.booleanValue();
            default -> fromJson(v);
        };
    }

    public static String toJsonString(TlObject o) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(g, o, Integer.MAX_VALUE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static TlObject fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
