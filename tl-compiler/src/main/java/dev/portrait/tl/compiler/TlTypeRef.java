package dev.portrait.tl.compiler;

/**
 * A type as written in a TL argument or result: {@code int}, {@code Vector<long>}, {@code %Message},
 * {@code future_salt} (a bare constructor), {@code !X} (a generic query), {@code #} (a flags word).
 *
 * @param name the type or constructor name without decorations ({@code Vector}, {@code photos.Photo}, {@code X})
 * @param bare true for {@code %T}, lowercase {@code vector<...>} and references to a constructor name
 * @param param the element type of a vector, else null
 * @param generic true for {@code !X}: an object of the generic type parameter
 */
public record TlTypeRef(String name, boolean bare, TlTypeRef param, boolean generic) {

    public static TlTypeRef parse(String text) {
        String t = text.trim();
        if (t.startsWith("!")) return new TlTypeRef(t.substring(1), false, null, true);
        boolean bare = false;
        if (t.startsWith("%")) {
            bare = true;
            t = t.substring(1);
        }
        int lt = t.indexOf('<');
        if (lt >= 0) {
            if (!t.endsWith(">")) throw new TlSchemaException("unbalanced '<' in type " + text);
            String outer = t.substring(0, lt);
            TlTypeRef inner = parse(t.substring(lt + 1, t.length() - 1));
            boolean bareVector = bare || Character.isLowerCase(outer.charAt(0));
            return new TlTypeRef(outer.equals("vector") ? "Vector" : outer, bareVector, inner, false);
        }
        return new TlTypeRef(t, bare, null, false);
    }

    public boolean isVector() {
        return param != null;
    }

    public boolean isFlagsWord() {
        return name.equals("#");
    }

    /** Builtins carried by value, never by constructor id. */
    public boolean isPrimitive() {
        return switch (name) {
            case "int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true", "#" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        if (generic) return "!" + name;
        if (param != null) return (bare ? "vector" : "Vector") + "<" + param + ">";
        return (bare && !Character.isLowerCase(name.charAt(0)) ? "%" : "") + name;
    }
}
