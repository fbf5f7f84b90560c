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

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reference schemas in ../shared/tl (CI and developers have them beside the checkout). */
public final class SharedSchemas {
    private static final Map<Integer, TlSchema> CACHE = new ConcurrentHashMap<>();

    private SharedSchemas() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("portrait.shared", "../../shared")).resolve("tl");
    }

    public static void assumePresent() {
        assumeTrue(Files.isDirectory(dir()), "reference schemas not found at " + dir());
    }

    public static TlSchema layer(int layer) {
        assumePresent();
        return CACHE.computeIfAbsent(layer, l -> {
            try {
                return TlParser.parse(dir().resolve("api.layer" + l + ".tl"));
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
