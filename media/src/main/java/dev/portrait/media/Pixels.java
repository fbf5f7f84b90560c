package dev.portrait.media;

/** Pixel operations on packed {@code 0xRRGGBB} int arrays, row by row. */
final class Pixels {
    private Pixels() {}

    /**
     * Area-averaging downscale (each destination pixel is the mean of the source area it covers, with fractional edge
     * weights); exact 2:1 reductions take a faster 2×2 box path that gives the same result.
     */
    static int[] shrink(int[] src, int sw, int sh, int dw, int dh) {
        if (dw > sw || dh > sh || dw < 1 || dh < 1) {
            throw new IllegalArgumentException("shrink " + sw + "x" + sh + " to " + dw + "x" + dh);
        }
        if (dw == sw && dh == sh) {
            return src.clone();
        }
        if (sw == 2 * dw && sh == 2 * dh) {
            return halve(src, sw, dw, dh);
        }
        Weights wx = new Weights(sw, dw);
        Weights wy = new Weights(sh, dh);
        int[] dst = new int[dw * dh];
        float[] line = new float[sw * 3];
        for (int y = 0; y < dh; y++) {
            java.util.Arrays.fill(line, 0f);
            int ys = wy.start[y];
            for (int k = 0; k < wy.count[y]; k++) {
                float w = wy.weight[y * wy.stride + k];
                int row = (ys + k) * sw;
                for (int x = 0, j = 0; x < sw; x++, j += 3) {
                    int c = src[row + x];
                    line[j] += w * ((c >> 16) & 0xFF);
                    line[j + 1] += w * ((c >> 8) & 0xFF);
                    line[j + 2] += w * (c & 0xFF);
                }
            }
            int out = y * dw;
            for (int x = 0; x < dw; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int xs = wx.start[x];
                for (int k = 0; k < wx.count[x]; k++) {
                    float w = wx.weight[x * wx.stride + k];
                    int j = (xs + k) * 3;
                    r += w * line[j];
                    g += w * line[j + 1];
                    b += w * line[j + 2];
                }
                dst[out + x] = (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
            }
        }
        return dst;
    }

    private static int[] halve(int[] src, int sw, int dw, int dh) {
        int[] dst = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            int r0 = 2 * y * sw;
            int r1 = r0 + sw;
            int out = y * dw;
            for (int x = 0; x < dw; x++) {
                int a = src[r0 + 2 * x];
                int b = src[r0 + 2 * x + 1];
                int c = src[r1 + 2 * x];
                int d = src[r1 + 2 * x + 1];
                int rb = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF) + 0x020002;
                int g = (a & 0x00FF00) + (b & 0x00FF00) + (c & 0x00FF00) + (d & 0x00FF00) + 0x000200;
                dst[out + x] = ((rb >> 2) & 0xFF00FF) | ((g >> 2) & 0x00FF00);
            }
        }
        return dst;
    }

    /**
     * The 2×2 box average of a square of 3-byte RGB pixels (side even): each output byte is the rounded mean of the
     * four input bytes, exactly what {@link #shrink} gives packed pixels for a 2:1 reduction.
     */
    static byte[] halveRgb(byte[] src, int side) {
        if (side < 2 || (side & 1) != 0 || src.length < side * side * 3) {
            throw new IllegalArgumentException("halve " + side + " px with " + src.length + " bytes");
        }
        int half = side / 2;
        int stride = side * 3;
        int rowOut = half * 3;
        byte[] dst = new byte[half * rowOut];
        for (int y = 0; y < half; y++) {
            int r0 = 2 * y * stride;
            int r1 = r0 + stride;
            int o = y * rowOut;
            for (int x = 0; x < rowOut; x += 3) {
                int s0 = r0 + 2 * x;
                int s1 = r1 + 2 * x;
                for (int c = 0; c < 3; c++) {
                    int sum = (src[s0 + c] & 0xFF) + (src[s0 + 3 + c] & 0xFF) + (src[s1 + c] & 0xFF)
                            + (src[s1 + 3 + c] & 0xFF);
                    dst[o + x + c] = (byte) ((sum + 2) >> 2);
                }
            }
        }
        return dst;
    }

    private static int clamp(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    /** Per destination index: the first source index, how many follow, and their weights (summing to 1). */
    private static final class Weights {
        final int[] start;
        final int[] count;
        final float[] weight;
        final int stride;

        Weights(int n, int m) {
            double scale = (double) n / m;
            stride = (int) Math.ceil(scale) + 2;
            start = new int[m];
            count = new int[m];
            weight = new float[m * stride];
            for (int i = 0; i < m; i++) {
                double lo = i * scale;
                double hi = Math.min(n, (i + 1) * scale);
                int s = (int) Math.floor(lo);
                int e = Math.min(n, (int) Math.ceil(hi - 1e-9));
                start[i] = s;
                count[i] = e - s;
                for (int j = s; j < e; j++) {
                    double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
                    weight[i * stride + (j - s)] = (float) (overlap / scale);
                }
            }
        }
    }

    /**
     * Applies an EXIF orientation (1–8) to a square picture of side {@code n}: what the camera meant as "upright".
     */
    static int[] orient(int[] src, int n, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int[] dst = new int[n * n];
        int m = n - 1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = m - x; sy = y; }            // mirror horizontally
                    case 3 -> { sx = m - x; sy = m - y; }        // rotate 180
                    case 4 -> { sx = x; sy = m - y; }            // mirror vertically
                    case 5 -> { sx = y; sy = x; }                // transpose
                    case 6 -> { sx = y; sy = m - x; }            // rotate 90 clockwise
                    case 7 -> { sx = m - y; sy = m - x; }        // transverse
                    default -> { sx = m - y; sy = x; }           // 8: rotate 90 counter-clockwise
                }
                dst[y * n + x] = src[sy * n + sx];
            }
        }
        return dst;
    }
}
