package dev.portrait.media;

/**
 * The engines without the pool of {@link ImageEngines#create}, for benchmarks: the classes are package-private in the
 * media module, and this class shares their package (the benchmark jar is one classpath).
 */
public final class BenchEngines {
    private BenchEngines() {}

    /** The libvips engine, called on the caller's thread; throws IllegalStateException when libvips cannot load. */
    public static ImageEngine vips() {
        return new VipsImageEngine(Vips.instance(), new JavaImageEngine());
    }

    /** The pure-Java engine, called on the caller's thread. */
    public static ImageEngine java() {
        return new JavaImageEngine();
    }

    /** The loaded libvips version, e.g. "8.14.1". */
    public static String vipsVersion() {
        return Vips.instance().version;
    }
}
