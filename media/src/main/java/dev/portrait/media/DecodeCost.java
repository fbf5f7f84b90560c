package dev.portrait.media;

/**
 * A picture's decoding cost estimated from its header alone: its pixels, times the scans of a JPEG (each scan is a
 * pass over every block). Used to run dear pictures at a lower CPU priority, so that they take what the others leave.
 */
final class DecodeCost {
    /** What a header that says nothing usable costs: assume the worst. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private DecodeCost() {
    }

    static long of(byte[] s, ImageFormat format) {
        return switch (format) {
            case JPEG -> of(JpegScans.read(s, ImageLimits.MAX_JPEG_SCANS));
            case PNG -> s.length >= 24 ? be32(s, 16) * be32(s, 20) : UNKNOWN;
            case GIF -> s.length >= 10 ? (long) le16(s, 6) * le16(s, 8) : UNKNOWN;
            case BMP -> s.length >= 26 ? Math.abs((long) (int) le32(s, 18) * (int) le32(s, 22)) : UNKNOWN;
            case WEBP -> webp(s);
        };
    }

    /** A JPEG's cost from what its markers say. */
    static long of(JpegScans.Structure j) {
        return j.width() == 0 ? UNKNOWN : (long) j.width() * j.height() * Math.max(1, j.scans());
    }

    /** The canvas of a VP8X file, or the frame of a simple lossless (VP8L) or lossy (VP8) one. */
    private static long webp(byte[] s) {
        if (s.length < 30) return UNKNOWN;
        String chunk = new String(s, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> (1 + le24(s, 24)) * (1 + le24(s, 27));
            case "VP8L" -> {
                long bits = le32(s, 21);
                yield (1 + (bits & 0x3FFF)) * (1 + ((bits >> 14) & 0x3FFF));
            }
            case "VP8 " -> (long) (le16(s, 26) & 0x3FFF) * (le16(s, 28) & 0x3FFF);
            default -> UNKNOWN;
        };
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long le24(byte[] b, int i) {
        return le16(b, i) | (long) (b[i + 2] & 0xFF) << 16;
    }

    private static long le32(byte[] b, int i) {
        return le24(b, i) | (long) (b[i + 3] & 0xFF) << 24;
    }

    private static long be32(byte[] b, int i) {
        return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
