package dev.portrait.bench;

import dev.portrait.server.ServerConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the load generators share: a loopback server configuration, clients that repeat one step on virtual threads
 * until the time is up, and the latencies they record, merged and sorted per series.
 */
final class LoadRuns {
    private LoadRuns() {
    }

    /** One repetition of a client's work; it records latencies (nanoseconds) into series[0], series[1], ... */
    @FunctionalInterface
    interface Step {
        void once(int client, Samples[] series) throws Exception;
    }

    /** The latencies one client recorded in one series. */
    static final class Samples {
        private long[] values = new long[1024];
        private int count;

        void add(long nanos) {
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = nanos;
        }
    }

    /** One series of a run: how long it ran and every latency recorded, sorted. */
    record Series(double seconds, long[] sorted) {
        int count() {
            return sorted.length;
        }

        double perSecond() {
            return sorted.length / seconds;
        }

        /** The p-quantile in milliseconds (0 when nothing was recorded). */
        double ms(double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
        }
    }

    /** Runs step over and over on `clients` virtual threads for `seconds`, then lets each finish its repetition. */
    static List<Series> run(int clients, int seconds, int seriesCount, Step step) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Samples[][] recorded = new Samples[clients][seriesCount];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Samples[] mine = recorded[c];
            for (int s = 0; s < seriesCount; s++) mine[s] = new Samples();
            int client = c;
            Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) step.once(client, mine);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Series> out = new ArrayList<>(seriesCount);
        for (int s = 0; s < seriesCount; s++) {
            int total = 0;
            for (Samples[] c : recorded) total += c[s].count;
            long[] all = new long[total];
            int at = 0;
            for (Samples[] c : recorded) {
                System.arraycopy(c[s].values, 0, all, at, c[s].count);
                at += c[s].count;
            }
            Arrays.sort(all);
            out.add(new Series(elapsed, all));
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A server on 127.0.0.1 at a free port, advertised there, with its data in dir. */
    /**
     * A new temporary directory deleted (with what the run stored there) when the JVM exits: load runs store thousands
     * of photos, and left behind they fill the disk.
     */
    static Path tempDir(String prefix) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var all = java.nio.file.Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }));
        return dir;
    }

    static ServerConfig loopback(Path dir) throws IOException {
        int port = freePort();
        return ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port);
    }
}
