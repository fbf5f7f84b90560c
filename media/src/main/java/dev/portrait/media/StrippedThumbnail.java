package dev.portrait.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Telegram's stripped thumbnails ({@code photoStrippedSize} type {@code i}, {@code userProfilePhoto.stripped_thumb}):
 * a tiny baseline JPEG without its 623 header bytes, which every client keeps as one fixed template.
 *
 * <p>Packed form: {@code 0x01}, height, width (each ≤ 255), then the entropy-coded scan data. Clients expand it with
 * the template header (SOI, JFIF, the IJG quality-20 tables, SOF0 with the size patched at offsets 164/166, the
 * standard Huffman tables, SOS) and append {@code FF D9}. So the scan data must be coded with exactly those tables;
 * {@link #encode} does that with its own small encoder (a general JPEG writer emits other headers).
 */
public final class StrippedThumbnail {
    /** Length of the fixed header clients put in front of the scan data. */
    public static final int HEADER_LENGTH = 623;
    static final int HEIGHT_OFFSET = 164;
    static final int WIDTH_OFFSET = 166;

    private static final byte[] HEADER = loadHeader();

    private StrippedThumbnail() {}

    /**
     * Telegram's expansion: the JPEG that clients build from packed stripped bytes.
     *
     * @throws IllegalArgumentException when the bytes are not expandable (shorter than 3 bytes or not version 1),
     *                                  where clients show nothing
     */
    public static byte[] expand(byte[] stripped) {
        if (stripped == null || stripped.length < 3 || stripped[0] != 0x01) {
            throw new IllegalArgumentException("not a stripped thumbnail (need 0x01, height, width, data)");
        }
        byte[] out = new byte[HEADER_LENGTH + stripped.length - 3 + 2];
        System.arraycopy(HEADER, 0, out, 0, HEADER_LENGTH);
        out[HEIGHT_OFFSET] = stripped[1];
        out[WIDTH_OFFSET] = stripped[2];
        System.arraycopy(stripped, 3, out, HEADER_LENGTH, stripped.length - 3);
        out[out.length - 2] = (byte) 0xFF;
        out[out.length - 1] = (byte) 0xD9;
        return out;
    }

    /**
     * Encodes a small picture as packed stripped bytes.
     *
     * @param rgb    {@code width × height} pixels, row by row, {@code 0xRRGGBB} (the top byte is ignored)
     * @param width  1 to 255
     * @param height 1 to 255
     */
    public static byte[] encode(int[] rgb, int width, int height) {
        if (width < 1 || width > 255 || height < 1 || height > 255 || rgb.length < width * height) {
            throw new IllegalArgumentException("stripped thumbnails are 1..255 px a side: " + width + "x" + height);
        }
        byte[] scan = StrippedJpegEncoder.INSTANCE.encodeScan(rgb, width, height);
        byte[] out = new byte[3 + scan.length];
        out[0] = 0x01;
        out[1] = (byte) height;
        out[2] = (byte) width;
        System.arraycopy(scan, 0, out, 3, scan.length);
        return out;
    }

    /** A copy of the 623-byte template (height and width zero). */
    static byte[] header() {
        return Arrays.copyOf(HEADER, HEADER_LENGTH);
    }

    private static byte[] loadHeader() {
        try (InputStream in = StrippedThumbnail.class.getResourceAsStream("stripped-jpeg-header.bin")) {
            if (in == null) {
                throw new IllegalStateException("stripped-jpeg-header.bin missing from the classpath");
            }
            byte[] h = in.readAllBytes();
            if (h.length != HEADER_LENGTH) {
                throw new IllegalStateException("stripped-jpeg-header.bin has " + h.length + " bytes, not 623");
            }
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
