package dev.portrait.media.video;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;

/**
 * Where the ffmpeg and ffprobe programs come from.
 *
 * <p>{@code "system"}: both programs found on {@code PATH} and both answer {@code -version}. {@code "bytedeco"}: the
 * programs shipped in {@code org.bytedeco:ffmpeg:8.0.1-1.5.13:linux-x86_64} (LGPL build: H.264 encoder libopenh264,
 * no HEVC encoder), extracted by JavaCPP to its cache ({@code ~/.javacpp/cache} unless {@code org.bytedeco.javacpp.cachedir}
 * is set) and run with {@code LD_LIBRARY_PATH} pointing at the extracted libraries. When the {@code linux-x86_64-gpl}
 * classifier is on the class path instead (libx264, libx265) it is preferred.
 *
 * @param ffmpeg  the ffmpeg program
 * @param ffprobe the ffprobe program
 * @param origin  {@code "system"} or {@code "bytedeco"}
 * @param version what {@code ffmpeg -version} says, e.g. {@code 5.1.6-0+deb12u1} or {@code 8.0.1}
 */
public record VideoTools(Path ffmpeg, Path ffprobe, String origin, String version) {
    public static final String SYSTEM = "system";
    public static final String BYTEDECO = "bytedeco";

    private static final Pattern VERSION = Pattern.compile("(?:ffmpeg|ffprobe) version (\\S+)");
    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("error while loading shared libraries: ([^:\\s]+): cannot open shared object file");
    private static final long PROBE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final Object BYTEDECO_LOCK = new Object();
    private static volatile VideoTools bytedecoTools;
    private static final Map<VideoTools, Set<String>> ENCODERS = new ConcurrentHashMap<>();

