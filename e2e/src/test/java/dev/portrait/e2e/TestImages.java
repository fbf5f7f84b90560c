package dev.portrait.e2e;

import dev.portrait.media.video.VideoTools;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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

    /** An H.264 MP4 made with the ffmpeg the server uses too (libx264 when present, else libopenh264). */
    static void mp4(VideoTools tools, Path dir, String name, List<String> input) throws Exception {
        Path out = dir.resolve(name);
        Path log = dir.resolve(name + ".log");
        for (String encoder : List.of("libx264", "libopenh264")) {
            List<String> cmd = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-y"));
            cmd.addAll(input);
            cmd.addAll(List.of("-c:v", encoder, "-b:v", "1M", "-movflags", "+faststart", out.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(tools.environment());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (p.exitValue() == 0 && Files.size(out) > 0) return;
        }
        throw new IllegalStateException("cannot make " + name + " with " + tools.describe() + ": " + Files.readString(log));
    }
}
