package dev.portrait.bench;

import dev.portrait.media.video.VideoAvatar;
import dev.portrait.media.video.VideoAvatars;
import dev.portrait.media.video.VideoLimits;
import dev.portrait.media.video.VideoTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times {@link VideoAvatars#process} on a 3 s 800×800 H.264 video avatar (lavfi {@code testsrc2}, 30 fps, generated
 * once with ffmpeg), with each tool source present (system ffmpeg when on PATH, the bytedeco jar always). Not JMH: one
 * operation is a few child processes and takes about a second. Also times a 3 s 1080×1080 source, which cannot be
 * copied and so measures the re-encode path. Prints min/median/max milliseconds of N runs after 2 warm-up runs.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.portrait.bench.VideoAvatarBenchmark [N]}
 */
public final class VideoAvatarBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<VideoTools> sources = new ArrayList<>();
        try {
            sources.add(VideoTools.system());
        } catch (IllegalStateException e) {
            System.out.println("no system ffmpeg: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        sources.add(VideoTools.bytedeco());
        System.out.printf("bytedeco tools ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        Path work = LoadRuns.tempDir("video-bench");
        try {
            VideoTools generator = sources.getFirst();
            byte[] v800 = generate(generator, work, 800);
            byte[] v1080 = generate(generator, work, 1080);
            System.out.printf("inputs made with %s: 800x800 %d bytes, 1080x1080 %d bytes%n", generator.describe(),
                    v800.length, v1080.length);
            for (VideoTools tools : sources) {
                try (VideoAvatars avatars = new VideoAvatars(tools, VideoLimits.defaults(), work.resolve("jobs"), 1)) {
                    run(avatars, "800x800 H.264 3 s", v800, n);
                    run(avatars, "1080x1080 H.264 3 s", v1080, n);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(VideoAvatars avatars, String what, byte[] video, int n) throws Exception {
        VideoAvatar first = null;
        for (int i = 0; i < 2; i++) {
            first = avatars.process(video, 1.5);
        }
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            avatars.process(video, 1.5);
            ms[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        Arrays.sort(ms);
        // u copied from the source is (nearly) the source's size; re-encoded it is not
        boolean copied = Math.abs(first.u().mp4().length - video.length) < video.length / 20;
        System.out.printf("%-40s %-20s u %dpx %s %,d B (source %,d B), p %,d B, still %,d B: n=%d min %d / median %d"
                + " / max %d ms%n", avatars.describe(), what, first.u().width(), copied ? "copied" : "encoded",
                first.u().mp4().length, video.length, first.p().mp4().length, first.still().length, n, ms[0],
                ms[n / 2], ms[n - 1]);
    }

    private static byte[] generate(VideoTools tools, Path dir, int side) throws Exception {
        Path out = dir.resolve("input-" + side + ".mp4");
        boolean x264 = encoders(tools).contains(" libx264 ");
        List<String> cmd = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=" + side + "x" + side + ":r=30:d=3",
                "-pix_fmt", "yuv420p"));
        cmd.addAll(x264 ? List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23")
                : List.of("-c:v", "libopenh264", "-rc_mode", "bitrate", "-b:v", "1500k"));
        cmd.addAll(List.of("-movflags", "+faststart", "-y", out.toString()));
        exec(tools, cmd);
        return Files.readAllBytes(out);
    }

    private static String encoders(VideoTools tools) throws Exception {
        return exec(tools, List.of(tools.ffmpeg().toString(), "-hide_banner", "-encoders"));
    }

    private static String exec(VideoTools tools, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(tools.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
        return out;
    }
}
