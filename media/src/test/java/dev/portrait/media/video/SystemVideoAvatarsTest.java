package dev.portrait.media.video;

/**
 * {@link VideoAvatars} with the system ffmpeg. Skipped when ffmpeg/ffprobe are not on PATH, unless the environment
 * variable PORTRAIT_REQUIRE_SYSTEM_FFMPEG is non-empty: then it fails.
 */
class SystemVideoAvatarsTest extends VideoAvatarsContract {
    @Override
    VideoTools tools() {
        return TestVideos.systemOrSkip();
    }
}
