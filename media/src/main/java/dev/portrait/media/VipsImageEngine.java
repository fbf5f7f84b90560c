package dev.portrait.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The libvips engine: header read (lazy {@code new_from_buffer}) for the limits, then one
 * {@code vips_thumbnail_buffer} to the largest size (shrink-on-load, EXIF autorotation, centre crop, ICC/CMYK import
 * to sRGB, {@code fail_on=truncated}), flattened onto white and made 8-bit sRGB, then each smaller size from the
 * previous one (a 2×2 box average in Java for an exact halving, else {@code vips_thumbnail_image}), each written by
 * {@code vips_jpegsave_buffer} (Q 87, 4:2:0, no metadata). The stripped thumbnail comes from the {@code a} pixels
 * through the same Java encoder as the Java engine.
 *
 * <p>BMP goes to the Java engine: libvips 8.14 reads BMP only through ImageMagick, an untrusted loader that
 * {@link Vips} blocks.
 */
final class VipsImageEngine implements ImageEngine {
    private static final Logger log = LoggerFactory.getLogger(VipsImageEngine.class);
    private static final int QUALITY = 87;

    private final Vips vips;
    private final JavaImageEngine bmp;

    VipsImageEngine(Vips vips, JavaImageEngine bmp) {
        this.vips = vips;
        this.bmp = bmp;
    }

    @Override
    public String name() {
        return "vips";
    }

    @Override
    public ProfilePhotoImages profilePhoto(byte[] source, ImageLimits limits) throws MediaException {
        ImageFormat format = ImageFormat.sniff(source).orElseThrow(
                () -> new MediaException(MediaException.EXT_INVALID, "not a JPEG, PNG, WebP, GIF or BMP image"));
        Sizes.checkCost(source, format, limits);
        if (format == ImageFormat.BMP) {
            return bmp.profilePhoto(source, limits);
        }
        try (Arena arena = Arena.ofConfined(); Images images = new Images()) {
            return process(arena, images, source, format, limits);
        } catch (MediaException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new MediaException(MediaException.PROCESS_FAILED, "out of memory processing " + format);
        } catch (Throwable e) {
            log.debug("{} processing failed", format, e);
            throw new MediaException(MediaException.PROCESS_FAILED, format + ": " + e);
        }
    }

