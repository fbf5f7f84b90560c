package dev.portrait.tl.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build-time entry point: {@code --schema api.tl --package dev.portrait.tl.api --prefix Api --layer 228
 * [--layers DIR] [--unsent ctor,ctor] [--translations CLASS --translated Type,... [--renames ctor.field=olderField,...] [--enclosing ctor,...]]
 * --out target/generated-sources/tl}. Layer files in DIR are named {@code <anything>.layerN.tl}; --unsent names
 * constructors the server never sends (see {@code JavaGenerator.unsent}); --translations names the hand-written class
 * for what older layers describe differently (see {@code JavaGenerator.translations}).
 */
public final class GenerateMain {
    private static final Pattern LAYER_FILE = Pattern.compile(".*\\.layer(\\d+)\\.tl$");

    private GenerateMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("bad option " + args[i]);
            opts.put(args[i].substring(2), args[i + 1]);
        }
        Path schemaFile = Path.of(require(opts, "schema"));
        Path out = Path.of(require(opts, "out"));
        TlSchema schema = TlParser.parse(schemaFile);
        if (!schema.idMismatches().isEmpty()) {
            StringBuilder sb = new StringBuilder("constructor ids that are not the CRC32 of their line:");
            for (TlCombinator c : schema.idMismatches())
                sb.append("\n  ").append(schemaFile).append(':').append(c.lineNumber()).append(' ').append(c.name())
                        .append('#').append(c.hexId()).append(" (computed ").append(Integer.toHexString(c.computedId())).append(')');
            throw new TlSchemaException(sb.toString());
        }
        Map<Integer, TlSchema> legacy = new TreeMap<>();
        Map<Integer, java.util.Set<String>> absent = new TreeMap<>();
        if (opts.containsKey("layers")) {
            try (var files = Files.list(Path.of(opts.get("layers")))) {
                for (Path p : files.sorted().toList()) {
                    Matcher m = LAYER_FILE.matcher(p.getFileName().toString());
                    if (!m.matches()) continue;
                    int l = Integer.parseInt(m.group(1));
                    String text = Files.readString(p);
                    legacy.put(l, TlParser.parse(text, p.getFileName().toString()));
                    absent.put(l, SchemaExtractor.absentIn(text));
                }
            }
        }
        JavaGenerator gen = new JavaGenerator(schema, require(opts, "package"), require(opts, "prefix"),
                Integer.parseInt(opts.getOrDefault("layer", "0")), legacy);
        if (opts.containsKey("unsent")) gen.unsent(java.util.List.of(opts.get("unsent").split(",")));
        if (opts.containsKey("translations")) gen.translations(opts.get("translations"), list(opts.get("translated")),
                list(opts.get("renames")), list(opts.get("enclosing")));
        gen.absent(absent);
        Map<String, String> files = gen.generate();
        for (var e : files.entrySet()) {
            Path target = out.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            if (Files.exists(target) && Files.readString(target).equals(e.getValue())) continue;
            Files.writeString(target, e.getValue());
        }
        if (opts.containsKey("report")) {
            Path report = Path.of(opts.get("report"));
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, String.join("\n", gen.notes()) + "\n");
        }
        System.out.println("TL: generated " + files.size() + " files from " + schemaFile.getFileName()
                + (legacy.isEmpty() ? "" : " with layers " + legacy.keySet()));
    }

    private static java.util.List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? java.util.List.of() : java.util.List.of(commaSeparated.split(","));
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) throw new IllegalArgumentException("missing --" + key);
        return v;
    }
}
