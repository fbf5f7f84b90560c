package dev.portrait.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.HelpGetConfig;
import dev.portrait.tl.api.InputPhoto;
import dev.portrait.tl.api.InputPhotoFileLocation;
import dev.portrait.tl.api.InputUserSelf;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotosDeletePhotos;
import dev.portrait.tl.api.PhotosGetUserPhotos;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.portrait.client.MtprotoClient.await;

/**
 * Soak run: an in-process server on the embedded default under a steady mix for a long time — N signed-in clients
 * upload a profile photo, list the album, download a size and delete the photo, over and over, each client
 * reconnecting (a new connection, the same key) every 50 rounds, while one more thread opens a fresh connection with
 * a new auth key, asks for the config and closes, five times a second. Every `sample` seconds it prints, after a GC:
 * heap in use, platform threads, open file descriptors, open connections, auth keys in memory and the work done;
 * at the end it compares the last sample with the one a third of the way in and exits 1 when platform threads or
 * file descriptors grew (a leak) or any round failed. Heap and keys are printed for reading, not judged: keys stay in
 * memory for 15 idle minutes by design (docs/decisions.md).
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.Soak [minutes] [clients] [sample seconds]}
 */
public final class Soak {
    private record Sample(double minute, long heapMb, int threads, long fds, int connections, int keys, long rounds,
                          long keyExchanges) {
        @Override
        public String toString() {
            return String.format("min=%5.1f heap_mb=%4d threads=%3d fds=%4d connections=%3d auth_keys=%5d rounds=%6d new_keys=%6d",
                    minute, heapMb, threads, fds, connections, keys, rounds, keyExchanges);
        }
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int sampleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        byte[] jpeg = UploadProfilePhotoLoad.photo(800);
        Path dir = LoadRuns.tempDir("portrait-soak");
        int port = LoadRuns.freePort();
        ServerConfig config = ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port)
                .withTestMode(true);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        AtomicLong keyExchanges = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Sample> samples = new ArrayList<>();
        try (PortraitServer server = PortraitServer.start(config)) {
            ClientOptions options = ClientOptions.of("127.0.0.1", port, server.keys().stream().map(RsaKey::publicKey).toList());
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String phone = String.format("99966%05d", 20_000 + i);
                workers.add(Thread.ofVirtual().name("soak-client-" + i).start(() -> {
                    try {
                        MtprotoClient c = UploadProfilePhotoLoad.signUp(options, phone);
                        for (long n = 0; !stop.get(); n++) {
                            if (n > 0 && n % 50 == 0) c = reconnect(c, options);
                            try {
                                round(c, jpeg);
                                rounds.incrementAndGet();
                            } catch (Exception e) {
                                if (failures.incrementAndGet() <= 10) System.err.println("round failed: " + e);
                            }
                        }
                        c.close();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        System.err.println("client " + phone + " stopped: " + e);
                    }
                }));
            }
            workers.add(Thread.ofVirtual().name("soak-new-keys").start(() -> {
                while (!stop.get()) {
                    try (MtprotoClient c = MtprotoClient.connect(options, null)) {
                        await(c.invoke(new HelpGetConfig()));
                        keyExchanges.incrementAndGet();
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 10) System.err.println("new key failed: " + e);
                    }
                }
            }));

            long start = System.nanoTime();
            long end = start + minutes * 60_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(sampleSeconds * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                Sample s = sample((System.nanoTime() - start) / 60e9, server, rounds.get(), keyExchanges.get());
                samples.add(s);
                System.out.println(s);
            }
            stop.set(true);
            for (Thread t : workers) t.join(60_000);
        }
        Sample base = samples.get(samples.size() / 3);
        Sample last = samples.getLast();
        List<String> problems = new ArrayList<>();
        if (last.threads() > base.threads() + 5) problems.add("platform threads grew " + base.threads() + " -> " + last.threads());
        if (last.fds() > base.fds() + 20) problems.add("open file descriptors grew " + base.fds() + " -> " + last.fds());
        if (failures.get() > 0) problems.add(failures.get() + " rounds or connections failed");
        if (last.rounds() == 0) problems.add("no round completed");
        System.out.printf("soak: %d min, %d clients, %d rounds, %d new keys; from minute %.1f to %.1f: heap %d -> %d MB, threads %d -> %d, fds %d -> %d: %s%n",
                minutes, clients, last.rounds(), last.keyExchanges(), base.minute(), last.minute(), base.heapMb(), last.heapMb(),
                base.threads(), last.threads(), base.fds(), last.fds(), problems.isEmpty() ? "PASS" : "FAIL " + problems);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Upload a photo, list the album, download its size a, delete it (the album stays small). */
    private static void round(MtprotoClient c, byte[] jpeg) throws Exception {
        PhotosPhoto made = (PhotosPhoto) await(c.invoke(PhotosUploadProfilePhoto.builder().file(FileTransfer.upload(c, jpeg, "soak.jpg")).build()));
        Photo p = (Photo) made.photo();
        await(c.invoke(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10)));
        FileTransfer.download(c, new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), "a"));
        await(c.invoke(new PhotosDeletePhotos(List.of(new InputPhoto(p.id(), p.accessHash(), p.fileReference())))));
    }

    /** A new connection with the same auth key (and a new session), as a client after a network change. */
    private static MtprotoClient reconnect(MtprotoClient c, ClientOptions options) throws Exception {
        var saved = c.session();
        c.close();
        return MtprotoClient.connect(options, saved);
    }

    private static Sample sample(double minute, PortraitServer server, long rounds, long keyExchanges) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
        int connections = (int) server.metrics().registry().get("portrait.connections").gauge().value();
        return new Sample(minute, heap, threads, fds, connections, server.authKeys().liveCount(), rounds, keyExchanges);
    }

    private Soak() {
    }
}
