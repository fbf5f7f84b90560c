package dev.portrait.tl;

import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.mtproto.MtProtoRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lookup of the generated classes by TL name and id, for tools, tests and diagnostics (not the hot path). */
public final class TlSchemas {
    private static final Map<String, TlDescriptor> BY_NAME = new LinkedHashMap<>();
    private static final Map<Integer, TlDescriptor> BY_ID = new HashMap<>();

    static {
        List<Class<? extends TlObject>> classes = new ArrayList<>(ApiRegistry.classes());
        classes.addAll(MtProtoRegistry.classes());
        for (Class<? extends TlObject> c : classes) {
            TlDescriptor d = descriptorOf(c);
            BY_NAME.put(d.name(), d);
            BY_ID.put(d.id(), d);
        }
    }

    private TlSchemas() {
    }

    public static TlDescriptor descriptorOf(Class<?> generated) {
        try {
            return (TlDescriptor) generated.getField("DESCRIPTOR").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(generated + " is not a generated TL class", e);
        }
    }

    public static TlDescriptor byName(String name) {
        return BY_NAME.get(name);
    }

    public static TlDescriptor byId(int id) {
        return BY_ID.get(id);
    }

    public static Map<String, TlDescriptor> all() {
        return Collections.unmodifiableMap(BY_NAME);
    }
}
