package dev.portrait.tl.testing;

import dev.portrait.tl.TlException;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.compiler.TlArg;
import dev.portrait.tl.compiler.TlCombinator;
import dev.portrait.tl.compiler.TlSchema;
import dev.portrait.tl.compiler.TlTypeRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TL bytes by interpreting a schema file instead of generated code: an independent check that what the
 * generated writers produce for a layer is exactly what that layer's reference schema describes.
 */
public final class SchemaInterpreter {
    private final Map<Integer, TlCombinator> byId = new HashMap<>();
    private final Map<String, TlCombinator> byName = new HashMap<>();

    public SchemaInterpreter(TlSchema... schemas) {
        for (TlSchema s : schemas) {
            for (TlCombinator c : s.combinators()) {
                if (c.id() != c.computedId() && c.explicitId()) continue;
                byId.put(c.id(), c);
                byName.put(c.name(), c);
            }
        }
    }

    public TlCombinator byId(int id) {
        return byId.get(id);
    }

    /** Reads one boxed object and requires that it uses every byte. */
    public Map<String, Object> readWhole(byte[] data) {
        TlReader r = new TlReader(data);
        Map<String, Object> o = readBoxed(r, null);
        if (r.hasRemaining()) throw new TlException(r.remaining() + " bytes left after " + o.get("_"));
        return o;
    }

    private Map<String, Object> readBoxed(TlReader r, String expectedType) {
        int id = r.readInt();
        TlCombinator c = byId.get(id);
        if (c == null) throw new TlException(String.format("id 0x%08x not in the reference schema", id));
        if (expectedType != null && !c.result().name().equals(expectedType))
            throw new TlException(c.name() + " is not a " + expectedType);
        return readFields(r, c);
    }

    private Map<String, Object> readFields(TlReader r, TlCombinator c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_", c.name());
        Map<String, Integer> flags = new HashMap<>();
        for (TlArg a : c.args()) {
            if (a.isFlagsWord()) {
                int word = r.readInt();
                int known = 0;
                for (TlArg o : c.args()) if (a.name().equals(o.flagsField())) known |= 1 << o.flagBit();
                // bits this layer does not define are fields it does not have: a writer for it must not set them
                if ((word & ~known) != 0)
                    throw new TlException(String.format("%s.%s has bits 0x%x that the schema does not define", c.name(), a.name(), word & ~known));
                flags.put(a.name(), word);
                continue;
            }
            if (a.isOptional()) {
                boolean set = (flags.get(a.flagsField()) & (1 << a.flagBit())) != 0;
                if (a.isFlagTrue()) {
                    if (set) out.put(a.name(), true);
                    continue;
                }
                if (!set) continue;
            }
            out.put(a.name(), value(r, a.type(), c));
        }
        return out;
    }

    private Object value(TlReader r, TlTypeRef t, TlCombinator in) {
        if (t.generic() || t.name().equals("Object")) return readBoxed(r, null);
        if (t.isVector()) {
            if (!t.bare()) {
                int id = r.readInt();
                if (id != TlReader.VECTOR) throw new TlException("expected a vector in " + in.name());
            }
            int n = r.readInt();
            if (n < 0 || n > r.remaining()) throw new TlException("bad vector length");
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(value(r, t.param(), in));
            return list;
        }
        return switch (t.name()) {
            case "int" -> r.readInt();
            case "long" -> r.readLong();
            case "double" -> r.readDouble();
            case "string" -> r.readString();
            case "bytes" -> r.readBytes();
            case "int128" -> r.readInt128();
            case "int256" -> r.readInt256();
            case "Bool" -> r.readBool();
            default -> {
                TlCombinator bare = byName.get(t.name());
                if (bare != null && !bare.function()) yield readFields(r, bare);
                yield readBoxed(r, t.name());
            }
        };
    }
}
