package dev.portrait.tl.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates Java for one schema: a sealed interface per type ({@code TypeUser}), a record per constructor and method
 * ({@code User}, {@code PhotosUploadProfilePhoto}) with its boxed/bare reader and writer, a registry that reads any
 * object by constructor id, and, when older layers are given, the adapters that write each constructor as an older
 * layer knows it and read what older layers send, mapping fields by name.
 */
public final class JavaGenerator {
    private static final String RT = "dev.portrait.tl";
    private static final Set<String> SKIPPED = Set.of("boolTrue", "boolFalse", "true", "vector");

    private final TlSchema schema;
    private final String pkg;
    private final String prefix;
    private final int layer;
    private final NavigableMap<Integer, Map<String, TlCombinator>> legacy;

    private final Map<String, TlCombinator> ctorByName = new LinkedHashMap<>();
    private final Map<String, List<TlCombinator>> ctorsByType = new LinkedHashMap<>();
    private final List<TlCombinator> functions = new ArrayList<>();
    /**
     * Legacy lines read by id: for each older id, the newest layer's line with it (lines sharing an id differ only in
     * {@code flags.N?true} fields, which do not change the layout). Ids equal to the current line's are not here.
     */
    private final Map<Integer, TlCombinator> legacyById = new LinkedHashMap<>();
    /** Every distinct legacy line (by shape), each written by its own method, and its method suffix. */
    private final Map<String, TlCombinator> legacyVariants = new LinkedHashMap<>();
    private final Map<TlCombinator, String> variantSuffix = new HashMap<>();
    private final Map<String, TlCombinator> legacyCurrentByName = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /**
     * Constructors the server never sends: an older layer's line of them that needs what the newest record cannot give
     * is written as a throw instead of failing the build.
     */
    private final java.util.Set<String> unsent = new java.util.HashSet<>();
    /** For constructors some older layer lacks: the oldest layer from which every layer has them. */
    private final Map<String, Integer> since = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    /**
     * The hand-written class that translates what an older layer describes differently and cannot be mapped by name
     * (a field of a type the newest schema no longer has, such as layer 127's FileLocation), or null.
     */
    private String translations;
    /** The types the translations supply and read past. */
    private final java.util.Set<String> translatedTypes = new java.util.HashSet<>();
    /** Fields an older line names differently: "ctor.olderField" → the current field. */
    private final Map<String, String> renamed = new HashMap<>();
    /** Constructors written as the writer's enclosing object, so translations of what they contain can consult it. */
    private final java.util.Set<String> enclosing = new java.util.HashSet<>();

