package dev.portrait.tl.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API schemas of older layers, kept as one file of line deltas (each layer against the one before it; written by
 * {@code scripts/vendor-tl-history.py}): 114 layers in 0.7 MB instead of 21 MB. {@link #read} rebuilds every layer's
 * text byte for byte and checks it against the SHA-256 recorded for it.
 */
public final class SchemaHistory {
    /** Where the history lives under a reference folder. */
    public static final String FILE = "history/api.history.tldelta";

    private SchemaHistory() {
    }

    /** Each layer's schema text, by layer; an empty map when the reference folder has no history. */
    public static Map<Integer, String> read(Path referenceDir) throws IOException {
        Path file = referenceDir.resolve(FILE);
        return Files.exists(file) ? rebuild(Files.readString(file, StandardCharsets.UTF_8), file.toString()) : Map.of();
    }

    static Map<Integer, String> rebuild(String delta, String source) {
        Map<Integer, String> out = new TreeMap<>();
        List<String> prev = List.of();
        List<String> cur = null;
        int layer = 0;
        String sha = null;
        int at = 0;
        String[] records = delta.split("\n", -1);
        for (int n = 0; n < records.length; n++) {
            String r = records[n];
            if (r.startsWith("#") || (r.isEmpty() && n == records.length - 1)) continue;
            if (r.startsWith("=== ")) {
                if (cur != null) prev = finish(out, layer, cur, sha, source);
                String[] head = r.substring(4).split(" sha256=");
                layer = Integer.parseInt(head[0]);
                sha = head[1];
                cur = new ArrayList<>();
                at = 0;
            } else if (cur == null) {
                throw new TlSchemaException(source + ":" + (n + 1) + ": a record before the first layer");
            } else if (r.startsWith("+")) {
                cur.add(r.substring(1));
            } else if (r.startsWith("=")) {
                int k = Integer.parseInt(r.substring(1));
                cur.addAll(prev.subList(at, at + k));
                at += k;
            } else if (r.startsWith("-")) {
                at += Integer.parseInt(r.substring(1));
            } else {
                throw new TlSchemaException(source + ":" + (n + 1) + ": not a delta record: " + r);
            }
        }
        if (cur != null) finish(out, layer, cur, sha, source);
        return out;
    }

    private static List<String> finish(Map<Integer, String> out, int layer, List<String> lines, String sha, String source) {
        String text = String.join("\n", lines);
        String actual = sha256(text.getBytes(StandardCharsets.UTF_8));
        if (!actual.equals(sha)) {
            throw new TlSchemaException(source + ": layer " + layer + " rebuilds to sha256 " + actual + ", not " + sha);
        }
        out.put(layer, text);
        return lines;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
