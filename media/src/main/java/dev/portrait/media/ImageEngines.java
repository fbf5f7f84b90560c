package dev.portrait.media;

import java.util.Locale;

/** Creates image engines. */
public final class ImageEngines {
    private ImageEngines() {}

    /**
     * {@code "auto"} (vips when libvips loads, else java), {@code "vips"} (fails with IllegalStateException if libvips
     * is absent) or {@code "java"}. The engine runs on its own pool of one platform thread per core; close it to stop
     * them.
     */
    public static ImageEngine create(String preference) {
        return create(preference, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #create(String)}, with at most {@code threads} pictures processed at once. */
    public static ImageEngine create(String preference, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        String p = preference == null ? "auto" : preference.strip().toLowerCase(Locale.ROOT);
        ImageEngine engine = switch (p) {
            case "auto" -> vipsAvailable() ? new VipsImageEngine(Vips.instance(), new JavaImageEngine())
                    : new JavaImageEngine();
            case "vips" -> new VipsImageEngine(Vips.instance(), new JavaImageEngine());
            case "java" -> new JavaImageEngine();
            default -> throw new IllegalArgumentException(
                    "image engine must be auto, vips or java, not " + preference);
        };
        return new PooledImageEngine(engine, threads);
    }

    /** Whether libvips (libvips.so.42, 8.13 or newer) can be loaded; loads it on the first call. */
    public static boolean vipsAvailable() {
        return Vips.available();
    }
}