    /**
     * @param schema the schema to generate (the newest layer served)
     * @param pkg the Java package
     * @param prefix registry class prefix ({@code Api} → {@code ApiRegistry}, {@code ApiLayers})
     * @param layer the schema's layer (0 for the MTProto service schema)
     * @param legacySchemas older layers: for each, the lines whose id differs from the newest layer's
     */
    public JavaGenerator(TlSchema schema, String pkg, String prefix, int layer, Map<Integer, TlSchema> legacySchemas) {
        this.schema = schema;
        this.pkg = pkg;
        this.prefix = prefix;
        this.layer = layer;
        for (TlCombinator c : schema.combinators()) {
            if (SKIPPED.contains(c.name())) continue;
            if (c.function()) {
                functions.add(c);
            } else {
                if (ctorByName.put(c.name(), c) != null) throw new TlSchemaException("duplicate constructor " + c.name());
                ctorsByType.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, TlCombinator> current = new HashMap<>();
        for (TlCombinator c : ctorByName.values()) current.put(c.name(), c);
        for (TlCombinator c : functions) current.put(c.name(), c);
        this.legacy = new TreeMap<>();
        legacySchemas.forEach((l, s) -> {
            Map<String, TlCombinator> m = new LinkedHashMap<>();
            for (TlCombinator c : s.combinators()) {
                TlCombinator cur = current.get(c.name());
                if (cur == null) throw new TlSchemaException("layer " + l + ": " + c.name() + " is not in the current schema");
                if (TlCrc.shape(cur.line()).equals(TlCrc.shape(c.line()))) continue;
                legacyCurrentByName.put(c.name(), cur);
                TlCombinator known = legacyVariants.get(TlCrc.shape(c.line()));
                if (known == null) {
                    long sameId = legacyVariants.values().stream().filter(v -> v.id() == c.id()).count();
                    legacyVariants.put(TlCrc.shape(c.line()), c);
                    variantSuffix.put(c, c.hexId() + (sameId == 0 ? "" : "_" + (sameId + 1)));
                    known = c;
                }
                m.put(c.name(), known);
                if (c.id() != cur.id()) legacyById.put(c.id(), known);
            }
            legacy.put(l, m);
        });
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * The constructors each older layer does not have at all ({@code absent:} lines of the layer files): written to
     * such a layer they throw, and vectors of their type leave them out.
     */
    public JavaGenerator absent(Map<Integer, java.util.Set<String>> byLayer) {
        byLayer.forEach((l, names) -> {
            Integer next = legacy.higherKey(l);
            int from = next != null ? next : layer;
            for (String n : names) since.merge(n, from, Math::max);
        });
        return this;
    }

    /**
     * What older layers describe differently: {@code cls} is the hand-written class that writes and reads fields of
     * {@code types} the newest schema lacks ({@code writeT(record, field, writer)} and {@code skipT(reader)} for T);
     * {@code renames} are {@code ctor.currentField=olderField}; {@code enclosingCtors} are tracked as the writer's
     * enclosing object while they are written.
     */
    public JavaGenerator translations(String cls, java.util.Collection<String> types, java.util.Collection<String> renames,
                                      java.util.Collection<String> enclosingCtors) {
        this.translations = cls;
        translatedTypes.addAll(types);
        for (String r : renames) {
            int dot = r.indexOf('.');
            int eq = r.indexOf('=');
            if (dot < 0 || eq < dot) throw new TlSchemaException("bad rename " + r + " (ctor.currentField=olderField)");
            renamed.put(r.substring(0, dot) + "." + r.substring(eq + 1), r.substring(dot + 1, eq));
        }
        enclosing.addAll(enclosingCtors);
        return this;
    }

    /** The current field an older line's field maps to (by name, or as renamed). */
    private TlArg currentArg(TlCombinator cur, String olderField) {
        String r = renamed.get(cur.name() + "." + olderField);
        return cur.arg(r != null ? r : olderField);
    }

    /** The older line's field a current field maps to. */
    private TlArg olderArg(TlCombinator lc, TlCombinator cur, String currentField) {
        for (TlArg a : lc.args()) {
            TlArg c = currentArg(cur, a.name());
            if (c != null && c.name().equals(currentField)) return a;
        }
        return null;
    }

    /** Whether a hand-written translation supplies a field of this (no longer known) type. */
    private boolean translated(TlTypeRef t) {
        return translations != null && !t.isVector() && translatedTypes.contains(t.name()) && !isKnownType(t);
    }

    /** Whether a hand-written translation supplies this older line's field (a type, or ctor.field, named in it). */
    private boolean translated(TlCombinator cur, TlArg a) {
        return translated(a.type()) || translations != null && translatedTypes.contains(cur.name() + "." + a.name());
    }

    private String translation(String verb, TlTypeRef t) {
        String n = t.name();
        return translations + "." + verb + Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** See {@link #unsent}. */
    public JavaGenerator unsent(java.util.Collection<String> names) {
        unsent.addAll(names);
        return this;
    }

    /** Generates all files: relative path → source. Fails with every problem found. */
    public Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        checkIds();
        ctorsByType.forEach((type, ctors) -> files.put(path(JavaNames.typeName(type)), typeInterface(type, ctors)));
        for (TlCombinator c : ctorByName.values()) files.put(path(JavaNames.className(c.name())), record(c));
        for (TlCombinator c : functions) files.put(path(JavaNames.className(c.name())), record(c));
        files.put(path(prefix + "Registry"), registry());
        if (!legacy.isEmpty()) files.put(path(prefix + "Layers"), layers());
        if (!problems.isEmpty()) throw new TlSchemaException("cannot generate " + schema.source() + ":\n  " + String.join("\n  ", problems));
        return files;
    }

    private String path(String cls) {
        return pkg.replace('.', '/') + "/" + cls + ".java";
    }

    private void checkIds() {
        Map<Integer, String> seen = new HashMap<>();
        Map<String, String> classes = new HashMap<>();
        List<TlCombinator> all = new ArrayList<>(ctorByName.values());
        all.addAll(functions);
        for (TlCombinator c : all) {
            String prev = seen.put(c.id(), c.name());
            if (prev != null) problems.add("id " + c.hexId() + " used by " + prev + " and " + c.name());
            String cls = JavaNames.className(c.name());
            String prevCls = classes.put(cls.toLowerCase(), c.name());
            if (prevCls != null) problems.add("class name " + cls + " used by " + prevCls + " and " + c.name());
        }
        for (TlCombinator c : legacyById.values()) {
            String prev = seen.get(c.id());
            if (prev != null) problems.add("legacy id " + c.hexId() + " of " + c.name() + " is also " + prev);
        }
        for (String type : ctorsByType.keySet()) {
            String prevCls = classes.put(JavaNames.typeName(type).toLowerCase(), type);
            if (prevCls != null) problems.add("type name " + JavaNames.typeName(type) + " clashes with " + prevCls);
        }
    }

    // ---------------------------------------------------------------- types

    private boolean isKnownType(TlTypeRef t) {
        if (t.generic() || t.isPrimitive() || t.name().equals("Object")) return true;
        if (t.isVector()) return isKnownType(t.param());
        if (bareCtor(t) != null) return true;
        return ctorsByType.containsKey(t.name());
    }

    /** The constructor a bare reference names ({@code future_salt}, {@code %Message}), or null. */
    private TlCombinator bareCtor(TlTypeRef t) {
        if (t.isVector() || t.generic() || t.isPrimitive()) return null;
        TlCombinator byName = ctorByName.get(t.name());
        if (byName != null) return byName;
        if (t.bare()) {
            List<TlCombinator> ctors = ctorsByType.get(t.name());
            if (ctors != null && ctors.size() == 1) return ctors.get(0);
        }
        return null;
    }

    private String jType(TlTypeRef t, boolean boxed) {
        if (t.generic()) return "TlMethod<?>";
        if (t.isVector()) return "List<" + jType(t.param(), true) + ">";
        switch (t.name()) {
            case "int": return boxed ? "Integer" : "int";
            case "long": return boxed ? "Long" : "long";
            case "double": return boxed ? "Double" : "double";
            case "string": return "String";
            case "bytes": return "byte[]";
            case "int128": return "Int128";
            case "int256": return "Int256";
            case "Bool": return boxed ? "Boolean" : "boolean";
            case "true": return "boolean";
            case "Object": return "TlObject";
            default:
        }
        TlCombinator bare = bareCtor(t);
        if (bare != null) return JavaNames.className(bare.name());
        if (!ctorsByType.containsKey(t.name())) throw new TlSchemaException("unknown type " + t);
        return JavaNames.typeName(t.name());
    }

    private String fieldType(TlArg a) {
        if (a.isFlagTrue()) return "boolean";
        return jType(a.type(), a.isOptional());
    }

    private static boolean hasBytes(TlTypeRef t) {
        return t.name().equals("bytes") || (t.isVector() && hasBytes(t.param()));
    }

    private String readExpr(TlTypeRef t, String r, int depth) {
        if (t.generic()) return prefix + "Registry.readMethod(" + r + ")";
        if (t.isVector()) {
            TlTypeRef p = t.param();
            if (!t.bare() && p.name().equals("int") && !p.isVector()) return r + ".readIntVector()";
            if (!t.bare() && p.name().equals("long") && !p.isVector()) return r + ".readLongVector()";
            // a loop per element type keeps the element call monomorphic (a shared loop would be megamorphic)
            if (!t.bare() && isBoxedType(p)) return JavaNames.typeName(p.name()) + ".readVector(" + r + ")";
            return r + (t.bare() ? ".readBareVector(" : ".readVector(") + elementReader(p, depth + 1) + ")";
        }
        switch (t.name()) {
            case "int": return r + ".readInt()";
            case "long": return r + ".readLong()";
            case "double": return r + ".readDouble()";
            case "string": return r + ".readString()";
            case "bytes": return r + ".readBytes()";
            case "int128": return r + ".readInt128()";
            case "int256": return r + ".readInt256()";
            case "Bool": return r + ".readBool()";
            case "Object": return prefix + "Registry.readObject(" + r + ")";
            default:
        }
        TlCombinator bare = bareCtor(t);
        if (bare != null) return JavaNames.className(bare.name()) + ".readBare(" + r + ")";
        return JavaNames.typeName(t.name()) + ".read(" + r + ")";
    }

    /** A reference to a boxed schema type, which has a generated interface with its own vector loops. */
    private boolean isBoxedType(TlTypeRef t) {
        return !t.isVector() && !t.generic() && !t.isPrimitive() && !t.name().equals("Object") && bareCtor(t) == null
                && ctorsByType.containsKey(t.name());
    }

    private String elementReader(TlTypeRef t, int depth) {
        if (t.isVector() || t.generic() || t.name().equals("Object")) {
            String r = "r" + depth;
            return r + " -> " + readExpr(t, r, depth);
        }
        switch (t.name()) {
            case "int": return "TlReader::readInt";
            case "long": return "TlReader::readLong";
            case "double": return "TlReader::readDouble";
            case "string": return "TlReader::readString";
            case "bytes": return "TlReader::readBytes";
            case "int128": return "TlReader::readInt128";
            case "int256": return "TlReader::readInt256";
            case "Bool": return "TlReader::readBool";
            default:
        }
        TlCombinator bare = bareCtor(t);
        if (bare != null) return JavaNames.className(bare.name()) + "::readBare";
        return JavaNames.typeName(t.name()) + "::read";
    }

    private String writeStmt(TlTypeRef t, String expr, String w, int depth) {
        if (t.generic() || t.name().equals("Object")) return expr + ".write(" + w + ");";
        if (t.isVector()) {
            TlTypeRef p = t.param();
            if (!t.bare() && p.name().equals("int") && !p.isVector()) return w + ".writeIntVector(" + expr + ");";
            if (!t.bare() && p.name().equals("long") && !p.isVector()) return w + ".writeLongVector(" + expr + ");";
            if (!t.bare() && isBoxedType(p)) return JavaNames.typeName(p.name()) + ".writeVector(" + w + ", " + expr + ");";
            return w + (t.bare() ? ".writeBareVector(" : ".writeVector(") + expr + ", " + elementWriter(p, depth + 1) + ");";
        }
        switch (t.name()) {
            case "int": return w + ".writeInt(" + expr + ");";
            case "long": return w + ".writeLong(" + expr + ");";
            case "double": return w + ".writeDouble(" + expr + ");";
            case "string": return w + ".writeString(" + expr + ");";
            case "bytes": return w + ".writeBytes(" + expr + ");";
            case "int128": return w + ".writeInt128(" + expr + ");";
            case "int256": return w + ".writeInt256(" + expr + ");";
            case "Bool": return w + ".writeBool(" + expr + ");";
            default:
        }
        if (bareCtor(t) != null) return expr + ".writeBare(" + w + ");";
        return expr + ".write(" + w + ");";
    }

    private String elementWriter(TlTypeRef t, int depth) {
        if (t.isVector()) {
            String w = "w" + depth;
            String v = "v" + depth;
            String stmt = writeStmt(t, v, w, depth);
            return "(" + w + ", " + v + ") -> " + stmt.substring(0, stmt.length() - 1);
        }
        switch (t.name()) {
            case "int": return "TlWriter::writeInt";
            case "long": return "TlWriter::writeLong";
            case "double": return "TlWriter::writeDouble";
            case "string": return "TlWriter::writeString";
            case "bytes": return "TlWriter::writeBytes";
            case "int128": return "TlWriter::writeInt128";
            case "int256": return "TlWriter::writeInt256";
            case "Bool": return "TlWriter::writeBool";
            default:
        }
        if (bareCtor(t) != null) return "TlWriter::writeBareObject";
        return "TlWriter::writeObject";
    }

    // ---------------------------------------------------------------- files

    private StringBuilder header() {
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by Portrait's TL compiler from ").append(schema.source()).append(". Do not edit.\n");
        sb.append("package ").append(pkg).append(";\n\n");
        sb.append("import ").append(RT).append(".*;\n");
        sb.append("import java.util.ArrayList;\n");
        sb.append("import java.util.List;\n\n");
        return sb;
    }

    private String typeInterface(String type, List<TlCombinator> ctors) {
        String name = JavaNames.typeName(type);
        StringBuilder sb = header();
        sb.append("/** TL type {@code ").append(type).append("}. */\n");
        sb.append("public sealed interface ").append(name).append(" extends TlObject permits ");
        sb.append(String.join(", ", ctors.stream().map(c -> JavaNames.className(c.name())).toList())).append(" {\n\n");
        sb.append("    /** Reads a boxed {@code ").append(type).append("}, in any layer Portrait knows. */\n");
        sb.append("    static ").append(name).append(" read(TlReader $r) {\n");
        sb.append("        int id = $r.readInt();\n");
        sb.append("        $r.enter();\n");
        sb.append("        ").append(name).append(" v = switch (id) {\n");
        for (TlCombinator c : ctors) {
            String cls = JavaNames.className(c.name());
            sb.append("            case ").append(cls).append(".CONSTRUCTOR_ID -> ").append(cls).append(".readBare($r);\n");
        }
        legacyById.forEach((id, lc) -> {
            if (lc.result().name().equals(type) && !legacyCurrentByName.get(lc.name()).function())
                sb.append("            case 0x").append(lc.hexId()).append(" -> ").append(prefix).append("Layers.")
                        .append(legacyMethod("read", lc)).append("($r);\n");
        });
        sb.append("            case TlReader.GZIP_PACKED -> read($r.gzipped());\n");
        sb.append("            default -> throw $r.unknownConstructor(id, \"").append(type).append("\");\n");
        sb.append("        };\n");
        sb.append("        $r.leave();\n");
        sb.append("        return v;\n");
        sb.append("    }\n\n");
        sb.append("    /** Reads a boxed {@code Vector<").append(type).append(">}. */\n");
        sb.append("    static List<").append(name).append("> readVector(TlReader $r) {\n");
        sb.append("        if ($r.peekInt() == TlReader.GZIP_PACKED) {\n");
        sb.append("            $r.readInt();\n");
        sb.append("            return readVector($r.gzipped());\n");
        sb.append("        }\n");
        sb.append("        int n = $r.readVectorHeader(4);\n");
        sb.append("        ArrayList<").append(name).append("> list = new ArrayList<>(n);\n");
        sb.append("        for (int i = 0; i < n; i++) list.add(read($r));\n");
        sb.append("        return list;\n");
        sb.append("    }\n\n");
        sb.append("    /** Writes a boxed {@code Vector<").append(type).append(">}. */\n");
        sb.append("    static void writeVector(TlWriter $w, List<? extends ").append(name).append("> list) {\n");
        sb.append("        int n = list.size();\n");
        sb.append("        $w.writeInt(TlReader.VECTOR);\n");
        if (ctors.stream().anyMatch(c -> since.getOrDefault(c.name(), 0) > 0)) {
            // a client of an older layer gets only the elements its layer has (an update it could not read is left out)
            sb.append("        int layer = $w.layer();\n");
            sb.append("        int known = 0;\n");
            sb.append("        for (int i = 0; i < n; i++) if (list.get(i).inLayer(layer)) known++;\n");
            sb.append("        $w.writeInt(known);\n");
            sb.append("        for (int i = 0; i < n; i++) if (list.get(i).inLayer(layer)) list.get(i).write($w);\n");
        } else {
            sb.append("        $w.writeInt(n);\n");
            sb.append("        for (int i = 0; i < n; i++) list.get(i).write($w);\n");
        }
        sb.append("    }\n}\n");
        return sb.toString();
    }

    private List<TlArg> fields(TlCombinator c) {
        return c.args().stream().filter(a -> !a.isFlagsWord()).toList();
    }

    private String resultJavaType(TlCombinator c) {
        TlTypeRef r = c.result();
        if (c.typeParams().contains(r.name())) return "Object";
        return jType(r, true);
    }

    private String record(TlCombinator c) {
        String cls = JavaNames.className(c.name());
        List<TlArg> fields = fields(c);
        StringBuilder sb = header();
        sb.append("/** {@code ").append(c.canonicalLine().replace("{", "&#123;").replace("}", "&#125;")
                .replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")).append("} */\n");
        sb.append("public record ").append(cls).append("(");
        for (int i = 0; i < fields.size(); i++) {
            TlArg a = fields.get(i);
            sb.append(i == 0 ? "" : ", ").append(fieldType(a)).append(' ').append(JavaNames.fieldName(a.name()));
        }
        sb.append(") implements ");
        if (c.function()) sb.append("TlMethod<").append(resultJavaType(c)).append(">");
        else sb.append(JavaNames.typeName(c.result().name()));
        sb.append(" {\n");
        sb.append("    public static final int CONSTRUCTOR_ID = 0x").append(c.hexId()).append(";\n");
        sb.append("    public static final String TL_NAME = \"").append(c.name()).append("\";\n");
        sb.append("    public static final TlDescriptor DESCRIPTOR = new TlDescriptor(TL_NAME, CONSTRUCTOR_ID, ")
                .append(c.function()).append(", \"").append(c.result()).append("\", List.of(");
        for (int i = 0; i < fields.size(); i++) {
            TlArg a = fields.get(i);
            sb.append(i == 0 ? "\n            " : ",\n            ").append("new TlDescriptor.Field(\"").append(a.name())
                    .append("\", \"").append(JavaNames.fieldName(a.name())).append("\", \"").append(a.type()).append("\", ")
                    .append(a.flagsField() == null ? "null" : "\"" + a.flagsField() + "\"").append(", ").append(a.flagBit()).append(")");
        }
        sb.append("), ").append(cls).append(".class, ").append(layer).append(");\n\n");
        sb.append("    @Override public int constructorId() { return CONSTRUCTOR_ID; }\n");
        sb.append("    @Override public String tlName() { return TL_NAME; }\n");
        sb.append("    @Override public TlDescriptor descriptor() { return DESCRIPTOR; }\n\n");

        int threshold = legacyThreshold(c);
        int from = c.function() ? 0 : since.getOrDefault(c.name(), 0);
        if (from > 0) {
            sb.append("    /** Layers before this one do not have this constructor. */\n");
            sb.append("    public static final int SINCE_LAYER = ").append(from).append(";\n\n");
            sb.append("    @Override public boolean inLayer(int layer) { return layer >= SINCE_LAYER; }\n\n");
        }
        boolean encloses = enclosing.contains(c.name());
        if (threshold > 0 || from > 0 || encloses) {
            sb.append("    /** Older layers know this constructor by another id or with other fields, or not at all. */\n");
            sb.append("    @Override public void write(TlWriter $w) {\n");
            if (from > 0) {
                sb.append("        if ($w.layer() < SINCE_LAYER) throw new TlException(TL_NAME + \" is not in layer \" + $w.layer());\n");
            }
            if (encloses) {
                // what it contains may be written from it in older layers (a photo size's location names its photo)
                sb.append("        TlObject $outer = $w.enclosing(this);\n");
            }
            String end = encloses ? "        $w.enclosing($outer);\n" : "";
            if (threshold > 0) {
                sb.append("        if ($w.layer() < ").append(threshold).append(") {\n");
                sb.append("            ").append(prefix).append("Layers.write").append(cls).append("(this, $w);\n");
                sb.append(end.isEmpty() ? "" : "    " + end);
                sb.append("            return;\n");
                sb.append("        }\n");
            }
            sb.append("        $w.writeInt(CONSTRUCTOR_ID);\n");
            sb.append("        writeBare($w);\n");
            sb.append(end);
            sb.append("    }\n\n");
        }

        sb.append("    @Override public void writeBare(TlWriter $w) {\n");
        writeFields(sb, c.args(), a -> "this." + JavaNames.fieldName(a.name()), "        ");
        sb.append("    }\n\n");

        sb.append("    public static ").append(cls).append(" readBare(TlReader $r) {\n");
        List<String> ctorArgs = readFields(sb, c.args(), "        ");
        sb.append("        return new ").append(cls).append("(").append(String.join(", ", ctorArgs)).append(");\n");
        sb.append("    }\n");

        if (c.function()) {
            String rt = resultJavaType(c);
            boolean generic = c.typeParams().contains(c.result().name());
            String queryField = null;
            for (TlArg a : fields) if (a.type().generic()) queryField = JavaNames.fieldName(a.name());
            sb.append("\n    @Override public ").append(rt).append(" readResult(TlReader $r) {\n");
            if (generic) sb.append("        return ").append(queryField).append(".readResult($r);\n");
            else sb.append("        return ").append(readExpr(c.result(), "$r", 0)).append(";\n");
            sb.append("    }\n\n");
            if (!generic && c.result().isVector()) sb.append("    @SuppressWarnings(\"unchecked\")\n");
            sb.append("    @Override public void writeResult(TlWriter $w, Object result) {\n");
            int resultFrom = resultThreshold(c);
            if (resultFrom > 0) {
                // older layers answer this method with another type: a hand-written translation
                sb.append("        if ($w.layer() < ").append(resultFrom).append(") {\n");
                sb.append("            ").append(translations).append(".writeResult(this, result, $w);\n");
                sb.append("            return;\n        }\n");
            }
            if (generic) sb.append("        ").append(queryField).append(".writeResult($w, result);\n");
            else sb.append("        ").append(writeStmt(c.result(), "((" + rt + ") result)", "$w", 0)).append("\n");
            sb.append("    }\n");
        }

        if (fields.size() >= 5 || fields.stream().anyMatch(TlArg::isOptional)) builder(sb, cls, fields);

        if (fields.stream().anyMatch(a -> hasBytes(a.type()))) {
            sb.append("\n    @Override public boolean equals(Object o) {\n");
            sb.append("        if (this == o) return true;\n");
            sb.append("        if (!(o instanceof ").append(cls).append(" that)) return false;\n");
            sb.append("        return ");
            List<String> eq = new ArrayList<>();
            for (TlArg a : fields) {
                String f = JavaNames.fieldName(a.name());
                eq.add("TlValues.equal(this." + f + ", that." + f + ")");
            }
            sb.append(String.join("\n            && ", eq)).append(";\n    }\n\n");
            sb.append("    @Override public int hashCode() {\n        int h = CONSTRUCTOR_ID;\n");
            for (TlArg a : fields) sb.append("        h = 31 * h + TlValues.hash(").append(JavaNames.fieldName(a.name())).append(");\n");
            sb.append("        return h;\n    }\n\n");
            sb.append("    @Override public String toString() {\n        return \"").append(cls).append("[\"");
            for (int i = 0; i < fields.size(); i++) {
                String f = JavaNames.fieldName(fields.get(i).name());
                sb.append(" + \"").append(i == 0 ? "" : ", ").append(f).append("=\" + TlValues.show(").append(f).append(")");
            }
            sb.append(" + \"]\";\n    }\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    /**
     * A fluent builder for constructors with many or optional fields (user has 60), so handlers name what they set:
     * optional fields start absent, flags false, numbers 0 and required vectors empty.
     */
    private void builder(StringBuilder sb, String cls, List<TlArg> fields) {
        sb.append("\n    public static Builder builder() {\n        return new Builder();\n    }\n\n");
        sb.append("    public Builder toBuilder() {\n        Builder b = new Builder();\n");
        for (TlArg a : fields) {
            String f = JavaNames.fieldName(a.name());
            sb.append("        b.").append(f).append(" = this.").append(f).append(";\n");
        }
        sb.append("        return b;\n    }\n\n");
        sb.append("    public static final class Builder {\n");
        for (TlArg a : fields) {
            String t = fieldType(a);
            String init = !a.isOptional() && a.type().isVector() ? " = List.of()" : "";
            sb.append("        private ").append(t).append(' ').append(JavaNames.fieldName(a.name())).append(init).append(";\n");
        }
        sb.append("\n        private Builder() {\n        }\n");
        for (TlArg a : fields) {
            String f = JavaNames.fieldName(a.name());
            sb.append("\n        public Builder ").append(f).append("(").append(fieldType(a)).append(" v) {\n")
                    .append("            this.").append(f).append(" = v;\n            return this;\n        }\n");
        }
        sb.append("\n        public ").append(cls).append(" build() {\n            return new ").append(cls).append("(");
        for (int i = 0; i < fields.size(); i++) sb.append(i == 0 ? "" : ", ").append(JavaNames.fieldName(fields.get(i).name()));
        sb.append(");\n        }\n    }\n");
    }

    private interface ValueOf {
        String expr(TlArg a);
    }

    /** Emits the flags words and fields of {@code args} in wire order, taking each field's value from {@code value}. */
    private void writeFields(StringBuilder sb, List<TlArg> args, ValueOf value, String indent) {
        for (TlArg a : args) {
            if (a.isFlagsWord()) {
                String word = "f_" + a.name();
                sb.append(indent).append("int ").append(word).append(" = 0;\n");
                for (TlArg o : args) {
                    if (!a.name().equals(o.flagsField())) continue;
                    String v = value.expr(o);
                    String cond = o.isFlagTrue() ? v : v + " != null";
                    sb.append(indent).append("if (").append(cond).append(") ").append(word).append(" |= ").append(bit(o.flagBit())).append(";\n");
                }
                sb.append(indent).append("$w.writeInt(").append(word).append(");\n");
            } else if (a.isFlagTrue()) {
                continue;
            } else if (a.isOptional() && sharesBit(args, a)) {
                // Several fields on one bit: the bit means all are present, so a missing one is written empty.
                String v = value.expr(a);
                sb.append(indent).append("if ((f_").append(a.flagsField()).append(" & ").append(bit(a.flagBit())).append(") != 0) {\n");
                sb.append(indent).append("    if (").append(v).append(" != null) ").append(writeStmt(a.type(), v, "$w", 0))
                        .append(" else ").append(writeEmpty(a, null)).append("\n");
                sb.append(indent).append("}\n");
            } else if (a.isOptional()) {
                String v = value.expr(a);
                sb.append(indent).append("if (").append(v).append(" != null) ").append(writeStmt(a.type(), v, "$w", 0)).append("\n");
            } else {
                sb.append(indent).append(writeStmt(a.type(), value.expr(a), "$w", 0)).append("\n");
            }
        }
    }

    /** Emits locals reading {@code args} in wire order; returns the local of each non-flags field. */
    private List<String> readFields(StringBuilder sb, List<TlArg> args, String indent) {
        List<String> names = new ArrayList<>();
        for (TlArg a : args) {
            String local = "f_" + (a.isFlagsWord() ? a.name() : JavaNames.fieldName(a.name()));
            if (a.isFlagsWord()) {
                sb.append(indent).append("int ").append(local).append(" = $r.readInt();\n");
                continue;
            }
            String cond = a.isOptional() ? "(f_" + a.flagsField() + " & " + bit(a.flagBit()) + ") != 0" : null;
            if (a.isFlagTrue()) {
                sb.append(indent).append("boolean ").append(local).append(" = ").append(cond).append(";\n");
            } else if (cond != null) {
                sb.append(indent).append(fieldType(a)).append(' ').append(local).append(" = ").append(cond).append(" ? ")
                        .append(readExpr(a.type(), "$r", 0)).append(" : null;\n");
            } else {
                sb.append(indent).append(fieldType(a)).append(' ').append(local).append(" = ")
                        .append(readExpr(a.type(), "$r", 0)).append(";\n");
            }
            names.add(local);
        }
        return names;
    }

    /** Whether another argument uses the same flags bit as {@code a}. */
    static boolean sharesBit(List<TlArg> args, TlArg a) {
        for (TlArg o : args)
            if (o != a && o.isOptional() && o.flagsField().equals(a.flagsField()) && o.flagBit() == a.flagBit()) return true;
        return false;
    }

    private static String bit(int b) {
        return b == 31 ? "0x80000000" : "0x" + Integer.toHexString(1 << b);
    }

    private String registry() {
        String cls = prefix + "Registry";
        StringBuilder sb = header();
        sb.append("/** Every constructor and method of ").append(schema.source()).append(", readable by constructor id. */\n");
        sb.append("public final class ").append(cls).append(" {\n");
        sb.append("    /** The layer of the schema these classes were generated from (0: not an API layer). */\n");
        sb.append("    public static final int LAYER = ").append(layer).append(";\n\n");
        sb.append("    /** Every layer written exactly: the older layers' files and this schema's own, oldest first. */\n");
        sb.append("    public static final int[] LAYERS = {");
        List<Integer> written = new ArrayList<>(legacy.keySet());
        if (layer != 0) written.add(layer);
        for (int i = 0; i < written.size(); i++) sb.append(i == 0 ? "" : ", ").append(written.get(i));
        sb.append("};\n\n");
        sb.append("    private ").append(cls).append("() {\n    }\n\n");
        sb.append("    /** Reads any boxed constructor or method of this schema, including older layers' ids. */\n");
        sb.append("    public static TlObject readObject(TlReader $r) {\n");
        sb.append("        int id = $r.readInt();\n");
        sb.append("        $r.enter();\n");
        sb.append("        TlObject v = readBody(id, $r);\n");
        sb.append("        $r.leave();\n");
        sb.append("        return v;\n");
        sb.append("    }\n\n");
        sb.append("    /** Reads a boxed method (the query inside invokeWithLayer and friends). */\n");
        sb.append("    public static TlMethod<?> readMethod(TlReader $r) {\n");
        sb.append("        TlObject o = readObject($r);\n");
        sb.append("        if (o instanceof TlMethod<?> m) return m;\n");
        sb.append("        throw new TlException(\"expected a method, got \" + o.tlName());\n");
        sb.append("    }\n\n");
        sb.append("    /** Whether {@code id} is a constructor or method this schema can read. */\n");
        sb.append("    public static boolean knows(int id) {\n");
        sb.append("        return switch (id) {\n");
        List<String> ids = new ArrayList<>();
        for (TlCombinator c : ctorByName.values()) ids.add(JavaNames.className(c.name()) + ".CONSTRUCTOR_ID");
        for (TlCombinator c : functions) ids.add(JavaNames.className(c.name()) + ".CONSTRUCTOR_ID");
        for (TlCombinator c : legacyById.values()) ids.add("0x" + c.hexId());
        for (int i = 0; i < ids.size(); i += 8) {
            sb.append("            case ").append(String.join(", ", ids.subList(i, Math.min(ids.size(), i + 8)))).append(" -> true;\n");
        }
        sb.append("            default -> false;\n        };\n    }\n\n");
        sb.append("    private static TlObject readBody(int id, TlReader $r) {\n");
        sb.append("        switch (id) {\n");
        List<TlCombinator> all = new ArrayList<>(ctorByName.values());
        all.addAll(functions);
        for (TlCombinator c : all) {
            String n = JavaNames.className(c.name());
            sb.append("            case ").append(n).append(".CONSTRUCTOR_ID: return ").append(n).append(".readBare($r);\n");
        }
        legacyById.forEach((id, lc) -> sb.append("            case 0x").append(lc.hexId()).append(": return ").append(prefix)
                .append("Layers.").append(legacyMethod("read", lc)).append("($r);\n"));
        sb.append("            case TlReader.GZIP_PACKED: return readObject($r.gzipped());\n");
        sb.append("            default: throw $r.unknownConstructor(id, \"Object\");\n");
        sb.append("        }\n    }\n\n");
        sb.append("    /** The generated classes, constructors first, then methods. */\n");
        sb.append("    public static List<Class<? extends TlObject>> classes() {\n");
        sb.append("        return List.of(\n");
        for (int i = 0; i < all.size(); i++) {
            sb.append("            ").append(JavaNames.className(all.get(i).name())).append(".class").append(i + 1 < all.size() ? ",\n" : ");\n");
        }
        sb.append("    }\n\n");
        sb.append("    /** Older layers' ids this schema reads (id → TL name), for diagnostics. */\n");
        sb.append("    public static java.util.Map<Integer, String> legacyIds() {\n");
        sb.append("        java.util.Map<Integer, String> m = new java.util.LinkedHashMap<>();\n");
        legacyById.forEach((id, lc) -> sb.append("        m.put(0x").append(lc.hexId()).append(", \"").append(lc.name()).append("\");\n"));
        sb.append("        return m;\n    }\n}\n");
        return sb.toString();
    }

    // ---------------------------------------------------------------- layers

    /**
     * For a method whose older lines return another type: the lowest layer from which it returns the current one (the
     * translations write older layers' answers), else 0.
     */
    private int resultThreshold(TlCombinator c) {
        int threshold = 0;
        for (var e : legacy.entrySet()) {
            TlCombinator lc = e.getValue().get(c.name());
            if (lc != null && !lc.result().toString().equals(c.result().toString())) threshold = e.getKey();
        }
        if (threshold == 0) return 0;
        if (translations == null) {
            notes.add(c.name() + ": layer " + threshold + " and older answer it with another type, written as today's");
            return 0;
        }
        Integer next = legacy.higherKey(threshold);
        return next != null ? next : layer;
    }

    /** The lowest layer from which the current line applies, or 0 when no older layer differs. */
    private int legacyThreshold(TlCombinator c) {
        int threshold = 0;
        for (var e : legacy.entrySet()) {
            if (e.getValue().containsKey(c.name())) threshold = e.getKey();
        }
        if (threshold == 0) return 0;
        Integer next = legacy.higherKey(threshold);
        return next != null ? next : layer;
    }

    private String legacyMethod(String verb, TlCombinator lc) {
        return verb + JavaNames.className(lc.name()) + "_" + variantSuffix.get(lc);
    }

    private String layers() {
        String cls = prefix + "Layers";
        StringBuilder sb = header();
        sb.append("/**\n * Older layers' forms of constructors whose id changed, generated from the layer files. Writing maps the\n");
        sb.append(" * newest record's fields by name into the older line (fields it lacks get their empty value, fields the\n");
        sb.append(" * older line lacks are dropped); reading does the reverse.\n */\n");
        sb.append("final class ").append(cls).append(" {\n");
        sb.append("    private ").append(cls).append("() {\n    }\n");
        List<TlCombinator> all = new ArrayList<>(ctorByName.values());
        all.addAll(functions);
        for (TlCombinator c : all) {
            if (legacyThreshold(c) == 0) continue;
            String rec = JavaNames.className(c.name());
            sb.append("\n    static void write").append(rec).append("(").append(rec).append(" v, TlWriter $w) {\n");
            sb.append("        int layer = $w.layer();\n");
            List<Integer> layers = new ArrayList<>(legacy.keySet());
            for (int i = 0; i < layers.size(); i++) {
                TlCombinator lc = legacy.get(layers.get(i)).get(c.name());
                int upper = i + 1 < layers.size() ? layers.get(i + 1) : layer;
                // consecutive layers with the same line share one branch
                if (i + 1 < layers.size() && legacy.get(layers.get(i + 1)).get(c.name()) == lc) continue;
                sb.append("        if (layer < ").append(upper).append(") {\n");
                if (lc != null) sb.append("            ").append(legacyMethod("write", lc)).append("(v, $w);\n");
                else sb.append("            $w.writeInt(").append(rec).append(".CONSTRUCTOR_ID);\n            v.writeBare($w);\n");
                sb.append("            return;\n        }\n");
            }
            sb.append("        $w.writeInt(").append(rec).append(".CONSTRUCTOR_ID);\n        v.writeBare($w);\n    }\n");
        }
        for (TlCombinator lc : legacyVariants.values()) legacyWriter(sb, lc, legacyCurrentByName.get(lc.name()));
        for (TlCombinator lc : legacyById.values()) legacyReader(sb, lc, legacyCurrentByName.get(lc.name()));
        sb.append("}\n");
        return sb.toString();
    }

    private enum Match { SAME, WIDEN, NARROW, MISSING }

    private Match match(TlArg legacyArg, TlArg current) {
        if (current == null || current.isFlagsWord() || legacyArg.isFlagsWord()) return Match.MISSING;
        if (!isKnownType(legacyArg.type())) return Match.MISSING;
        String lt = legacyArg.type().toString();
        String ct = current.type().toString();
        if (lt.equals(ct)) {
            if (legacyArg.isFlagTrue() != current.isFlagTrue()) return Match.MISSING;
            return Match.SAME;
        }
        if (!legacyArg.isOptional() && !current.isOptional()) {
            if (lt.equals("int") && ct.equals("long") || lt.equals("Vector<int>") && ct.equals("Vector<long>")) return Match.WIDEN;
            if (lt.equals("long") && ct.equals("int") || lt.equals("Vector<long>") && ct.equals("Vector<int>")) return Match.NARROW;
        }
        return Match.MISSING;
    }

    private void legacyWriter(StringBuilder sb, TlCombinator lc, TlCombinator cur) {
        String rec = JavaNames.className(cur.name());
        sb.append("\n    /** Layer form {@code ").append(lc.name()).append("#").append(lc.hexId()).append("}. */\n");
        sb.append("    static void ").append(legacyMethod("write", lc)).append("(").append(rec).append(" v, TlWriter $w) {\n");
        if (unsent.contains(lc.name()) && !fillable(lc, cur)) {
            notes.add(lc.name() + "#" + lc.hexId() + ": never sent; its older line needs what the record lacks");
            sb.append("        throw new TlException(\"Portrait never sends ").append(lc.name()).append('#').append(lc.hexId())
                    .append(" (that layer's line needs fields the current one lacks)\");\n    }\n");
            return;
        }
        sb.append("        $w.writeInt(0x").append(lc.hexId()).append(");\n");
        for (TlArg a : lc.args()) {
            if (a.isFlagsWord()) {
                String word = "f_" + a.name();
                sb.append("        int ").append(word).append(" = 0;\n");
                for (TlArg o : lc.args()) {
                    if (!a.name().equals(o.flagsField())) continue;
                    TlArg c = currentArg(cur, o.name());
                    Match m = match(o, c);
                    if (m != Match.SAME) {
                        notes.add(lc.name() + "#" + lc.hexId() + ": " + o.name() + " is never set when writing");
                        continue;
                    }
                    String v = "v." + JavaNames.fieldName(c.name()) + "()";
                    String cond = o.isFlagTrue() ? v : (c.isOptional() || !isPrimitiveJava(c) ? v + " != null" : "true");
                    sb.append("        if (").append(cond).append(") ").append(word).append(" |= ").append(bit(o.flagBit())).append(";\n");
                }
                sb.append("        $w.writeInt(").append(word).append(");\n");
                continue;
            }
            if (a.isFlagTrue()) continue;
            TlArg c = currentArg(cur, a.name());
            Match m = match(a, c);
            if (m == Match.MISSING && !a.isOptional() && translated(cur, a)) {
                sb.append("        ").append(translation("write", a.type())).append("(v, \"").append(a.name()).append("\", $w);\n");
                continue;
            }
            String v = c == null ? null : "v." + JavaNames.fieldName(c.name()) + "()";
            if (a.isOptional()) {
                boolean shared = sharesBit(lc.args(), a);
                if (m != Match.SAME && !shared) continue;
                String present = m != Match.SAME ? "false" : c.isOptional() || !isPrimitiveJava(c) ? v + " != null" : "true";
                if (shared) {
                    sb.append("        if ((f_").append(a.flagsField()).append(" & ").append(bit(a.flagBit())).append(") != 0) {\n");
                    if (m == Match.SAME) sb.append("            if (").append(present).append(") ").append(writeStmt(a.type(), v, "$w", 0)).append(" else ");
                    else sb.append("            ");
                    sb.append(writeEmpty(a, lc)).append("\n        }\n");
                } else {
                    sb.append("        if (").append(present).append(") ").append(writeStmt(a.type(), v, "$w", 0)).append("\n");
                }
            } else if (m == Match.SAME && c.isOptional()) {
                sb.append("        if (").append(v).append(" != null) ").append(writeStmt(a.type(), v, "$w", 0))
                        .append(" else ").append(writeEmpty(a, lc)).append("\n");
            } else if (m == Match.SAME) {
                sb.append("        ").append(writeStmt(a.type(), v, "$w", 0)).append("\n");
            } else if (m == Match.WIDEN || m == Match.NARROW) {
                String converted = !a.type().isVector() ? "(" + jType(a.type(), false) + ") " + v
                        : "TlValues." + (m == Match.WIDEN ? "ints(" : "longs(") + v + ")";
                sb.append("        ").append(writeStmt(a.type(), converted, "$w", 0)).append("\n");
            } else {
                notes.add(lc.name() + "#" + lc.hexId() + ": required " + a.text() + " written empty");
                sb.append("        ").append(writeEmpty(a, lc)).append("\n");
            }
        }
        sb.append("    }\n");
    }

    /** Whether every required field of the older line can be written from the current record or an empty value. */
    private boolean fillable(TlCombinator lc, TlCombinator cur) {
        for (TlArg a : lc.args()) {
            if (a.isFlagsWord() || a.isOptional() || a.isFlagTrue()) continue;
            Match m = match(a, currentArg(cur, a.name()));
            if (m != Match.MISSING || translated(cur, a)) continue;
            TlTypeRef t = a.type();
            if (t.isVector() || t.isPrimitive() || t.name().equals("Bool")) continue;
            if (emptyObject(t) == null) return false;
        }
        return true;
    }

    private boolean isPrimitiveJava(TlArg a) {
        String t = fieldType(a);
        return t.equals("int") || t.equals("long") || t.equals("double") || t.equals("boolean");
    }

    private String writeEmpty(TlArg a, TlCombinator lc) {
        TlTypeRef t = a.type();
        if (t.isVector()) return t.bare() ? "$w.writeInt(0);" : "$w.writeEmptyVector();";
        switch (t.name()) {
            case "int": return "$w.writeInt(0);";
            case "long": return "$w.writeLong(0);";
            case "double": return "$w.writeDouble(0);";
            case "string": return "$w.writeString(\"\");";
            case "bytes": return "$w.writeBytes(new byte[0]);";
            case "int128": return "$w.writeInt128(new Int128(0, 0));";
            case "int256": return "$w.writeInt256(new Int256(0, 0, 0, 0));";
            case "Bool": return "$w.writeBool(false);";
            default:
        }
        String empty = emptyObject(t);
        if (empty == null) {
            problems.add((lc == null ? "" : lc.name() + "#" + lc.hexId() + ": ") + "no empty value for " + a.text());
            return "throw new TlException(\"no empty value for " + a.name() + "\");";
        }
        return empty + ".write($w);";
    }

    /**
     * The simplest instance of {@code t}: the constructor with the fewest required fields, each at its empty value
     * (optional fields absent). Used where a layer requires a value the object does not carry. Null when none exists.
     */
    private String emptyObject(TlTypeRef t) {
        return emptyObject(t, 0);
    }

    private String emptyObject(TlTypeRef t, int depth) {
        if (t.isVector() || t.generic() || t.isPrimitive() || depth > 6) return null;
        TlCombinator bare = bareCtor(t);
        List<TlCombinator> ctors = bare != null ? List.of(bare) : ctorsByType.get(t.name());
        if (ctors == null) return null;
        List<TlCombinator> sorted = new ArrayList<>(ctors);
        // a constructor every layer has before one some older layer lacks
        sorted.sort(java.util.Comparator.comparingInt((TlCombinator c) -> since.getOrDefault(c.name(), 0))
                .thenComparingLong((TlCombinator c) -> c.args().stream().filter(x -> !x.isOptional() && !x.isFlagsWord()).count())
                .thenComparingInt(c -> c.args().size()));
        for (TlCombinator c : sorted) {
            List<String> args = new ArrayList<>();
            boolean ok = true;
            for (TlArg x : fields(c)) {
                String v = x.isOptional() ? (x.isFlagTrue() ? "false" : "null") : emptyRequired(x.type(), depth + 1);
                if (v == null) {
                    ok = false;
                    break;
                }
                args.add(v);
            }
            if (ok) return "new " + JavaNames.className(c.name()) + "(" + String.join(", ", args) + ")";
        }
        return null;
    }

    private String emptyRequired(TlTypeRef t, int depth) {
        if (t.isVector()) return "new ArrayList<>()";
        return switch (t.name()) {
            case "int" -> "0";
            case "long" -> "0L";
            case "double" -> "0.0";
            case "string" -> "\"\"";
            case "bytes" -> "new byte[0]";
            case "int128" -> "new Int128(0, 0)";
            case "int256" -> "new Int256(0, 0, 0, 0)";
            case "Bool" -> "false";
            default -> emptyObject(t, depth);
        };
    }

    private String emptyValue(TlArg a) {
        if (a.isFlagTrue()) return "false";
        if (a.isOptional()) return "null";
        String empty = emptyRequired(a.type(), 0);
        if (empty == null) notes.add("no empty value for required " + a.text() + ": null when an older layer lacks it");
        return empty == null ? "null" : empty;
    }

    private void legacyReader(StringBuilder sb, TlCombinator lc, TlCombinator cur) {
        String rec = JavaNames.className(cur.name());
        sb.append("\n    static ").append(rec).append(" ").append(legacyMethod("read", lc)).append("(TlReader $r) {\n");
        Map<String, String> locals = new HashMap<>();
        for (TlArg a : lc.args()) {
            String local = "f_" + (a.isFlagsWord() ? a.name() : JavaNames.fieldName(a.name()));
            if (a.isFlagsWord()) {
                sb.append("        int ").append(local).append(" = $r.readInt();\n");
                continue;
            }
            String cond = a.isOptional() ? "(f_" + a.flagsField() + " & " + bit(a.flagBit()) + ") != 0" : null;
            if (a.isFlagTrue()) {
                sb.append("        boolean ").append(local).append(" = ").append(cond).append(";\n");
                locals.put(a.name(), local);
                continue;
            }
            if (translated(a.type())) {
                // A type this server no longer has, which the translations read past.
                String skip = translation("skip", a.type()) + "($r);";
                if (cond != null) sb.append("        if (").append(cond).append(") ").append(skip).append("\n");
                else sb.append("        ").append(skip).append("\n");
                continue;
            }
            if (!isKnownType(a.type())) {
                // A type this server no longer has: refuse the object only when the field is actually present.
                String msg = "\"" + lc.name() + "." + a.name() + " (" + a.type() + ") is not supported\"";
                if (cond != null) sb.append("        if (").append(cond).append(") throw new TlException(").append(msg).append(");\n");
                else sb.append("        if (true) throw new TlException(").append(msg).append(");\n");
                continue;
            }
            String jt = a.isOptional() ? jType(a.type(), true) : jType(a.type(), false);
            sb.append("        ").append(jt).append(' ').append(local).append(" = ");
            if (cond != null) sb.append(cond).append(" ? ").append(readExpr(a.type(), "$r", 0)).append(" : null;\n");
            else sb.append(readExpr(a.type(), "$r", 0)).append(";\n");
            locals.put(a.name(), local);
        }
        List<String> args = new ArrayList<>();
        for (TlArg c : fields(cur)) {
            TlArg la = olderArg(lc, cur, c.name());
            Match m = la == null ? Match.MISSING : match(la, c);
            String local = la == null ? null : locals.get(la.name());
            if (local == null || m == Match.MISSING) {
                args.add(emptyValue(c));
            } else if (m == Match.WIDEN) {
                args.add(la.type().isVector() ? "TlValues.longs(" + local + ")" : "(long) " + local);
            } else if (m == Match.NARROW) {
                args.add(la.type().isVector() ? "TlValues.ints(" + local + ")" : "(int) " + local);
            } else if (la.isOptional() && !c.isOptional() && !c.isFlagTrue()) {
                args.add(local + " != null ? " + local + " : " + emptyValue(c));
            } else {
                args.add(local);
            }
        }
        sb.append("        return new ").append(rec).append("(").append(String.join(", ", args)).append(");\n");
        sb.append("    }\n");
    }
}
