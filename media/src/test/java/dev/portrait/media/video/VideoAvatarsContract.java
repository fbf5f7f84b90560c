package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portrait.media.MediaException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviour of {@link VideoAvatars}, run once per tool source (system, bytedeco). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VideoAvatarsContract {
    @TempDir
    Path tempRoot;

    VideoTools tools;
    VideoAvatars avatars;
    TestVideos videos;

    abstract VideoTools tools();

    @BeforeAll
    void setUp() {
        tools = tools();
        videos = TestVideos.get();
        avatars = new VideoAvatars(tools, VideoLimits.defaults(), tempRoot, 2);
    }

    @AfterAll
    void tearDown() {
        if (avatars != null) { // null when setUp was skipped (no system ffmpeg)
            avatars.close();
        }
    }

    @AfterEach
    void nothingLeft() throws Exception {
        if (tempRoot == null || !Files.isDirectory(tempRoot)) {
            return;
        }
        try (Stream<Path> left = Files.list(tempRoot)) {
            assertThat(left.toList()).as("job directories left in " + tempRoot).isEmpty();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("child processes left").isEmpty();
    }

    @Test
    void describesItsTools() {
        assertThat(avatars.describe()).startsWith(tools.origin() + " ffmpeg " + tools.version());
        assertThat(avatars.h264Encoder()).isIn("libx264", "libopenh264");
    }

    @Test
    void copiesAnAlready800H264StreamAndMakesP160AndAStill() throws Exception {
        byte[] source = videos.rgb800();
        VideoAvatar a = avatars.process(source, null);

        assertThat(a.startTs()).isZero();
        assertThat(a.source().codec()).isEqualTo("h264");
        assertThat(a.source().width()).isEqualTo(800);
        assertThat(a.source().height()).isEqualTo(800);
        assertThat(a.source().duration()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(a.source().hasAudio()).isFalse();
        assertThat(a.source().container()).contains("mp4");

        assertVideo(a.u(), "u", 800);
        assertVideo(a.p(), "p", 160);
        // the same packets: the stream was copied, not re-encoded
        assertThat(TestVideos.packets(tools, a.u().mp4())).isEqualTo(TestVideos.packets(tools, source));
        assertThat(TestVideos.packets(tools, a.p().mp4())).isNotEqualTo(TestVideos.packets(tools, source));
        assertMoovFirst(a.u().mp4());
        assertMoovFirst(a.p().mp4());

        BufferedImage still = png(a.still());
        assertThat(still.getWidth()).isEqualTo(800);
        assertThat(still.getHeight()).isEqualTo(800);
        assertColour(still, 0xFF0000);
    }

    /**
     * A relative temp root (what `portrait serve --data-dir some/dir` gives the server) works too: the programs run in
     * the job directory, so the paths on their command lines must not be relative to the JVM's directory.
     */
    @Test
    void aRelativeTempRootWorks() throws Exception {
        Path relative = Path.of("target", "relative-video-tmp-" + System.nanoTime());
        assertThat(relative.isAbsolute()).isFalse();
        try (VideoAvatars here = new VideoAvatars(tools, VideoLimits.defaults(), relative, 1)) {
            VideoAvatar a = here.process(videos.rgb800(), 1.5);
            assertVideo(a.u(), "u", 800);
            assertColour(png(a.still()), 0x00FF00);
        } finally {
            try (Stream<Path> s = Files.exists(relative) ? Files.walk(relative) : Stream.empty()) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Frame-accurate: the colour changes at 1.0 s and 2.0 s (frames 30 and 60 at 30 fps). */
    @ParameterizedTest
    @MethodSource("stills")
    void stillIsTheFrameAtStartTs(double ts, int rgb) throws Exception {
        VideoAvatar a = avatars.process(videos.rgb800(), ts);
        assertThat(a.startTs()).isEqualTo(ts);
        BufferedImage still = png(a.still());
        assertThat(still.getWidth()).isEqualTo(800);
        assertColour(still, rgb);
    }

    static Stream<Arguments> stills() {
        return Stream.of(Arguments.of(0.95, 0xFF0000), Arguments.of(1.0, 0x00FF00), Arguments.of(2.5, 0x0000FF),
                Arguments.of(3.0, 0x0000FF)); // 3.0 = the duration: after the last frame, which is taken
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -0.5, 3.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesAStartTsOutsideTheVideo(double ts) {
        assertInvalid(() -> avatars.process(videos.rgb800(), ts));
    }

    @Test
    void reencodesHevcToH264() throws Exception {
        byte[] source = videos.hevc480();
        VideoAvatar a = avatars.process(source, 1.0);
        assertThat(a.source().codec()).isEqualTo("hevc");
        assertThat(a.source().width()).isEqualTo(480);
        assertVideo(a.u(), "u", 480);
        assertVideo(a.p(), "p", 160);
        assertThat(png(a.still()).getWidth()).isEqualTo(480);
        assertThat(png(a.still()).getHeight()).isEqualTo(480);
    }

    @Test
    void scalesDownTo800AndDropsAudio() throws Exception {
        VideoAvatar a = avatars.process(videos.withAudio1000(), 0.5);
        assertThat(a.source().hasAudio()).isTrue();
        assertThat(a.source().width()).isEqualTo(1000);
        assertVideo(a.u(), "u", 800);
        assertVideo(a.p(), "p", 160);
        BufferedImage still = png(a.still());
        assertThat(still.getWidth()).isEqualTo(1000);
        assertThat(still.getHeight()).isEqualTo(1000);
    }

    @Test
    void reencodesARotatedSquareVideoUpright() throws Exception {
        byte[] source = videos.rotated90();
        assertThat(TestVideos.probe(tools, source).video().getFirst().rotation()).isIn(90, 270);
        VideoAvatar a = avatars.process(source, null);
        assertVideo(a.u(), "u", 400);
        // not copied (a copy would keep the matrix, which avatar players ignore), and upright: no rotation left
        assertThat(TestVideos.packets(tools, a.u().mp4())).isNotEqualTo(TestVideos.packets(tools, source));
        assertThat(TestVideos.probe(tools, a.u().mp4()).video().getFirst().rotation()).isZero();
        // the still is turned too: red and blue side by side, not one above the other
        BufferedImage still = png(a.still());
        int left = still.getRGB(40, 200) & 0xFFFFFF;
        int right = still.getRGB(360, 200) & 0xFFFFFF;
        assertThat(java.util.Set.of(dominant(left), dominant(right))).containsExactlyInAnyOrder("red", "blue");
        assertThat(dominant(still.getRGB(40, 40) & 0xFFFFFF)).isEqualTo(dominant(still.getRGB(40, 360) & 0xFFFFFF));
    }

    private static String dominant(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int b = rgb & 0xFF;
        return r > b ? "red" : "blue";
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("640x480 (not square)", (Supplier<byte[]>) () -> TestVideos.get().nonSquare()),
                Arguments.of("12 s (too long)", (Supplier<byte[]>) () -> TestVideos.get().tooLong()),
                Arguments.of("100x100 (too small)", (Supplier<byte[]>) () -> TestVideos.get().tooSmall()),
                Arguments.of("1400x1400 (too big)", (Supplier<byte[]>) () -> TestVideos.get().tooBig()),
                Arguments.of("VP9 WebM", (Supplier<byte[]>) () -> TestVideos.get().vp9Webm()),
                Arguments.of("MPEG-4 part 2 in MP4", (Supplier<byte[]>) () -> TestVideos.get().mpeg4InMp4()),
                Arguments.of("1000 fps (over 240)", (Supplier<byte[]>) () -> TestVideos.get().fps1000()),
                Arguments.of("truncated, moov first", (Supplier<byte[]>) () -> TestVideos.get().truncatedMoovFirst()),
                Arguments.of("truncated, moov last", (Supplier<byte[]>) () -> TestVideos.get().truncatedMoovLast()),
                Arguments.of("random bytes", (Supplier<byte[]>) TestVideos::randomBytes),
                Arguments.of("a JPEG", (Supplier<byte[]>) TestVideos::jpeg),
                Arguments.of("a GIF", (Supplier<byte[]>) TestVideos::gif),
                Arguments.of("empty", (Supplier<byte[]>) () -> new byte[0]),
                Arguments.of("over 10 MiB", (Supplier<byte[]>) () -> new byte[10 * 1024 * 1024 + 1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refuses(String what, Supplier<byte[]> input) {
        byte[] bytes = input.get();
        assertInvalid(() -> avatars.process(bytes, null));
    }

    @Test
    void refusesNull() {
        assertInvalid(() -> avatars.process(null, null));
    }

    @Test
    void aTimeoutIsInvalidQuicklyAndLeavesNoProcess() throws Exception {
        // a source that must be scaled and encoded (800x800 H.264 is copied, which a fast machine finishes in 200 ms)
        byte[] source = videos.withAudio1000();
        for (Duration timeout : List.of(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(100))) {
            try (VideoAvatars hurried = new VideoAvatars(tools, VideoLimits.defaults().withTimeout(timeout),
                    tempRoot, 1)) {
                long start = System.nanoTime();
                assertInvalid(() -> hurried.process(source, null));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(ms).as("refusal time with a " + timeout + " timeout").isLessThan(3000);
                assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
            }
        }
    }

    @Test
    void framesAboveTheOutputRatesAreDroppedBeforeScaling() throws Exception {
        VideoAvatar a = avatars.process(videos.fps240(), null);
        assertVideo(a.u(), "u", 320);
        assertVideo(a.p(), "p", 160);
        // 1 s of 240 fps: u at 60 fps and p at 30, not copied with all 240 frames
        assertThat(Mp4Boxes.read(a.u().mp4()).tracks().getFirst().samples()).isBetween(55L, 62L);
        assertThat(Mp4Boxes.read(a.p().mp4()).tracks().getFirst().samples()).isBetween(27L, 32L);
        String graph = VideoAvatars.filterGraph(0, 320, 320, 0, false, 240);
        assertThat(graph).contains("[u0]fps=60,scale=", "[p0]fps=30,scale=", "trim=end_frame=1,scale=");
        assertThat(VideoAvatars.filterGraph(0, 800, 800, 0, true, 30)).doesNotContain("fps=");
    }

    @Test
    void theDecodeBudgetIsCheckedBeforeAnythingIsDecoded() throws Exception {
        byte[] source = videos.pattern800(); // 3 s, 90 frames of 800x800: 57.6 M decoded pixels
        VideoLimits d = VideoLimits.defaults();
        for (VideoLimits budget : List.of(d.withDecodeBudget(29, d.maxFrames(), d.maxDecodedPixels()),
                d.withDecodeBudget(d.maxFrameRate(), 89, d.maxDecodedPixels()),
                d.withDecodeBudget(d.maxFrameRate(), d.maxFrames(), 57_000_000))) {
            try (VideoAvatars strict = new VideoAvatars(tools, budget, tempRoot, 1)) {
                assertInvalid(() -> strict.process(source, null));
            }
        }
        try (VideoAvatars exact = new VideoAvatars(tools, d.withDecodeBudget(30.1, 90, 57_600_000), tempRoot, 1)) {
            assertThat(exact.process(source, null).u().mp4()).isNotEmpty();
        }
    }

    @Test
    void aProcessOverItsCpuBudgetIsKilledAndTheJobIsInvalid() throws Exception {
        byte[] dear = videos.dear1280();
        try (VideoAvatars strict = new VideoAvatars(tools, VideoLimits.defaults().withCpuSeconds(1), tempRoot, 1)) {
            assertInvalid(() -> strict.process(dear, null));
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        }
        assertThat(avatars.process(dear, null).u().mp4()).as("within the default budget").isNotEmpty();
    }

    @Test
    void aMemoryLimitHitIsInvalid() {
        VideoLimits d = VideoLimits.defaults();
        VideoLimits tiny = new VideoLimits(d.minSide(), d.maxSide(), d.maxSeconds(), d.maxBytes(), d.outputSide(),
                d.timeout(), 16L << 20);
        try (VideoAvatars starved = new VideoAvatars(tools, tiny, tempRoot, 1)) {
            assertInvalid(() -> starved.process(videos.rgb800(), null));
        }
    }

    @Test
    void closeRefusesNewJobs() {
        VideoAvatars closed = new VideoAvatars(tools, VideoLimits.defaults(), tempRoot, 1);
        closed.close();
        assertThatThrownBy(() -> closed.process(videos.small160(), null)).isInstanceOf(IllegalStateException.class);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    void assertVideo(EncodedVideo v, String type, int side) throws Exception {
        assertThat(v.type()).isEqualTo(type);
        assertThat(v.width()).isEqualTo(side);
        assertThat(v.height()).isEqualTo(side);
        VideoAvatars.Probe probe = TestVideos.probe(tools, v.mp4());
        assertThat(probe.formatName()).contains("mp4");
        assertThat(probe.streams()).hasSize(1);
        VideoAvatars.Stream s = probe.streams().getFirst();
        assertThat(s.type()).isEqualTo("video");
        assertThat(s.codec()).isEqualTo("h264");
        assertThat(s.pixFmt()).isEqualTo("yuv420p");
        assertThat(s.width()).isEqualTo(side);
        assertThat(s.height()).isEqualTo(side);
        assertThat(probe.hasAudio()).isFalse();
        assertThat(probe.duration()).isGreaterThan(0.3);
    }

    static void assertMoovFirst(byte[] mp4) {
        // top-level boxes: ftyp, then moov before mdat (faststart)
        int moov = indexOf(mp4, "moov");
        int mdat = indexOf(mp4, "mdat");
        assertThat(moov).isPositive();
        assertThat(moov).isLessThan(mdat);
    }

    private static int indexOf(byte[] b, String box) {
        byte[] t = box.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static BufferedImage png(byte[] bytes) throws Exception {
        assertThat(VideoAvatars.pngSize(bytes)).isNotNull();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(img).isNotNull();
        return img;
    }

    static void assertColour(BufferedImage img, int rgb) {
        int c = img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xFFFFFF;
        for (int shift : new int[] {16, 8, 0}) {
            int got = (c >> shift) & 0xFF;
            int want = (rgb >> shift) & 0xFF;
            assertThat(Math.abs(got - want)).as("colour %06x vs %06x", c, rgb).isLessThan(48);
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    static void assertInvalid(Call call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MediaException.class,
                e -> assertThat(e.rpcError()).isEqualTo(MediaException.VIDEO_FILE_INVALID));
    }
}
