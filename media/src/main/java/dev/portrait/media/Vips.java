package dev.portrait.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libvips 8.x calls the vips engine needs, bound with the FFM API (java.lang.foreign) to
 * {@code libvips.so.42}. Loaded once, lazily; {@link #instance()} fails when the library is missing or older than
 * 8.13 (the first with {@code fail_on} and {@code vips_block_untrusted_set}).
 *
 * <p>Process-wide settings made at load: concurrency 1 (callers parallelise across requests), the operation cache
 * off (it would keep references to per-call buffers), untrusted loaders (ImageMagick, …) blocked, libvips'
 * GLib warnings routed to this class's logger at DEBUG instead of stderr, and glibc's mmap and trim thresholds fixed
 * ({@link #tuneMalloc}).
 */
final class Vips {
    private static final Logger log = LoggerFactory.getLogger(Vips.class);
    static final String LIBRARY = "libvips.so.42";

    // enums from vips/enumtypes.h (8.14)
    static final int INTERESTING_CENTRE = 1;
    static final int FAIL_ON_TRUNCATED = 1;
    static final int FORMAT_UCHAR = 0;
    static final int INTERPRETATION_SRGB = 22;
    static final int SUBSAMPLE_ON = 1;

    private static final Object LOCK = new Object();
    private static volatile Vips instance;
    private static volatile Throwable failure;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup lookup;

    private final MethodHandle errorBuffer;
    private final MethodHandle errorClear;
    private final MethodHandle newFromBuffer;
    private final MethodHandle getWidth;
    private final MethodHandle getHeight;
    private final MethodHandle getBands;
    private final MethodHandle getFormat;
    private final MethodHandle getInterpretation;
    private final MethodHandle hasAlpha;
    private final MethodHandle thumbnailBuffer;
    private final MethodHandle thumbnailImage;
    private final MethodHandle flatten;
    private final MethodHandle arrayDoubleNew;
    private final MethodHandle areaUnref;
    private final MethodHandle colourspace;
    private final MethodHandle cast;
    private final MethodHandle getData;
    private final MethodHandle newFromMemory;
    private final MethodHandle copyMemory;
    private final MethodHandle jpegsaveBuffer;
    private final MethodHandle objectUnref;
    private final MethodHandle gFree;
    final String version;

    private Vips() throws Throwable {
        lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        MethodHandle init = fn("vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle versionFn = fn("vips_version", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        int major = (int) versionFn.invokeExact(0);
        int minor = (int) versionFn.invokeExact(1);
        int micro = (int) versionFn.invokeExact(2);
        version = major + "." + minor + "." + micro;
        if (major < 8 || (major == 8 && minor < 13)) {
            throw new IllegalStateException("libvips " + version + " is older than 8.13");
        }
        if ((int) init.invokeExact(Arena.global().allocateFrom("portrait")) != 0) {
            throw new IllegalStateException("vips_init failed");
        }
        errorBuffer = fn("vips_error_buffer", FunctionDescriptor.of(ADDRESS));
        errorClear = fn("vips_error_clear", FunctionDescriptor.ofVoid());
        MethodHandle concurrency = fn("vips_concurrency_set", FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle cacheMax = fn("vips_cache_set_max", FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle blockUntrusted = fn("vips_block_untrusted_set", FunctionDescriptor.ofVoid(JAVA_INT));
        concurrency.invokeExact(1);
        cacheMax.invokeExact(0);
        blockUntrusted.invokeExact(1);
        routeWarnings();
        tuneMalloc();

        newFromBuffer = variadic("vips_image_new_from_buffer", ADDRESS,
                new MemoryLayout[] {ADDRESS, JAVA_LONG, ADDRESS}, ADDRESS);
        getWidth = fn("vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getHeight = fn("vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getBands = fn("vips_image_get_bands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getFormat = fn("vips_image_get_format", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getInterpretation = fn("vips_image_get_interpretation", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        hasAlpha = fn("vips_image_hasalpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // vips_thumbnail_buffer(buf, len, &out, width, "height", h, "crop", c, "fail_on", f, "option_string", s, NULL)
        thumbnailBuffer = variadic("vips_thumbnail_buffer", JAVA_INT,
                new MemoryLayout[] {ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT},
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        // vips_thumbnail_image(in, &out, width, "height", h, "crop", c, NULL)
        thumbnailImage = variadic("vips_thumbnail_image", JAVA_INT,
                new MemoryLayout[] {ADDRESS, ADDRESS, JAVA_INT},
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        // vips_flatten(in, &out, "background", array, NULL)
        flatten = variadic("vips_flatten", JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS}, ADDRESS, ADDRESS, ADDRESS);
        arrayDoubleNew = fn("vips_array_double_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        areaUnref = fn("vips_area_unref", FunctionDescriptor.ofVoid(ADDRESS));
        colourspace = variadic("vips_colourspace", JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS, JAVA_INT}, ADDRESS);
        cast = variadic("vips_cast", JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS, JAVA_INT}, ADDRESS);
        getData = fn("vips_image_get_data", FunctionDescriptor.of(ADDRESS, ADDRESS));
        // vips_image_new_from_memory(data, size, width, height, bands, format): wraps the memory, no copy
        newFromMemory = fn("vips_image_new_from_memory",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        copyMemory = fn("vips_image_copy_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
        // vips_jpegsave_buffer(in, &buf, &len, "Q", q, "strip", TRUE, "subsample_mode", on, NULL)
        jpegsaveBuffer = variadic("vips_jpegsave_buffer", JAVA_INT, new MemoryLayout[] {ADDRESS, ADDRESS, ADDRESS},
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        objectUnref = fn("g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
        gFree = fn("g_free", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** The loaded binding; throws (with the reason) when libvips cannot be used. */
    static Vips instance() {
        Vips v = instance;
        if (v != null) {
            return v;
        }
        synchronized (LOCK) {
            if (instance == null && failure == null) {
                try {
                    instance = new Vips();
                    log.info("libvips {} loaded", instance.version);
                } catch (Throwable t) {
                    failure = t;
                    log.info("libvips unavailable: {}", t.toString());
                }
            }
            if (instance == null) {
                throw new IllegalStateException("libvips (" + LIBRARY + ") cannot be used: " + failure, failure);
            }
            return instance;
        }
    }

    static boolean available() {
        try {
            instance();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private MethodHandle fn(String name, FunctionDescriptor d) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
        return linker.downcallHandle(symbol, d);
    }

    private MethodHandle variadic(String name, MemoryLayout result, MemoryLayout[] fixed, MemoryLayout... rest) {
        MemoryLayout[] all = new MemoryLayout[fixed.length + rest.length];
        System.arraycopy(fixed, 0, all, 0, fixed.length);
        System.arraycopy(rest, 0, all, fixed.length, rest.length);
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
        return linker.downcallHandle(symbol, FunctionDescriptor.of(result, all),
                Linker.Option.firstVariadicArg(fixed.length));
    }

    /**
     * {@code mallopt(M_MMAP_THRESHOLD, 16 MB)} and {@code mallopt(M_TRIM_THRESHOLD, 32 MB)} (glibc only; skipped
     * elsewhere, or with {@code -Dportrait.media.mallopt=false}). Each photo allocates and frees a few buffers of
     * 1–5 MB (the decoded 1280 px square is 4.9 MB). Depending on the allocation history, glibc's adaptive thresholds
     * serve those with fresh mmap()s or trim them off the arenas once freed, and then every photo page-faults its whole
     * working set back in: on the project's VMs ~2,700 page faults and ~60–70 ms a photo instead of ~25 ms, one run in
     * two. Fixed thresholds keep that memory in the malloc arenas for reuse; buffers over 16 MB still come from mmap
     * and go back to the OS when freed. Process-wide, so it also applies to the JVM's own malloc use; the cost is
     * memory the arenas keep, about one photo's working set per thread that processed one.
     */
    private void tuneMalloc() {
        if (!Boolean.parseBoolean(System.getProperty("portrait.media.mallopt", "true"))) {
            return;
        }
        try {
            MemorySegment mallopt = linker.defaultLookup().find("mallopt").orElse(null);
            if (mallopt == null) {
                log.debug("no mallopt: not glibc");
                return;
            }
            MethodHandle h = linker.downcallHandle(mallopt, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
            int mmapThreshold = -3; // M_MMAP_THRESHOLD
            int trimThreshold = -1; // M_TRIM_THRESHOLD
            int ok1 = (int) h.invokeExact(mmapThreshold, 16 << 20);
            int ok2 = (int) h.invokeExact(trimThreshold, 32 << 20);
            log.debug("mallopt(M_MMAP_THRESHOLD, 16 MB) = {}, mallopt(M_TRIM_THRESHOLD, 32 MB) = {}", ok1, ok2);
        } catch (Throwable t) {
            log.debug("mallopt failed: {}", t.toString());
        }
    }

    /** g_log_set_handler("VIPS", WARNING | MESSAGE | INFO | DEBUG, handler, NULL): libvips' chatter goes to slf4j. */
    private void routeWarnings() throws Throwable {
        MethodHandle setHandler = fn("g_log_set_handler",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle target = MethodHandles.lookup().findStatic(Vips.class, "onLog",
                MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class,
                        MemorySegment.class));
        MemorySegment stub = linker.upcallStub(target,
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        int levels = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7);
        int id = (int) setHandler.invokeExact(Arena.global().allocateFrom("VIPS"), levels, stub, MemorySegment.NULL);
        if (id == 0) {
            log.debug("g_log_set_handler returned 0");
        }
    }

    @SuppressWarnings("unused") // called from native code
    private static void onLog(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
        try {
            if (log.isDebugEnabled()) {
                log.debug("libvips: {}", cString(message));
            }
        } catch (Throwable ignored) {
            // an exception must never unwind into native code
        }
    }

    static String cString(MemorySegment p) {
        if (p == null || p.equals(MemorySegment.NULL)) {
            return "";
        }
        return p.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    // ---- calls; images are MemorySegment pointers to VipsImage, NULL on failure ----

    /** Takes and clears libvips' error text (process-wide, so under load it may mix in other calls' errors). */
    String takeError() {
        try {
            String s = cString((MemorySegment) errorBuffer.invokeExact()).strip();
            errorClear.invokeExact();
            return s.isEmpty() ? "libvips failed" : s.replace('\n', ' ');
        } catch (Throwable t) {
            return "libvips failed (" + t + ")";
        }
    }

    MemorySegment newFromBuffer(MemorySegment buf, long len, MemorySegment options) throws Throwable {
        return (MemorySegment) newFromBuffer.invokeExact(buf, len, options, MemorySegment.NULL);
    }

    int width(MemorySegment image) throws Throwable {
        return (int) getWidth.invokeExact(image);
    }

    int height(MemorySegment image) throws Throwable {
        return (int) getHeight.invokeExact(image);
    }

    int bands(MemorySegment image) throws Throwable {
        return (int) getBands.invokeExact(image);
    }

    int format(MemorySegment image) throws Throwable {
        return (int) getFormat.invokeExact(image);
    }

    int interpretation(MemorySegment image) throws Throwable {
        return (int) getInterpretation.invokeExact(image);
    }

    boolean hasAlpha(MemorySegment image) throws Throwable {
        return (int) hasAlpha.invokeExact(image) != 0;
    }

    /**
     * Shrink-on-load thumbnail, autorotated, centre-cropped to side × side; NULL on failure. {@code fail_on} goes to
     * the loader twice: as the thumbnail's own option and in the loader option string, because libvips 8.14's
     * thumbnail_buffer does not hand its fail_on to the JPEG loader (a truncated JPEG would load as grey).
     */
    MemorySegment thumbnailBuffer(Arena arena, MemorySegment buf, long len, int side, int failOn,
                                  String failOnName) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        int rc = (int) thumbnailBuffer.invokeExact(buf, len, out, side,
                arena.allocateFrom("height"), side,
                arena.allocateFrom("crop"), INTERESTING_CENTRE,
                arena.allocateFrom("fail_on"), failOn,
                arena.allocateFrom("option_string"), arena.allocateFrom("fail_on=" + failOnName),
                MemorySegment.NULL);
        return rc == 0 ? out.get(ADDRESS, 0) : MemorySegment.NULL;
    }

    MemorySegment thumbnailImage(Arena arena, MemorySegment in, int side) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        int rc = (int) thumbnailImage.invokeExact(in, out, side,
                arena.allocateFrom("height"), side,
                arena.allocateFrom("crop"), INTERESTING_CENTRE,
                MemorySegment.NULL);
        return rc == 0 ? out.get(ADDRESS, 0) : MemorySegment.NULL;
    }

    /**
     * The pixels of a memory image (one made by {@link #copyMemory} or {@link #imageFromMemory}): {@code length} bytes,
     * band-interleaved, row by row, copied out; null on failure.
     */
    byte[] pixels(MemorySegment image, long length) throws Throwable {
        MemorySegment p = (MemorySegment) getData.invokeExact(image);
        if (p.equals(MemorySegment.NULL)) {
            return null;
        }
        return p.reinterpret(length).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * A {@code side × side} 3-band 8-bit image over a copy of {@code rgb} in {@code arena}'s memory (so it must be
     * unreferenced before the arena closes); NULL on failure.
     */
    MemorySegment imageFromMemory(Arena arena, byte[] rgb, int side) throws Throwable {
        MemorySegment data = arena.allocate(rgb.length, 16);
        MemorySegment.copy(rgb, 0, data, ValueLayout.JAVA_BYTE, 0, rgb.length);
        return (MemorySegment) newFromMemory.invokeExact(data, (long) rgb.length, side, side, 3, FORMAT_UCHAR);
    }

    /** Flattens alpha onto the given background (one value per colour band). */
    MemorySegment flatten(Arena arena, MemorySegment in, double... background) throws Throwable {
        MemorySegment values = arena.allocateFrom(JAVA_DOUBLE, background);
        MemorySegment array = (MemorySegment) arrayDoubleNew.invokeExact(values, background.length);
        try {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) flatten.invokeExact(in, out, arena.allocateFrom("background"), array, MemorySegment.NULL);
            return rc == 0 ? out.get(ADDRESS, 0) : MemorySegment.NULL;
        } finally {
            areaUnref.invokeExact(array);
        }
    }

    MemorySegment colourspace(Arena arena, MemorySegment in, int interpretation) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        int rc = (int) colourspace.invokeExact(in, out, interpretation, MemorySegment.NULL);
        return rc == 0 ? out.get(ADDRESS, 0) : MemorySegment.NULL;
    }

    MemorySegment cast(Arena arena, MemorySegment in, int format) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        int rc = (int) cast.invokeExact(in, out, format, MemorySegment.NULL);
        return rc == 0 ? out.get(ADDRESS, 0) : MemorySegment.NULL;
    }

    /** Computes the image into memory: where decoding (and its errors) happens. */
    MemorySegment copyMemory(MemorySegment in) throws Throwable {
        return (MemorySegment) copyMemory.invokeExact(in);
    }

    /** Baseline JPEG, no metadata; null on failure. */
    byte[] jpegsave(Arena arena, MemorySegment in, int quality) throws Throwable {
        MemorySegment bufOut = arena.allocate(ADDRESS);
        MemorySegment lenOut = arena.allocate(JAVA_LONG);
        int rc = (int) jpegsaveBuffer.invokeExact(in, bufOut, lenOut,
                arena.allocateFrom("Q"), quality,
                arena.allocateFrom("strip"), 1,
                arena.allocateFrom("subsample_mode"), SUBSAMPLE_ON,
                MemorySegment.NULL);
        if (rc != 0) {
            return null;
        }
        MemorySegment p = bufOut.get(ADDRESS, 0);
        try {
            return p.reinterpret(lenOut.get(JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            gFree.invokeExact(p);
        }
    }

    void unref(MemorySegment object) throws Throwable {
        if (!object.equals(MemorySegment.NULL)) {
            objectUnref.invokeExact(object);
        }
    }
}
