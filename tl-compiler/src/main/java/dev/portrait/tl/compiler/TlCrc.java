package dev.portrait.tl.compiler;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Telegram's constructor ids are the CRC32 of the combinator's line in a normalised form: without the id and the
 * final semicolon, {@code bytes} spelled {@code string}, angle and curly brackets dropped, and every
 * {@code flags.N?true} argument removed (those changed nothing on the wire when they were added).
 */
public final class TlCrc {
    private static final Pattern ID = Pattern.compile("^([\\w.]+)#[0-9a-fA-F]+");
    private static final Pattern FLAG_TRUE = Pattern.compile(" \\w+:\\w+\\.\\d+\\?true");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TlCrc() {
    }

    public static String normalise(String line) {
        return normalise(line, true);
    }

    /** {@link #normalise}, optionally keeping {@code bytes} as written (how a few published ids were computed). */
    private static String normalise(String line, boolean bytesAsString) {
        String s = line.trim();
        if (s.endsWith(";")) s = s.substring(0, s.length() - 1).trim();
        s = ID.matcher(s).replaceFirst("$1");
        s = SPACES.matcher(s).replaceAll(" ");
        s = s + " ";
        if (bytesAsString) s = s.replace(":bytes ", ":string ").replace("?bytes ", "?string ");
        s = s.replace("<", " ").replace(">", "").replace("{", "").replace("}", "");
        s = FLAG_TRUE.matcher(s).replaceAll("");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }

    /**
     * The line's wire shape: normalised like {@link #normalise} but keeping {@code flags.N?true} fields, so two lines
     * with one id that differ in those fields (added over the layers without a new id) compare different.
     */
    public static String shape(String line) {
        String s = line.trim();
        if (s.endsWith(";")) s = s.substring(0, s.length() - 1).trim();
        s = ID.matcher(s).replaceFirst("$1");
        s = SPACES.matcher(s).replaceAll(" ");
        s = (s + " ").replace(":bytes ", ":string ").replace("?bytes ", "?string ");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }

    public static int idOf(String line) {
        return crc(normalise(line));
    }

    private static int crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static final Pattern CAMEL_FIELD = Pattern.compile("(?<= )([a-z]+(?:[A-Z][a-z0-9]*)+)(?=:)");
    /** help.configSimple's parts: the config Telegram delivers outside MTProto, published with ids of another text. */
    private static final java.util.Set<String> CONFIG_SIMPLE = java.util.Set.of("accessPointRule", "help.configSimple");

    /**
     * Why a line's id is not the CRC32 of its normalised form, when that is one of the known ways public clients'
     * schema files write official lines (the reference history has each: reference/README.md); null when
     * it is simply wrong.
     */
    public static String explainMismatch(TlCombinator c) {
        String line = c.line();
        String plain = normalise(line);
        if (crc(normalise(line, false)) == c.id())
            return "its id is the CRC32 with bytes kept as bytes, as Telegram published it";
        if (c.name().endsWith("Legacy")) {
            String original = c.name().substring(0, c.name().length() - "Legacy".length());
            if (crc(original + plain.substring(c.name().length())) == c.id())
                return "TDLib's name for the older " + original + "; the id is that name's";
        }
        String snake = CAMEL_FIELD.matcher(plain).replaceAll(m -> m.group(1).replaceAll("([A-Z])", "_$1").toLowerCase());
        if (!snake.equals(plain) && crc(snake) == c.id()) return "field names spelt in camelCase; the id is the snake_case line's";
        if (c.function() && c.result().name().equals("Error")) return "TDLib's own request prefix (= Error), never sent as an object";
        if (CONFIG_SIMPLE.contains(c.name())) return "part of help.configSimple, delivered outside MTProto with Telegram's published id";
        return null;
    }
}
