package dev.portrait.media;

/**
 * An image that cannot become a profile photo. {@link #rpcError()} is the RPC error to answer with:
 * PHOTO_EXT_INVALID (not a format we take), PHOTO_INVALID_DIMENSIONS (too many pixels or too long a side ratio),
 * PHOTO_CROP_SIZE_SMALL (short side below the minimum) or IMAGE_PROCESS_FAILED (corrupt, truncated, undecodable);
 * for video avatars VIDEO_FILE_INVALID (any refused or unprocessable video, see
 * {@link dev.portrait.media.video.VideoAvatars}) and for emoji/sticker avatars EMOJI_MARKUP_INVALID (bad background
 * colours, see {@link dev.portrait.media.video.MarkupBackground}).
 */
public final class MediaException extends Exception {
    public static final String EXT_INVALID = "PHOTO_EXT_INVALID";
    public static final String INVALID_DIMENSIONS = "PHOTO_INVALID_DIMENSIONS";
    public static final String CROP_SIZE_SMALL = "PHOTO_CROP_SIZE_SMALL";
    public static final String PROCESS_FAILED = "IMAGE_PROCESS_FAILED";
    public static final String VIDEO_FILE_INVALID = "VIDEO_FILE_INVALID";
    public static final String EMOJI_MARKUP_INVALID = "EMOJI_MARKUP_INVALID";

    private final String rpcError;

    public MediaException(String rpcError, String detail) {
        super(rpcError + ": " + detail, null, false, false);
        this.rpcError = rpcError;
    }

    public String rpcError() {
        return rpcError;
    }
}
