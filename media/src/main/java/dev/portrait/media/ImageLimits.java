package dev.portrait.media;

/**
 * What an uploaded picture may be, checked on the header before anything is decoded.
 *
 * @param maxPixels      width × height at most (a decompression bomb is refused with PHOTO_INVALID_DIMENSIONS)
 * @param minSide        the short side at least (PHOTO_CROP_SIZE_SMALL below)
 * @param maxAspectRatio long side / short side at most (PHOTO_INVALID_DIMENSIONS above; tdesktop refuses &gt; 10:1 too)
 * @param maxJpegScans   scans of a JPEG at most, counted from its markers (IMAGE_PROCESS_FAILED above)
 */
public record ImageLimits(long maxPixels, int minSide, double maxAspectRatio, int maxJpegScans) {
    /**
     * 100 scans: what libjpeg-turbo's tools suggest as a limit ({@code -maxscans}; its own scan scripts allow at most
     * 100); a baseline JPEG has one, a progressive one from a camera or libjpeg about ten.
     */
    public static final int MAX_JPEG_SCANS = 100;

    public ImageLimits {
        if (maxPixels <= 0 || minSide <= 0 || !(maxAspectRatio >= 1.0) || maxJpegScans <= 0) {
            throw new IllegalArgumentException("bad image limits: " + maxPixels + ", " + minSide + ", " + maxAspectRatio
                    + ", " + maxJpegScans);
        }
    }

    /** The given limits with the default scan limit. */
    public ImageLimits(long maxPixels, int minSide, double maxAspectRatio) {
        this(maxPixels, minSide, maxAspectRatio, MAX_JPEG_SCANS);
    }

    /**
     * 50 megapixels (the 48/50 MP phone cameras' 8160×6120 = 49.9 MP fits; 108/200 MP sensor modes do not), short side
     * ≥ 160 (the {@code a} size, so no size is ever upscaled below it), aspect ≤ 10:1. Memory stays bounded whatever the
     * pixel count: both engines decode only the centre square, shrunk on load to about the largest size needed.
     */
    public static ImageLimits defaults() {
        return new ImageLimits(50_000_000L, 160, 10.0);
    }
}
