package dev.portrait.tl;

import dev.portrait.tl.compiler.TlParser;
import dev.portrait.tl.compiler.TlSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The reference schemas vendored in the repository's reference/tl (reference/README.md: where each comes from). */
public final class ReferenceSchemas {
    private static final Map<Integer, TlSchema> CACHE = new ConcurrentHashMap<>();

    private ReferenceSchemas() {
    }

    /** reference/tl: the root pom passes its place; a test run from a module folder finds it one level up. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("portrait.reference", "../reference")).resolve("tl");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the reference schemas are part of the repository but " + dir.toAbsolutePath()
                    + " is missing (-Dportrait.reference=DIR points at another copy)");
        }
        return dir;
    }

    private static volatile Map<Integer, String> history;

    /** A layer's reference schema: its own file in reference/tl, or rebuilt from the history there. */
    public static TlSchema layer(int layer) {
        return CACHE.computeIfAbsent(layer, l -> {
            try {
                Path file = dir().resolve("api.layer" + l + ".tl");
                if (Files.exists(file)) return TlParser.parse(file);
                if (history == null) history = dev.portrait.tl.compiler.SchemaHistory.read(dir());
                String text = history.get(l);
                if (text == null) throw new IllegalArgumentException("no reference schema for layer " + l);
                return TlParser.parse(text, "history layer " + l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static Map<Integer, TlSchema> apiLayers() {
        Map<Integer, TlSchema> m = new TreeMap<>();
        for (int l : TlLayers.known()) m.put(l, layer(l));
        return m;
    }
}
