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
        return new PooledImageEngine(direct(preference), threads);
    }

    /**
     * As {@link #create(String, int)}, but every picture is decoded in a separate worker process (at most
     * {@code workers} of them, started when first needed and reused) that is killed when a job has used more than
     * {@code cpuBudget} of CPU time: the work stops, whatever the input, and the job answers IMAGE_PROCESS_FAILED.
     */
    public static ImageEngine isolated(String preference, int workers, java.time.Duration cpuBudget) {
        return new IsolatedImageEngine(direct(preference).name(), preference, workers, cpuBudget);
    }

    /** The engine itself, running on its callers' threads. */
    static ImageEngine direct(String preference) {
        String p = preference == null ? "auto" : preference.strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "auto" -> vipsAvailable() ? new VipsImageEngine(Vips.instance(), new JavaImageEngine())
                    : new JavaImageEngine();
            case "vips" -> new VipsImageEngine(Vips.instance(), new JavaImageEngine());
            case "java" -> new JavaImageEngine();
            default -> throw new IllegalArgumentException(
                    "image engine must be auto, vips or java, not " + preference);
        };
    }

    /** Whether libvips (libvips.so.42, 8.13 or newer) can be loaded; loads it on the first call. */
    public static boolean vipsAvailable() {
        return Vips.available();
    }
}
