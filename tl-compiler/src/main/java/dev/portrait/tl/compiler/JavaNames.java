package dev.portrait.tl.compiler;

import java.util.Set;

/** How TL names become Java names: {@code photos.photo} → {@code PhotosPhoto}, {@code access_hash} → {@code accessHash}. */
public final class JavaNames {
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
            "record", "yield", "sealed", "permits", "when", "_",
            // methods every record has or every generated class declares
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait", "equals",
            "constructorId", "tlName", "descriptor", "write", "writeBare", "readResult", "writeResult", "toByteArray");

    private JavaNames() {
    }

    /** A class name: every part between '.' and '_' capitalised. */
    public static String className(String tlName) {
        StringBuilder sb = new StringBuilder();
        for (String part : tlName.split("[._]")) {
            if (part.isEmpty()) continue;
            sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return sb.toString();
    }

    public static String typeName(String tlType) {
        return "Type" + className(tlType);
    }

    public static String fieldName(String tlField) {
        String[] parts = tlField.split("_");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) continue;
            if (sb.isEmpty()) sb.append(part);
            else sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        String name = sb.isEmpty() ? "field" : sb.toString();
        return RESERVED.contains(name) ? name + "_" : name;
    }
}
