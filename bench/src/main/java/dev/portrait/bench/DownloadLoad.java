package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;

/**
 * Load generator for downloads: one account uploads a 1280x1280 JPEG as its profile photo, then N signed-in Java
 * clients (contacts of it) download its biggest size (d) with upload.getFile in 128 KB chunks (what gramjs asks for a
 * file that size), over and over, against an in-process server. Prints files and MB per second and the latency of one
 * getFile call. {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.DownloadLoad [clients] [seconds]
 * [sqlite|postgres-s3]}
 */
public final class DownloadLoad {
    private static final int CHUNK = Integer.getInteger("chunk", 128 * 1024);

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String backend = args.length > 2 ? args[2] : "sqlite";
        ServerConfig config = LoadRuns.loopback(LoadRuns.tempDir("portrait-download-load")).withTestMode(true);
        if (backend.equals("postgres-s3")) {
            dev.portrait.store.blob.TestS3 s3 = dev.portrait.store.blob.TestS3.shared();
            config = config.withStore(dev.portrait.store.TestPostgres.shared().newDatabase()).withBlobs(s3.url(s3.newBucket(), "load"));
        } else if (!backend.equals("sqlite")) {
            throw new IllegalArgumentException("backend: sqlite or postgres-s3");
        }
        try (PortraitServer server = PortraitServer.start(config)) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
            MtprotoClient owner = UploadProfilePhotoLoad.signUp(options, "9996600100");
            Photo photo = (Photo) ((PhotosPhoto) await(owner.invoke(PhotosUploadProfilePhoto.builder()
                    .file(FileTransfer.upload(owner, UploadProfilePhotoLoad.photo(1280), "p.jpg")).build()))).photo();
            int size = photo.sizes().stream().filter(s -> s instanceof PhotoSize p && p.type().equals("d"))
                    .mapToInt(s -> ((PhotoSize) s).size()).findFirst().orElseThrow();
            List<MtprotoClient> conns = new ArrayList<>();
            for (int i = 0; i < clients; i++) conns.add(UploadProfilePhotoLoad.signUp(options, String.format("99966%05d", 20_000 + i)));
            // everyone sees profile photos by default; the photo's own location works for any viewer who may see it
            InputPhotoFileLocation location = new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "d");
            System.out.printf("file=%d bytes, chunk=%d, backend=%s%n", size, CHUNK, backend);
            run(conns, location, size, 5, false);
            run(conns, location, size, seconds, true);
            // the server's own share of a call: the handler, from the portrait.rpc timer (no crypto or transport)
            var timer = server.metrics().registry().find("portrait.rpc").tag("method", "upload.getFile").tag("outcome", "ok").timer();
            if (timer != null) System.out.printf("server getFile handler mean_ms=%.2f max_ms=%.2f%n",
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS), timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
            for (MtprotoClient c : conns) c.close();
            owner.close();
        }
        if (backend.equals("postgres-s3")) dev.portrait.store.TestPostgres.shared().close();
        System.exit(0); // s3proxy's Jetty threads would keep the JVM alive
    }

    private static void run(List<MtprotoClient> conns, InputPhotoFileLocation location, int size, int seconds, boolean report)
            throws InterruptedException {
        List<LoadRuns.Series> r = LoadRuns.run(conns.size(), seconds, 2, (client, series) -> {
            long start = System.nanoTime();
            for (long offset = 0; offset < size; offset += CHUNK) {
                long t0 = System.nanoTime();
                UploadFile f = (UploadFile) await(conns.get(client).invoke(UploadGetFile.builder().location(location).offset(offset).limit(CHUNK).build()));
                series[0].add(System.nanoTime() - t0);
                if (f.bytes().length == 0) throw new IllegalStateException("empty chunk at " + offset);
            }
            series[1].add(System.nanoTime() - start);
        });
        if (!report) return;
        LoadRuns.Series calls = r.get(0), files = r.get(1);
        System.out.printf("clients=%d seconds=%.1f files=%d per_second=%.1f MB_per_second=%.1f getFile_p50_ms=%.2f getFile_p99_ms=%.2f%n",
                conns.size(), files.seconds(), files.count(), files.perSecond(), files.perSecond() * size / 1e6, calls.ms(0.5), calls.ms(0.99));
    }
}
