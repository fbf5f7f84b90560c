package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.tl.api.HelpGetNearestDc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Load generator: N Java clients, each with its own connection and auth key, send help.getNearestDc one after the
 * other for a while against an in-process server; prints encrypted round trips per second and latency percentiles.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.RoundTripLoad [clients] [seconds]}
 */
public final class RoundTripLoad {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = LoadRuns.tempDir("portrait-load");
        try (PortraitServer server = PortraitServer.start(LoadRuns.loopback(dir))) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
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
        LoadRuns.Series trips = LoadRuns.run(conns.size(), seconds, 1, (client, series) -> {
            long t = System.nanoTime();
            MtprotoClient.await(conns.get(client).invoke(new HelpGetNearestDc()));
            series[0].add(System.nanoTime() - t);
        }).getFirst();
        if (!report) return;
        System.out.printf("clients=%d seconds=%.1f round_trips=%d per_second=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                conns.size(), trips.seconds(), trips.count(), trips.perSecond(), trips.ms(0.5), trips.ms(0.99), trips.ms(1.0));
    }
}
