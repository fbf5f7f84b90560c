package dev.portrait.server;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.api.PhotosTest;
import dev.portrait.server.api.TestAccounts;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.Store;
import dev.portrait.store.TestPostgres;
import dev.portrait.store.blob.TestS3;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety on both backends: a node in its own process is killed with SIGKILL while four accounts upload, switch
 * and delete profile photos; a node started again on the same stores still has everything that was acknowledged,
 * shows no photo with a missing or short size, lets an upload acknowledged part by part before the crash finish, and
 * the blobs the crash left unreferenced are collected (and only those).
 */
@ExtendWith(TestPostgres.Lifecycle.class)
class CrashTest {
    enum Backend {SQLITE_AND_FILES, POSTGRES_AND_S3}

    @TempDir
    Path dir;

    /** What one account did, as far as the server acknowledged it. */
    static final class Account {
        final TestAccounts.Signed signed;
        /** Photos acknowledged as uploaded and not acknowledged as deleted, by id. */
        final Map<Long, Photo> present = new LinkedHashMap<>();
        final Set<Long> deleted = new HashSet<>();
        /** The request left unanswered by the crash: "upload", "switch ID" or "delete ID" (null: none). */
        volatile String inFlight;

        Account(TestAccounts.Signed signed) {
            this.signed = signed;
        }

