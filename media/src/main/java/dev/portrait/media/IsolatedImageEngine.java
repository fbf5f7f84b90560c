package dev.portrait.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Decodes every picture in a worker process ({@link ImageWorker}, a JVM on this one's class path) and kills the worker
 * when its job has used more CPU time than the budget. A thread cannot be stopped in the middle of libjpeg or libvips
 * (a progressive JPEG's scans are all consumed inside one libjpeg call), a process can: the work really ends, and the
 * job answers IMAGE_PROCESS_FAILED. Workers are started when first needed and reused; at most {@code workers} run.
 *
 * <p>A picture whose header promises dear decoding ({@link DecodeCost} over {@link #DEAR}: more than 16 MP, or a 16 MP
 * JPEG of more than 10 scans) goes to a worker started at a lower CPU priority ({@code nice -n 10}): with the cores
 * contended, the ordinary photos next to it are served first; with them idle, it gets them all the same.
 */
final class IsolatedImageEngine implements ImageEngine {
    private static final Logger log = LoggerFactory.getLogger(IsolatedImageEngine.class);
    /** How often a running job's CPU time is read (/proc, via ProcessHandle). */
    private static final long CHECK_MILLIS = 50;
    /** Decoding cost (pixels × JPEG scans) above which a picture is decoded at the lower priority. */
    static final long DEAR = 16_000_000L * 10;

    private final String name;
    private final String preference;
    private final Duration cpuBudget;
    private final Semaphore turns;
    /** Idle workers, at normal priority [0] and at the lower one [1]. */
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<Worker>[] idle = new ConcurrentLinkedQueue[] {new ConcurrentLinkedQueue<Worker>(),
            new ConcurrentLinkedQueue<Worker>()};
    private final List<Worker> all = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portrait-media-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    IsolatedImageEngine(String name, String preference, int workers, Duration cpuBudget) {
        if (workers < 1 || cpuBudget.isNegative() || cpuBudget.isZero()) {
            throw new IllegalArgumentException("bad isolated engine: " + workers + " workers, budget " + cpuBudget);
        }
        this.name = name;
        this.preference = preference == null ? "auto" : preference;
        this.cpuBudget = cpuBudget;
        this.turns = new Semaphore(workers, true);
    }

    /** One worker process and its pipes. */
    private static final class Worker {
        final Process process;
        final boolean low;
        final DataOutputStream in;
        final DataInputStream out;

        Worker(Process process, boolean low) {
            this.process = process;
            this.low = low;
            this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        }

        Duration cpu() {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProfilePhotoImages profilePhoto(byte[] source, ImageLimits limits) throws MediaException {
        // the checks that need no decoding are made here, before a worker's turn and the copy through its pipe
        ImageFormat format = ImageFormat.sniff(source).orElseThrow(
                () -> new MediaException(MediaException.EXT_INVALID, "not a JPEG, PNG, WebP, GIF or BMP image"));
        boolean dear = Sizes.checkCost(source, format, limits) > DEAR;
        turns.acquireUninterruptibly();
        Worker worker = null;
        boolean reusable = false;
        try {
            worker = take(dear);
            Worker w = worker;
            Duration start = w.cpu();
            long deadline = System.nanoTime() + wallLimit().toNanos();
            ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
                if (w.cpu().minus(start).compareTo(cpuBudget) > 0 || System.nanoTime() > deadline) {
                    log.warn("an image job used more than {} of CPU or {}: its worker (pid {}) is killed", cpuBudget,
                            wallLimit(), w.process.pid());
                    w.process.destroyForcibly();
                }
            }, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            try {
                ImageWorker.writeJob(w.in, source, limits);
                ProfilePhotoImages images = ImageWorker.readAnswer(w.out, Math.max(64 << 20, 4 * source.length));
                reusable = true;
                return images;
            } catch (MediaException e) {
                reusable = true;
                throw e;
            } finally {
                check.cancel(false);
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.PROCESS_FAILED,
                    worker != null && !worker.process.isAlive() ? "stopped: over its CPU budget or crashed" : e.toString());
        } finally {
            if (worker != null) {
                if (reusable && !closed) idle[worker.low ? 1 : 0].add(worker);
                else stop(worker);
            }
            turns.release();
        }
    }

    /**
     * Wall-clock time a job may take at most, for a worker stuck without using CPU; generous, since a job at the lower
     * priority on contended cores may get little CPU for a while.
     */
    private Duration wallLimit() {
        return cpuBudget.multipliedBy(10).compareTo(Duration.ofMinutes(1)) > 0 ? cpuBudget.multipliedBy(10)
                : Duration.ofMinutes(1);
    }

    private Worker take(boolean low) throws IOException {
        Worker w;
        while ((w = idle[low ? 1 : 0].poll()) != null) {
            if (w.process.isAlive()) return w;
            stop(w);
        }
        // an idle worker of the other priority is stopped rather than kept beside a new one: at most `workers` live
        Worker other = idle[low ? 0 : 1].poll();
        if (other != null) stop(other);
        if (closed) throw new IOException("the image engine is closed");
        List<String> command = new ArrayList<>();
        if (low) command.addAll(Nice.prefix());
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss8m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ImageWorker.class.getName(), preference));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        w = new Worker(p, low);
        synchronized (all) {
            all.add(w);
        }
        // the JVM's and the engine's start (class loading, JIT, libvips) is not the job's: wait for it first, a minute
        // at most
        ScheduledFuture<?> hung = watchdog.schedule(p::destroyForcibly, 60, TimeUnit.SECONDS);
        try {
            if (w.out.read() != ImageWorker.READY) {
                stop(w);
                throw new IOException("the image worker did not start");
            }
        } finally {
            hung.cancel(false);
        }
        return w;
    }

    private void stop(Worker w) {
        w.process.destroyForcibly();
        try {
            w.process.waitFor(5, TimeUnit.SECONDS); // reaped, so no zombie is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (all) {
            all.remove(w);
        }
    }

    /** Worker processes alive now (for tests). */
    int liveWorkers() {
        synchronized (all) {
            return (int) all.stream().filter(w -> w.process.isAlive()).count();
        }
    }

    @Override
    public void close() {
        closed = true;
        List<Worker> workers;
        synchronized (all) {
            workers = new ArrayList<>(all);
        }
        for (Worker w : workers) stop(w);
        for (ConcurrentLinkedQueue<Worker> q : idle) q.clear();
        watchdog.shutdownNow();
    }
}
