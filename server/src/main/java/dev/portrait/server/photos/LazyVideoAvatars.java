package dev.portrait.server.photos;

import dev.portrait.media.video.VideoAvatars;
import dev.portrait.media.video.VideoLimits;
import dev.portrait.media.video.VideoTools;
import dev.portrait.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The video pipeline, made when the first video avatar arrives: finding ffmpeg may mean unpacking it from the bytedeco
 * jar, which a server that never sees a video should not pay for at start-up.
 */
public final class LazyVideoAvatars implements Supplier<VideoAvatars>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LazyVideoAvatars.class);
    private final ServerConfig.Media config;
    private final Path tempRoot;
    private VideoAvatars avatars;
    private boolean closed;

    public LazyVideoAvatars(ServerConfig.Media config, Path tempRoot) {
        this.config = config;
        this.tempRoot = tempRoot;
    }

    @Override
    public synchronized VideoAvatars get() {
        if (closed) throw new IllegalStateException("the server is closing");
        if (avatars == null) {
            VideoLimits d = VideoLimits.defaults();
            VideoLimits limits = new VideoLimits(d.minSide(), d.maxSide(), config.maxVideoSeconds(), config.maxVideoBytes(),
                    d.outputSide(), Duration.ofSeconds(config.videoTimeoutSeconds()), d.memoryBytes());
            avatars = new VideoAvatars(VideoTools.find(), limits, tempRoot, PhotoFactory.maxConcurrentJobs());
            log.info("video avatars: {}", avatars.describe());
        }
        return avatars;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (avatars != null) avatars.close();
    }
}
