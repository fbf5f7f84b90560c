package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.tl.TlJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of a script in e2e/clients/ against a {@link TestServer}: {@code node clients/<script>.mjs --host --port --key
 * --dc 2 --timeout T} plus the script's own options, run in e2e/ with its stderr (the client's own log) kept in
 * target/e2e-logs/&lt;log name&gt;.stderr.log. The script prints one JSON line on stdout (a {"ready": true} line may
 * come before it) and force-exits by itself after T seconds; it gets T + 30 s before it is destroyed.
 *
 * <p>Set up with the builder methods, then {@link #run} (or {@link #start} for a script that says when it is ready).
 */
final class NodeScript {
    private final String client;
    private final String script;
    private String label;
    private String logName;
    private String keyJson;
    private int timeout = 90;
    private int tailLines = 120;
    private String note = "";
    private final List<String> args = new ArrayList<>();

    private NodeScript(String client, String script) {
        this.client = client;
        this.script = script;
        this.label = client;
    }

    /** clients/&lt;script&gt;.mjs; failures name the client. */
    static NodeScript of(String client, String script) {
        return new NodeScript(client, script);
    }

    /** The name of its line on stderr ("[label] ...") and, unless {@link #logName} says otherwise, of its log. */
    NodeScript label(String label) {
        this.label = label;
        return this;
    }

    /** Its stderr goes to target/e2e-logs/&lt;name&gt;.stderr.log (default: the label). */
    NodeScript logName(String name) {
        this.logName = name;
        return this;
    }

    /** --key (default: the server's key as `portrait key --json` prints it). */
    NodeScript keyJson(String json) {
        this.keyJson = json;
        return this;
    }

    /** --timeout: the script force-exits after this many seconds (default 90). */
    NodeScript timeout(int seconds) {
        this.timeout = seconds;
        return this;
    }

    /** How many lines of its stderr a failure shows (default 120). */
    NodeScript tail(int lines) {
        this.tailLines = lines;
        return this;
    }

    /** A note failures show before the stderr tail (ending with a line break; default none). */
    NodeScript note(String note) {
        this.note = note;
        return this;
    }

    /** The script's own options. */
    NodeScript args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** Starts it and waits for its JSON line. */
    ScriptRun run(TestServer server) throws Exception {
        return start(server).finish();
    }

    /** Starts it; {@link Running#ready} completes on its {"ready": true} line, {@link Running#finish} waits for the end. */
    Running start(TestServer server) throws IOException {
        return start(server.port(), server.keyJson());
    }

    /**
     * Starts it against whatever listens on {@link TestServer#HOST}:port (several nodes behind a proxy, say) with that
     * server key (--key, unless {@link #keyJson} set another).
     */
    Running start(int port, String serverKeyJson) throws IOException {
        Path stderr = logDir().resolve((logName != null ? logName : label) + ".stderr.log");
        List<String> cmd = new ArrayList<>(List.of("node", "clients/" + script + ".mjs", "--host", TestServer.HOST,
                "--port", String.valueOf(port), "--key", keyJson != null ? keyJson : serverKeyJson,
                "--dc", "2", "--timeout", String.valueOf(timeout)));
        cmd.addAll(args);
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(NodeBridge.e2eDir().toFile()).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("{\"ready\":true")) ready.complete(null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ready.completeExceptionally(new AssertionError(client + " exited without getting ready\n--- " + stderr
                        + " (tail) ---\n" + tail(stderr, tailLines)));
            }
        });
        return new Running(this, p, stderr, lines, ready, done, started);
    }

    /** A started script. */
    record Running(NodeScript spec, Process process, Path stderr, List<String> lines, CompletableFuture<Void> ready,
                   CompletableFuture<Void> done, long startedNanos) {
        /** Waits for the script to exit and returns its last JSON line; fails when there is none or it hangs. */
        ScriptRun finish() throws Exception {
            String client = spec.client;
            boolean exited = process.waitFor(spec.timeout + 30L, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(client + ": the script did not exit within " + (spec.timeout + 30) + " s (destroyed)\n"
                        + "--- " + stderr + " (tail) ---\n" + tail(stderr, spec.tailLines));
            }
            done.get(10, TimeUnit.SECONDS);
            String line = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            JsonNode json;
            try {
                json = TlJson.MAPPER.readTree(line);
            } catch (IOException e) {
                json = null;
            }
            if (json == null || !json.isObject() || json.has("ready"))
                throw new AssertionError(client + ": no JSON line on stdout (exit " + process.exitValue() + ")\nstdout: "
                        + String.join("\n", lines) + "\n--- " + stderr + " (tail) ---\n" + tail(stderr, spec.tailLines));
            System.err.printf("[%s] %.1f s: %s%n", spec.label, (System.nanoTime() - startedNanos) / 1e9, line);
            return new ScriptRun(client, json, process.exitValue(), stderr, spec.tailLines, spec.note, List.copyOf(spec.args));
        }
    }

    /** target/e2e-logs: the scripts' stderr, their downloads, the server's log. */
    static Path logDir() {
        return NodeBridge.e2eDir().resolve("target").resolve("e2e-logs");
    }

    /** target/e2e-logs/&lt;name&gt;, emptied (files a script writes there, such as downloads). */
    static Path emptyLogSubdir(String name) throws IOException {
        Path dir = logDir().resolve(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) Files.delete(p);
            }
        }
        return dir;
    }

    /** The last lines of a file (a script's stderr), or why it cannot be read. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
