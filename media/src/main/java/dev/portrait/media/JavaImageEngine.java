package dev.portrait.media;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The pure-Java engine: javax.imageio with the TwelveMonkeys JPEG reader (CMYK/YCCK, ICC profiles) and WebP reader,
 * the JDK's PNG, GIF and BMP readers and JPEG writer, metadata-extractor for the EXIF orientation, and
 * {@link Pixels} for area-averaging downscales.
 *
 * <p>Only the centre square is decoded ({@link ImageReadParam#setSourceRegion}), subsampled on load to at least
 * twice the largest size needed, so memory is bounded by the output whatever the source's pixel count.
 */
final class JavaImageEngine implements ImageEngine {
    private static final Logger log = LoggerFactory.getLogger(JavaImageEngine.class);
    static final float QUALITY = 0.87f;

    private final ImageReaderSpi jpegReader;
    private final ImageReaderSpi pngReader;
    private final ImageReaderSpi gifReader;
    private final ImageReaderSpi bmpReader;
    private final ImageReaderSpi webpReader;
    private final ImageWriterSpi jpegWriter;

    JavaImageEngine() {
        ImageIO.setUseCache(false);
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerApplicationClasspathSpis();
        jpegReader = reader(registry, "jpeg", "com.twelvemonkeys.");
        pngReader = reader(registry, "png", "com.sun.");
        gifReader = reader(registry, "gif", "com.sun.");
        bmpReader = reader(registry, "bmp", "com.sun.");
        webpReader = reader(registry, "webp", "com.twelvemonkeys.");
        jpegWriter = writer(registry, "jpeg", "com.sun.");
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public ProfilePhotoImages profilePhoto(byte[] source, ImageLimits limits) throws MediaException {
        ImageFormat format = ImageFormat.sniff(source).orElseThrow(
                () -> new MediaException(MediaException.EXT_INVALID, "not a JPEG, PNG, WebP, GIF or BMP image"));
        Sizes.checkCost(source, format, limits);
        try {
            return process(source, format, limits);
        } catch (MediaException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new MediaException(MediaException.PROCESS_FAILED, "out of memory decoding " + format);
        } catch (Exception | StackOverflowError | LinkageError e) {
            log.debug("{} decode failed", format, e);
            throw new MediaException(MediaException.PROCESS_FAILED, format + ": " + e);
        }
    }

    private ProfilePhotoImages process(byte[] source, ImageFormat format, ImageLimits limits) throws Exception {
        ImageReader reader = spi(format).createReaderInstance();
        BufferedImage decoded;
        int side;
        try (ImageInputStream in = new ByteArrayImageInputStream(source)) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            Sizes.check(width, height, limits);
            switch (format) {
                case JPEG -> checkJpegEnds(source);
                case WEBP -> checkRiffComplete(source);
                default -> { }
            }
            side = Math.min(width, height);
            int largest = Sizes.largest(side);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
            int subsampling = Math.max(1, side / (2 * largest));
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            decoded = reader.read(0, param);
        } finally {
            reader.dispose();
        }
        int n = Math.min(decoded.getWidth(), decoded.getHeight());
        int[] square = rgbOnWhite(decoded, n);
        decoded = null;
        int largest = Sizes.largest(side);
        int[] top = Pixels.shrink(square, n, n, largest, largest);
        square = null;
        top = Pixels.orient(top, largest, orientation(source, format));
        return sizes(format, side, top, largest, this::encodeJpeg);
    }

    /**
     * Refuses a JPEG with no EOI marker after its first scan: a file cut short, which libjpeg would only warn about
     * and fill with grey, and which libvips (fail_on=truncated: the input ran out) refuses. Checked on the bytes, not
     * through reader warnings: the reader decodes only the rows of the centre square, so it never reaches the end of a
     * portrait picture. Entropy-coded data cannot contain FF D9 (an FF there is stuffed as FF 00), so the search is
     * exact. A scan that merely stops early at a marker (the rest grey, "premature end of data segment") is decoded,
     * as libvips decodes it. Files whose segments cannot be walked are left to the decoder.
     */
    static void checkJpegEnds(byte[] source) throws MediaException {
        int n = source.length;
        int p = 2;
        int sos = -1;
        while (p + 4 <= n) {
            if ((source[p] & 0xFF) != 0xFF) {
                return;
            }
            int marker = source[p + 1] & 0xFF;
            if (marker == 0xFF) {            // fill byte
                p++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;                      // markers without a length
                continue;
            }
            if (marker == 0xD9) {
                return;                      // EOI before any scan: the decoder says "no image"
            }
            if (marker == 0xDA) {
                sos = p;
                break;
            }
            p += 2 + (((source[p + 2] & 0xFF) << 8) | (source[p + 3] & 0xFF));
        }
        if (sos < 0) {
            return;
        }
        for (int i = n - 2; i > sos; i--) {
            if ((source[i] & 0xFF) == 0xFF && (source[i + 1] & 0xFF) == 0xD9) {
                return;
            }
        }
        throw new MediaException(MediaException.PROCESS_FAILED, "JPEG data is truncated: no EOI marker after the scan");
    }

    /**
     * Refuses a WebP whose RIFF container is cut short: the TwelveMonkeys decoder decodes a truncated VP8 frame
     * without complaint (grey or garbage at the bottom), libwebp refuses it.
     */
    static void checkRiffComplete(byte[] source) throws MediaException {
        long riff = le32(source, 4) + 8L;
        if (riff > source.length) {
            throw new MediaException(MediaException.PROCESS_FAILED,
                    "WEBP data is truncated: the RIFF header announces " + riff + " bytes, there are " + source.length);
        }
        long p = 12;
        while (p + 8 <= riff) {
            long size = le32(source, (int) p + 4);
            p += 8 + size + (size & 1);
        }
        if (p > riff + 1) { // the pad byte of an odd-sized last chunk may be missing
            throw new MediaException(MediaException.PROCESS_FAILED, "WEBP data is truncated: a chunk ends at " + p
                    + ", past the end of the RIFF container at " + riff);
        }
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    /** Writes the sizes from the largest (already oriented) square down, and the stripped thumbnail from {@code a}. */
    static ProfilePhotoImages sizes(ImageFormat format, int side, int[] top, int topSide, JpegEncoder encoder)
            throws IOException {
        int count = Sizes.count(side);
        SizedJpeg[] out = new SizedJpeg[count];
        int[] current = top;
        int currentSide = topSide;
        byte[] jpeg = null;
        for (int i = count - 1; i >= 0; i--) {
            int target = Sizes.target(i, side);
            if (target != currentSide) {
                current = Pixels.shrink(current, currentSide, currentSide, target, target);
                currentSide = target;
                jpeg = null;
            }
            if (jpeg == null) {
                jpeg = encoder.encode(current, currentSide);
            }
            out[i] = new SizedJpeg(Sizes.TYPES[i], target, target, jpeg);
        }
        return new ProfilePhotoImages(format, Arrays.asList(out), stripped(current, currentSide));
    }

    /** The stripped thumbnail of a square picture (the {@code a} size). */
    static byte[] stripped(int[] square, int n) {
        int s = Math.min(Sizes.STRIPPED_SIDE, n);
        return StrippedThumbnail.encode(Pixels.shrink(square, n, n, s, s), s, s);
    }

    @FunctionalInterface
    interface JpegEncoder {
        byte[] encode(int[] rgb, int side) throws IOException;
    }

    /** The top-left n×n of the image as 0xRRGGBB, any alpha composited onto white, any colour model converted. */
    static int[] rgbOnWhite(BufferedImage image, int n) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getWidth() == n && image.getHeight() == n
                && image.getRaster().getDataBuffer() instanceof DataBufferInt db && db.getNumBanks() == 1
                && db.getOffset() == 0) {
            return db.getData();
        }
        BufferedImage rgb = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, n, n);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    /** Baseline JPEG, quality 87, YCbCr 4:2:0, JFIF and nothing else. */
    byte[] encodeJpeg(int[] rgb, int side) throws IOException {
        DirectColorModel cm = new DirectColorModel(24, 0xFF0000, 0x00FF00, 0x0000FF);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(rgb, side * side), side, side, side,
                new int[] {0xFF0000, 0x00FF00, 0x0000FF}, new Point());
        BufferedImage image = new BufferedImage(cm, raster, false, null);
        ImageWriter writer = jpegWriter.createWriterInstance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(4096, side * side / 3));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The EXIF orientation (1–8) of a JPEG (APP1), WebP (EXIF chunk) or PNG (eXIf chunk), as libvips applies it; 1 when
     * there is none or it cannot be read.
     */
    static int orientation(byte[] source, ImageFormat format) {
        try {
            Metadata metadata = switch (format) {
                case JPEG -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(source), List.of(new ExifReader()));
                case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(source));
                case PNG -> PngMetadataReader.readMetadata(new ByteArrayInputStream(source));
                case GIF, BMP -> null;
            };
            if (metadata == null) {
                return 1;
            }
            for (ExifIFD0Directory d : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                Integer o = d.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                if (o != null) {
                    return o;
                }
            }
        } catch (Exception | StackOverflowError e) {
            log.debug("no readable EXIF orientation: {}", e.toString());
        }
        return 1;
    }

    private ImageReaderSpi spi(ImageFormat format) {
        return switch (format) {
            case JPEG -> jpegReader;
            case PNG -> pngReader;
            case GIF -> gifReader;
            case BMP -> bmpReader;
            case WEBP -> webpReader;
        };
    }

    private static ImageReaderSpi reader(IIORegistry registry, String format, String preferred) {
        Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class,
                p -> Arrays.asList(((ImageReaderSpi) p).getFormatNames()).contains(format), true);
        ImageReaderSpi first = null;
        while (it.hasNext()) {
            ImageReaderSpi spi = it.next();
            if (spi.getClass().getName().startsWith(preferred)) {
                return spi;
            }
            if (first == null) {
                first = spi;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return first;
    }

    private static ImageWriterSpi writer(IIORegistry registry, String format, String preferred) {
        Iterator<ImageWriterSpi> it = registry.getServiceProviders(ImageWriterSpi.class,
                p -> Arrays.asList(((ImageWriterSpi) p).getFormatNames()).contains(format), true);
        ImageWriterSpi first = null;
        while (it.hasNext()) {
            ImageWriterSpi spi = it.next();
            if (spi.getClass().getName().startsWith(preferred)) {
                return spi;
            }
            if (first == null) {
                first = spi;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return first;
    }
}
