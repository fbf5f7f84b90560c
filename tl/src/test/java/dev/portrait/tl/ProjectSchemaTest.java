package dev.portrait.tl;

import dev.portrait.tl.compiler.SchemaExtractor;
import dev.portrait.tl.compiler.TlCombinator;
import dev.portrait.tl.compiler.TlParser;
import dev.portrait.tl.compiler.TlSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's schema files are what SchemaExtractor derives from the reference schemas and api.roots, and every line
 * in them is an official line. Run with -Dportrait.tl.regenerate=true to rewrite them after changing api.roots.
 */
class ProjectSchemaTest {
    private static final Path TL = Path.of("src/main/tl");

    /** The oldest layer written exactly: the oldest of the reference history (a client below it gets this one). */
    static final int OLDEST_EXACT = 103;

    @Test
    void apiSchemaAndLayerFilesAreUpToDate() throws Exception {
        Map<Path, String> expected = SchemaExtractor.extract(ReferenceSchemas.dir(), TL.resolve("api.roots"), TlLayers.LATEST,
                OLDEST_EXACT);
        boolean regenerate = Boolean.getBoolean("portrait.tl.regenerate");
        try (var files = Files.list(TL.resolve("layers"))) {
            for (Path f : files.toList()) {
                boolean wanted = expected.containsKey(TL.relativize(f));
                if (regenerate && !wanted) Files.delete(f);
                else assertThat(wanted).as(f + " is not derived from the reference: rerun with -Dportrait.tl.regenerate=true").isTrue();
            }
        }
        for (var e : expected.entrySet()) {
            Path file = TL.resolve(e.getKey());
            if (regenerate) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            assertThat(file).as(file + " is stale: rerun with -Dportrait.tl.regenerate=true").exists();
            assertThat(Files.readString(file)).as(file + " is stale: rerun with -Dportrait.tl.regenerate=true").isEqualTo(e.getValue());
        }
    }

    @Test
    void everyProjectLineIsAnOfficialLine() throws Exception {
        TlSchema project = TlParser.parse(TL.resolve("api.tl"));
        TlSchema latest = ReferenceSchemas.layer(TlLayers.LATEST);
        Map<String, TlCombinator> ref = latest.byName();
        for (TlCombinator c : project.combinators()) {
            assertThat(ref).containsKey(c.name());
            assertThat(ref.get(c.name()).line()).isEqualTo(c.line());
            assertThat(c.id()).isEqualTo(c.computedId());
        }
        assertThat(project.layer()).isEqualTo(TlLayers.LATEST);

        Map<Integer, String> official = new HashMap<>();
        for (String f : new String[]{"mtproto.official.tl", "mtproto.tdesktop.tl"}) {
            for (TlCombinator c : TlParser.parse(ReferenceSchemas.dir().resolve(f)).combinators()) official.put(c.id(), c.name());
        }
        TlSchema mtproto = TlParser.parse(TL.resolve("mtproto.tl"));
        assertThat(mtproto.combinators()).hasSizeGreaterThan(40);
        for (TlCombinator c : mtproto.combinators()) {
            assertThat(official.get(c.id())).as(c.name()).isEqualTo(c.name());
            assertThat(c.id()).isEqualTo(c.computedId());
        }
    }
}
