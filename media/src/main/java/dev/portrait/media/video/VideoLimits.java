package dev.portrait.media.video;

import java.time.Duration;
import java.util.Objects;

/**
 * What an uploaded video avatar may be, and what processing one may cost.
 *
 * @param minSide     the square's side at least (px)
 * @param maxSide     the square's side at most (px)
 * @param maxSeconds  the duration at most (s); a 0.05 s tolerance is added for container rounding
 * @param maxBytes    the upload at most (bytes)
 * @param outputSide  the {@code u} animation's side at most (px, even); larger sources are scaled down to it
 * @param timeout     wall-clock time for one whole job (probe, encode, checks), from when it gets its turn
 * @param memoryBytes address-space limit of each ffmpeg/ffprobe process ({@code prlimit --as})
 * @param maxFrameRate     frames per second at most (frames / duration, as counted by ffprobe before any decoding)
 * @param maxFrames        frames at most
 * @param maxDecodedPixels frames × width × height at most: what decoding the whole video costs
 * @param cpuSeconds       CPU time each ffprobe/ffmpeg process may use ({@code prlimit --cpu}; killed past it)
 */
public record VideoLimits(int minSide, int maxSide, double maxSeconds, long maxBytes, int outputSide,
        Duration timeout, long memoryBytes, double maxFrameRate, long maxFrames, long maxDecodedPixels,
        long cpuSeconds) {
    public VideoLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (minSide < 2 || maxSide < minSide || !(maxSeconds > 0) || Double.isInfinite(maxSeconds) || maxBytes <= 0
                || outputSide < 2 || outputSide % 2 != 0 || timeout.isNegative() || timeout.isZero()
                || memoryBytes <= 0 || !(maxFrameRate > 0) || maxFrames <= 0 || maxDecodedPixels <= 0
                || cpuSeconds <= 0) {
            throw new IllegalArgumentException("bad video limits: " + minSide + ", " + maxSide + ", " + maxSeconds
                    + ", " + maxBytes + ", " + outputSide + ", " + timeout + ", " + memoryBytes + ", " + maxFrameRate
                    + ", " + maxFrames + ", " + maxDecodedPixels + ", " + cpuSeconds);
        }
    }

    /** The default decode and CPU budgets (see {@link #defaults()}) with the other limits given. */
    public VideoLimits(int minSide, int maxSide, double maxSeconds, long maxBytes, int outputSide, Duration timeout,
            long memoryBytes) {
        this(minSide, maxSide, maxSeconds, maxBytes, outputSide, timeout, memoryBytes, MAX_FRAME_RATE, MAX_FRAMES,
                MAX_DECODED_PIXELS, CPU_SECONDS);
    }

    /** 240 fps: what phones record slow motion at; a 1000 fps file is an attack, not a camera's. */
    static final double MAX_FRAME_RATE = 240;
    /** 10 s (and the 0.05 s of container rounding allowed) at 240 fps. */
    static final long MAX_FRAMES = 2412;
    /** 10 s of 1280×1280 at 60 fps: about 1 G pixels, a few seconds of decoding on one core. */
    static final long MAX_DECODED_PIXELS = 1280L * 1280 * 60 * 10;
    /**
     * 20 s of CPU per process: the dearest video the decode budget lets through (10 s of 1280² at 60 fps, into u, p
     * and the still) took 7.4 s of CPU with Debian's ffmpeg on this project's machines.
     */
    static final long CPU_SECONDS = 20;

    /**
     * <ul>
     *   <li>side 160..1280: TDLib's own check for {@code inputChatPhotoAnimation} (square, width 160–1280); 160 is
     *       also the {@code p} size, so nothing is ever upscaled;</li>
     *   <li>10 s: TDLib's {@code MAX_ANIMATION_DURATION};</li>
     *   <li>10 MiB: the photo upload limit (TDLib itself sends at most 2 MB, other clients more);</li>
     *   <li>{@code u} at most 800×800: the size Telegram's docs recommend;</li>
     *   <li>30 s per job: a 10 s 1280² HEVC source re-encoded on one core takes about 5 s with libx264 veryfast;</li>
     *   <li>the decode budget: at most 240 fps, 2412 frames and 1280² × 600 decoded pixels, read by ffprobe from the
     *       container before anything is decoded (a 1000 fps 10 s 1280² clip is 200 KB and 16 G pixels);</li>
     *   <li>20 s of CPU time per process, whatever the wall clock says;</li>
     *   <li>1 GiB of address space per process: a 1280² decode + two encodes + PNG needs about 400–600 MB of address
     *       space (most of it mapped libraries and thread stacks); 512 MiB was measured to be too little for libx264 at
     *       1280², so 1 GiB leaves room without letting a hostile file take the machine's memory.</li>
     * </ul>
     */
    public static VideoLimits defaults() {
        return new VideoLimits(160, 1280, 10.0, 10L * 1024 * 1024, 800, Duration.ofSeconds(30), 1L << 30);
    }

    /** The same limits with another timeout. */
    public VideoLimits withTimeout(Duration timeout) {
        return new VideoLimits(minSide, maxSide, maxSeconds, maxBytes, outputSide, timeout, memoryBytes, maxFrameRate,
                maxFrames, maxDecodedPixels, cpuSeconds);
    }

    /** The same limits with another decode budget. */
    public VideoLimits withDecodeBudget(double frameRate, long frames, long decodedPixels) {
        return new VideoLimits(minSide, maxSide, maxSeconds, maxBytes, outputSide, timeout, memoryBytes, frameRate,
                frames, decodedPixels, cpuSeconds);
    }

    /** The same limits with another CPU budget per process. */
    public VideoLimits withCpuSeconds(long seconds) {
        return new VideoLimits(minSide, maxSide, maxSeconds, maxBytes, outputSide, timeout, memoryBytes, maxFrameRate,
                maxFrames, maxDecodedPixels, seconds);
    }
}
