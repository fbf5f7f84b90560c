package dev.portrait.media.video;

/**
 * What ffprobe found in an uploaded video.
 *
 * @param container the container's format_name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param codec     the video stream's codec_name: {@code h264} or {@code hevc}
 * @param width     coded width in pixels
 * @param height    coded height in pixels (equal to width: only square videos are taken)
 * @param duration  seconds
 * @param hasAudio  whether the file had an audio stream (always dropped from the outputs)
 */
public record VideoInfo(String container, String codec, int width, int height, double duration, boolean hasAudio) {}
