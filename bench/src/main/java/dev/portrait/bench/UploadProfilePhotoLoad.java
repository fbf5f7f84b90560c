package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.ServerKeys;
import dev.portrait.tl.api.*;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.portrait.client.MtprotoClient.await;

/**
 * Load generator for the heart of the API: N signed-in Java clients each upload a 1280x1280 JPEG in 32 KB parts (as
 * tdesktop does) and call photos.uploadProfilePhoto, over and over, against in-process server nodes on loopback.
 * Prints photos per second and latency percentiles of the uploadProfilePhoto call alone and of the whole upload + call.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.UploadProfilePhotoLoad [clients] [seconds] [engine]
 * [backend] [nodes]}: backend {@code sqlite} (the embedded default), {@code postgres-s3} (a PostgreSQL started from the
 * machine's binaries and an in-process s3proxy, as the tests start them) or {@code external} (PORTRAIT_STORE and
 * PORTRAIT_BLOBS); nodes (default 1) share the store and the keys, and clients are spread over them in turn.
 */
public final class UploadProfilePhotoLoad {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String engine = args.length > 2 ? args[2] : "auto";
        String backend = args.length > 3 ? args[3] : "sqlite";
        int nodes = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String storeUrl = null;
        String blobsUrl = null;
        switch (backend) {
            case "sqlite" -> {
                if (nodes != 1) throw new IllegalArgumentException("the embedded store serves one node");
            }
            case "postgres-s3" -> {
                storeUrl = dev.portrait.store.TestPostgres.shared().newDatabase();
                dev.portrait.store.blob.TestS3 s3 = dev.portrait.store.blob.TestS3.shared();
                blobsUrl = s3.url(s3.newBucket(), "load");
            }
            case "external" -> {
                storeUrl = System.getenv("PORTRAIT_STORE");
                blobsUrl = System.getenv("PORTRAIT_BLOBS");
            }
            default -> throw new IllegalArgumentException("backend: sqlite, postgres-s3 or external");
        }
        byte[] jpeg = photo(1280);
        Path dir = LoadRuns.tempDir("portrait-photo-load");
        ServerConfig.Media media = ServerConfig.Media.defaults().withAlbumLimit(1_000_000).withImageEngine(engine);
        List<PortraitServer> servers = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                Path nodeDir = dir.resolve("node-" + n);
                if (n > 0) ServerKeys.copy(dir.resolve("node-0"), nodeDir);
                int port = LoadRuns.freePort();
                ServerConfig config = ServerConfig.defaults(nodeDir).withListen("127.0.0.1", port)
                        .withAdvertise("127.0.0.1", port).withTestMode(true).withMedia(media);
                if (storeUrl != null) config = config.withStore(storeUrl);
                if (blobsUrl != null) config = config.withBlobs(blobsUrl);
                servers.add(PortraitServer.start(config));
            }
            List<MtprotoClient> conns = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                PortraitServer node = servers.get(i % nodes);
                ClientOptions options = ClientOptions.of("127.0.0.1", node.port(), node.keys().stream().map(RsaKey::publicKey).toList());
                conns.add(signUp(options, String.format("99966%05d", 10_000 + i)));
            }
            System.out.printf("jpeg=%d bytes, engine=%s, backend=%s, nodes=%d%n", jpeg.length, engine, backend, nodes);
            run(conns, jpeg, 5, false);
            run(conns, jpeg, seconds, true);
            for (MtprotoClient c : conns) c.close();
        } finally {
            for (PortraitServer s : servers) s.close();
        }
        if (backend.equals("postgres-s3")) dev.portrait.store.TestPostgres.shared().close();
        System.exit(0); // s3proxy's Jetty threads would keep the JVM alive
    }

    static byte[] photo(int side) throws Exception {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, side, side, Color.BLUE));
        g.fillRect(0, 0, side, side);
        // some detail, so the JPEGs are photo-sized rather than flat
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 4000; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(side), r.nextInt(side), 4 + r.nextInt(40), 4 + r.nextInt(40));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    static MtprotoClient signUp(ClientOptions options, String phone) throws Exception {
        MtprotoClient c = MtprotoClient.connect(options, null);
        AuthSentCode sent = (AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "hash", CodeSettings.builder().build())));
        String code = String.valueOf(phone.charAt(5)).repeat(5);
        TypeAuthAuthorization a = await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash()).phoneCode(code).build()));
        if (a instanceof AuthAuthorizationSignUpRequired) {
            await(c.invoke(AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash()).firstName("Load").lastName("").build()));
        }
        return c;
    }

    private static void run(List<MtprotoClient> conns, byte[] jpeg, int seconds, boolean report) throws InterruptedException {
        int part = 32 * 1024;
        int parts = (jpeg.length + part - 1) / part;
        List<LoadRuns.Series> r = LoadRuns.run(conns.size(), seconds, 2, (client, series) -> {
            MtprotoClient c = conns.get(client);
            long t0 = System.nanoTime();
            long fileId = ThreadLocalRandom.current().nextLong();
            for (int i = 0; i < parts; i++) {
                await(c.invoke(new UploadSaveFilePart(fileId, i, Arrays.copyOfRange(jpeg, i * part, Math.min(jpeg.length, (i + 1) * part)))));
            }
            long t1 = System.nanoTime();
            await(c.invoke(PhotosUploadProfilePhoto.builder().file(new InputFile(fileId, parts, "p.jpg", "")).build()));
            long t2 = System.nanoTime();
            series[0].add(t2 - t1);
            series[1].add(t2 - t0);
        });
        if (!report) return;
        LoadRuns.Series calls = r.get(0), totals = r.get(1);
        System.out.printf("clients=%d seconds=%.1f photos=%d per_second=%.1f call_p50_ms=%.1f call_p99_ms=%.1f total_p50_ms=%.1f total_p99_ms=%.1f%n",
                conns.size(), calls.seconds(), calls.count(), calls.perSecond(), calls.ms(0.5), calls.ms(0.99), totals.ms(0.5), totals.ms(0.99));
    }
}
