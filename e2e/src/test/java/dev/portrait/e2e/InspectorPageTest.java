package dev.portrait.e2e;

import dev.portrait.inspector.Inspector;
import dev.portrait.media.video.VideoTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector's page in a real browser (Debian's chromium through playwright-core) while gramjs clients use the
 * server: clients/inspector-page.mjs says what it checks. Screenshots are kept in target/e2e-logs/inspector-page.
 */
class InspectorPageTest {
    @Test
    void thePageFollowsRealClientsLiveAndItsFaultRuleReachesThem() throws Exception {
        assertThat(Path.of(System.getenv().getOrDefault("PORTRAIT_CHROMIUM", "/usr/bin/chromium")))
                .as("Debian's chromium (scripts/install-test-tools.sh installs it)").isExecutable();
        try (TestServer server = TestServer.start("portrait-e2e-inspector-", true);
             Inspector inspector = Inspector.attach(new Inspector.Options("127.0.0.1", 0, null), server.server())) {
            Path media = server.tempDir("portrait-e2e-inspector-media-");
            Files.write(media.resolve("photo.jpg"), TestImages.encode(TestImages.picture(1280, 1280, 11), "jpg"));
            Files.write(media.resolve("fallback.jpg"), TestImages.encode(TestImages.picture(400, 400, 12), "jpg"));
            TestImages.mp4(VideoTools.find(), media, "avatar.mp4",
                    List.of("-f", "lavfi", "-i", "testsrc2=s=640x640:r=25:d=2", "-pix_fmt", "yuv420p"));
            Path out = NodeBridge.e2eDir().resolve("target/e2e-logs/inspector-page");

            ScriptRun r = NodeScript.of("inspector", "inspector-page").timeout(150)
                    .args("--inspector", inspector.url(), "--phones", "9996671101,9996671102", "--media", media.toString(),
                            "--out", out.toString())
                    .run(server);

            assertThat(r.text("ok")).as(r.context()).isEqualTo("true");
            assertThat(r.text("steps/codeOnPage")).isEqualTo("77777"); // test mode: the number's 6th digit, five times
            assertThat(r.at("steps/videoPlays/readyState").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(r.at("steps/videoPlays/duration").asDouble()).isPositive();
            assertThat(r.text("steps/viewAsShowsFallback")).isEqualTo(r.text("steps/uploaded/fallback"));
            assertThat(r.text("steps/logMarksInjected")).isEqualTo("injected: 420 FLOOD_WAIT_5");
            assertThat(r.at("steps/phoneDark/overflow").asInt()).isLessThanOrEqualTo(0);
            assertThat(out.resolve("6-phone-dark.png")).isRegularFile();
        }
    }
}
