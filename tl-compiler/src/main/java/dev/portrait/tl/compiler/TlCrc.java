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
        String s = line.trim();
        if (s.endsWith(";")) s = s.substring(0, s.length() - 1).trim();
        s = ID.matcher(s).replaceFirst("$1");
        s = SPACES.matcher(s).replaceAll(" ");
        s = (s + " ").replace(":bytes ", ":string ").replace("?bytes ", "?string ")
                .replace("<", " ").replace(">", "").replace("{", "").replace("}", "");
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
        CRC32 crc = new CRC32();
        crc.update(normalise(line).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
