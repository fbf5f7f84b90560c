package dev.portrait.media.video;

import dev.portrait.media.MediaException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Still pictures for emoji and sticker avatars ({@code videoSizeEmojiMarkup} / {@code videoSizeStickerMarkup}), drawn
 * from their {@code background_colors} the way Telegram draws fill wallpapers at rotation 0, so that a client that
 * does not render the emoji still shows the right background.
 *
 * <ul>
 *   <li>1 colour: solid.</li>
 *   <li>2 colours: vertical linear gradient, the first colour at the top, the second at the bottom.</li>
 *   <li>3 or 4 colours: Telegram's "freeform" gradient (tdesktop {@code GenerateComplexGradient}, Telegram-Android
 *       {@code MotionBackgroundDrawable}). Each colour sits at a control point; a pixel's colour is the average of the
 *       colours weighted by {@code max(0, 0.9 − distance)⁴} (distance in the unit square), after the pixel's
 *       position has been twisted around the centre by an angle growing with the square of its distance from it (the
 *       "swirl"). At rotation 0 the points are, in image coordinates (y down): (0.80, 0.90), (0.35, 0.75),
 *       (0.20, 0.10), (0.65, 0.25) — every other one of Telegram's eight animation positions, y mirrored as tdesktop
 *       does. Three colours use the first three points.</li>
 * </ul>
 * Written from the description of the algorithm, not from either client's code.
 */
public final class MarkupBackground {
    /** Telegram's eight animation positions (x, y), y up; phase 0 uses indices 0, 2, 4, 6. */
    private static final float[][] POSITIONS = {
        {0.80f, 0.10f}, {0.60f, 0.20f}, {0.35f, 0.25f}, {0.25f, 0.60f},
        {0.20f, 0.90f}, {0.40f, 0.80f}, {0.65f, 0.75f}, {0.75f, 0.40f},
    };
    static final int MAX_SIDE = 4096;

    private MarkupBackground() {}

    /** The control points (x, y in [0,1], y down) of the freeform gradient at rotation 0. */
    static float[][] points() {
        float[][] p = new float[4][];
        for (int i = 0; i < 4; i++) {
            float[] base = POSITIONS[(2 * i) % POSITIONS.length];
            p[i] = new float[] {base[0], 1f - base[1]};
        }
        return p;
    }

    /**
     * Draws the background, {@code side}×{@code side}, opaque RGB.
     *
     * @throws IllegalArgumentException when the colours do not pass {@link #validate} or the side is not 1..4096
     */
    public static BufferedImage render(List<Integer> colors, int side) {
        try {
            validate(colors);
        } catch (MediaException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (side < 1 || side > MAX_SIDE) {
            throw new IllegalArgumentException("side must be 1.." + MAX_SIDE + ", not " + side);
        }
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[side];
        switch (colors.size()) {
            case 1 -> {
                java.util.Arrays.fill(row, colors.getFirst());
                for (int y = 0; y < side; y++) {
                    img.setRGB(0, y, side, 1, row, 0, side);
                }
            }
            case 2 -> {
                int top = colors.get(0);
                int bottom = colors.get(1);
                for (int y = 0; y < side; y++) {
                    double t = (y + 0.5) / side;
                    java.util.Arrays.fill(row, mix(top, bottom, t));
                    img.setRGB(0, y, side, 1, row, 0, side);
                }
            }
            default -> freeform(img, colors, row);
        }
        return img;
    }

    /** {@link #render} as a PNG. */
    public static byte[] png(List<Integer> colors, int side) {
        BufferedImage img = render(colors, side);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 1 to 4 colours, each an RGB-24 int (0..0xFFFFFF); otherwise EMOJI_MARKUP_INVALID. */
    public static void validate(List<Integer> colors) throws MediaException {
        if (colors == null || colors.isEmpty() || colors.size() > 4) {
            throw new MediaException(MediaException.EMOJI_MARKUP_INVALID,
                    "background_colors must have 1 to 4 colours, not " + (colors == null ? 0 : colors.size()));
        }
        for (Integer c : colors) {
            if (c == null || c < 0 || c > 0xFFFFFF) {
                throw new MediaException(MediaException.EMOJI_MARKUP_INVALID,
                        "background colour " + (c == null ? "null" : Integer.toHexString(c)) + " is not 0..0xFFFFFF");
            }
        }
    }

    private static void freeform(BufferedImage img, List<Integer> colors, int[] row) {
        int side = img.getWidth();
        int n = colors.size();
        float[][] pts = points();
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            int c = colors.get(i);
            r[i] = (c >> 16) & 0xFF;
            g[i] = (c >> 8) & 0xFF;
            b[i] = c & 0xFF;
        }
        for (int y = 0; y < side; y++) {
            float dy = (y + 0.5f) / side - 0.5f;
            for (int x = 0; x < side; x++) {
                float dx = (x + 0.5f) / side - 0.5f;
                // the swirl: turn the position around the centre by an angle ∝ distance²
                float distance = (float) Math.sqrt(dx * dx + dy * dy);
                float swirl = 0.35f * distance;
                float angle = swirl * swirl * 0.8f * 8.0f;
                float sin = (float) Math.sin(angle);
                float cos = (float) Math.cos(angle);
                float px = clamp01(0.5f + dx * cos - dy * sin);
                float py = clamp01(0.5f + dx * sin + dy * cos);
                float sum = 0;
                float rr = 0;
                float gg = 0;
                float bb = 0;
                for (int i = 0; i < n; i++) {
                    float ex = px - pts[i][0];
                    float ey = py - pts[i][1];
                    float w = Math.max(0f, 0.9f - (float) Math.sqrt(ex * ex + ey * ey));
                    w = w * w;
                    w = w * w;
                    sum += w;
                    rr += w * r[i];
                    gg += w * g[i];
                    bb += w * b[i];
                }
                if (sum <= 0) {
                    row[x] = colors.getFirst();
                } else {
                    row[x] = (channel(rr / sum) << 16) | (channel(gg / sum) << 8) | channel(bb / sum);
                }
            }
            img.setRGB(0, y, side, 1, row, 0, side);
        }
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return (r << 16) | (g << 8) | bl;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, (int) v));
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
