package dev.portrait.media.video;

/**
 * One {@code videoSize} of a video avatar: an MP4 (H.264, yuv420p, no audio, moov first).
 *
 * @param type   {@code "u"} (the animation, at most {@link VideoLimits#outputSide()}) or {@code "p"} (160×160)
 * @param width  pixels
 * @param height pixels (equal to width)
 * @param mp4    the file
 */
public record EncodedVideo(String type, int width, int height, byte[] mp4) {}
