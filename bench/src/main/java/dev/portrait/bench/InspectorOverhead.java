package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.inspector.Inspector;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import dev.portrait.tl.api.UploadSaveFilePart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.portrait.client.MtprotoClient.await;

/**
 * What the inspector costs: RoundTripLoad's help.getNearestDc round trips and UploadProfilePhotoLoad's photo uploads
 * against one in-process server, with the inspector attached (every call logged, fault rules consulted) and detached,
 * alternating in one run so both see the same machine. Prints calls/s for each and the RPC log's size after the load.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.InspectorOverhead [clients] [seconds] [rounds]}
 */
public final class InspectorOverhead {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("portrait-inspector-overhead");
        try (PortraitServer server = PortraitServer.start(LoadRuns.loopback(dir).withTestMode(true)
                .withMedia(dev.portrait.server.ServerConfig.Media.defaults().withAlbumLimit(1_000_000)));
             Inspector inspector = Inspector.attach(new Inspector.Options("127.0.0.1", 0, null), server)) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
            List<MtprotoClient> trips = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                MtprotoClient c = MtprotoClient.connect(options, null);
                await(c.invoke(new HelpGetNearestDc()));
                trips.add(c);
            }
            List<MtprotoClient> uploaders = new ArrayList<>();
            for (int i = 0; i < 4; i++) uploaders.add(UploadProfilePhotoLoad.signUp(options, String.format("99966%05d", 41_000 + i)));
            byte[] jpeg = UploadProfilePhotoLoad.photo(1280);

            roundTrips(trips, 3); // warm-up (JIT, image workers), with the inspector on
            photos(uploaders, jpeg, 5);
            for (int round = 0; round < rounds; round++) {
                for (boolean on : new boolean[] {false, true}) {
                    server.rpcHooks(on ? inspector.rpcHooks() : RpcHooks.NONE);
                    System.out.printf("round=%d inspector=%s round_trips_per_second=%.0f photos_per_second=%.1f%n", round,
                            on ? "on" : "off", roundTrips(trips, seconds), photos(uploaders, jpeg, seconds));
                }
            }
            long[] log = inspector.logSize();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("rpc_log_calls=%d rpc_log_json_chars=%d heap_used_mb=%.0f%n", log[0], log[1],
                    (rt.totalMemory() - rt.freeMemory()) / 1e6);
            for (MtprotoClient c : trips) c.close();
            for (MtprotoClient c : uploaders) c.close();
        }
        System.exit(0);
    }

    private static double roundTrips(List<MtprotoClient> conns, int seconds) throws InterruptedException {
        return LoadRuns.run(conns.size(), seconds, 1, (client, series) -> {
            long t = System.nanoTime();
            await(conns.get(client).invoke(new HelpGetNearestDc()));
            series[0].add(System.nanoTime() - t);
        }).getFirst().perSecond();
    }

    private static double photos(List<MtprotoClient> conns, byte[] jpeg, int seconds) throws InterruptedException {
        int part = 32 * 1024;
        int parts = (jpeg.length + part - 1) / part;
        return LoadRuns.run(conns.size(), seconds, 1, (client, series) -> {
            MtprotoClient c = conns.get(client);
            long t = System.nanoTime();
            long fileId = ThreadLocalRandom.current().nextLong();
            for (int i = 0; i < parts; i++) {
                await(c.invoke(new UploadSaveFilePart(fileId, i, Arrays.copyOfRange(jpeg, i * part, Math.min(jpeg.length, (i + 1) * part)))));
            }
            await(c.invoke(PhotosUploadProfilePhoto.builder().file(new InputFile(fileId, parts, "p.jpg", "")).build()));
            series[0].add(System.nanoTime() - t);
        }).getFirst().perSecond();
    }
}
