package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.HelpGetNearestDc;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load generator: N Java clients, each with its own connection and auth key, send help.getNearestDc one after the
 * other for a while against an in-process server; prints encrypted round trips per second and latency percentiles.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.RoundTripLoad [clients] [seconds]}
 */
public final class RoundTripLoad {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("portrait-load");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (PortraitServer server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port))) {
            ClientOptions options = ClientOptions.of("127.0.0.1", port, server.keys().stream().map(RsaKey::publicKey).toList());
            List<MtprotoClient> conns = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                MtprotoClient c = MtprotoClient.connect(options, null);
                MtprotoClient.await(c.invoke(new HelpGetNearestDc()));
                conns.add(c);
            }
            run(conns, 3, false);
            run(conns, seconds, true);
            for (MtprotoClient c : conns) c.close();
        }
    }

    private static void run(List<MtprotoClient> conns, int seconds, boolean report) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(conns.size());
        for (MtprotoClient c : conns) {
            long[] lat = new long[4_000_000];
            latencies.add(lat);
            Thread.ofVirtual().start(() -> {
                int n = 1;
                try {
                    while (!stop.get() && n < lat.length) {
                        long t = System.nanoTime();
                        MtprotoClient.await(c.invoke(new HelpGetNearestDc()));
                        lat[n++] = System.nanoTime() - t;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    lat[0] = n - 1;
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) return;
        int total = 0;
        for (long[] l : latencies) total += (int) l[0];
        long[] all = new long[total];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        System.out.printf("clients=%d seconds=%.1f round_trips=%d per_second=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                conns.size(), elapsed, total, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6,
                all[total - 1] / 1e6);
    }
}
