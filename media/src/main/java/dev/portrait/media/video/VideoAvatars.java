package dev.portrait.media.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portrait.media.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded video avatar into the {@code u} and {@code p} video sizes and a still picture, by running ffprobe
 * and ffmpeg as child processes. Thread-safe; meant to be called from virtual threads (each call blocks while its
 * child processes run).
 *
 * <h2>What is taken</h2>
 * An MP4/MOV file (the mov demuxer is forced: nothing else parses the upload) with exactly one video stream (cover-art
 * pictures aside), H.264 or HEVC, square (width = height, square pixels; rotation metadata cannot make a non-square
 * picture square so it changes nothing here), side within [{@link VideoLimits#minSide()}, {@link VideoLimits#maxSide()}],
 * 0 &lt; duration ≤ {@link VideoLimits#maxSeconds()} + 0.05 s, at most {@link VideoLimits#maxBytes()}. Audio and any
 * other streams are dropped. {@code startTs}: null means 0; NaN, infinite, negative or past the duration is refused.
 * Every refusal, and every failure of the programs (crash, timeout, memory limit, missing or short output), is a
 * {@link MediaException} with {@link MediaException#VIDEO_FILE_INVALID}.
 *
 * <h2>What comes out</h2>
 * <ul>
 *   <li>{@code u}: H.264 yuv420p MP4, no audio, moov first, side min(source, {@link VideoLimits#outputSide()}). A
 *       source that is already H.264 yuv420p, unrotated, with even side ≤ outputSide and at most 2.5 Mbit/s is copied
 *       ({@code -c:v copy}), otherwise re-encoded.</li>
 *   <li>{@code p}: the same at 160×160, always encoded.</li>
 *   <li>still: the first frame at or after {@code startTs} (the last frame when none is), PNG, source resolution.</li>
 * </ul>
 * One ffprobe run checks the upload; one ffmpeg run decodes it once and writes all three (split filter); then the two
 * MP4s are checked (read in Java by {@link Mp4Boxes}: one H.264 track of the right size, moov first, duration and, when
 * copied, frame count as the source's; the ffmpeg CLI exits 0 on truncated input and on some allocation failures, so
 * the outputs are what is trusted, not the exit code) and the still's PNG header is checked for the source's size.
 *
 * <h2>Containment</h2>
 * Each job gets a private 0700 directory under {@code tempRoot}, deleted when it ends; the programs run with a
 * replaced environment, stdin from /dev/null, output to files in the job directory, an address-space and file-size
 * limit, and a wall-clock deadline for the whole job after which they are SIGKILLed with their descendants. At most
 * {@code maxConcurrent} jobs run at once; the others wait for their turn (the deadline starts with the turn).
 */
public final class VideoAvatars implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VideoAvatars.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seconds a duration may exceed maxSeconds (container rounding). */
    static final double DURATION_TOLERANCE = 0.05;
    /** Side of the {@code p} animation. */
    static final int SMALL_SIDE = 160;
    /** Frame rates of u and p at most: faster sources lose frames before they are scaled. */
    static final int U_MAX_FPS = 60;
    static final int P_MAX_FPS = 30;
    /** A source above this bit rate is re-encoded even when it could be copied (bits/s). */
    static final long COPY_MAX_BITRATE = 2_500_000;
    private static final long PROBE_OUTPUT_MAX = 1 << 20;

    /** The H.264 encoders we know how to drive, best first. */
    enum H264 {
        LIBX264("libx264"), OPENH264("libopenh264");

        final String ffmpegName;

        H264(String ffmpegName) {
            this.ffmpegName = ffmpegName;
        }

        List<String> options(boolean small) {
            return switch (this) {
                case LIBX264 -> List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                        "-maxrate", small ? "400k" : "2000k", "-bufsize", small ? "800k" : "4000k");
                case OPENH264 -> List.of("-c:v", "libopenh264", "-rc_mode", "bitrate",
                        "-b:v", small ? "120k" : "1000k", "-allow_skip_frames", "0");
            };
        }
    }

    private final VideoTools tools;
    private final VideoLimits limits;
    private final Path tempRoot;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final H264 encoder;
    private final Map<String, String> env;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param tools         the programs to run
     * @param limits        what is accepted and what a job may cost
     * @param tempRoot      where the per-job directories go (created 0700 if missing; a relative path is taken
     *                      relative to the current directory); null for {@code java.io.tmpdir/portrait-video}
     * @param maxConcurrent at most this many jobs at once (each runs up to three 2-thread encoder pipelines)
     * @throws IllegalStateException when the tools have no H.264 encoder we can use (libx264 or libopenh264)
     */
    public VideoAvatars(VideoTools tools, VideoLimits limits, Path tempRoot, int maxConcurrent) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        // Absolute: the programs run with the job directory as their working directory, so a relative root (a
        // relative --data-dir) would make every path on their command lines point nowhere.
        this.tempRoot = (tempRoot != null ? tempRoot
                : Path.of(System.getProperty("java.io.tmpdir"), "portrait-video")).toAbsolutePath();
        this.permits = new Semaphore(maxConcurrent, true);
        Set<String> encoders = tools.encoders();
        H264 chosen = null;
        for (H264 e : H264.values()) {
            if (encoders.contains(e.ffmpegName)) {
                chosen = e;
                break;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException(tools.describe() + " has no H.264 encoder we can use (libx264, "
                    + "libopenh264); it has " + encoders.stream().filter(n -> n.contains("264")).toList());
        }
        this.encoder = chosen;
        this.env = tools.environment();
    }

    /** E.g. "system ffmpeg 5.1.6 (libx264)". */
    public String describe() {
        return tools.describe() + " (" + encoder.ffmpegName + ")";
    }

    /** The H.264 encoder in use: {@code libx264} or {@code libopenh264}. */
    public String h264Encoder() {
        return encoder.ffmpegName;
    }

    public VideoTools tools() {
        return tools;
    }

    public VideoLimits limits() {
        return limits;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Checks and converts one upload.
     *
     * @param video   the uploaded file
     * @param startTs {@code video_start_ts}: seconds of the frame for the still; null for 0
     * @throws MediaException VIDEO_FILE_INVALID for anything refused or failing
     */
    public VideoAvatar process(byte[] video, Double startTs) throws MediaException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (video == null || video.length == 0) {
            throw invalid("empty file");
        }
        if (video.length > limits.maxBytes()) {
            throw invalid(video.length + " bytes is over " + limits.maxBytes());
        }
        double ts = startTs == null ? 0.0 : startTs;
        if (Double.isNaN(ts) || Double.isInfinite(ts) || ts < 0) {
            throw invalid("video_start_ts " + startTs + " is not a time in the video");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("interrupted while waiting for a turn");
        }
        Path job = null;
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            long deadline = System.nanoTime() + limits.timeout().toNanos();
            job = TempDirs.create(tempRoot);
            return run(job, video, ts, deadline);
        } catch (IOException e) {
            log.warn("video avatar job failed on our side: {}", e.toString());
            throw invalid("I/O error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("interrupted");
        } finally {
            if (job != null) {
                TempDirs.deleteRecursively(job);
                if (Files.exists(job)) {
                    log.warn("could not delete the video job directory {}", job);
                }
            }
            permits.release();
        }
    }

    /** Stops accepting jobs and kills the child processes of running ones (they end with VIDEO_FILE_INVALID). */
    @Override
    public void close() {
        closed = true;
        for (Process p : List.copyOf(live)) {
            Exec.kill(p);
        }
    }

    private VideoAvatar run(Path job, byte[] video, double ts, long deadline)
            throws IOException, InterruptedException, MediaException {
        Path input = job.resolve("input.mp4");
        Files.write(input, video, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        Probe src = probe(job, input, "source", deadline);
        Stream v = checkSource(src, video.length);
        if (ts > src.duration) {
            throw invalid("video_start_ts " + ts + " is past the end (" + src.duration + " s)");
        }
        int side = v.width;
        int uSide = Math.min(side, limits.outputSide()) & ~1;
        long bitRate = src.bitRate > 0 ? src.bitRate : Math.round(video.length * 8.0 / src.duration);
        double fps = v.frames / src.duration;
        boolean copy = "h264".equals(v.codec) && "yuv420p".equals(v.pixFmt) && side == uSide && v.rotation == 0
                && "avc1".equals(v.codecTag) && bitRate <= COPY_MAX_BITRATE && fps <= U_MAX_FPS;

        Path u = job.resolve("u.mp4");
        Path p = job.resolve("p.mp4");
        Path still = job.resolve("still.png");
        Exec.Result r = ffmpeg(job, encodeCommand(input, v, side, uSide, ts, copy, fps, u, p, still), "encode",
                deadline);
        boolean haveStill = nonEmpty(still);
        if (!r.ok() && (r.timedOut() || haveStill)) {
            throw failed("encoding", r);
        }
        // A start timestamp after the last frame's gives the still output no frame: ffmpeg 5.1 then exits 0 without
        // writing it, ffmpeg 8 exits 234 ("Nothing was written into output file") after finishing u and p. Either
        // way take the last frame instead; u and p are checked below like always.
        if (!haveStill) {
            if (closed) {
                throw invalid("shut down while encoding");
            }
            Files.deleteIfExists(still);
            Exec.Result last = ffmpeg(job, lastFrameCommand(input, v, side, src.duration, still), "last-frame",
                    deadline);
            if (!last.ok()) {
                throw failed("taking the last frame", last);
            }
        }

        long maxOut = fileSizeLimit();
        byte[] uBytes = Exec.readAtMost(u, maxOut);
        byte[] pBytes = Exec.readAtMost(p, maxOut);
        byte[] png = Exec.readAtMost(still, maxOut);
        if (uBytes == null || pBytes == null || png == null) {
            throw invalid("an output is missing");
        }
        checkOutput(uBytes, "u", uSide, src, v, copy);
        checkOutput(pBytes, "p", SMALL_SIDE, src, v, false);
        int[] dims = pngSize(png);
        if (dims == null || dims[0] != side || dims[1] != side) {
            throw invalid("no usable still frame (" + (dims == null ? "not a PNG" : dims[0] + "x" + dims[1]) + ")");
        }
        VideoInfo info = new VideoInfo(src.formatName, v.codec, v.width, v.height, src.duration, src.hasAudio());
        log.debug("video avatar {}x{} {} {}s -> u {} ({}), p {}, still {} bytes", side, side, v.codec, src.duration,
                uSide, copy ? "copied" : encoder.ffmpegName, SMALL_SIDE, png.length);
        return new VideoAvatar(info, new EncodedVideo("u", uSide, uSide, uBytes),
                new EncodedVideo("p", SMALL_SIDE, SMALL_SIDE, pBytes), png, ts);
    }

    // ---- commands -------------------------------------------------------------------------------------------------

    private List<String> inputArgs(Path input) {
        return List.of("-f", "mov", "-protocol_whitelist", "file", "-i", "file:" + input);
    }

    private List<String> encodeCommand(Path input, Stream v, int side, int uSide, double ts, boolean copy,
            double fps, Path u, Path p, Path still) {
        List<String> c = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error", "-threads", "2"));
        c.addAll(inputArgs(input));
        c.addAll(List.of("-filter_complex", filterGraph(v.index, side, uSide, ts, copy, fps)));
        String maxT = seconds(limits.maxSeconds() + DURATION_TOLERANCE);
        // u
        if (copy) {
            c.addAll(List.of("-map", "0:" + v.index, "-c:v", "copy"));
        } else {
            c.addAll(List.of("-map", "[u]"));
            c.addAll(encoder.options(false));
            c.addAll(List.of("-fpsmax", "60"));
        }
        c.addAll(List.of("-an", "-sn", "-dn", "-t", maxT, "-threads", "2", "-map_metadata", "-1",
                "-map_chapters", "-1", "-movflags", "+faststart", "-f", "mp4", "-y", "file:" + u));
        // p
        c.addAll(List.of("-map", "[p]"));
        c.addAll(encoder.options(true));
        c.addAll(List.of("-fpsmax", "30", "-an", "-sn", "-dn", "-t", maxT, "-threads", "2", "-map_metadata", "-1",
                "-map_chapters", "-1", "-movflags", "+faststart", "-f", "mp4", "-y", "file:" + p));
        // still
        c.addAll(List.of("-map", "[s]", "-frames:v", "1", "-c:v", "png", "-f", "image2", "-update", "1", "-y",
                "file:" + still));
        return c;
    }

    /**
     * The graph that makes u (unless copied), p and the still from one decode. Frames above u's and p's rate are
     * dropped before their scale filters, so a 1000 fps source is not scaled 1000 times a second; the still's branch
     * scales only the one frame it keeps.
     */
    static String filterGraph(int streamIndex, int side, int uSide, double ts, boolean copy, double fps) {
        String pChain = "[p0]" + (fps > P_MAX_FPS ? "fps=" + P_MAX_FPS + "," : "") + "scale=" + SMALL_SIDE + ":"
                + SMALL_SIDE + ":flags=bicubic,setsar=1,format=yuv420p[p]";
        String sChain = "[s0]trim=start=" + seconds(ts) + ",trim=end_frame=1,scale=" + side + ":" + side
                + ":flags=bicubic,setsar=1,format=rgb24[s]";
        String in = "[0:" + streamIndex + "]";
        if (copy) {
            return in + "split=2[p0][s0];" + pChain + ";" + sChain;
        }
        String uChain = "[u0]" + (fps > U_MAX_FPS ? "fps=" + U_MAX_FPS + "," : "") + "scale=" + uSide + ":" + uSide
                + ":flags=bicubic,setsar=1,format=yuv420p[u]";
        return in + "split=3[u0][p0][s0];" + uChain + ";" + pChain + ";" + sChain;
    }

    private List<String> lastFrameCommand(Path input, Stream v, int side, double duration, Path still) {
        List<String> c = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error", "-threads", "2", "-ss", seconds(Math.max(0, duration - 1.0))));
        c.addAll(inputArgs(input));
        c.addAll(List.of("-map", "0:" + v.index, "-vf", "scale=" + side + ":" + side
                + ":flags=bicubic,setsar=1,format=rgb24", "-c:v", "png", "-f", "image2", "-update", "1", "-y",
                "file:" + still));
        return c;
    }

    private Exec.Result ffmpeg(Path job, List<String> command, String name, long deadline)
            throws IOException, InterruptedException {
        return Exec.run(command, env, job, null, job.resolve(name + ".err"), deadline, limits.memoryBytes(),
                fileSizeLimit(), limits.cpuSeconds(), live);
    }

    private long fileSizeLimit() {
        return Math.max(4 * limits.maxBytes(), 64L << 20);
    }

    // ---- probing and checks ---------------------------------------------------------------------------------------

    record Stream(int index, String type, String codec, int width, int height, String pixFmt, String sar,
            String codecTag, long frames, double duration, int rotation, boolean attachedPicture) {}

    record Probe(String formatName, double duration, long bitRate, List<Stream> streams) {
        List<Stream> video() {
            return streams.stream().filter(s -> "video".equals(s.type) && !s.attachedPicture).toList();
        }

        boolean hasAudio() {
            return streams.stream().anyMatch(s -> "audio".equals(s.type));
        }
    }

    private Probe probe(Path job, Path file, String name, long deadline)
            throws IOException, InterruptedException, MediaException {
        List<String> c = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error", "-hide_banner"));
        c.addAll(inputArgs(file));
        // -count_packets demuxes the whole file (no decoding): the frame count the decode budget is checked against
        c.addAll(List.of("-count_packets", "-print_format", "json", "-show_format", "-show_streams"));
        Path out = job.resolve("probe-" + name + ".json");
        Exec.Result r = Exec.run(c, env, job, out, job.resolve("probe-" + name + ".err"), deadline,
                limits.memoryBytes(), fileSizeLimit(), limits.cpuSeconds(), live);
        if (!r.ok()) {
            throw failed("probing " + name, r);
        }
        byte[] json = Exec.readAtMost(out, PROBE_OUTPUT_MAX);
        if (json == null || json.length == 0) {
            throw invalid("ffprobe said nothing (or too much) about " + name);
        }
        return parse(json);
    }

    static Probe parse(byte[] json) throws MediaException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("unreadable ffprobe output");
        }
        JsonNode format = root.path("format");
        List<Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            int rotation = 0;
            for (JsonNode sd : s.path("side_data_list")) {
                if (sd.has("rotation")) {
                    rotation = sd.path("rotation").asInt(0);
                }
            }
            if (rotation == 0 && s.path("tags").has("rotate")) {
                rotation = (int) number(s.path("tags").path("rotate").asText(""));
            }
            rotation = ((rotation % 360) + 360) % 360;
            // the larger of what the container says and what demuxing it found
            double frames = Math.max(number(s.path("nb_frames").asText("-1")),
                    number(s.path("nb_read_packets").asText("-1")));
            streams.add(new Stream(s.path("index").asInt(-1), s.path("codec_type").asText(""),
                    s.path("codec_name").asText(""), s.path("width").asInt(0), s.path("height").asInt(0),
                    s.path("pix_fmt").asText(""), s.path("sample_aspect_ratio").asText(""),
                    s.path("codec_tag_string").asText(""), Double.isNaN(frames) ? -1 : (long) frames,
                    number(s.path("duration").asText("")), rotation,
                    s.path("disposition").path("attached_pic").asInt(0) == 1));
        }
        double bitRate = number(format.path("bit_rate").asText(""));
        double duration = number(format.path("duration").asText(""));
        if (!(duration > 0)) {
            // no container duration: the (first) video stream's
            duration = streams.stream().filter(s -> "video".equals(s.type) && !s.attachedPicture)
                    .mapToDouble(Stream::duration).findFirst().orElse(Double.NaN);
        }
        return new Probe(format.path("format_name").asText(""), duration,
                Double.isNaN(bitRate) ? -1 : (long) bitRate, List.copyOf(streams));
    }

    private Stream checkSource(Probe src, long bytes) throws MediaException {
        String f = src.formatName;
        if (!(f.contains("mp4") || f.contains("mov"))) {
            throw invalid("container " + f + " is not MP4");
        }
        List<Stream> videos = src.video();
        if (videos.size() != 1) {
            throw invalid(videos.size() + " video streams");
        }
        Stream v = videos.getFirst();
        if (!"h264".equals(v.codec) && !"hevc".equals(v.codec)) {
            throw invalid("codec " + v.codec + " is neither H.264 nor HEVC");
        }
        if (v.width <= 0 || v.height <= 0 || v.width != v.height) {
            throw invalid(v.width + "x" + v.height + " is not square");
        }
        if (!squarePixels(v.sar)) {
            throw invalid("pixels are not square (sample aspect ratio " + v.sar + ")");
        }
        if (v.width < limits.minSide() || v.width > limits.maxSide()) {
            throw invalid(v.width + "x" + v.height + " is outside " + limits.minSide() + ".." + limits.maxSide());
        }
        double duration = src.duration;
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw invalid("no duration");
        }
        if (duration > limits.maxSeconds() + DURATION_TOLERANCE) {
            throw invalid(duration + " s is longer than " + limits.maxSeconds() + " s");
        }
        if (bytes > limits.maxBytes()) {
            throw invalid(bytes + " bytes is over " + limits.maxBytes());
        }
        checkDecodeBudget(v, duration);
        return v;
    }

    /** What decoding the whole video would cost, refused before any of it is done. */
    private void checkDecodeBudget(Stream v, double duration) throws MediaException {
        if (v.frames <= 0) {
            throw invalid("no frames");
        }
        if (v.frames / duration > limits.maxFrameRate()) {
            throw invalid(v.frames + " frames in " + duration + " s is over " + limits.maxFrameRate() + " fps");
        }
        if (v.frames > limits.maxFrames()) {
            throw invalid(v.frames + " frames is over " + limits.maxFrames());
        }
        if (v.frames * v.width * (long) v.height > limits.maxDecodedPixels()) {
            throw invalid(v.frames + " frames of " + v.width + "x" + v.height + " is over "
                    + limits.maxDecodedPixels() + " decoded pixels");
        }
    }

    /**
     * Checks an MP4 our ffmpeg run wrote: one H.264 video track of the expected size, moov first, as long as the source
     * (the ffmpeg CLI exits 0 on a truncated input, writing what it could decode) and, when copied, with all of the
     * source's frames.
     */
    private static void checkOutput(byte[] mp4, String type, int side, Probe src, Stream v, boolean copied)
            throws MediaException {
        Mp4Boxes.Info out = Mp4Boxes.read(mp4);
        if (out == null) {
            throw invalid("'" + type + "' is not a well-formed MP4");
        }
        if (out.tracks().size() != 1 || !out.tracks().getFirst().handler().equals("vide") || !out.moovFirst()) {
            throw invalid("'" + type + "' has " + out.tracks().size() + " tracks, moov first: " + out.moovFirst());
        }
        Mp4Boxes.Track t = out.tracks().getFirst();
        if (!t.codec().equals("avc1") || t.width() != side || t.height() != side) {
            throw invalid("'" + type + "' is " + t.codec() + " " + t.width() + "x" + t.height());
        }
        double expected = src.duration;
        double slack = Math.max(0.25, 0.1 * expected);
        double got = t.duration() > 0 ? t.duration() : out.duration();
        if (!(got > 0) || got < expected - slack || t.samples() < 1) {
            throw invalid("'" + type + "' is " + got + " s of a " + expected + " s source: the source is truncated "
                    + "or undecodable");
        }
        if (copied && v.frames > 0 && t.samples() != v.frames) {
            throw invalid("'" + type + "' has " + t.samples() + " of the source's " + v.frames + " frames");
        }
    }

    private static boolean squarePixels(String sar) {
        if (sar == null || sar.isEmpty() || sar.equals("N/A") || sar.equals("0:1")) {
            return true;
        }
        String[] parts = sar.split(":");
        if (parts.length != 2) {
            return false;
        }
        try {
            return Long.parseLong(parts[0]) == Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
    static int[] pngSize(byte[] png) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (png.length < 33) {
            return null;
        }
        for (int i = 0; i < sig.length; i++) {
            if (png[i] != sig[i]) {
                return null;
            }
        }
        ByteBuffer b = ByteBuffer.wrap(png);
        if (b.getInt(8) != 13 || b.getInt(12) != 0x49484452) { // length 13, "IHDR"
            return null;
        }
        return new int[] {b.getInt(16), b.getInt(20)};
    }

    private static boolean nonEmpty(Path f) throws IOException {
        return Files.isRegularFile(f) && Files.size(f) > 0;
    }

    private static double number(String s) {
        if (s == null || s.isEmpty() || s.equals("N/A")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private static MediaException invalid(String detail) {
        log.debug("video refused: {}", detail);
        return new MediaException(MediaException.VIDEO_FILE_INVALID, detail);
    }

    private static MediaException failed(String what, Exec.Result r) {
        String detail = what + (r.timedOut() ? " timed out" : " failed (exit " + r.exitCode() + ")")
                + (r.stderrTail().isBlank() ? "" : ": " + lastLines(r.stderrTail(), 3));
        return invalid(detail);
    }

    private static String lastLines(String s, int n) {
        List<String> lines = s.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
