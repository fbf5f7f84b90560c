package dev.portrait.media.video;

import dev.portrait.media.Nice;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one ffmpeg/ffprobe child process under limits.
 *
 * <ul>
 *   <li>The environment is replaced by {@code env} (nothing of the server's environment leaks in).</li>
 *   <li>stdin is /dev/null; stdout and stderr go to files in the job's private directory, so no pipe can fill up and
 *       no thread is needed to drain them; only a bounded amount of each is read back (stderr: the last 8 KB).</li>
 *   <li>Address space ({@code --as}), CPU time ({@code --cpu}, so a process past its budget is killed by SIGXCPU
 *       whatever the wall clock says), file size ({@code --fsize}, so a runaway output is killed by SIGXFSZ) and core
 *       dumps ({@code --core=0}) are limited through {@code prlimit}, which sets them on itself and execs the program
 *       (same pid), or through {@code sh -c 'ulimit …; exec "$@"'} where util-linux prlimit is absent.</li>
 *   <li>The process runs at a lower CPU priority ({@link Nice}): video work is dear, and ordinary photos and calls
 *       beside it come first when the cores are contended.</li>
 *   <li>A wall-clock deadline: past it the process and all its descendants are killed with SIGKILL and reaped.</li>
 * </ul>
 */
final class Exec {
    static final int STDERR_TAIL = 8 * 1024;
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final Path SH = Path.of("/bin/sh");

    /** How a run ended. {@code timedOut} means it was killed at the deadline. */
    record Result(int exitCode, boolean timedOut, String stderrTail) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    private Exec() {}

    /**
     * Runs {@code command} in {@code dir}; stdout goes to {@code stdout} (or is discarded when null), stderr to
     * {@code stderr}. Waits at most until {@code deadlineNanos} ({@link System#nanoTime()} scale). {@code live} gets
     * the process while it runs (so that a close() elsewhere can kill it).
     */
    static Result run(List<String> command, Map<String, String> env, Path dir, Path stdout, Path stderr,
            long deadlineNanos, long memoryBytes, long fileSizeBytes, long cpuSeconds, Set<Process> live)
            throws IOException, InterruptedException {
        List<String> full = limited(command, memoryBytes, fileSizeBytes, cpuSeconds);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return new Result(-1, true, "deadline passed before the start");
        }
        Process p = pb.start();
        live.add(p);
        try {
            boolean exited;
            try {
                exited = p.waitFor(remaining, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                kill(p);
                throw e;
            }
            if (!exited) {
                kill(p);
                return new Result(-1, true, tail(stderr));
            }
            // ffmpeg does not start children; kill any it left anyway (a hostile file must not leave anything)
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            return new Result(p.exitValue(), false, tail(stderr));
        } finally {
            live.remove(p);
        }
    }

    /** SIGKILLs the process and its descendants, and waits (briefly) until the process is reaped. */
    static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(1, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone, or not ours to wait for
            }
        }
    }

    static List<String> limited(List<String> command, long memoryBytes, long fileSizeBytes, long cpuSeconds) {
        List<String> full = new ArrayList<>(Nice.prefix()); // nice execs prlimit, which execs the program: one pid
        if (Files.isExecutable(PRLIMIT)) {
            full.add(PRLIMIT.toString());
            if (memoryBytes > 0) {
                full.add("--as=" + memoryBytes);
            }
            if (cpuSeconds > 0) {
                full.add("--cpu=" + cpuSeconds);
            }
            if (fileSizeBytes > 0) {
                full.add("--fsize=" + fileSizeBytes);
            }
            full.add("--core=0");
            full.add("--");
        } else if (Files.isExecutable(SH)) {
            StringBuilder script = new StringBuilder();
            if (memoryBytes > 0) {
                script.append("ulimit -v ").append(Math.max(1, memoryBytes / 1024)).append(" && ");
            }
            if (cpuSeconds > 0) {
                script.append("ulimit -t ").append(cpuSeconds).append(" && ");
            }
            if (fileSizeBytes > 0) {
                // POSIX sh counts -f in 512-byte blocks
                script.append("ulimit -f ").append(Math.max(1, fileSizeBytes / 512)).append(" && ");
            }
            script.append("ulimit -c 0 && exec \"$@\"");
            full.addAll(List.of(SH.toString(), "-c", script.toString(), "sh"));
        }
        full.addAll(command);
        return full;
    }

    /** The last {@link #STDERR_TAIL} bytes of a file, without ld.so's warnings about our stub libraries. */
    static String tail(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, STDERR_TAIL);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.contains("no version information available"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads at most {@code max} bytes of a file; null when it is larger (or unreadable). */
    static byte[] readAtMost(Path file, long max) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > max) {
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
