package dev.portrait.media;

import java.util.Optional;

/** The input formats a profile photo may come in, recognised by their magic bytes (never by a file name). */
public enum ImageFormat {
    JPEG, PNG, WEBP, GIF, BMP;

    /** The format whose signature {@code head} starts with; 12 bytes are enough for all of them. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (head == null) {
            return Optional.empty();
        }
        int n = head.length;
        if (n >= 3 && u(head, 0) == 0xFF && u(head, 1) == 0xD8 && u(head, 2) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (n >= 8 && u(head, 0) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (n >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of(GIF);
        }
        // "BM", then the file size, two reserved 16-bit words and the pixel data offset; a text starting with "BM" is
        // told apart by the DIB header size, one of the known values.
        if (n >= 18 && head[0] == 'B' && head[1] == 'M') {
            long dib = u(head, 14) | (u(head, 15) << 8) | ((long) u(head, 16) << 16) | ((long) u(head, 17) << 24);
            if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
                return Optional.of(BMP);
            }
        }
        return Optional.empty();
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
