package dev.portrait.media;

import java.io.ByteArrayOutputStream;

/**
 * A minimal baseline JPEG scan encoder for stripped thumbnails: YCbCr 4:2:0 (one 16×16 MCU = four Y blocks, one Cb,
 * one Cr), no restart markers, coded with the quantisation and Huffman tables read from the template header itself
 * (the IJG quality-20 tables and the standard Annex K Huffman tables), so the output always matches what clients put in
 * front of it.
 */
final class StrippedJpegEncoder {
    static final StrippedJpegEncoder INSTANCE = new StrippedJpegEncoder(StrippedThumbnail.header());

    /** Zig-zag position → natural (row-major) index in an 8×8 block. */
    static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16.0) * (u == 0 ? Math.sqrt(0.5) : 1.0) / 2.0;
            }
        }
    }

    /** Quantisation tables in zig-zag order, by table id. */
    final int[][] quant = new int[4][];
    /** Huffman codes and lengths by class (0 = DC, 1 = AC) and table id, indexed by symbol. */
    private final int[][][] codes = new int[2][4][];
    private final int[][][] lengths = new int[2][4][];
    /** Component table selectors from SOF0/SOS for Y, Cb, Cr. */
    private final int[] compQuant = new int[3];
    private final int[] compDc = new int[3];
    private final int[] compAc = new int[3];

    StrippedJpegEncoder(byte[] header) {
        parse(header);
    }

    private void parse(byte[] h) {
        int p = 2;
        boolean sos = false;
        while (!sos) {
            if ((h[p] & 0xFF) != 0xFF) {
                throw new IllegalStateException("bad template header at " + p);
            }
            int marker = h[p + 1] & 0xFF;
            int len = ((h[p + 2] & 0xFF) << 8) | (h[p + 3] & 0xFF);
            int q = p + 4;
            int end = p + 2 + len;
            switch (marker) {
                case 0xDB -> {
                    while (q < end) {
                        int pqTq = h[q++] & 0xFF;
                        if ((pqTq >> 4) != 0) {
                            throw new IllegalStateException("16-bit quantisation table in the template");
                        }
                        int[] t = new int[64];
                        for (int i = 0; i < 64; i++) {
                            t[i] = h[q++] & 0xFF;
                        }
                        quant[pqTq & 15] = t;
                    }
                }
                case 0xC4 -> {
                    while (q < end) {
                        int tcTh = h[q++] & 0xFF;
                        int[] bits = new int[17];
                        int total = 0;
                        for (int i = 1; i <= 16; i++) {
                            bits[i] = h[q++] & 0xFF;
                            total += bits[i];
                        }
                        int[] code = new int[256];
                        int[] size = new int[256];
                        int c = 0;
                        for (int l = 1; l <= 16; l++) {
                            for (int i = 0; i < bits[l]; i++) {
                                int symbol = h[q++] & 0xFF;
                                code[symbol] = c++;
                                size[symbol] = l;
                            }
                            c <<= 1;
                        }
                        if (total == 0) {
                            throw new IllegalStateException("empty Huffman table in the template");
                        }
                        codes[tcTh >> 4][tcTh & 15] = code;
                        lengths[tcTh >> 4][tcTh & 15] = size;
                    }
                }
                case 0xC0 -> {
                    int n = h[q + 5] & 0xFF;
                    if (n != 3 || (h[q + 7] & 0xFF) != 0x22 || (h[q + 10] & 0xFF) != 0x11 || (h[q + 13] & 0xFF) != 0x11) {
                        throw new IllegalStateException("template is not YCbCr 4:2:0");
                    }
                    for (int i = 0; i < 3; i++) {
                        compQuant[i] = h[q + 8 + 3 * i] & 0xFF;
                    }
                }
                case 0xDA -> {
                    for (int i = 0; i < 3; i++) {
                        int t = h[q + 2 + 2 * i] & 0xFF;
                        compDc[i] = t >> 4;
                        compAc[i] = t & 15;
                    }
                    sos = true;
                    if (end != StrippedThumbnail.HEADER_LENGTH) {
                        throw new IllegalStateException("template scan does not start at 623");
                    }
                }
                default -> { }
            }
            p = end;
        }
    }

    /** The entropy-coded scan of the picture, without markers. */
    byte[] encodeScan(int[] rgb, int width, int height) {
        int mcusX = (width + 15) / 16;
        int mcusY = (height + 15) / 16;
        int pw = mcusX * 16;
        int ph = mcusY * 16;
        // Level-shifted Y, Cb, Cr planes padded by repeating the last column and row.
        float[] y = new float[pw * ph];
        float[] cb = new float[pw * ph];
        float[] cr = new float[pw * ph];
        for (int j = 0; j < ph; j++) {
            int sy = Math.min(j, height - 1);
            for (int i = 0; i < pw; i++) {
                int sx = Math.min(i, width - 1);
                int c = rgb[sy * width + sx];
                int r = (c >> 16) & 0xFF;
                int g = (c >> 8) & 0xFF;
                int b = c & 0xFF;
                int k = j * pw + i;
                y[k] = (float) (0.299 * r + 0.587 * g + 0.114 * b - 128.0);
                cb[k] = (float) (-0.168735892 * r - 0.331264108 * g + 0.5 * b);
                cr[k] = (float) (0.5 * r - 0.418687589 * g - 0.081312411 * b);
            }
        }
        BitWriter out = new BitWriter();
        int[] prevDc = new int[3];
        float[] block = new float[64];
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                for (int by = 0; by < 2; by++) {
                    for (int bx = 0; bx < 2; bx++) {
                        int x0 = mx * 16 + bx * 8;
                        int y0 = my * 16 + by * 8;
                        for (int v = 0; v < 8; v++) {
                            System.arraycopy(y, (y0 + v) * pw + x0, block, v * 8, 8);
                        }
                        prevDc[0] = encodeBlock(out, block, 0, prevDc[0]);
                    }
                }
                for (int comp = 1; comp <= 2; comp++) {
                    float[] plane = comp == 1 ? cb : cr;
                    for (int v = 0; v < 8; v++) {
                        for (int u = 0; u < 8; u++) {
                            int k = (my * 16 + 2 * v) * pw + mx * 16 + 2 * u;
                            block[v * 8 + u] = (plane[k] + plane[k + 1] + plane[k + pw] + plane[k + pw + 1]) / 4f;
                        }
                    }
                    prevDc[comp] = encodeBlock(out, block, comp, prevDc[comp]);
                }
            }
        }
        return out.finish();
    }

    /** Forward DCT, quantisation and Huffman coding of one block; returns its quantised DC. */
    private int encodeBlock(BitWriter out, float[] block, int comp, int prevDc) {
        int[] q = quant[compQuant[comp]];
        int[] zz = new int[64];
        double[] tmp = new double[64];
        for (int v = 0; v < 8; v++) {          // rows: transform along x
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += block[v * 8 + x] * COS[x][u];
                }
                tmp[v * 8 + u] = s;
            }
        }
        for (int k = 0; k < 64; k++) {
            int nat = NATURAL_ORDER[k];
            int u = nat & 7;
            int v = nat >> 3;
            double s = 0;
            for (int yy = 0; yy < 8; yy++) {
                s += tmp[yy * 8 + u] * COS[yy][v];
            }
            zz[k] = (int) Math.round(s / q[k]);
        }
        int[] dcCode = codes[0][compDc[comp]];
        int[] dcLen = lengths[0][compDc[comp]];
        int[] acCode = codes[1][compAc[comp]];
        int[] acLen = lengths[1][compAc[comp]];
        int diff = zz[0] - prevDc;
        int cat = category(diff);
        out.write(dcCode[cat], dcLen[cat]);
        out.write(magnitudeBits(diff, cat), cat);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int c = zz[k];
            if (c == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                out.write(acCode[0xF0], acLen[0xF0]);
                run -= 16;
            }
            int s = category(c);
            int sym = (run << 4) | s;
            out.write(acCode[sym], acLen[sym]);
            out.write(magnitudeBits(c, s), s);
            run = 0;
        }
        if (run > 0) {
            out.write(acCode[0x00], acLen[0x00]);
        }
        return zz[0];
    }

    private static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    private static int magnitudeBits(int v, int cat) {
        return (v < 0 ? v - 1 : v) & ((1 << cat) - 1);
    }

    /** MSB-first bit output with JPEG byte stuffing; the last byte is padded with one-bits. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private long acc;
        private int n;

        void write(int bits, int count) {
            if (count == 0) {
                return;
            }
            if (count > 16) {
                throw new IllegalStateException("code too long");
            }
            acc = (acc << count) | (bits & ((1L << count) - 1));
            n += count;
            while (n >= 8) {
                int b = (int) (acc >> (n - 8)) & 0xFF;
                emit(b);
                n -= 8;
            }
        }

        private void emit(int b) {
            out.write(b);
            if (b == 0xFF) {
                out.write(0);
            }
        }

        byte[] finish() {
            if (n > 0) {
                int pad = 8 - n;
                write((1 << pad) - 1, pad);
            }
            return out.toByteArray();
        }
    }
}
