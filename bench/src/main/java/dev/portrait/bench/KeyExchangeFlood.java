package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.net.AddressLimits;

import java.nio.file.Path;
import java.util.List;

/**
 * Load generator: F clients on 127.0.0.1 make new auth keys over and over (connect, key exchange, close) while one
 * client on 127.0.0.2 does the same; prints key exchanges per second and latency for each address. Run it with
 * {@code -Dportrait.keyExchangeSlotsPerAddress=N} to compare shares (the default is half the cores).
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.KeyExchangeFlood [flooders] [seconds]}
 */
public final class KeyExchangeFlood {
    public static void main(String[] args) throws Exception {
        int flooders = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = LoadRuns.tempDir("portrait-load");
        try (PortraitServer server = PortraitServer.start(LoadRuns.loopback(dir))) {
            ClientOptions flood = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList())
                    .withLocalHost("127.0.0.1");
            ClientOptions other = flood.withLocalHost("127.0.0.2");
            LoadRuns.Step step = (client, series) -> {
                long t = System.nanoTime();
                MtprotoClient c = MtprotoClient.connect(client == 0 ? other : flood, null);
                series[client == 0 ? 0 : 1].add(System.nanoTime() - t);
                c.close();
            };
            LoadRuns.run(1 + flooders, 3, 2, step);
            List<LoadRuns.Series> s = LoadRuns.run(1 + flooders, seconds, 2, step);
            System.out.printf("slots_per_address=%d flooders=%d seconds=%.1f%n", AddressLimits.defaultKeyExchangeSlots(),
                    flooders, s.get(0).seconds());
            print("127.0.0.2 (1 client)", s.get(0));
            print("127.0.0.1 (flood)", s.get(1));
        }
    }

    private static void print(String who, LoadRuns.Series s) {
        System.out.printf("  %-22s key_exchanges=%d per_second=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                who, s.count(), s.perSecond(), s.ms(0.5), s.ms(0.99), s.ms(1.0));
    }
}
