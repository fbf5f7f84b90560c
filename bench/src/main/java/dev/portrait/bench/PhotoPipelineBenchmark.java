package dev.portrait.bench;

import dev.portrait.media.BenchEngines;
import dev.portrait.media.ImageEngine;
import dev.portrait.media.ImageEngines;
import dev.portrait.media.ImageLimits;
import dev.portrait.media.ProfilePhotoImages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One profile photo from a 1280x1280 photo-like JPEG (346 KB): sizes a, b, c, d and the stripped i. Score = photos per
 * second on one thread (run pinned to one core: photos/s per core).
 *
 * <ul>
 *   <li>{@code vips}: the libvips engine (FFM), called directly (no pool); fails with a clear message without
 *       libvips42.</li>
 *   <li>{@code java}: the pure-Java engine (ImageIO + TwelveMonkeys, area-averaging shrink, EXIF).</li>
 *   <li>{@code plainImageIO}: the naive baseline: JDK ImageIO decode, Java2D bilinear drawImage to 1280/640/320/160,
 *       each size from the one before, JDK JPEG writer at quality 0.87; no EXIF, no crop, no stripped thumbnail.</li>
 * </ul>
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.PhotoPipelineBenchmark FILE} writes the same JPEG to
 * FILE (for bench/vipsthumbnail-batch.sh).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PhotoPipelineBenchmark {
    static final int SIDE = 1280;
    static final int[] PLAIN_SIDES = {1280, 640, 320, 160};

    /** The source photo, made once. */
    @State(Scope.Benchmark)
    public static class Source {
        byte[] jpeg;

        @Setup(Level.Trial)
        public void make() throws IOException {
            jpeg = photo(SIDE);
        }
    }

    @State(Scope.Thread)
    public static class Vips {
        ImageEngine engine;

        @Setup(Level.Trial)
        public void open() {
            if (!ImageEngines.vipsAvailable()) {
                throw new IllegalStateException("libvips (libvips.so.42, 8.13 or newer) cannot be loaded: install "
                        + "libvips42 (scripts/install-test-tools.sh) to run the vips benchmark");
            }
            engine = BenchEngines.vips();
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
        }
    }

    @State(Scope.Thread)
    public static class Java {
        ImageEngine engine;

        @Setup(Level.Trial)
        public void open() {
            engine = BenchEngines.java();
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
        }
    }

    @State(Scope.Thread)
    public static class Plain {
        ImageReader reader;
        ImageWriter writer;
        ImageWriteParam param;

        @Setup(Level.Trial)
        public void open() {
            reader = jdk(ImageIO.getImageReadersByFormatName("jpeg"));
            writer = jdk(ImageIO.getImageWritersByFormatName("jpeg"));
            param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.87f);
        }

        @TearDown(Level.Trial)
        public void close() {
            reader.dispose();
            writer.dispose();
        }
    }

    @Benchmark
    public ProfilePhotoImages vips(Source source, Vips vips) throws Exception {
        return check(vips.engine.profilePhoto(source.jpeg, ImageLimits.defaults()));
    }

    @Benchmark
    public ProfilePhotoImages java(Source source, Java java) throws Exception {
        return check(java.engine.profilePhoto(source.jpeg, ImageLimits.defaults()));
    }

    @Benchmark
    public byte[][] plainImageIO(Source source, Plain plain) throws Exception {
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(source.jpeg))) {
            plain.reader.setInput(in, true, true);
            image = plain.reader.read(0);
        }
        byte[][] out = new byte[PLAIN_SIDES.length][];
        BufferedImage current = image;
        for (int i = 0; i < PLAIN_SIDES.length; i++) {
            int side = PLAIN_SIDES[i];
            if (current.getWidth() != side) {
                BufferedImage scaled = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = scaled.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, side, side, null);
                g.dispose();
                current = scaled;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(side * side / 4);
            try (ImageOutputStream o = new MemoryCacheImageOutputStream(bytes)) {
                plain.writer.setOutput(o);
                plain.writer.write(null, new IIOImage(current, null, null), plain.param);
            }
            out[i] = bytes.toByteArray();
        }
        return out;
    }

    private static ProfilePhotoImages check(ProfilePhotoImages p) {
        if (p.sizes().size() != 4 || p.stripped().length < 4) {
            throw new IllegalStateException("expected a, b, c, d and i");
        }
        return p;
    }

    /** The JDK's own ImageIO plugin (com.sun.*), not TwelveMonkeys': the plain baseline. */
    private static <T> T jdk(Iterator<T> it) {
        T first = null;
        while (it.hasNext()) {
            T t = it.next();
            if (t.getClass().getName().startsWith("com.sun.")) {
                return t;
            }
            if (first == null) {
                first = t;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO JPEG plugin");
        }
        return first;
    }

    /**
     * A photo-like square JPEG (quality 0.9, 4:2:0, baseline): smooth gradients and soft shapes plus per-pixel noise,
     * so it compresses like a camera picture (346 KB at 1280 px), not like a flat synthetic image. Deterministic.
     */
    static byte[] photo(int side) throws IOException {
        SplittableRandom random = new SplittableRandom(20261203);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[side];
        for (int y = 0; y < side; y++) {
            double fy = (double) y / side;
            for (int x = 0; x < side; x++) {
                double fx = (double) x / side;
                double blob = Math.exp(-((fx - 0.45) * (fx - 0.45) + (fy - 0.4) * (fy - 0.4)) * 18);
                int r = (int) (60 + 150 * fx + 40 * blob + 20 * Math.sin(fy * 11)) + random.nextInt(21) - 10;
                int g = (int) (70 + 110 * fy + 60 * blob + 20 * Math.cos(fx * 8)) + random.nextInt(21) - 10;
                int b = (int) (190 - 120 * fx * fy + 30 * blob + 15 * Math.sin((fx + fy) * 14))
                        + random.nextInt(21) - 10;
                row[x] = (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
            }
            img.setRGB(0, y, side, 1, row, 0, side);
        }
        ImageWriter writer = jdk(ImageIO.getImageWritersByFormatName("jpeg"));
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream o = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(o);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Writes the benchmark's source JPEG to the given file. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PhotoPipelineBenchmark FILE  (writes the 1280x1280 source JPEG)");
            System.exit(2);
        }
        byte[] jpeg = photo(SIDE);
        Files.write(Path.of(args[0]), jpeg);
        System.out.println(args[0] + ": " + SIDE + "x" + SIDE + " JPEG, " + jpeg.length + " bytes");
    }
}
