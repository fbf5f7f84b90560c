package dev.portrait.tl.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the project's API schema from a reference schema: the combinators named in a roots file, every constructor
 * of the types named there, and, for every type these reference, enough to make the schema closed — the constructors
 * already chosen, or the one with the fewest dependencies (an {@code *Empty} one when there is one). For each older
 * reference layer it lists the chosen combinators whose line (and so id) differs there.
 */
public final class SchemaExtractor {
    private static final Pattern LAYER_FILE = Pattern.compile("api\\.layer(\\d+)\\.tl");
    private static final Set<String> BUILTIN = Set.of("int", "long", "double", "string", "bytes", "int128", "int256",
            "Bool", "true", "#", "Vector", "Object", "Type");

    private final Map<String, TlCombinator> byName = new LinkedHashMap<>();
    private final Map<String, List<TlCombinator>> ctorsByType = new LinkedHashMap<>();
    private final TlSchema reference;

    public SchemaExtractor(TlSchema reference) {
        this.reference = reference;
        // Lines whose id is not their CRC are client-side inventions (TDLib's preamble), never sent on the wire.
        for (TlCombinator c : reference.combinators()) if (c.id() == c.computedId()) byName.put(c.name(), c);
        for (TlCombinator c : byName.values())
            if (!c.function()) ctorsByType.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
    }

