package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoToolsTest {
    @Test
    void bytedecoProgramsComeFromTheJarAndRun() {
        VideoTools t = VideoTools.bytedeco();
        assertThat(t.origin()).isEqualTo("bytedeco");
        assertThat(t.version()).isEqualTo("8.0.1");
        assertThat(t.describe()).isEqualTo("bytedeco ffmpeg 8.0.1");
        assertThat(Files.isExecutable(t.ffmpeg())).isTrue();
        assertThat(Files.isExecutable(t.ffprobe())).isTrue();
        assertThat(t.environment()).containsKey("LD_LIBRARY_PATH");
        assertThat(t.encoders()).contains("png", "aac").containsAnyOf("libopenh264", "libx264");
        assertThat(VideoTools.bytedeco()).isSameAs(t);
    }

    @Test
    void systemProgramsWhenOnPath() {
        VideoTools t = TestVideos.systemOrSkip();
        assertThat(t.origin()).isEqualTo("system");
        assertThat(t.version()).isNotBlank();
        assertThat(t.ffmpeg().getFileName().toString()).isEqualTo("ffmpeg");
        assertThat(t.ffprobe().getFileName().toString()).isEqualTo("ffprobe");
        assertThat(t.environment()).doesNotContainKey("LD_LIBRARY_PATH");
        assertThat(VideoTools.find()).isEqualTo(t);
    }

    @Test
    void findAlwaysFindsSomething() {
        VideoTools t = VideoTools.find();
        assertThat(t.origin()).isIn("system", "bytedeco");
    }

    /**
     * On a machine without PulseAudio/ALSA/XCB the bytedeco programs start only thanks to the stand-in libraries. This
     * machine may have the real ones, so put stand-ins for all of them first on the library path and check that the
     * programs still run and encode.
     */
    @Test
    void bytedecoProgramsRunWithStandInsForAllDeviceLibraries(@TempDir Path stubs) throws Exception {
        VideoTools t = VideoTools.bytedeco();
        for (String lib : StubLibrary.REPLACEABLE) {
            StubLibrary.write(stubs, lib);
        }
        Map<String, String> env = t.environment();
        env.put("LD_LIBRARY_PATH", t.ffmpeg().getParent() + File.pathSeparator + stubs);
        Path out = stubs.resolve("out.mp4");
        List<String> cmd = new ArrayList<>(List.of(t.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel",
                "error", "-f", "lavfi", "-i", "testsrc2=s=160x160:r=10:d=0.5", "-pix_fmt", "yuv420p", "-c:v",
                t.encoders().contains("libx264") ? "libx264" : "libopenh264", "-y", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("LD_DEBUG", "libs");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        assertThat(Files.size(out)).isPositive();
        // the loader really took the stand-ins
        assertThat(log).contains(stubs.resolve("libpulse.so.0").toString());
    }

    @Test
    void standInsAreSmallElfObjectsAndOnlyForDeviceLibraries(@TempDir Path dir) throws Exception {
        byte[] b = StubLibrary.bytes("libpulse.so.0");
        assertThat(b).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(b.length).isLessThan(1024);
        Path p = StubLibrary.write(dir, "libpulse.so.0");
        assertThat(Files.readAllBytes(p)).isEqualTo(b);
        assertThat(StubLibrary.write(dir, "libpulse.so.0")).isEqualTo(p); // idempotent
        assertThatThrownBy(() -> StubLibrary.write(dir, "libc.so.6")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stubDirectoryIsASiblingOfTheLibraries() {
        Path libs = Path.of("/cache/ffmpeg.jar/org/bytedeco/ffmpeg/linux-x86_64");
        assertThat(VideoTools.stubDirectory(libs))
                .isEqualTo(Path.of("/cache/ffmpeg.jar/org/bytedeco/ffmpeg/linux-x86_64-portrait-stubs"));
    }
}
