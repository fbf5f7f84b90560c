package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.tl.TlJson;
import org.assertj.core.api.SoftAssertions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One script's outcome (see {@link NodeScript}): its JSON line, exit code and stderr, with accessors for the JSON and
 * the context a failed assertion shows (the JSON line, the exit code, the tail of the script's stderr).
 */
final class ScriptRun {
    /** Who failures name (the client, or the run's name). */
    final String client;
    final JsonNode json;
    final int exit;
    final Path stderrFile;
    private final int tailLines;
    private final String note;
    private final List<String> args;

    ScriptRun(String client, JsonNode json, int exit, Path stderrFile, int tailLines, String note, List<String> args) {
        this.client = client;
        this.json = json;
        this.exit = exit;
        this.stderrFile = stderrFile;
        this.tailLines = tailLines;
        this.note = note;
        this.args = args;
    }

    /** The description of one hard assertion: what, then the JSON line, the exit code, the note and the stderr tail. */
    String why(String what) {
        return client + ": " + what + "\nresult: " + json + "\nexit code: " + exit + "\n" + note
                + "--- " + stderrFile + " (tail) ---\n" + NodeScript.tail(stderrFile, tailLines);
    }

    /** Runs the soft assertions; a failure lists them all, then {@link #context}. */
    void assertAll(SoftAssertions s) {
        try {
            s.assertAll();
        } catch (AssertionError e) {
            throw new AssertionError(client + ": " + e.getMessage() + "\n" + context(), e);
        }
    }

    String context() {
        return "result: " + json + "\nexit code: " + exit + "\n--- " + stderrFile + " (tail) ---\n" + NodeScript.tail(stderrFile, tailLines)
                + "\n(server log: " + NodeScript.logDir().resolve("server.log") + ")";
    }

    /**
     * An RPC error the script recorded at path: code 400 and the server's text (serverText when the client rewrote it,
     * as mtcute does, else message).
     */
    void assertRpcError(SoftAssertions s, String path, String expected) {
        String server = text(path + "/serverText") != null ? text(path + "/serverText") : text(path + "/message");
        s.assertThat(server).as(path + " (" + at(path) + ")").isEqualTo(expected);
        s.assertThat(at(path + "/code").asInt()).as(path + ": error code").isEqualTo(400);
    }

    /** The node at a '/'-separated path ("a/b/0/c"); "*" maps the rest of the path over an array's elements. */
    JsonNode at(String path) {
        int star = path.indexOf("/*/");
        if (star >= 0) {
            var out = TlJson.MAPPER.createArrayNode();
            for (JsonNode e : at(path.substring(0, star))) out.add(e.at("/" + path.substring(star + 3)));
            return out;
        }
        return json.at("/" + path);
    }

    String text(String path) {
        JsonNode n = at(path);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    boolean bool(String path) {
        return at(path).asBoolean(false);
    }

    List<String> strings(String path) {
        JsonNode n = at(path);
        List<String> out = new ArrayList<>();
        if (n.isArray()) for (JsonNode e : n) out.add(e.isNull() ? null : e.asText());
        else if (!n.isMissingNode() && !n.isNull()) out.add(n.asText());
        return out;
    }

    /** The id of account A, B or C (accounts/&lt;account&gt;/id). */
    String id(String account) {
        return text("accounts/" + account + "/id");
    }

    /** The test number the script was given for account A, B or C (its --phones option). */
    String phone(String account) {
        int i = args.indexOf("--phones");
        if (i < 0 || i + 1 >= args.size()) throw new IllegalStateException(client + ": the script was given no --phones");
        return List.of(args.get(i + 1).split(",")).get("ABC".indexOf(account));
    }

    /** A photo view's sizes as "i", "a160x160", ... (lib/photos.mjs sizeLabel). */
    List<String> labels(String photo) {
        List<String> out = new ArrayList<>();
        for (JsonNode sz : at(photo + "/sizes")) {
            String t = sz.path("type").asText();
            out.add(sz.has("w") ? t + sz.path("w").asInt() + "x" + sz.path("h").asInt() : t);
        }
        return out;
    }

    /** A photo view's video sizes as "p160x160", "u800x800", or the markup's kind (lib/profile-features.mjs). */
    List<String> videoLabels(String photo) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : at(photo + "/videoSizes")) {
            String kind = v.path("kind").asText();
            out.add(kind.equals("videoSize") ? v.path("type").asText() + v.path("w").asInt() + "x" + v.path("h").asInt() : kind);
        }
        return out;
    }
}
