package dev.portrait.media;

/**
 * Counts the scans (SOS segments) of a JPEG by walking its markers, without decoding anything. A progressive JPEG's
 * decoding cost grows with its scans times its size, and nothing in the format bounds the scans: a valid 622 KB file
 * of 2,773 scans takes libjpeg half a minute. Cameras and encoders write one scan, or about ten when progressive.
 */
final class JpegScans {
    private JpegScans() {
    }

    /** What the markers say: the scans (up to the limit and one more) and the frame's size (0 when no SOF was seen). */
    record Structure(int scans, int width, int height) {
    }

    /**
     * The scans in {@code jpeg} up to the first EOI, stopping early once there are more than {@code limit}, and the
     * size in its first SOF marker. Damaged structure ends the walk; the decoder reports the damage itself.
     */
    static Structure read(byte[] jpeg, int limit) {
        int scans = 0;
        int width = 0;
        int height = 0;
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                break;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                i++;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length: TEM, RSTn
                i += 2;
                continue;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (length < 2) {
                break;
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && width == 0 && i + 9 <= jpeg.length) {
                height = ((jpeg[i + 5] & 0xFF) << 8) | (jpeg[i + 6] & 0xFF);
                width = ((jpeg[i + 7] & 0xFF) << 8) | (jpeg[i + 8] & 0xFF);
            }
            i += 2 + length;
            if (marker == 0xDA) {
                if (++scans > limit) {
                    break;
                }
                i = afterEntropyCodedData(jpeg, i);
            }
        }
        return new Structure(scans, width, height);
    }

    /** The index of the marker ending a scan's entropy-coded data: an 0xFF not stuffed (00) and not a restart. */
    private static int afterEntropyCodedData(byte[] jpeg, int i) {
        for (; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF) {
                int next = jpeg[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
        }
        return jpeg.length;
    }
}
