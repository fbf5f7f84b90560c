package dev.portrait.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gramjs bridge converts its own corpus losslessly (so what the cross-check compares is what gramjs holds). */
class GramjsBridgeSelfTest {
    @Test
    void bridgeIsLossless() throws Exception {
        Process p = new ProcessBuilder("node", "tl/gramjs-codec.mjs", "--self-test")
                .directory(NodeBridge.e2eDir().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("\\d+ passed, 0 failed");
    }
}