    /** Names in a roots file: combinators, or types (the last dotted part capitalised) meaning all their constructors. */
    public static List<String> readRoots(Path file) throws IOException {
        List<String> roots = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!s.isEmpty()) roots.addAll(List.of(s.split("\\s+")));
        }
        return roots;
    }

    private static boolean isTypeName(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return Character.isUpperCase(last.charAt(0));
    }

    /** The closed selection, in reference order. */
    public List<TlCombinator> select(List<String> roots) {
        Set<String> chosen = new LinkedHashSet<>();
        Deque<TlCombinator> work = new ArrayDeque<>();
        for (String root : roots) {
            if (isTypeName(root)) {
                List<TlCombinator> ctors = ctorsByType.get(root);
                if (ctors == null) throw new TlSchemaException("roots: no type " + root);
                for (TlCombinator c : ctors) if (chosen.add(c.name())) work.add(c);
            } else {
                TlCombinator c = byName.get(root);
                if (c == null) throw new TlSchemaException("roots: no combinator " + root);
                if (chosen.add(c.name())) work.add(c);
            }
        }
        while (!work.isEmpty()) {
            TlCombinator c = work.poll();
            List<TlTypeRef> refs = new ArrayList<>();
            for (TlArg a : c.args()) refs.add(a.type());
            if (!c.typeParams().contains(c.result().name())) refs.add(c.result());
            for (TlTypeRef t : refs) {
                for (TlCombinator need : needed(t, c, chosen)) if (chosen.add(need.name())) work.add(need);
            }
        }
        List<TlCombinator> out = new ArrayList<>();
        for (TlCombinator c : byName.values()) if (chosen.contains(c.name())) out.add(c);
        return out;
    }

    private List<TlCombinator> needed(TlTypeRef t, TlCombinator from, Set<String> chosen) {
        if (t.isVector()) return needed(t.param(), from, chosen);
        if (t.generic() || BUILTIN.contains(t.name()) || from.typeParams().contains(t.name())) return List.of();
        TlCombinator bare = byName.get(t.name());
        if (bare != null && !bare.function()) return List.of(bare);
        List<TlCombinator> ctors = ctorsByType.get(t.name());
        if (ctors == null) throw new TlSchemaException(from.name() + ": unknown type " + t);
        for (TlCombinator c : ctors) if (chosen.contains(c.name())) return List.of();
        return List.of(ctors.stream().min(Comparator
                .comparingInt((TlCombinator c) -> c.name().endsWith("Empty") ? 0 : 1)
                .thenComparingInt(c -> (int) c.args().stream().filter(a -> !a.isOptional() && !a.type().isPrimitive()).count())
                .thenComparingInt(c -> c.args().size())).orElseThrow());
    }

    public static String render(String headerComment, List<TlCombinator> combinators) {
        StringBuilder sb = new StringBuilder();
        for (String line : headerComment.split("\n")) sb.append("// ").append(line).append('\n');
        sb.append("\n---types---\n\n");
        for (TlCombinator c : combinators) if (!c.function()) sb.append(c.line()).append('\n');
        sb.append("\n---functions---\n\n");
        for (TlCombinator c : combinators) if (c.function()) sb.append(c.line()).append('\n');
        return sb.toString();
    }

    /**
     * For one older layer: the selected combinators whose line differs there (another id, or the same id with other
     * {@code flags.N?true} fields), in that layer's order.
     */
    public static List<TlCombinator> differences(List<TlCombinator> selected, TlSchema older) {
        Map<String, TlCombinator> sel = new LinkedHashMap<>();
        for (TlCombinator c : selected) sel.put(c.name(), c);
        Map<String, TlCombinator> old = older.byName();
        List<TlCombinator> out = new ArrayList<>();
        for (TlCombinator c : old.values()) {
            TlCombinator cur = sel.get(c.name());
            if (cur != null && c.function() == cur.function() && !TlCrc.shape(cur.line()).equals(TlCrc.shape(c.line()))) out.add(c);
        }
        return out;
    }

    /**
     * Writes {@code api.tl} and {@code layers/api.layerN.tl} under {@code outDir}; returns what it wrote.
     * Usage: {@code --reference reference/tl --roots api.roots --latest 228 --out DIR}.
     */
    public static Map<Path, String> extract(Path referenceDir, Path rootsFile, int latest) throws IOException {
        return extract(referenceDir, rootsFile, latest, 0);
    }

    /** The same, with layer files only for layers from {@code oldest} on (the reference history goes back further). */
    public static Map<Path, String> extract(Path referenceDir, Path rootsFile, int latest, int oldest) throws IOException {
        TlSchema ref = TlParser.parse(referenceDir.resolve("api.layer" + latest + ".tl"));
        List<TlCombinator> selected = new SchemaExtractor(ref).select(readRoots(rootsFile));
        Map<Path, String> out = new TreeMap<>();
        out.put(Path.of("api.tl"), render("""
                Portrait's API schema, layer %d: what the server reads and writes.
                Derived from the layer-%d reference schema by SchemaExtractor from api.roots: the combinators named
                there and, for every type they reference, the constructors needed to make this schema closed.
                Regenerate with: ./mvnw -pl tl test -Dtest=ProjectSchemaTest -Dportrait.tl.regenerate=true
                LAYER %d""".formatted(latest, latest, latest), selected));
        Map<Integer, TlSchema> older = new TreeMap<>();
        SchemaHistory.read(referenceDir).forEach((l, text) -> older.put(l, TlParser.parse(text, "history layer " + l)));
        try (var files = Files.list(referenceDir)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = LAYER_FILE.matcher(p.getFileName().toString());
                if (m.matches()) older.put(Integer.parseInt(m.group(1)), TlParser.parse(p));
            }
        }
        for (var e : older.entrySet()) {
            int l = e.getKey();
            if (l >= latest || l < oldest) continue;
            List<TlCombinator> diff = differences(selected, e.getValue());
            out.put(Path.of("layers", "api.layer" + l + ".tl"), render("""
                    Layer %d: the lines of Portrait's schema that differ in layer %d (another id, or other flags).
                    The codec writes these ids and fields to clients of that layer and reads them from them.
                    Regenerate with: ./mvnw -pl tl test -Dtest=ProjectSchemaTest -Dportrait.tl.regenerate=true"""
                    .formatted(l, l) + absentLines(selected, e.getValue()), diff));
        }
        return out;
    }

    /** The marker of the header lines that list the constructors an older layer does not have. */
    public static final String ABSENT = "absent:";

    /**
     * Header lines naming the selected constructors the older layer does not have at all ({@code absent: a b c}): the
     * codec must not write them to its clients.
     */
    static String absentLines(List<TlCombinator> selected, TlSchema older) {
        Map<String, TlCombinator> old = older.byName();
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (TlCombinator c : selected) {
            if (c.function() || old.containsKey(c.name())) continue;
            if (line.length() + c.name().length() > 100) {
                out.append('\n').append(ABSENT).append(line);
                line.setLength(0);
            }
            line.append(' ').append(c.name());
        }
        if (!line.isEmpty()) out.append('\n').append(ABSENT).append(line);
        return out.toString();
    }

    /** The constructors a layer file's header says its layer does not have (what {@link #absentLines} wrote). */
    public static Set<String> absentIn(String layerFileText) {
        String marker = "// " + ABSENT;
        Set<String> names = new LinkedHashSet<>();
        for (String line : layerFileText.split("\n")) {
            if (line.startsWith(marker)) names.addAll(List.of(line.substring(marker.length()).trim().split(" ")));
        }
        return names;
    }

    public TlSchema reference() {
        return reference;
    }
}
