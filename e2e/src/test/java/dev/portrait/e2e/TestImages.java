package dev.portrait.e2e;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** The images the tests write for the scripts to upload. */
final class TestImages {
    private TestImages() {
    }

    /** The image as a file of the ImageIO format ("jpg", "png"). */
    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** Something photo-like: a gradient, a few discs and sensor noise, so the JPEG has a realistic size. */
    static BufferedImage picture(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), w, h, new Color(230, 180, 90)));
        g.fillRect(0, 0, w, h);
        Random random = new Random(seed);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int d = Math.max(8, Math.min(w, h) / (2 + random.nextInt(5)));
            g.fillOval(random.nextInt(Math.max(1, w - d)), random.nextInt(Math.max(1, h - d)), d, d);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int n = random.nextInt(25) - 12;
                int r = clamp(((rgb >> 16) & 0xff) + n), gr = clamp(((rgb >> 8) & 0xff) + n), b = clamp((rgb & 0xff) + n);
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return img;
    }

    /** "WxH" of an image file (a script's download) as ImageIO decodes it, or what is wrong with it. */
    static String decodedSize(String file) {
        if (file == null) return "(no file)";
        try {
            BufferedImage img = ImageIO.read(Path.of(file).toFile());
            return img == null ? "(not an image)" : img.getWidth() + "x" + img.getHeight();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
