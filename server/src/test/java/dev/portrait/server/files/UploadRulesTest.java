package dev.portrait.server.files;

import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.SqliteStore;
import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.InputFileBig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload rules of core.telegram.org/api/files, on the real embedded store. */
class UploadRulesTest {
    @TempDir
    Path dir;

    private static void fails(Runnable r, String error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage()).isEqualTo(error));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void partsAreCheckedAsTheyArrive() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            fails(() -> u.savePart(1, false, 5, 0, new byte[0], false, 0, 100), "FILE_PART_EMPTY");
            fails(() -> u.savePart(1, false, 5, 0, new byte[512 * 1024 + 1], false, 0, 100), "FILE_PART_TOO_BIG");
            fails(() -> u.savePart(1, false, 5, -1, new byte[1024], false, 0, 100), "FILE_PART_INVALID");
            fails(() -> u.savePart(1, false, 5, 4000, new byte[1024], false, 0, 100), "FILE_PART_INVALID");
            u.savePart(1, true, 5, 4000, new byte[1024], false, 0, 100); // premium: up to 8000
            fails(() -> u.savePart(1, false, 6, 0, new byte[1024], true, 0, 100), "FILE_PARTS_INVALID");
            fails(() -> u.savePart(1, false, 6, 0, new byte[1024], true, 4001, 100), "FILE_PARTS_INVALID");
            fails(() -> u.savePart(1, false, 6, 3, new byte[1024], true, 3, 100), "FILE_PART_INVALID");

            // part 0 then part 2 makes part 0 a full part; 3000 bytes is not a valid part size
            u.savePart(1, false, 7, 0, new byte[3000], false, 0, 100);
            fails(() -> u.savePart(1, false, 7, 2, new byte[100], false, 0, 100), "FILE_PART_SIZE_INVALID");
            // valid sizes, but different ones
            u.savePart(1, false, 8, 0, new byte[32 * 1024], false, 0, 100);
            fails(() -> u.savePart(1, false, 8, 1, new byte[64 * 1024], false, 0, 100), "FILE_PART_SIZE_CHANGED");
            u.savePart(1, false, 8, 2, new byte[32 * 1024], false, 0, 100);
            fails(() -> u.savePart(1, false, 8, 1, new byte[16 * 1024], false, 0, 100), "FILE_PART_SIZE_CHANGED");
            u.savePart(1, false, 8, 1, new byte[32 * 1024], false, 0, 100);
            // the highest part may be short, never longer
            u.savePart(1, false, 8, 3, new byte[10], false, 0, 100);
            fails(() -> u.savePart(1, false, 8, 3, new byte[33 * 1024], false, 0, 100), "FILE_PART_SIZE_CHANGED");
            // a big upload's announced total cannot change
            u.savePart(1, false, 9, 0, new byte[1024], true, 3, 100);
            fails(() -> u.savePart(1, false, 9, 1, new byte[1024], true, 4, 100), "FILE_PARTS_INVALID");
            // nothing refused left a part or a blob behind
            assertThat(store.uploads().parts(1, 7)).hasSize(1);
            long blobs;
            try (var keys = ((dev.portrait.store.blob.FileBlobStore) store.blobs()).keys("parts")) {
                blobs = keys.count();
            }
            assertThat(blobs).isEqualTo(1 + 1 + 4 + 1);
        }
    }

    @Test
    void aUsedFileMustBeCompleteAndMatchItsMd5() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            byte[] file = bytes(70_000, 1);
            int part = 32 * 1024;
            u.savePart(1, false, 42, 0, Arrays.copyOfRange(file, 0, part), false, 0, 100);
            u.savePart(1, false, 42, 2, Arrays.copyOfRange(file, 2 * part, file.length), false, 0, 100);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
            fails(() -> u.find(1, false, new InputFile(42, 3, "a.jpg", md5)), "FILE_PART_1_MISSING");
            u.savePart(1, false, 42, 1, Arrays.copyOfRange(file, part, 2 * part), false, 0, 100);
            fails(() -> u.find(1, false, new InputFile(42, 2, "a.jpg", md5)), "FILE_PARTS_INVALID");
            fails(() -> u.find(1, false, new InputFile(42, 0, "a.jpg", md5)), "FILE_PARTS_INVALID");
            fails(() -> u.find(1, false, new InputFile(42, 4001, "a.jpg", md5)), "FILE_PARTS_INVALID");
            fails(() -> u.find(1, false, new InputFile(42, 4, "a.jpg", md5)), "FILE_PART_3_MISSING");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            byte[] file = bytes(70_000, 1);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
            // another account does not see the upload at all
            assertThat(u.find(2, false, new InputFile(42, 3, "a.jpg", md5))).isEmpty();
            UploadsManager.Upload up = u.find(1, false, new InputFile(42, 3, "a.jpg", md5.toUpperCase())).orElseThrow();
            assertThat(up.size()).isEqualTo(file.length);
            assertThat(u.read(up, md5.toUpperCase())).isEqualTo(file);
            assertThat(u.read(up, "")).isEqualTo(file);
            fails(() -> u.read(up, "00" + md5.substring(2)), "MD5_CHECKSUM_INVALID");
            u.discard(up);
            assertThat(u.find(1, false, new InputFileBig(42, 3, "a.jpg"))).isEmpty();
            try (var keys = ((dev.portrait.store.blob.FileBlobStore) store.blobs()).keys("parts")) {
                assertThat(keys.count()).isZero();
            }
        }
    }

    /** The node that took the parts hands them to the call that uses the upload from memory, once; the rest come from the store. */
    @Test
    void theCallThatUsesAnUploadReadsTheNodesRecentPartsFromMemory() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            byte[] file = bytes(3 * 32 * 1024, 2);
            int part = 32 * 1024;
            for (int i = 0; i < 3; i++) u.savePart(1, false, 9, i, Arrays.copyOfRange(file, i * part, (i + 1) * part), false, 0, 100);
            UploadsManager.Upload up = u.find(1, false, new InputFile(9, 3, "a.jpg", "")).orElseThrow();
            // part 1's blob goes away behind the manager's back: the first read does not need it, the second does
            store.blobs().delete(up.parts().get(1).blobKey());
            assertThat(u.read(up, "")).isEqualTo(file);
            fails(() -> u.read(up, ""), "FILE_PART_1_MISSING");
        }
    }

    @Test
    void recentPartsStayWithinTheirBytesOldestOutFirst() {
        RecentParts r = new RecentParts(3000);
        r.put("a", new byte[1000]);
        r.put("b", new byte[1000]);
        r.put("c", new byte[1000]);
        r.put("d", new byte[1500]);
        assertThat(r.bytes()).isEqualTo(2500);
        assertThat(r.take("a")).isNull();
        assertThat(r.take("b")).isNull();
        assertThat(r.take("c")).hasSize(1000);
        assertThat(r.take("c")).isNull();
        r.put("e", new byte[5000]); // larger than the whole budget: not kept
        assertThat(r.take("e")).isNull();
        r.forget(List.of("d", "x"));
        assertThat(r.bytes()).isZero();
    }

    @Test
    void aStreamedBigUploadEndsWithAnEmptyPartCarryingTheTotal() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            u.savePart(1, false, 3, 0, new byte[1024], true, -1, 100);
            u.savePart(1, false, 3, 1, new byte[1024], true, -1, 100);
            fails(() -> u.savePart(1, false, 3, 2, new byte[0], true, -1, 100), "FILE_PART_EMPTY");
            u.savePart(1, false, 3, 2, new byte[0], true, 3, 100);
            assertThat(u.find(1, false, new InputFileBig(3, 3, "v.mp4"))).hasValueSatisfying(up -> assertThat(up.size()).isEqualTo(2048));
        }
    }

    private Path propertyDir;

    @BeforeProperty
    void propertyDir() throws Exception {
        propertyDir = Files.createTempDirectory("uploads");
    }

    @AfterProperty
    void removePropertyDir() throws Exception {
        try (var files = Files.walk(propertyDir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Whatever order the parts of a well-formed upload arrive in (clients upload several at once), it is accepted whole. */
    @Property(tries = 40)
    void wellFormedUploadsAreAcceptedInAnyOrder(@ForAll @IntRange(min = 0, max = 9) int sizeExponent,
                                                @ForAll @IntRange(min = 1, max = 200_000) int length,
                                                @ForAll boolean big, @ForAll long seed) {
        int partSize = 1024 << sizeExponent;
        int parts = (length + partSize - 1) / partSize;
        byte[] file = bytes(length, (int) seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        try (SqliteStore store = SqliteStore.open(propertyDir.resolve("p" + System.nanoTime()))) {
            UploadsManager u = new UploadsManager(store, ServerConfig.Media.defaults());
            for (int i : order) {
                u.savePart(1, false, seed, i, Arrays.copyOfRange(file, i * partSize, Math.min(length, (i + 1) * partSize)), big, big ? parts : 0, 100);
            }
            UploadsManager.Upload up = u.find(1, false, big ? new InputFileBig(seed, parts, "f") : new InputFile(seed, parts, "f", ""))
                    .orElseThrow();
            assertThat(u.read(up, "")).isEqualTo(file);
        }
    }
}
