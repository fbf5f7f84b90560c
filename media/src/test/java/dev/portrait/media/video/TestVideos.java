package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Input videos for the tests, generated once per JVM with ffmpeg itself (lavfi sources) and kept in a temp directory
 * that is deleted when the JVM exits.
 */
final class TestVideos {
    static final String REQUIRE_SYSTEM = "PORTRAIT_REQUIRE_SYSTEM_FFMPEG";

    private static volatile TestVideos instance;

    final VideoTools generator;
    private final Path dir;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    private TestVideos(VideoTools generator, Path dir) {
        this.generator = generator;
        this.dir = dir;
    }

    static TestVideos get() {
        if (instance == null) {
            synchronized (TestVideos.class) {
                if (instance == null) {
                    try {
                        Path dir = Files.createTempDirectory("portrait-test-videos");
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.deleteRecursively(dir)));
                        instance = new TestVideos(VideoTools.find(), dir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    /** The system tools, or skip (fail when PORTRAIT_REQUIRE_SYSTEM_FFMPEG is set). */
    static VideoTools systemOrSkip() {
        try {
            return VideoTools.system();
        } catch (IllegalStateException e) {
            String require = System.getenv(REQUIRE_SYSTEM);
            if (require != null && !require.isEmpty()) {
                fail(REQUIRE_SYSTEM + " is set but the system ffmpeg is not usable: " + e.getMessage());
            }
            assumeTrue(false, "no system ffmpeg/ffprobe on PATH (" + e.getMessage() + "); apt-get install ffmpeg");
            return null;
        }
    }

    // ---- inputs ---------------------------------------------------------------------------------------------------

    /** 3 s, 800×800, 30 fps H.264 yuv420p, moov first: red for the first second, green for the second, blue after. */
    byte[] rgb800() {
        return make("rgb800.mp4", List.of(
                "-f", "lavfi", "-i", "color=c=red:s=800x800:r=30:d=1",
                "-f", "lavfi", "-i", "color=c=lime:s=800x800:r=30:d=1",
                "-f", "lavfi", "-i", "color=c=blue:s=800x800:r=30:d=1",
                "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]"),
                h264(), "-movflags", "+faststart");
    }

    /** 3 s 800×800 H.264 test pattern (testsrc2): the benchmark's kind of input. */
    byte[] pattern800() {
        return make("pattern800.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=800x800:r=30:d=3",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
    }

    /** 2 s 480×480 HEVC (skips the test when no tool source has libx265). */
    byte[] hevc480() {
        VideoTools x265 = withEncoder("libx265");
        assumeTrue(x265 != null, "no libx265 in any ffmpeg here (the bytedeco LGPL build has none; "
                + "apt-get install ffmpeg brings one)");
        return make(x265, "hevc480.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=480x480:r=25:d=2",
                "-pix_fmt", "yuv420p", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
                "-tag:v", "hvc1", "-movflags", "+faststart"));
    }

    /** 2 s 1000×1000 H.264 with an AAC audio track, the audio first (stream 0, video stream 1). */
    byte[] withAudio1000() {
        return make("audio1000.mp4", List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-f", "lavfi", "-i", "testsrc2=s=1000x1000:r=25:d=2", "-map", "0:a", "-map", "1:v",
                "-pix_fmt", "yuv420p"), h264(), "-c:a", "aac", "-shortest");
    }

    /**
     * 1 s 400×400 H.264, red in the top half and blue in the bottom half of the coded picture, with a display matrix
     * saying "rotate by 90°": shown upright, red and blue are side by side.
     */
    byte[] rotated90() {
        byte[] plain = make("halves400.mp4", List.of("-f", "lavfi", "-i", "color=c=red:s=400x200:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=blue:s=400x200:r=25:d=1",
                "-filter_complex", "[0][1]vstack,format=yuv420p[v]", "-map", "[v]"), h264());
        Path in = dir.resolve("halves400.mp4");
        assert plain.length > 0;
        // ffmpeg 6+ has the input option -display_rotation; 5.x writes the matrix from the "rotate" tag
        List<String> args = generator.version().startsWith("5.") || generator.version().startsWith("4.")
                ? List.of("-i", in.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90")
                : List.of("-display_rotation:v:0", "90", "-i", in.toString(), "-c", "copy");
        return make(generator, "rotated400.mp4", args);
    }

    /** 1 s 640×480. */
    byte[] nonSquare() {
        return make("nonsquare.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=1",
                "-pix_fmt", "yuv420p"), h264());
    }

    /** 12 s (over the 10 s limit), 160×160. */
    byte[] tooLong() {
        return make("long12.mp4", List.of("-f", "lavfi", "-i", "color=c=gray:s=160x160:r=10:d=12",
                "-pix_fmt", "yuv420p"), h264());
    }

    /** 1 s 100×100 (under the 160 px minimum). */
    byte[] tooSmall() {
        return make("small100.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=100x100:r=25:d=1",
                "-pix_fmt", "yuv420p"), h264());
    }

    /** 1400×1400 (over the 1280 px maximum), 0.3 s. */
    byte[] tooBig() {
        return make("big1400.mp4", List.of("-f", "lavfi", "-i", "color=c=gray:s=1400x1400:r=10:d=0.3",
                "-pix_fmt", "yuv420p"), h264());
    }

    /** 1 s of 160×160 at 1000 fps (1000 frames): valid, and what an attacker sends to make every frame cost. */
    byte[] fps1000() {
        return make("fps1000.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=160x160:r=1000:d=1",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
    }

    /** 1 s of 320×320 at 240 fps, what phones record slow motion at: within the budget, over u's and p's rates. */
    byte[] fps240() {
        return make("fps240.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=320x320:r=240:d=1",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
    }

    /** 5 s of 1280×1280 at 60 fps (300 frames): within every budget, and seconds of CPU to transcode. */
    byte[] dear1280() {
        return make("dear1280.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=1280x1280:r=60:d=5",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
    }

    /** 0.5 s 160×160: cheap, for the concurrency tests. */
    byte[] small160() {
        return make("small160.mp4", List.of("-f", "lavfi", "-i", "color=c=red:s=160x160:r=10:d=0.5",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
    }

    /** 1 s 320×320 VP9 in WebM. */
    byte[] vp9Webm() {
        VideoTools vpx = withEncoder("libvpx-vp9");
        assumeTrue(vpx != null, "no libvpx-vp9 encoder here");
        return make(vpx, "vp9.webm", List.of("-f", "lavfi", "-i", "testsrc2=s=320x320:r=25:d=1",
                "-pix_fmt", "yuv420p", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
                "-f", "webm"));
    }

    /** 1 s 320×320 MPEG-4 part 2 in MP4: right container, wrong codec. */
    byte[] mpeg4InMp4() {
        return make(generator, "mpeg4.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=320x320:r=25:d=1",
                "-pix_fmt", "yuv420p", "-c:v", "mpeg4"));
    }

    /** A 2 s 320×320 H.264 with the moov atom first, cut in half: ffprobe still reads it as 2 s. */
    byte[] truncatedMoovFirst() {
        byte[] full = make("trunc-src-fast.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=320x320:r=25:d=2",
                "-pix_fmt", "yuv420p"), h264(), "-movflags", "+faststart");
        return Arrays.copyOf(full, full.length / 2);
    }

    /** A 2 s 320×320 H.264 with the moov atom last, cut in half: no moov at all. */
    byte[] truncatedMoovLast() {
        byte[] full = make("trunc-src-end.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=320x320:r=25:d=2",
                "-pix_fmt", "yuv420p"), h264());
        return Arrays.copyOf(full, full.length / 2);
    }

    static byte[] randomBytes() {
        byte[] b = new byte[64 * 1024];
        new Random(42).nextBytes(b);
        return b;
    }

    static byte[] jpeg() {
        return image("jpg");
    }

    static byte[] gif() {
        return image("gif");
    }

    private static byte[] image(String format) {
        BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 400, 400);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- ffmpeg/ffprobe helpers -----------------------------------------------------------------------------------

    private List<String> h264() {
        if (generator.encoders().contains("libx264")) {
            return List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23");
        }
        return List.of("-c:v", "libopenh264", "-rc_mode", "bitrate", "-b:v", "1500k");
    }

    private static VideoTools withEncoder(String encoder) {
        List<VideoTools> candidates = new ArrayList<>();
        try {
            candidates.add(VideoTools.system());
        } catch (IllegalStateException ignored) {
            // no system ffmpeg
        }
        candidates.add(VideoTools.bytedeco());
        return candidates.stream().filter(t -> t.encoders().contains(encoder)).findFirst().orElse(null);
    }

    private byte[] make(String name, List<String> input, List<String> codec, String... more) {
        List<String> args = new ArrayList<>(input);
        args.addAll(codec);
        args.addAll(List.of(more));
        return make(generator, name, args);
    }

    private byte[] make(VideoTools tools, String name, List<String> args) {
        return cache.computeIfAbsent(name, n -> {
            Path out = dir.resolve(n);
            List<String> cmd = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner",
                    "-loglevel", "error"));
            cmd.addAll(args);
            cmd.addAll(List.of("-y", out.toString()));
            run(tools, cmd);
            try {
                byte[] b = Files.readAllBytes(out);
                if (b.length == 0) {
                    throw new IllegalStateException("ffmpeg wrote nothing for " + n);
                }
                return b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs a command with the tools' environment; returns stdout; fails on a non-zero exit. */
    static String run(VideoTools tools, List<String> cmd) {
        try {
            Path err = Files.createTempFile("ffmpeg-test", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().clear();
                pb.environment().putAll(tools.environment());
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                pb.redirectError(err.toFile());
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + cmd);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("exit " + p.exitValue() + ": " + cmd + "\n"
                            + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ffprobe of bytes (written to a temp file) as parsed JSON. */
    static VideoAvatars.Probe probe(VideoTools tools, byte[] mp4) throws Exception {
        Path f = Files.createTempFile("probe", ".mp4");
        try {
            Files.write(f, mp4);
            String json = run(tools, List.of(tools.ffprobe().toString(), "-v", "error", "-print_format", "json",
                    "-show_format", "-show_streams", f.toString()));
            return VideoAvatars.parse(json.getBytes(StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** "size,pts" of every video packet, one a line: equal lists mean the stream was copied, not re-encoded. */
    static List<String> packets(VideoTools tools, byte[] mp4) throws IOException {
        Path f = Files.createTempFile("packets", ".mp4");
        try {
            Files.write(f, mp4);
            String csv = run(tools, List.of(tools.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "packet=size,pts,flags", "-of", "csv=p=0", f.toString()));
            return csv.lines().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
