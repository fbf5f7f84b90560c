package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.tl.TlJson;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A long-running Node script speaking one JSON request and one JSON answer per line (e2e/tl/gramjs-codec.mjs). */
final class NodeBridge implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    static Path e2eDir() {
        return Path.of(System.getProperty("portrait.e2e.dir", "."));
    }

    /** Fails unless e2e/node_modules is there (the npm clients and their dependencies). */
    static void requireNodeModules() {
        if (!Files.isDirectory(e2eDir().resolve("node_modules")))
            throw new IllegalStateException("npm clients are not installed: run scripts/npm-install.sh (./run-tests does)");
    }

    NodeBridge(String script) throws IOException {
        Path dir = e2eDir();
        requireNodeModules();
        process = new ProcessBuilder("node", script).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    JsonNode call(ObjectNode request) throws IOException {
        in.write(request.toString());
        in.write('\n');
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("node bridge exited (alive: " + process.isAlive() + ")");
        return TlJson.MAPPER.readTree(line);
    }

    JsonNode call(String op) throws IOException {
        return call(TlJson.MAPPER.createObjectNode().put("op", op));
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
