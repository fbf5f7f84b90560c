package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaPublicKey;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.api.Config;
import dev.portrait.tl.api.HelpGetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `portrait serve` and `portrait key` as a user runs them: a separate process, stopped with SIGTERM. */
class ServeCommandTest {
    @TempDir
    Path dir;

    static Path jar() {
        return NodeBridge.e2eDir().resolve("../cli/target/portrait.jar").normalize();
    }

    static ProcessBuilder portrait(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @Test
    void serveAnswersClientsPrintsHowToConnectAndStopsOnSigterm() throws Exception {
        assertThat(jar()).exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process key = portrait("key", "--data-dir", dir.toString(), "--json").redirectErrorStream(false).start();
        String keyJson = new String(key.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(key.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode k = TlJson.MAPPER.readTree(keyJson);
        RsaPublicKey publicKey = new RsaPublicKey(new BigInteger(k.get("n").asText(), 16), BigInteger.valueOf(k.get("e").asLong()));
        assertThat(Long.toString(publicKey.fingerprint())).isEqualTo(k.get("fingerprint").asText());

        int inspectorPort;
        try (ServerSocket s = new ServerSocket(0)) {
            inspectorPort = s.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        Process serve = portrait("serve", "--data-dir", dir.toString(), "--listen", "127.0.0.1:" + port,
                "--inspector", "127.0.0.1:" + inspectorPort, "--inspector-log", "5").redirectError(log.toFile()).start();
        try {
            String banner = banner(serve, log);
            assertThat(banner).contains("inspector            http://127.0.0.1:" + inspectorPort + "/ (web page; REST API");
            java.net.http.HttpResponse<String> accounts = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + inspectorPort + "/api/v1/accounts")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(accounts.statusCode()).isEqualTo(200);
            assertThat(accounts.body()).startsWith("{\"accounts\":[");
            java.net.http.HttpResponse<String> calls = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + inspectorPort + "/api/v1/calls")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(calls.body()).as("--inspector-log sets the log's capacity").contains("\"capacity\":5");
            assertThat(banner).contains("listening on 127.0.0.1:" + port, "clients connect to   127.0.0.1:" + port,
                    "fingerprint " + k.get("fingerprint").asText(), "data directory       " + dir.toAbsolutePath(),
                    "test mode            off", "./portrait codes --data-dir " + dir);
            assertThat(guideIn(banner)).as("the banner names the checkout's docs/clients.md").isRegularFile()
                    .isEqualTo(NodeBridge.e2eDir().resolve("../docs/clients.md").toAbsolutePath().normalize());
            try (MtprotoClient c = MtprotoClient.connect(ClientOptions.of("127.0.0.1", port, List.of(publicKey)), null)) {
                Config config = (Config) MtprotoClient.await(c.invoke(new HelpGetConfig()));
                assertThat(config.thisDc()).isEqualTo(2);
            }
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("Portrait stopped");
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void theBannerGivesTheAdvertisedAddressAndTheTestModeNumbers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        Process serve = portrait("serve", "--data-dir", dir.toString(), "--listen", "127.0.0.1:" + port,
                "--advertise", "localhost:" + port, "--test-mode", "--inspector", "off").redirectError(log.toFile()).start();
        try {
            String banner = banner(serve, log);
            assertThat(banner).contains("clients connect to   localhost:" + port, "test mode            on",
                    "99966XYYYY", "with the code XXXXX").doesNotContain("inspector");
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) serve.destroyForcibly();
        }
    }

    @Test
    void theInspectorNeverListensPubliclyWithoutAToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process serve = portrait("serve", "--data-dir", dir.toString(), "--listen", "127.0.0.1:" + port,
                "--inspector", "0.0.0.0:0").redirectErrorStream(true).start();
        String out = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(1);
        assertThat(out).contains("not a loopback address, without a token", "--inspector-token").doesNotContain("Exception");

        Process tooBig = portrait("serve", "--data-dir", dir.toString(), "--listen", "127.0.0.1:" + port,
                "--inspector", "127.0.0.1:0", "--inspector-log", "100001").redirectErrorStream(true).start();
        String refused = new String(tooBig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tooBig.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tooBig.exitValue()).isEqualTo(1);
        assertThat(refused).contains("--inspector-log is 1 to 100000 calls").doesNotContain("Exception");
    }

    /** The lines serve prints on stdout once it listens, up to the last one (where the client guide is). */
    private static String banner(Process serve, Path log) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String banner = CompletableFuture.supplyAsync(() -> {
            StringBuilder lines = new StringBuilder();
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    lines.append(l).append('\n');
                    if (l.contains("connect a client")) return lines.toString();
                }
            } catch (java.io.IOException e) {
                // the process went away: what was read is the answer
            }
            return lines.toString();
        }).get(60, TimeUnit.SECONDS);
        assertThat(banner).as(Files.exists(log) ? Files.readString(log) : "").contains("connect a client");
        return banner;
    }

    private static Path guideIn(String banner) {
        String line = banner.lines().filter(l -> l.contains("connect a client")).findFirst().orElseThrow();
        return Path.of(line.substring(line.indexOf("connect a client") + "connect a client".length()).trim());
    }
}
