package dev.portrait.media;

import java.io.ByteArrayOutputStream;

/**
 * Writes a valid progressive JPEG of a flat grey picture with as many scans as asked: the file an attacker sends to
 * make a decoder work for a long time (every scan is a pass over every block) while the upload stays small.
 *
 * <p>Every coefficient is zero, so each scan is a few EOB runs. The scans follow the spectral-selection and
 * successive-approximation rules of ITU T.81 G.1.1.1: one interleaved DC scan, then for each AC coefficient (one at a
 * time, 1..63) and each component a first scan at point transform {@code Al = 10} and refinement scans down to
 * {@code Al = 0}. A sequence cut short anywhere is still a valid file (the coefficients not yet sent stay zero), so
 * any count up to 1 + 63 × 3 × 11 = 2080 scans can be written.
 */
public final class ManyScanJpeg {
    public static final int MAX_SCANS = 1 + 63 * 3 * 11;
    private static final int FIRST_AL = 10;

    private ManyScanJpeg() {
    }

    public static byte[] write(int width, int height, int scans) {
        if (scans < 1 || scans > MAX_SCANS) throw new IllegalArgumentException("1.." + MAX_SCANS + " scans");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        // DQT 0: all ones
        segment(out, 0xDB, concat(new byte[] {0}, filled(64, 1)));
        // SOF2: progressive, 8 bits, three components 1x1 with table 0
        segment(out, 0xC2, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3,
                1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0});
        // DHT DC 0: the one symbol, category 0, as the 1-bit code 0
        byte[] dc = new byte[1 + 16 + 1];
        dc[0] = 0x00;
        dc[1] = 1;
        segment(out, 0xC4, dc);
        // DHT AC 0: EOB0..EOB14 (symbols 0x00, 0x10, ... 0xE0) as 4-bit codes 0000..1110
        byte[] ac = new byte[1 + 16 + 15];
        ac[0] = 0x10;
        ac[4] = 15;
        for (int r = 0; r <= 14; r++) ac[17 + r] = (byte) (r << 4);
        segment(out, 0xC4, ac);

        int blocks = ((width + 7) / 8) * ((height + 7) / 8);
        // DC scan: per block the DC category 0 (code 0), no extra bits
        segment(out, 0xDA, new byte[] {3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 0, 0});
        Bits dcBits = new Bits(out);
        for (long i = 0; i < 3L * blocks; i++) dcBits.write(0, 1);
        dcBits.flush();

        int written = 1;
        scans:
        for (int k = 1; k <= 63; k++) {
            for (int c = 1; c <= 3; c++) {
                for (int al = FIRST_AL; al >= 0; al--) {
                    if (written == scans) break scans;
                    int ah = al == FIRST_AL ? 0 : al + 1;
                    segment(out, 0xDA, new byte[] {1, (byte) c, 0x00, (byte) k, (byte) k, (byte) ((ah << 4) | al)});
                    eobRuns(new Bits(out), blocks);
                    written++;
                }
            }
        }
        marker(out, 0xD9);
        return out.toByteArray();
    }

    /** All of a component's blocks end at once: EOBRUN symbols of up to 32767 blocks each (T.81 G.1.2.2). */
    private static void eobRuns(Bits bits, int blocks) {
        int left = blocks;
        while (left > 0) {
            int run = Math.min(left, 32767);
            int r = 31 - Integer.numberOfLeadingZeros(run);
            bits.write(r, 4); // the code of symbol r << 4
            bits.write(run - (1 << r), r);
            left -= run;
        }
        bits.flush();
    }

    private static void marker(ByteArrayOutputStream out, int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        marker(out, marker);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.writeBytes(body);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Entropy-coded bits, most significant first, with 0xFF stuffed and the last byte padded with ones. */
    private static final class Bits {
        private final ByteArrayOutputStream out;
        private int acc;
        private int n;

        Bits(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                acc = (acc << 1) | ((value >> i) & 1);
                if (++n == 8) emit();
            }
        }

        void flush() {
            while (n != 0) write(1, 1);
        }

        private void emit() {
            out.write(acc);
            if (acc == 0xFF) out.write(0);
            acc = 0;
            n = 0;
        }
    }
}
