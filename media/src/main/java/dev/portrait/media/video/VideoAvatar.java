package dev.portrait.media.video;

/**
 * The result of {@link VideoAvatars#process}.
 *
 * @param source  what the upload was
 * @param u       the animation ({@code videoSize} type {@code u}), at most {@link VideoLimits#outputSide()} square
 * @param p       the small animation ({@code videoSize} type {@code p}), 160×160
 * @param still   a PNG of the frame at {@code startTs}, at the source's resolution: the picture to give the image engine
 *                for the still sizes a/b/c (and i)
 * @param startTs the timestamp used for the still, seconds (0 when none was given)
 */
public record VideoAvatar(VideoInfo source, EncodedVideo u, EncodedVideo p, byte[] still, double startTs) {}