    private ProfilePhotoImages process(Arena arena, Images images, byte[] source, ImageFormat format,
                                       ImageLimits limits) throws Throwable {
        long len = source.length;
        MemorySegment buf = arena.allocate(len, 16);
        MemorySegment.copy(source, 0, buf, ValueLayout.JAVA_BYTE, 0, source.length);

        // 1. the header only (new_from_buffer is lazy): refuse bombs before any pixel is decoded
        MemorySegment header = vips.newFromBuffer(buf, len, arena.allocateFrom(""));
        if (header.equals(MemorySegment.NULL)) {
            throw failed(format);
        }
        int width;
        int height;
        try {
            width = vips.width(header);
            height = vips.height(header);
        } finally {
            vips.unref(header);
        }
        Sizes.check(width, height, limits);
        int side = Math.min(width, height);
        int largest = Sizes.largest(side);

        // 2. decode (shrink-on-load), autorotate, crop the centre square, to 8-bit sRGB on white
        MemorySegment image = images.add(vips.thumbnailBuffer(arena, buf, len, largest, Vips.FAIL_ON_TRUNCATED, "truncated"));
        if (image.equals(MemorySegment.NULL)) {
            throw failed(format);
        }
        image = normalise(arena, images, image, format);
        MemorySegment top = images.add(vips.copyMemory(image));
        if (top.equals(MemorySegment.NULL)) {
            throw failed(format);
        }
        if (vips.width(top) != largest || vips.height(top) != largest) {
            throw new MediaException(MediaException.PROCESS_FAILED,
                    "libvips made " + vips.width(top) + "x" + vips.height(top) + ", not " + largest);
        }

        // 3. the sizes, largest first, each from the one before. An exact halving (1280 → 640 → 320 → 160) is a
        // 2×2 box average of the pixels, done here as in the Java engine (libvips 8.14's vips_shrink takes ~5 times
        // as long); any other step (a 500 px square's 320) is thumbnail_image's Lanczos-3 reduce.
        int count = Sizes.count(side);
        SizedJpeg[] out = new SizedJpeg[count];
        MemorySegment current = top;
        int currentSide = largest;
        byte[] pixels = null; // current's RGB bytes, once read
        byte[] jpeg = null;
        for (int i = count - 1; i >= 0; i--) {
            int target = Sizes.target(i, side);
            if (target != currentSide) {
                if (currentSide == 2 * target) {
                    if (pixels == null) {
                        pixels = pixels(current, currentSide, format);
                    }
                    pixels = Pixels.halveRgb(pixels, currentSide);
                    current = check(images.add(vips.imageFromMemory(arena, pixels, target)), format);
                } else {
                    MemorySegment lazy = check(images.add(vips.thumbnailImage(arena, current, target)), format);
                    current = check(images.add(vips.copyMemory(lazy)), format);
                    pixels = null;
                }
                currentSide = target;
                jpeg = null;
            }
            if (jpeg == null) {
                jpeg = vips.jpegsave(arena, current, QUALITY);
                if (jpeg == null) {
                    throw failed(format);
                }
            }
            out[i] = new SizedJpeg(Sizes.TYPES[i], target, target, jpeg);
        }

        // 4. the stripped thumbnail from the a pixels
        if (pixels == null) {
            pixels = pixels(current, currentSide, format);
        }
        int[] rgb = new int[currentSide * currentSide];
        for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
            rgb[i] = ((pixels[j] & 0xFF) << 16) | ((pixels[j + 1] & 0xFF) << 8) | (pixels[j + 2] & 0xFF);
        }
        return new ProfilePhotoImages(format, Arrays.asList(out), JavaImageEngine.stripped(rgb, currentSide));
    }

    /** The RGB bytes of a side × side 3-band memory image. */
    private byte[] pixels(MemorySegment image, int side, ImageFormat format) throws Throwable {
        byte[] p = vips.pixels(image, (long) side * side * 3);
        if (p == null) {
            throw failed(format);
        }
        return p;
    }

    /** 8-bit, alpha flattened onto white, 3-band sRGB. */
    private MemorySegment normalise(Arena arena, Images images, MemorySegment image, ImageFormat format)
            throws Throwable {
        if (vips.format(image) != Vips.FORMAT_UCHAR) {
            image = check(images.add(vips.colourspace(arena, image, Vips.INTERPRETATION_SRGB)), format);
        }
        if (vips.hasAlpha(image)) {
            int colourBands = vips.bands(image) - 1;
            double[] white = new double[colourBands];
            Arrays.fill(white, vips.format(image) == Vips.FORMAT_UCHAR ? 255.0 : 65535.0);
            image = check(images.add(vips.flatten(arena, image, white)), format);
        }
        if (vips.bands(image) != 3 || vips.interpretation(image) != Vips.INTERPRETATION_SRGB) {
            image = check(images.add(vips.colourspace(arena, image, Vips.INTERPRETATION_SRGB)), format);
        }
        if (vips.format(image) != Vips.FORMAT_UCHAR) {
            image = check(images.add(vips.cast(arena, image, Vips.FORMAT_UCHAR)), format);
        }
        if (vips.bands(image) != 3) {
            throw new MediaException(MediaException.PROCESS_FAILED, format + " has " + vips.bands(image) + " bands");
        }
        return image;
    }

    private MemorySegment check(MemorySegment image, ImageFormat format) throws MediaException {
        if (image.equals(MemorySegment.NULL)) {
            throw failed(format);
        }
        return image;
    }

    private MediaException failed(ImageFormat format) {
        return new MediaException(MediaException.PROCESS_FAILED, format + ": " + vips.takeError());
    }

    /** The VipsImages of one call, unreferenced together at the end. */
    private final class Images implements AutoCloseable {
        private final List<MemorySegment> list = new ArrayList<>(12);

        MemorySegment add(MemorySegment image) {
            if (!image.equals(MemorySegment.NULL)) {
                list.add(image);
            }
            return image;
        }

        @Override
        public void close() {
            for (MemorySegment image : list) {
                try {
                    vips.unref(image);
                } catch (Throwable t) {
                    log.warn("g_object_unref failed", t);
                }
            }
        }
    }
}
