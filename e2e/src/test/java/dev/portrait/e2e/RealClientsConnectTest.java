package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.TlJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Milestone M2 acceptance with the real, unmodified npm clients: each of gramjs, mtcute and @mtproto/core makes a fresh
 * auth key with an in-process Portrait server and gets help.getConfig through its normal path (scripts in
 * e2e/clients/, which print one JSON line). gramjs also stays connected for 30 s, its ping_delay_disconnect loop
 * running, without a reconnect or a transport error.
 *
 * <p>Each script's stderr (the client's own log) is kept in target/e2e-logs/&lt;client&gt;.stderr.log and the server's
 * log in target/e2e-logs/server.log.
 */
class RealClientsConnectTest {
    private static final String HOST = "127.0.0.1";
    private static final int GRAMJS_SECONDS = 30;

    private static Path dataDir;
    private static PortraitServer server;
    private static int port;
    private static RsaKey key;
    private static String keyJson;

    @BeforeAll
    static void startServer() throws Exception {
        if (!Files.isDirectory(NodeBridge.e2eDir().resolve("node_modules")))
            throw new IllegalStateException("npm clients are not installed: run scripts/npm-install.sh (./run-tests does)");
        Files.createDirectories(logDir());
        dataDir = Files.createTempDirectory("portrait-e2e-");
        port = freePort();
        server = PortraitServer.start(ServerConfig.defaults(dataDir).withListen(HOST, port).withAdvertise(HOST, port));
        key = server.keys().get(0);
        // what `portrait key --json` prints
        keyJson = "{\"fingerprint\": \"" + key.fingerprint() + "\", \"n\": \"" + key.modulus().toString(16)
                + "\", \"e\": " + key.exponent() + "}";
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
        if (dataDir != null) {
            try (Stream<Path> s = Files.walk(dataDir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void gramjsConnectsGetsConfigAndKeepsPingingWithoutReconnecting() throws Exception {
        Run r = run("gramjs", GRAMJS_SECONDS);
        assertConfig(r, 198);
        assertThat(r.json.path("reconnects").asInt(-1)).as(r.why("reconnects")).isZero();
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
        // the ping loop ran: one ping_delay_disconnect every 9 s, each answered by a pong
        assertThat(r.json.path("counters").path("pongs").asInt()).as(r.why("pongs in " + GRAMJS_SECONDS + " s")).isGreaterThanOrEqualTo(2);
        assertThat(r.json.path("seconds").asDouble()).as(r.why("seconds connected")).isGreaterThanOrEqualTo(GRAMJS_SECONDS);
    }

    @Test
    void mtcuteMakesAFreshKeyAndGetsConfig() throws Exception {
        Run r = run("mtcute", 0);
        assertConfig(r, 227);
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
    }

    @Test
    void mtprotoCoreMakesAFreshKeyAndGetsConfig() throws Exception {
        Run r = run("mtproto-core", 0);
        assertConfig(r, 158);
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
    }

    /** ok, a fresh handshake, this_dc 2 and dc_options 1..5 all at the server's address. */
    private static void assertConfig(Run r, int layer) {
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("layer").asInt()).as(r.why("layer")).isEqualTo(layer);
        assertThat(r.json.path("counters").path("handshakes").asInt()).as(r.why("fresh auth keys made")).isGreaterThanOrEqualTo(1);
        assertThat(r.json.path("thisDc").asInt()).as(r.why("this_dc")).isEqualTo(2);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode o : r.json.path("dcOptions")) {
            ids.add(o.path("id").asInt());
            assertThat(o.path("ip").asText()).as(r.why("dc_options ip of " + o)).isEqualTo(HOST);
            assertThat(o.path("port").asInt()).as(r.why("dc_options port of " + o)).isEqualTo(port);
            assertThat(o.path("ipv6").asBoolean(false)).as(r.why("dc_options ipv6 of " + o)).isFalse();
        }
        assertThat(ids).as(r.why("dc_options ids")).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    /** One script's outcome: its JSON line, exit code and stderr. */
    private record Run(String client, JsonNode json, int exit, String stdout, Path stderrFile) {
        String why(String what) {
            return client + ": " + what + "\nresult: " + json + "\nexit code: " + exit + "\n" + quirkNote()
                    + "--- " + stderrFile + " (tail) ---\n" + tail(stderrFile, 150);
        }

        private String quirkNote() {
            String hex = String.format("%016x", key.fingerprint());
            if (!client.equals("gramjs") && hex.charAt(0) == '0')
                return "NOTE: the server key's fingerprint 0x" + hex + " starts with a zero nibble; mtcute and @mtproto/core "
                        + "look fingerprints up by unpadded hex and cannot find such a key.\n";
            return "";
        }
    }

    private static Run run(String client, int seconds) throws Exception {
        Path stderr = logDir().resolve(client + ".stderr.log");
        int timeout = seconds + 90; // the script force-exits by itself after this
        List<String> cmd = List.of("node", "clients/" + client + "-connect.mjs", "--host", HOST, "--port", String.valueOf(port),
                "--key", keyJson, "--seconds", String.valueOf(seconds), "--dc", "2", "--timeout", String.valueOf(timeout));
        Process p = new ProcessBuilder(cmd).directory(NodeBridge.e2eDir().toFile())
                .redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        boolean exited = p.waitFor(timeout + 30L, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(client + ": the script did not exit within " + (timeout + 30) + " s (destroyed)\n"
                    + "--- " + stderr + " (tail) ---\n" + tail(stderr, 150));
        }
        String stdout = out.get(10, TimeUnit.SECONDS);
        String line = stdout.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        JsonNode json;
        try {
            json = TlJson.MAPPER.readTree(line);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject())
            throw new AssertionError(client + ": no JSON line on stdout (exit " + p.exitValue() + ")\nstdout: " + stdout
                    + "\n--- " + stderr + " (tail) ---\n" + tail(stderr, 150));
        System.err.println("[" + client + "] " + line);
        return new Run(client, json, p.exitValue(), stdout, stderr);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static Path logDir() {
        return NodeBridge.e2eDir().resolve("target").resolve("e2e-logs");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
