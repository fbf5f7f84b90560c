package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.Fixtures;
import dev.portrait.mtproto.PlainMessage;
import dev.portrait.mtproto.crypto.RsaKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The JS clients' own key-exchange code (gramjs, mtcute, @mtproto/core from e2e/node_modules) against
 * ServerHandshake, through handshake-bridge.mjs. Skipped where node or those packages are missing.
 */
class RealClientsHandshakeTest {
    private static final Path NODE_MODULES = Path.of("..", "e2e", "node_modules").toAbsolutePath().normalize();
    private static final RsaKey KEY = Fixtures.key1();

    @TempDir
    static Path dir;
    private static Path script;
    private static Path pem;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(NODE_MODULES.resolve("telegram"))
                && Files.isDirectory(NODE_MODULES.resolve("@mtcute/core"))
                && Files.isDirectory(NODE_MODULES.resolve("@mtproto/core")), "e2e/node_modules not installed");
        Assumptions.assumeTrue(nodeWorks(), "node not available");
        script = dir.resolve("handshake-bridge.mjs");
        Files.writeString(script, Fixtures.resource("/xcheck/handshake-bridge.mjs"));
        pem = dir.resolve("server.pem");
        Files.writeString(pem, KEY.publicPkcs1Pem());
    }

    private record Run(String clientKey, List<AuthKeyCreated> created, List<String> log) {
    }

    @ParameterizedTest
    @CsvSource({
            "gramjs,        0",    // p_q_inner_data + RSA_PAD
            "mtcute,        0",    // p_q_inner_data_dc + RSA_PAD
            "mtcute-temp,   3600", // p_q_inner_data_temp_dc + RSA_PAD
            "mtcute-legacy, 0",    // p_q_inner_data_dc + legacy RSA (mtcute's path for "old" keys)
            "mtproto-core,  0",    // p_q_inner_data + legacy RSA
    })
    void clientCompletesTheExchange(String client, int expiresIn) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            // Every client drops a leading zero byte of the key (1 run in 256) and then fails its own hash check;
            // that is the clients' bug, so such a run is repeated rather than reported.
            for (int attempt = 0; ; attempt++) {
                Run run = run(client);
                AuthKeyCreated last = run.created().isEmpty() ? null : run.created().getLast();
                boolean leadingZero = last != null && last.key().key()[0] == 0;
                if (run.clientKey() == null && leadingZero && attempt < 3) continue;
                assertThat(run.clientKey()).as(String.join("\n", run.log())).isNotNull();
                assertThat(last).isNotNull();
                assertThat(run.clientKey()).isEqualTo(HexFormat.of().formatHex(last.key().key()));
                assertThat(last.expiresIn()).isEqualTo(expiresIn);
                return;
            }
        });
    }

    private static Run run(String client) throws IOException, InterruptedException {
        ServerHandshake server = new ServerHandshake(List.of(KEY), 2, Clock.systemUTC(), new SecureRandom(), id -> false);
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), NODE_MODULES.toString(), client, pem.toString());
        pb.environment().put("FINGERPRINT", Long.toString(KEY.fingerprint()));
        pb.redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<AuthKeyCreated> created = new ArrayList<>();
        List<String> log = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = p.outputWriter(StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.add(line.length() > 120 ? line.substring(0, 120) + "…" : line);
                if (line.startsWith("REQ ")) {
                    byte[] packet = HexFormat.of().parseHex(line.substring(4));
                    ServerHandshake.Step step = server.handle(PlainMessage.decode(packet, 0, packet.length).body());
                    if (step.completed() != null) created.add(step.completed());
                    out.write(HexFormat.of().formatHex(PlainMessage.encode(4L << 32 | 1, step.response())) + "\n");
                    out.flush();
                } else if (line.startsWith("KEY ")) {
                    return new Run(line.substring(4), created, log);
                } else if (line.startsWith("ERR ")) {
                    return new Run(null, created, log);
                }
            }
            return new Run(null, created, log);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