        /** Uploads, switches and deletes until the connection dies. */
        void work(AtomicInteger uploads) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            try {
                while (true) {
                    int dice = r.nextInt(10);
                    List<Photo> photos = new ArrayList<>(present.values());
                    if (dice < 7 || photos.size() < 2) {
                        inFlight = "upload";
                        byte[] image = PhotosTest.image(200 + r.nextInt(700), 200 + r.nextInt(700), r.nextBoolean() ? "jpg" : "png");
                        Photo p = (Photo) ((PhotosPhoto) signed.call(PhotosUploadProfilePhoto.builder()
                                .file(PhotosTest.upload(signed, image, "p")).build())).photo();
                        present.put(p.id(), p);
                        uploads.incrementAndGet();
                    } else if (dice < 9) {
                        Photo p = photos.get(r.nextInt(photos.size()));
                        inFlight = "switch " + p.id();
                        signed.call(PhotosUpdateProfilePhoto.builder().id(new InputPhoto(p.id(), p.accessHash(), p.fileReference())).build());
                    } else {
                        Photo p = photos.get(1 + r.nextInt(photos.size() - 1));
                        inFlight = "delete " + p.id();
                        signed.call(new PhotosDeletePhotos(List.of(new InputPhoto(p.id(), p.accessHash(), p.fileReference()))));
                        present.remove(p.id());
                        deleted.add(p.id());
                    }
                    inFlight = null;
                }
            } catch (Exception e) {
                // the node is gone: whatever was in flight may or may not have happened
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKilledNodeLosesNothingAcknowledgedAndShowsNoHalfPhoto(Backend backend) throws Exception {
        String storeUrl = null;
        String blobsUrl = null;
        if (backend == Backend.POSTGRES_AND_S3) {
            storeUrl = TestPostgres.shared().newDatabase();
            blobsUrl = TestS3.shared().url(TestS3.shared().newBucket(), "crash");
        }
        List<RsaKey> keys = ServerKeys.loadOrCreate(dir);
        int port = ServerProtocolTest.freePort();
        Process node = startNode(port, storeUrl, blobsUrl);
        List<Account> accounts = new ArrayList<>();
        byte[] big = PhotosTest.image(1200, 1200, "png");
        int partSize = 4 * 1024;
        int bigParts = (big.length + partSize - 1) / partSize;
        assertThat(bigParts).isGreaterThanOrEqualTo(4);
        try {
            for (int i = 0; i < 4; i++) accounts.add(new Account(signUp(port, keys, i)));
            // an upload half done when the node dies: its acknowledged parts must be there afterwards
            TestAccounts.Signed halfway = signUp(port, keys, 9);
            for (int i = 0; i < bigParts / 2; i++) {
                assertThat(halfway.call(new UploadSaveFilePart(99, i, part(big, i, partSize)))).isTrue();
            }

            AtomicInteger uploads = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (Account a : accounts) workers.add(Thread.ofVirtual().start(() -> a.work(uploads)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (uploads.get() < 12 && System.nanoTime() < deadline && node.isAlive()) Thread.sleep(20);
            assertThat(uploads.get()).as("photos made before the kill").isGreaterThanOrEqualTo(12);
            Thread.sleep(ThreadLocalRandom.current().nextInt(300)); // somewhere in the middle of the next requests
            node.destroyForcibly(); // SIGKILL
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (Thread t : workers) assertThat(t.join(java.time.Duration.ofSeconds(60))).isTrue();
        } finally {
            node.destroyForcibly();
        }

        ServerConfig config = ServerConfig.defaults(dir).withListen("127.0.0.1", ServerProtocolTest.freePort()).withAdvertise("127.0.0.1", 443).withTestMode(true);
        if (storeUrl != null) config = config.withStore(storeUrl).withBlobs(blobsUrl);
        try (PortraitServer server = PortraitServer.start(config)) {
            int restarted = server.port();
            for (int i = 0; i < accounts.size(); i++) {
                Account a = accounts.get(i);
                TestAccounts.Signed again = signUp(restarted, keys, i);
                assertThat(again.id()).isEqualTo(a.signed.id());
                List<Photo> album = album(again);
                Set<Long> ids = new HashSet<>(album.stream().map(Photo::id).toList());
                String inFlight = a.inFlight;
                Set<Long> mustBe = new HashSet<>(a.present.keySet());
                if (inFlight != null && inFlight.startsWith("delete ")) mustBe.remove(Long.parseLong(inFlight.substring(7)));
                assertThat(ids).as("acknowledged photos of account %d (in flight: %s)", i, inFlight).containsAll(mustBe);
                assertThat(ids).as("acknowledged deletions").noneMatch(a.deleted::contains);
                Set<Long> unknown = new HashSet<>(ids);
                unknown.removeAll(a.present.keySet());
                // at most the upload that was in flight, made but not answered
                assertThat(unknown).hasSizeLessThanOrEqualTo("upload".equals(inFlight) ? 1 : 0);
                for (Photo p : album) downloadsWhole(again, p);
            }

            // the upload acknowledged part by part before the crash completes now
            TestAccounts.Signed halfway = signUp(restarted, keys, 9);
            for (int i = bigParts / 2; i < bigParts; i++) {
                assertThat(halfway.call(new UploadSaveFilePart(99, i, part(big, i, partSize)))).isTrue();
            }
            Photo finished = (Photo) ((PhotosPhoto) halfway.call(PhotosUploadProfilePhoto.builder()
                    .file(new InputFile(99, bigParts, "big.png", "")).build())).photo();
            downloadsWhole(halfway, finished);

            // blobs nobody points at (written before a row that never committed, or left by a delete) are collected
            Store store = server.store();
            Housekeeping housekeeping = new Housekeeping(store, new AuthKeys(store.authKeys(), store.events()), Clock.systemUTC(), config);
            int orphans = housekeeping.collectOrphanBlobs(Instant.now().plusSeconds(1));
            System.out.printf("crash test on %s: in flight %s; %d orphaned blobs collected%n", backend,
                    accounts.stream().map(a -> a.inFlight).toList(), orphans);
            try (var photos = store.blobs().keysWrittenBefore("photos", Instant.MAX); var parts = store.blobs().keysWrittenBefore("parts", Instant.MAX)) {
                assertThat(photos.toList()).allMatch(k -> store.photos().referencesBlob(k), "referenced by a photo");
                assertThat(parts.toList()).allMatch(k -> store.uploads().referencesBlob(k), "referenced by an upload");
            }
            // and nothing in use went with them
            for (int i = 0; i < accounts.size(); i++) {
                TestAccounts.Signed again = signUp(restarted, keys, i);
                for (Photo p : album(again)) downloadsWhole(again, p);
            }
        }
    }

    private static List<Photo> album(TestAccounts.Signed s) throws Exception {
        return ((PhotosPhotos) s.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 100))).photos().stream()
                .map(Photo.class::cast).toList();
    }

    /** Every size of the photo downloads in full: as many bytes as announced, a JPEG of the announced width. */
    private static void downloadsWhole(TestAccounts.Signed s, Photo p) throws Exception {
        assertThat(p.sizes()).isNotEmpty();
        for (TypePhotoSize size : p.sizes()) {
            if (!(size instanceof PhotoSize ps)) continue;
            byte[] bytes = PhotosTest.download(s, new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), ps.type()));
            assertThat(bytes).as("size %s of photo %d", ps.type(), p.id()).hasSize(ps.size());
            assertThat(PhotosTest.decode(bytes).getWidth()).isEqualTo(ps.w());
        }
    }

    private static byte[] part(byte[] data, int i, int size) {
        return Arrays.copyOfRange(data, i * size, Math.min(data.length, (i + 1) * size));
    }

    private static TestAccounts.Signed signUp(int port, List<RsaKey> keys, int i) throws Exception {
        MtprotoClient c = MtprotoClient.connect(ClientOptions.of("127.0.0.1", port, keys.stream().map(RsaKey::publicKey).toList()), null);
        return TestAccounts.signUp(c, "999669000" + i, "User" + i, "");
    }

    private Process startNode(int port, String storeUrl, String blobsUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("node.log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                CrashTestNode.class.getName(), dir.toString(), String.valueOf(port),
                storeUrl == null ? "-" : storeUrl, blobsUrl == null ? "-" : blobsUrl)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("the node exited: " + Files.readString(log));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the node did not start: " + Files.readString(log));
    }
}
