package dev.portrait.media;

/**
 * The sizes of a profile photo and the header checks, shared by both engines.
 *
 * <p>Sizes {@code a}=160, {@code b}=320, {@code c}=640 always, {@code d}=1280 only when the centre square is at least
 * 1280 px. A square smaller than a size gives that size at the square's own side (never upscaled): TDLib needs
 * {@code a} and {@code c} to be present to show a profile photo at all, so {@code c} is listed even for a 500 px
 * source, as 500×500.
 */
final class Sizes {
    static final String[] TYPES = {"a", "b", "c", "d"};
    static final int[] SIDES = {160, 320, 640, 1280};
    /** Side of the stripped thumbnail: what Telegram sends in userProfilePhoto/chatPhoto.stripped_thumb. */
    static final int STRIPPED_SIDE = 8;

    private Sizes() {}

    /** How many sizes a square of {@code side} px gets (3 or 4). */
    static int count(int side) {
        return side >= SIDES[3] ? 4 : 3;
    }

    /** The side of size {@code index} for a square of {@code side} px. */
    static int target(int index, int side) {
        return Math.min(SIDES[index], side);
    }

    /** The largest size a square of {@code side} px gets: what to decode and scale to first. */
    static int largest(int side) {
        return target(count(side) - 1, side);
    }

    /**
     * Refuses, from its structure alone, an input whose decoding would cost far more than its size suggests; returns
     * the cost its header promises ({@link DecodeCost}), for whoever schedules the decoding.
     */
    static long checkCost(byte[] source, ImageFormat format, ImageLimits limits) throws MediaException {
        if (format != ImageFormat.JPEG) {
            return DecodeCost.of(source, format);
        }
        JpegScans.Structure jpeg = JpegScans.read(source, limits.maxJpegScans());
        if (jpeg.scans() > limits.maxJpegScans()) {
            throw new MediaException(MediaException.PROCESS_FAILED, "a JPEG of more than " + limits.maxJpegScans() + " scans");
        }
        return DecodeCost.of(jpeg);
    }

    /** Refuses dimensions read from the header, before any pixel is decoded. */
    static void check(long width, long height, ImageLimits limits) throws MediaException {
        if (width <= 0 || height <= 0) {
            throw new MediaException(MediaException.PROCESS_FAILED, "no dimensions in the header");
        }
        if (width * height > limits.maxPixels()) {
            throw new MediaException(MediaException.INVALID_DIMENSIONS,
                    width + "x" + height + " is over " + limits.maxPixels() + " pixels");
        }
        long shortSide = Math.min(width, height);
        long longSide = Math.max(width, height);
        if ((double) longSide / shortSide > limits.maxAspectRatio()) {
            throw new MediaException(MediaException.INVALID_DIMENSIONS,
                    width + "x" + height + " is longer than " + limits.maxAspectRatio() + ":1");
        }
        if (shortSide < limits.minSide()) {
            throw new MediaException(MediaException.CROP_SIZE_SMALL,
                    width + "x" + height + ": the short side is under " + limits.minSide());
        }
    }
}
