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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.portrait.client.MtprotoClient.await;

/**
 * What the inspector costs: RoundTripLoad's help.getNearestDc round trips and UploadProfilePhotoLoad's photo uploads
 * against one in-process server, with the inspector attached (every call logged, fault rules consulted) and detached,
 * alternating in one run so both see the same machine: each round runs both, off first in even rounds and on first in
 * odd ones, so a drift through the run (JIT, heap) does not favour either. Prints calls/s for each phase, the median
 * of the rounds' on/off ratios, and the RPC log's size after the load.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.InspectorOverhead [clients] [seconds] [rounds] [log capacity]}
 */
public final class InspectorOverhead {
    /** The process's CPU time (server and clients share it): what a call costs, whatever the scheduling noise. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int logCapacity = args.length > 3 ? Integer.parseInt(args[3]) : Inspector.Options.LOG_CAPACITY;
        Path dir = LoadRuns.tempDir("portrait-inspector-overhead");
        try (PortraitServer server = PortraitServer.start(LoadRuns.loopback(dir).withTestMode(true)
                .withMedia(dev.portrait.server.ServerConfig.Media.defaults().withAlbumLimit(1_000_000)));
             Inspector inspector = Inspector.attach(new Inspector.Options("127.0.0.1", 0, null, logCapacity), server)) {
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
            // "noop": hooks that do nothing, to tell the dispatcher's share from the inspector's
            RpcHooks onHooks = args.length > 4 && args[4].equals("noop") ? new RpcHooks() {
                @Override
                public dev.portrait.server.rpc.Fault before(dev.portrait.server.rpc.RpcContext context, dev.portrait.tl.TlMethod<?> method) {
                    return null;
                }

                @Override
                public void after(dev.portrait.server.rpc.RpcCall call) {
                }
            } : inspector.rpcHooks();
            double[] tripRatios = new double[rounds];
            double[] photoRatios = new double[rounds];
            double[] cpuRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double[] tripsPerSecond = new double[2];
                double[] tripCpu = new double[2];
                double[] photosPerSecond = new double[2];
                for (boolean on : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    server.rpcHooks(on ? onHooks : RpcHooks.NONE);
                    System.gc();
                    int i = on ? 1 : 0;
                    long cpu = CPU.getProcessCpuTime();
                    tripsPerSecond[i] = roundTrips(trips, seconds);
                    tripCpu[i] = (CPU.getProcessCpuTime() - cpu) / 1e3 / (tripsPerSecond[i] * seconds);
                    photosPerSecond[i] = photos(uploaders, jpeg, seconds);
                    System.out.printf("round=%d inspector=%s round_trips_per_second=%.0f cpu_us_per_round_trip=%.1f "
                            + "photos_per_second=%.1f%n", round, on ? "on" : "off", tripsPerSecond[i], tripCpu[i], photosPerSecond[i]);
                }
                tripRatios[round] = tripsPerSecond[1] / tripsPerSecond[0];
                cpuRatios[round] = tripCpu[1] / tripCpu[0];
                photoRatios[round] = photosPerSecond[1] / photosPerSecond[0];
            }
            System.out.printf("median_on_over_off round_trips=%.3f cpu_per_round_trip=%.3f photos=%.3f%n", median(tripRatios),
                    median(cpuRatios), median(photoRatios));
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

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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
