package dev.portrait.media;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Test pictures made in code (and the few fixtures ImageIO cannot write), plus JPEG/PNG byte surgery. */
final class TestImages {
    private TestImages() {}

    // Quadrant colours: distinct hues, away from the gamut edges so JPEG and CMYK round trips keep them recognisable.
    static final int RED = 0xDC1E1E;
    static final int GREEN = 0x1EC81E;
    static final int BLUE = 0x1E1EDC;
    static final int YELLOW = 0xE6DC1E;
    static final int MAGENTA = 0xFF00FF;
    /** Top-left, top-right, bottom-left, bottom-right. */
    static final int[] QUADRANTS = {RED, GREEN, BLUE, YELLOW};

    /** A picture split into four solid quadrants (red, green / blue, yellow). */
    static BufferedImage quadrants(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, QUADRANTS[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]);
            }
        }
        return img;
    }

    /**
     * The quadrants in the centre square, magenta bars on the long sides: a centre crop keeps no magenta.
     */
    static BufferedImage quadrantsWithBars(int width, int height) {
        int side = Math.min(width, height);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sx = x - x0;
                int sy = y - y0;
                boolean inside = sx >= 0 && sx < side && sy >= 0 && sy < side;
                img.setRGB(x, y, inside ? QUADRANTS[(sy < side / 2 ? 0 : 2) + (sx < side / 2 ? 0 : 1)] : MAGENTA);
            }
        }
        return img;
    }

    /** Smooth gradients plus noise: compresses like a photograph. */
    static BufferedImage photoLike(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double fx = (double) x / width;
                double fy = (double) y / height;
                int r = (int) (40 + 170 * fx + 30 * Math.sin(fy * 9)) + random.nextInt(25) - 12;
                int g = (int) (60 + 140 * fy + 30 * Math.cos(fx * 7)) + random.nextInt(25) - 12;
                int b = (int) (200 - 120 * fx * fy + 25 * Math.sin((fx + fy) * 13)) + random.nextInt(25) - 12;
                img.setRGB(x, y, (clamp(r) << 16) | (clamp(g) << 8) | clamp(b));
            }
        }
        return img;
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    // ---- encoders ----

    static byte[] jpeg(BufferedImage image) {
        return jpeg(image, 0.95f, false);
    }

    static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                writer = w;
                break;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    /** 16 bits per channel RGB, the quadrants (each 8-bit value v as v × 257). */
    static byte[] png16(int width, int height) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        BufferedImage quad = quadrants(width, height);
        int[] px = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = quad.getRGB(x, y);
                px[0] = ((c >> 16) & 0xFF) * 257;
                px[1] = ((c >> 8) & 0xFF) * 257;
                px[2] = (c & 0xFF) * 257;
                raster.setPixel(x, y, px);
            }
        }
        if (!(raster.getDataBuffer() instanceof DataBufferUShort)) {
            throw new IllegalStateException("not a 16-bit raster");
        }
        byte[] png = png(new BufferedImage(cm, raster, false, null));
        int bitDepth = png[24] & 0xFF; // IHDR: signature 8, length 4, type 4, width 4, height 4, bit depth
        if (bitDepth != 16) {
            throw new IllegalStateException("ImageIO wrote a " + bitDepth + "-bit PNG");
        }
        return png;
    }

    /** 8-bit grey: left half dark, right half light. */
    static byte[] greyPng(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, x < width / 2 ? 40 : 200);
            }
        }
        return png(img);
    }

    /** A 4-colour palette PNG of the quadrants. */
    static byte[] palettePng(int width, int height) {
        byte[] rs = new byte[4];
        byte[] gs = new byte[4];
        byte[] bs = new byte[4];
        for (int i = 0; i < 4; i++) {
            rs[i] = (byte) (QUADRANTS[i] >> 16);
            gs[i] = (byte) (QUADRANTS[i] >> 8);
            bs[i] = (byte) QUADRANTS[i];
        }
        IndexColorModel cm = new IndexColorModel(2, 4, rs, gs, bs);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, cm);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1));
            }
        }
        byte[] png = png(img);
        if (png[25] != 3) { // IHDR colour type 3 = palette
            throw new IllegalStateException("ImageIO wrote PNG colour type " + png[25]);
        }
        return png;
    }

    /**
     * RGBA in three vertical bands: fully transparent black, 50 % red, opaque blue. Flattened on white they become
     * white, pink (255, ~128, ~128) and blue.
     */
    static byte[] alphaPng(int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int band = x * 3 / side;
                img.setRGB(x, y, switch (band) {
                    case 0 -> 0x00000000;
                    case 1 -> 0x80FF0000;
                    default -> 0xFF000000 | BLUE;
                });
            }
        }
        return png(img);
    }

    /** Two frames: the quadrants, then solid black. Only the first may be used. */
    static byte[] animatedGif(int width, int height) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(quadrants(width, height), null, null), null);
            BufferedImage black = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            writer.writeToSequence(new IIOImage(black, null, null), null);
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] fixture(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- byte surgery ----

    /**
     * Inserts an APP1 Exif segment (big-endian TIFF, IFD0 with one Orientation entry) right after SOI, as cameras
     * write it.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);   // header, IFD0 at 8
        tiff.putShort((short) 1);                             // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);      // value, padding
        tiff.putInt(0);                                       // no next IFD
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Offset of the first marker {@code FF xx} with xx in {@code markers}, walking the segments; -1 if none. */
    static int findMarker(byte[] jpeg, int... markers) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                return -1;
            }
            int m = jpeg[p + 1] & 0xFF;
            for (int want : markers) {
                if (m == want) {
                    return p;
                }
            }
            if (m == 0xDA || m == 0xD9) {
                return -1;
            }
            p += 2 + (((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF));
        }
        return -1;
    }

    /** The JPEG with the frame header (SOF0/SOF2) claiming {@code width × height}. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        int sof = findMarker(jpeg, 0xC0, 0xC1, 0xC2);
        if (sof < 0) {
            throw new IllegalArgumentException("no SOF");
        }
        byte[] out = jpeg.clone();
        out[sof + 5] = (byte) (height >> 8);
        out[sof + 6] = (byte) height;
        out[sof + 7] = (byte) (width >> 8);
        out[sof + 8] = (byte) width;
        return out;
    }

    /** The PNG with IHDR claiming {@code width × height}, its CRC recomputed. */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        if (b.getInt(8) != 13 || b.getInt(12) != 0x49484452) {
            throw new IllegalArgumentException("IHDR is not the first chunk");
        }
        b.putInt(16, width);
        b.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 4 + 13);
        b.putInt(29, (int) crc.getValue());
        return out;
    }

    // ---- reading results ----

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IllegalStateException("ImageIO cannot read these bytes");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean colour of a w×h window at (x, y) as {r, g, b}. */
    static int[] mean(BufferedImage img, int x, int y, int w, int h) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int c = img.getRGB(i, j);
                r += (c >> 16) & 0xFF;
                g += (c >> 8) & 0xFF;
                b += c & 0xFF;
            }
        }
        int n = w * h;
        return new int[] {(int) (r / n), (int) (g / n), (int) (b / n)};
    }

    static int[] mean(BufferedImage img) {
        return mean(img, 0, 0, img.getWidth(), img.getHeight());
    }

    static int[] rgb(int c) {
        return new int[] {(c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF};
    }

    /** Largest per-channel difference. */
    static int distance(int[] a, int[] b) {
        int d = 0;
        for (int i = 0; i < 3; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** The luminance quantisation table (table 0) in zig-zag order, from the first DQT that defines it. */
    static int[] lumaQuantTable(byte[] jpeg) {
        int p = 2;
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
            int m = jpeg[p + 1] & 0xFF;
            int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            if (m == 0xDB) {
                int q = p + 4;
                while (q < p + 2 + len) {
                    int pqTq = jpeg[q++] & 0xFF;
                    int[] t = new int[64];
                    for (int i = 0; i < 64; i++) {
                        t[i] = (pqTq >> 4) == 0 ? jpeg[q++] & 0xFF
                                : ((jpeg[q++] & 0xFF) << 8) | (jpeg[q++] & 0xFF);
                    }
                    if ((pqTq & 15) == 0) {
                        return t;
                    }
                }
            }
            if (m == 0xDA) {
                break;
            }
            p += 2 + len;
        }
        throw new IllegalArgumentException("no luminance DQT");
    }

    /** The IJG standard luminance table (Annex K.1), zig-zag order. */
    private static final int[] STD_LUMA_ZIGZAG = zigzag(new int[] {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    });

    private static int[] zigzag(int[] natural) {
        int[] z = new int[64];
        for (int k = 0; k < 64; k++) {
            z[k] = natural[StrippedJpegEncoder.NATURAL_ORDER[k]];
        }
        return z;
    }

    /** The IJG quality (1–100) whose scaled standard luminance table is nearest to the JPEG's. */
    static int estimateQuality(byte[] jpeg) {
        int[] table = lumaQuantTable(jpeg);
        int best = -1;
        long bestError = Long.MAX_VALUE;
        for (int q = 1; q <= 100; q++) {
            int scale = q < 50 ? 5000 / q : 200 - 2 * q;
            long error = 0;
            for (int i = 0; i < 64; i++) {
                int v = Math.max(1, Math.min(255, (STD_LUMA_ZIGZAG[i] * scale + 50) / 100));
                error += Math.abs(v - table[i]);
            }
            if (error < bestError) {
                bestError = error;
                best = q;
            }
        }
        return best;
    }

    static byte[] truncate(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}
