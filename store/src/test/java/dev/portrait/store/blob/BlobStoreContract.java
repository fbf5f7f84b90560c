package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} must do, run against each implementation by a subclass. Each test gets a fresh, empty
 * store from {@link #newStore()}.
 */
abstract class BlobStoreContract {
    static final int MIB = 1 << 20;

    BlobStore blobs;

    /** A fresh, empty store. */
    abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        blobs = newStore();
    }

    @AfterEach
    void close() {
        if (blobs != null) blobs.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static List<String> keys(Stream<String> s) {
        try (s) {
            return s.toList();
        }
    }

    @Test
    void severalBlobsAtOnce() {
        java.util.Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 40; i++) many.put(blobs.newKey("photos"), bytes(1000 + i, i));
        blobs.putAll(many);
        List<String> keys = new java.util.ArrayList<>(many.keySet());
        String missing = blobs.newKey("photos");
        keys.add(7, missing);
        List<java.util.Optional<byte[]>> got = blobs.getAll(keys);
        assertThat(got).hasSize(41);
        assertThat(got.get(7)).isEmpty();
        for (int i = 0; i < keys.size(); i++) {
            if (i != 7) assertThat(got.get(i).orElseThrow()).as("blob %d, in the order asked", i).isEqualTo(many.get(keys.get(i)));
        }
        assertThat(blobs.getAll(List.of(missing))).containsExactly(java.util.Optional.empty());
        blobs.deleteAll(keys); // the missing one included
        assertThat(blobs.getAll(keys)).allMatch(java.util.Optional::isEmpty);
        blobs.deleteAll(List.of());
    }

    @Test
    void writtenBlobsReadBackWhole() {
        String key = blobs.newKey("photos");
        byte[] data = new byte[256 * 3];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        blobs.put(key, data);
        assertThat(blobs.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
        // the store keeps no reference to the caller's array
        Arrays.fill(data, (byte) 0);
        assertThat(blobs.get(key).orElseThrow()[1]).isEqualTo((byte) 1);
    }

    @Test
    void anEmptyBlobExistsAndReadsEmpty() {
        String key = blobs.newKey("parts");
        blobs.put(key, new byte[0]);
        assertThat(blobs.get(key).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, 0, 4096).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, 4096, 4096).orElseThrow()).isEmpty();
        assertThat(blobs.delete(key)).isTrue();
        assertThat(blobs.read(key, 0, 4096)).isEmpty();
    }

    @Test
    void aPutReplacesTheBlob() {
        String key = blobs.newKey("photos");
        blobs.put(key, bytes(10_000, 1));
        byte[] shorter = bytes(100, 2);
        blobs.put(key, shorter);
        assertThat(blobs.get(key).orElseThrow()).isEqualTo(shorter);
        assertThat(blobs.read(key, 0, 4096).orElseThrow()).isEqualTo(shorter);
        assertThat(blobs.read(key, 4096, 4096).orElseThrow()).isEmpty();
        assertThat(keys(blobs.keysWrittenBefore("photos", Instant.now().plus(Duration.ofHours(1))))).containsExactly(key);
    }

    @Test
    void rangedReadsStopAtTheEnd() {
        String key = blobs.newKey("photos");
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        blobs.put(key, data);
        assertThat(blobs.read(key, 0, 4096).orElseThrow()).isEqualTo(Arrays.copyOfRange(data, 0, 4096));
        assertThat(blobs.read(key, 4096, 4096).orElseThrow()).isEqualTo(Arrays.copyOfRange(data, 4096, 8192));
        assertThat(blobs.read(key, 8192, 4096).orElseThrow()).isEqualTo(Arrays.copyOfRange(data, 8192, 10_000));
        assertThat(blobs.read(key, 9_999, 4096).orElseThrow()).containsExactly(data[9_999]);
        assertThat(blobs.read(key, 0, 1).orElseThrow()).containsExactly(data[0]);
        assertThat(blobs.read(key, 0, MIB).orElseThrow()).isEqualTo(data);
        assertThat(blobs.read(key, 17, 0).orElseThrow()).isEmpty();
        // at and past the end: an empty array, not "missing"
        assertThat(blobs.read(key, 10_000, 4096).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, 10_001, 1).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, 12_288, 4096).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, 5L * MIB, MIB).orElseThrow()).isEmpty();
        assertThat(blobs.read(key, Long.MAX_VALUE - 10, 4096).orElseThrow()).isEmpty();
    }

    @Test
    void rangesAreCheckedOnExistingBlobs() {
        String key = blobs.newKey("photos");
        blobs.put(key, bytes(100, 3));
        assertThatThrownBy(() -> blobs.read(key, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.read(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The server reads photos in chunks that never cross a 1 MiB boundary (upload.getFile's rules). */
    @Test
    void readsOnMebibyteBoundaries() {
        String exact = blobs.newKey("photos");
        byte[] one = bytes(MIB, 4);
        blobs.put(exact, one);
        assertThat(blobs.read(exact, 0, MIB).orElseThrow()).isEqualTo(one);
        assertThat(blobs.read(exact, MIB - 4096, 4096).orElseThrow()).isEqualTo(Arrays.copyOfRange(one, MIB - 4096, MIB));
        assertThat(blobs.read(exact, MIB, MIB).orElseThrow()).isEmpty();
        assertThat(blobs.read(exact, MIB, 1024).orElseThrow()).isEmpty();

        String longer = blobs.newKey("photos");
        byte[] two = bytes(2 * MIB + 123, 5);
        blobs.put(longer, two);
        assertThat(blobs.read(longer, MIB, MIB).orElseThrow()).isEqualTo(Arrays.copyOfRange(two, MIB, 2 * MIB));
        assertThat(blobs.read(longer, MIB + 512 * 1024, 512 * 1024).orElseThrow())
                .isEqualTo(Arrays.copyOfRange(two, MIB + 512 * 1024, 2 * MIB));
        assertThat(blobs.read(longer, 2 * MIB - 1024, 1024).orElseThrow()).isEqualTo(Arrays.copyOfRange(two, 2 * MIB - 1024, 2 * MIB));
        assertThat(blobs.read(longer, 2 * MIB, MIB).orElseThrow()).isEqualTo(Arrays.copyOfRange(two, 2 * MIB, 2 * MIB + 123));
        assertThat(blobs.read(longer, 2 * MIB, 1024).orElseThrow()).hasSize(123);
        assertThat(blobs.read(longer, 2 * MIB + 4096, 4096).orElseThrow()).isEmpty();
        assertThat(blobs.read(longer, 3 * MIB, MIB).orElseThrow()).isEmpty();
    }

    @Test
    void missingBlobsAreEmptyNotErrors() {
        String key = blobs.newKey("photos");
        assertThat(blobs.get(key)).isEmpty();
        assertThat(blobs.read(key, 0, 10)).isEmpty();
        assertThat(blobs.read(key, 4096, 4096)).isEmpty();
        assertThat(blobs.read(key, 0, 0)).isEmpty();
        assertThat(blobs.delete(key)).isFalse();
        assertThat(keys(blobs.keysWrittenBefore("photos", Instant.now().plusSeconds(3600)))).isEmpty();
        assertThat(keys(blobs.keysWrittenBefore("nothing-here", Instant.now().plusSeconds(3600)))).isEmpty();
    }

    @Test
    void deleteSaysWhetherTheBlobExisted() {
        String key = blobs.newKey("parts");
        String other = blobs.newKey("parts");
        blobs.put(key, bytes(1000, 6));
        blobs.put(other, bytes(10, 7));
        assertThat(blobs.delete(key)).isTrue();
        assertThat(blobs.delete(key)).isFalse();
        assertThat(blobs.get(key)).isEmpty();
        assertThat(blobs.read(key, 0, 4096)).isEmpty();
        assertThat(blobs.get(other)).isPresent();
        // a deleted key can be written again
        blobs.put(key, new byte[]{9});
        assertThat(blobs.get(key).orElseThrow()).containsExactly(9);
    }

    @Test
    void badKeysAreRefused() {
        byte[] data = {1};
        for (String bad : List.of("../escape", "photos/../../x", "photos//x", "/photos/x", "photos/x/", "Photos/x", "photos/x y", "",
                "photos/" + "a".repeat(200))) {
            assertThatThrownBy(() -> blobs.put(bad, data)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.get(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.read(bad, 0, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> blobs.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void newKeysAreFreshAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = blobs.newKey(i % 2 == 0 ? "photos" : "parts");
            assertThat(key).matches("(photos|parts)/[0-9a-f]{2}/[0-9a-f]{24}");
            String id = key.substring(key.lastIndexOf('/') + 1);
            assertThat(key).endsWith("/" + id.substring(0, 2) + "/" + id);
            assertThat(seen.add(key)).isTrue();
        }
    }

    /**
     * Written-before is judged by the store's own clock at a granularity as coarse as one second (S3's
     * LastModified), so the test writes the "old" blob, takes the cut-off, and writes the "new" one only once the
     * clock has passed the next whole second: whatever the rounding, old is before the cut-off and new is not.
     */
    @Test
    void keysWrittenBeforeListOnlyOlderBlobsUnderThePrefix() throws Exception {
        String oldPart = blobs.newKey("parts");
        String oldPhoto = blobs.newKey("photos");
        String lookalike = blobs.newKey("partsx");
        blobs.put(oldPart, bytes(10, 8));
        blobs.put(oldPhoto, bytes(10, 9));
        blobs.put(lookalike, bytes(10, 10));
        Thread.sleep(5); // file times and clocks may tick coarsely too
        Instant cutOff = Instant.now();
        Instant nextSecond = cutOff.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).plusMillis(50);
        while (Instant.now().isBefore(nextSecond)) Thread.sleep(Math.max(1, Duration.between(Instant.now(), nextSecond).toMillis()));
        String newPart = blobs.newKey("parts");
        blobs.put(newPart, bytes(10, 11));

        assertThat(keys(blobs.keysWrittenBefore("parts", cutOff))).containsExactly(oldPart);
        assertThat(keys(blobs.keysWrittenBefore("photos", cutOff))).containsExactly(oldPhoto);
        assertThat(keys(blobs.keysWrittenBefore("partsx", cutOff))).containsExactly(lookalike);
        assertThat(keys(blobs.keysWrittenBefore("parts", Instant.now().plusSeconds(3600)))).containsExactlyInAnyOrder(oldPart, newPart);
        assertThat(keys(blobs.keysWrittenBefore("parts", cutOff.minusSeconds(3600)))).isEmpty();
        // what housekeeping does: list, then delete
        for (String key : keys(blobs.keysWrittenBefore("parts", cutOff))) assertThat(blobs.delete(key)).isTrue();
        assertThat(keys(blobs.keysWrittenBefore("parts", Instant.now().plusSeconds(3600)))).containsExactly(newPart);
        // rewriting a blob makes it new again
        blobs.put(oldPhoto, bytes(10, 12));
        assertThat(keys(blobs.keysWrittenBefore("photos", cutOff))).isEmpty();
    }

    @Test
    void aLargeBlobRoundTrips() {
        String key = blobs.newKey("photos");
        byte[] data = bytes(5 * MIB + 17, 13);
        blobs.put(key, data);
        assertThat(blobs.get(key).orElseThrow()).isEqualTo(data);
        assertThat(blobs.read(key, 4L * MIB, MIB).orElseThrow()).isEqualTo(Arrays.copyOfRange(data, 4 * MIB, 5 * MIB));
        assertThat(blobs.read(key, 5L * MIB, MIB).orElseThrow()).isEqualTo(Arrays.copyOfRange(data, 5 * MIB, data.length));
    }

    @Test
    void concurrentPutsOfDifferentKeysAllLand() throws Exception {
        int threads = 6;
        int each = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String key = blobs.newKey("parts");
                        blobs.put(key, bytes(64 * 1024 + i, thread * 1000L + i));
                        mine.add(key);
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) all.addAll(f.get());
            assertThat(new HashSet<>(all)).hasSize(threads * each);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    assertThat(blobs.get(all.get(t * each + i)).orElseThrow()).isEqualTo(bytes(64 * 1024 + i, t * 1000L + i));
                }
            }
            assertThat(keys(blobs.keysWrittenBefore("parts", Instant.now().plusSeconds(3600)))).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }
}