    public VideoTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(version, "version");
    }

    /** The system programs when both are on PATH and run, else the bytedeco ones. */
    public static VideoTools find() {
        try {
            return system();
        } catch (IllegalStateException e) {
            return bytedeco();
        }
    }

    /** ffmpeg and ffprobe from {@code PATH}; IllegalStateException when either is missing or does not run. */
    public static VideoTools system() {
        Path ffmpeg = onPath("ffmpeg");
        Path ffprobe = onPath("ffprobe");
        if (ffmpeg == null || ffprobe == null) {
            throw new IllegalStateException("ffmpeg and ffprobe are not both on PATH");
        }
        Map<String, String> env = baseEnvironment();
        String version = version(ffmpeg, env);
        version(ffprobe, env);
        return new VideoTools(ffmpeg, ffprobe, SYSTEM, version);
    }

    /**
     * The programs of the bytedeco ffmpeg jar, extracted to the JavaCPP cache on the first call (about a second, 65 MB)
     * and checked to run. Libraries the programs link but never use here (PulseAudio, ALSA, XCB: libavdevice's
     * devices) are replaced by empty stand-ins when the machine lacks them, see {@link StubLibrary}.
     * IllegalStateException when the jar is not on the class path or the programs do not run.
     */
    public static VideoTools bytedeco() {
        VideoTools t = bytedecoTools;
        if (t != null) {
            return t;
        }
        synchronized (BYTEDECO_LOCK) {
            if (bytedecoTools == null) {
                bytedecoTools = extractBytedeco();
            }
            return bytedecoTools;
        }
    }

    /** "system ffmpeg 5.1.6" / "bytedeco ffmpeg 8.0.1". */
    public String describe() {
        return origin + " ffmpeg " + version;
    }

    /**
     * The environment the programs must run with (a new mutable map): a fixed PATH and locale, plus LD_LIBRARY_PATH
     * for the bytedeco programs. Nothing of this JVM's own environment.
     */
    public Map<String, String> environment() {
        Map<String, String> env = baseEnvironment();
        if (BYTEDECO.equals(origin)) {
            Path libs = ffmpeg.getParent();
            env.put("LD_LIBRARY_PATH", libs + File.pathSeparator + stubDirectory(libs));
        }
        return env;
    }

    /** Names of the encoders this ffmpeg has ({@code ffmpeg -encoders}), cached. */
    Set<String> encoders() {
        return ENCODERS.computeIfAbsent(this, t -> {
            String out = capture(List.of(t.ffmpeg.toString(), "-hide_banner", "-encoders"), t.environment());
            Set<String> names = new LinkedHashSet<>();
            boolean table = false;
            for (String line : out.lines().toList()) {
                String s = line.strip();
                if (s.startsWith("------")) {
                    table = true;
                    continue;
                }
                String[] parts = s.split("\\s+");
                if (table && parts.length >= 2 && parts[0].length() == 6) {
                    names.add(parts[1]);
                }
            }
            return Set.copyOf(names);
        });
    }

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LC_ALL", "C");
        return env;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    private static VideoTools extractBytedeco() {
        String platform = Loader.getPlatform();
        Class<?> anchor;
        try {
            // not initialised: its static initialiser would load the JNI libraries, which we do not need
            anchor = Class.forName("org.bytedeco.ffmpeg.ffmpeg", false, VideoTools.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("org.bytedeco:ffmpeg is not on the class path", e);
        }
        Path dir = null;
        for (String classifier : List.of(platform + "-gpl", platform)) {
            String resource = "/org/bytedeco/ffmpeg/" + classifier + "/";
            if (anchor.getResource(resource + "ffmpeg") == null) {
                continue;
            }
            try {
                File[] files = Loader.cacheResources(anchor, resource);
                if (files != null && files.length > 0) {
                    dir = files[0].toPath();
                    break;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract the bytedeco ffmpeg programs", e);
            }
        }
        if (dir == null) {
            throw new IllegalStateException("no bytedeco ffmpeg programs for " + platform + " on the class path");
        }
        Path ffmpeg = dir.resolve("ffmpeg");
        Path ffprobe = dir.resolve("ffprobe");
        for (Path p : List.of(ffmpeg, ffprobe)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("the bytedeco jar has no " + p.getFileName() + " in " + dir);
            }
            if (!Files.isExecutable(p) && !p.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + p + " executable");
            }
        }
        Path stubs = stubDirectory(dir);
        Map<String, String> env = new VideoTools(ffmpeg, ffprobe, BYTEDECO, "?").environment();
        String version = checkedVersion(ffmpeg, env, stubs);
        checkedVersion(ffprobe, env, stubs);
        return new VideoTools(ffmpeg, ffprobe, BYTEDECO, version);
    }

    /** Where the stand-in libraries for the programs in {@code libs} go: a sibling directory of the cache. */
    static Path stubDirectory(Path libs) {
        return libs.resolveSibling(libs.getFileName() + "-portrait-stubs");
    }

    /** Runs {@code program -version}; writes a stand-in for each missing replaceable library and tries again. */
    private static String checkedVersion(Path program, Map<String, String> env, Path stubs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt <= StubLibrary.REPLACEABLE.size(); attempt++) {
            try {
                return version(program, env);
            } catch (IllegalStateException e) {
                last = e;
                Matcher m = MISSING_LIBRARY.matcher(String.valueOf(e.getMessage()));
                if (!m.find() || !StubLibrary.REPLACEABLE.contains(m.group(1))) {
                    throw e;
                }
                try {
                    StubLibrary.write(stubs, m.group(1));
                } catch (IOException io) {
                    throw new IllegalStateException("cannot write a stand-in for " + m.group(1), io);
                }
            }
        }
        throw last;
    }

    private static String version(Path program, Map<String, String> env) {
        String out = capture(List.of(program.toString(), "-hide_banner", "-version"), env);
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException(program + " -version did not say its version: " + out.strip());
        }
        return m.group(1);
    }

    /** Runs a trusted command (version, encoder list) and returns stdout; IllegalStateException with stderr if it fails. */
    static String capture(List<String> command, Map<String, String> env) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("portrait-ffmpeg-check");
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            Exec.Result r = Exec.run(command, env, dir, out, err, System.nanoTime() + PROBE_TIMEOUT_NANOS, 0, 0, 0,
                    ConcurrentHashMap.newKeySet());
            byte[] bytes = Exec.readAtMost(out, 1 << 20);
            String stdout = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
            if (!r.ok()) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + r.exitCode()
                        + (r.timedOut() ? ", timed out" : "") + "): " + r.stderrTail().strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        } finally {
            if (dir != null) {
                TempDirs.deleteRecursively(dir);
            }
        }
    }
}
