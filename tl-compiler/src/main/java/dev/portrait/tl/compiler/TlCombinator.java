package dev.portrait.tl.compiler;

import java.util.List;

/**
 * A constructor or a function (method) of a TL schema.
 *
 * @param name the full name with namespace ({@code photos.uploadProfilePhoto})
 * @param id the constructor id: written in the line, or computed from it when the line has none
 * @param explicitId whether the line carried its id
 * @param typeParams generic parameters ({@code X} of {@code {X:Type}})
 * @param args the arguments in wire order, flags words included
 * @param result the result type ({@code photos.Photo}, {@code Vector<long>}, {@code X})
 * @param function true for methods (after {@code ---functions---})
 * @param line the source line, trimmed
 * @param lineNumber 1-based line number in its file
 */
public record TlCombinator(String name, int id, boolean explicitId, List<String> typeParams, List<TlArg> args,
                           TlTypeRef result, boolean function, String line, int lineNumber) {

    public String namespace() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    public TlArg arg(String argName) {
        for (TlArg a : args) if (a.name().equals(argName)) return a;
        return null;
    }

    /** The CRC32 of the normalised line, which official ids equal. */
    public int computedId() {
        return TlCrc.idOf(line);
    }

    public String hexId() {
        return String.format("%08x", id);
    }

    /** The line in canonical form: {@code name#id args = Result;} (ids without leading zeros stay as parsed). */
    public String canonicalLine() {
        StringBuilder sb = new StringBuilder(name).append('#').append(Integer.toHexString(id));
        for (String p : typeParams) sb.append(" {").append(p).append(":Type}");
        for (TlArg a : args) sb.append(' ').append(a.text());
        return sb.append(" = ").append(result).append(';').toString();
    }
}
