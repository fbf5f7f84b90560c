package dev.portrait.store;

import dev.portrait.store.blob.FileBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@OnEveryEngine
class PhotoStoresTest {
    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    @Test
    void blobsAreWrittenWholeReadInRangesAndDeleted() throws Exception {
        FileBlobStore blobs = new FileBlobStore(dir.resolve("blobs"));
        String key = blobs.newKey("photos");
        assertThat(key).matches("photos/[0-9a-f]{2}/[0-9a-f]{24}").startsWith("photos/" + key.substring(7, 9) + "/" + key.substring(7, 9));
        assertThat(blobs.get(key)).isEmpty();
        assertThat(blobs.read(key, 0, 10)).isEmpty();
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        blobs.put(key, data);
        assertThat(blobs.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
        assertThat(blobs.read(key, 4096, 4096).orElseThrow()).isEqualTo(java.util.Arrays.copyOfRange(data, 4096, 8192));
        assertThat(blobs.read(key, 8192, 4096).orElseThrow()).hasSize(10_000 - 8192);
        assertThat(blobs.read(key, 10_000, 4096).orElseThrow()).isEmpty();
        blobs.put(key, new byte[]{1});
        assertThat(blobs.get(key).orElseThrow()).containsExactly(1);
        assertThat(blobs.keys("photos").toList()).containsExactly(key);
        // no temporary files are left behind
        try (var files = Files.walk(blobs.root())) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()).isEmpty();
        }
        assertThat(blobs.delete(key)).isTrue();
        assertThat(blobs.delete(key)).isFalse();
        assertThatThrownBy(() -> blobs.put("../escape", data)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.get("photos/../../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uploadPartsBelongToOneAccountAndReplaceEarlierCopies() {
        try (Store store = engine.open(dir)) {
            UploadStore uploads = store.uploads();
            assertThat(uploads.putPart(new UploadState(1, 77, false, 0, 0, 1024, 0, 1, 100), 0, 1024, "parts/aa/1")).isEmpty();
            assertThat(uploads.putPart(new UploadState(1, 77, false, 1024, 1, 10, 0, 2, 101), 1, 10, "parts/aa/2")).isEmpty();
            assertThat(uploads.putPart(new UploadState(1, 77, false, 1024, 1, 12, 0, 2, 102), 1, 12, "parts/aa/3")).contains("parts/aa/2");
            assertThat(uploads.find(1, 77)).hasValueSatisfying(s -> {
                assertThat(s.partSize()).isEqualTo(1024);
                assertThat(s.lastSize()).isEqualTo(12);
                assertThat(s.updatedAt()).isEqualTo(102);
            });
            assertThat(uploads.parts(1, 77)).containsExactly(new UploadedPart(0, 1024, "parts/aa/1"), new UploadedPart(1, 12, "parts/aa/3"));
            // the same file id under another account is another upload
            assertThat(uploads.find(2, 77)).isEmpty();
            assertThat(uploads.parts(2, 77)).isEmpty();
            assertThat(uploads.referencesBlob("parts/aa/3")).isTrue();
            assertThat(uploads.referencesBlob("parts/aa/2")).isFalse();

            uploads.putPart(new UploadState(2, 78, true, 0, 0, 5, -1, 1, 50), 0, 5, "parts/bb/1");
            assertThat(uploads.expire(101, 10)).containsExactly("parts/bb/1");
            assertThat(uploads.find(2, 78)).isEmpty();
            assertThat(uploads.delete(1, 77)).containsExactlyInAnyOrder("parts/aa/1", "parts/aa/3");
            assertThat(uploads.parts(1, 77)).isEmpty();
        }
    }

    /** fronts and personal answer for many owners at once, past the IN-list chunk, as they would one by one. */
    @Test
    void frontsOfManyOwnersAtOnce() {
        try (Store store = engine.open(dir)) {
            PhotoStore photos = store.photos();
            List<Long> owners = new java.util.ArrayList<>();
            store.transaction(() -> {
                for (long owner = 1; owner <= 1100; owner++) {
                    owners.add(owner);
                    if (owner % 2 == 0) photos.create(photo(owner * 10, owner, 1));
                    if (owner % 4 == 0) photos.create(photo(owner * 10 + 1, owner, 2)); // the newer front
                    if (owner % 5 == 0) { // a personal photo viewer 7 set for this owner, and one by viewer 8
                        PhotoRecord p = photo(owner * 10 + 2, owner, 1);
                        photos.create(new PhotoRecord(p.id(), p.accessHash(), owner, 7, PhotoRecord.PERSONAL, 1, p.date(), p.stripped(),
                                false, "JPEG", p.sizes(), null));
                        photos.create(new PhotoRecord(p.id() + 3, p.accessHash(), owner, 8, PhotoRecord.PERSONAL, 1, p.date(), p.stripped(),
                                false, "JPEG", p.sizes(), null));
                    }
                }
                return null;
            });
            java.util.Map<Long, PhotoRecord> fronts = photos.fronts(owners, PhotoRecord.PROFILE);
            assertThat(fronts).hasSize(550);
            for (long owner : owners) {
                if (owner % 2 != 0) continue;
                PhotoRecord f = fronts.get(owner);
                assertThat(f.id()).isEqualTo(owner % 4 == 0 ? owner * 10 + 1 : owner * 10);
                assertThat(f.sizes()).extracting(PhotoSizeRecord::type).containsExactly("a", "b", "c");
            }
            java.util.Map<Long, PhotoRecord> personal = photos.personal(7, owners);
            assertThat(personal).hasSize(220).allSatisfy((owner, p) -> {
                assertThat(p.id()).isEqualTo(owner * 10 + 2);
                assertThat(p.creatorId()).isEqualTo(7);
            });
            assertThat(photos.personal(9, owners)).isEmpty();
        }
    }

    private static PhotoRecord photo(long id, long owner, long order) {
        return new PhotoRecord(id, id * 7, owner, owner, PhotoRecord.PROFILE, order, 1000 + (int) id, new byte[]{1, 8, 8}, false, "JPEG",
                List.of(new PhotoSizeRecord("c", false, 640, 640, 3000, null, "photos/x/" + id + "c"),
                        new PhotoSizeRecord("a", false, 160, 160, 300, null, "photos/x/" + id + "a"),
                        new PhotoSizeRecord("b", false, 320, 320, 900, null, "photos/x/" + id + "b")));
    }

    @Test
    void albumsKeepTheirOrderAndTheFrontIsCurrent() {
        try (Store store = engine.open(dir)) {
            PhotoStore photos = store.photos();
            assertThat(photos.nextAlbumOrder(5, PhotoRecord.PROFILE)).isEqualTo(1);
            photos.create(photo(11, 5, 1));
            photos.create(photo(12, 5, 2));
            photos.create(photo(13, 6, 1));
            assertThat(photos.album(5, PhotoRecord.PROFILE)).extracting(PhotoRecord::id).containsExactly(12L, 11L);
            PhotoRecord p = photos.find(11).orElseThrow();
            assertThat(p.sizes()).extracting(PhotoSizeRecord::type).containsExactly("a", "b", "c");
            assertThat(p.stripped()).containsExactly(1, 8, 8);
            assertThat(p.size("b")).hasValueSatisfying(s -> assertThat(s.size()).isEqualTo(900));
            assertThat(photos.fronts(List.of(5L, 6L, 7L), PhotoRecord.PROFILE)).containsOnlyKeys(5L, 6L)
                    .hasEntrySatisfying(5L, f -> assertThat(f.id()).isEqualTo(12));
            photos.setAlbumOrder(11, photos.nextAlbumOrder(5, PhotoRecord.PROFILE));
            assertThat(photos.album(5, PhotoRecord.PROFILE)).extracting(PhotoRecord::id).containsExactly(11L, 12L);
            assertThat(photos.albumSize(5, PhotoRecord.PROFILE)).isEqualTo(2);
            assertThat(photos.referencesBlob("photos/x/11a")).isTrue();
            assertThat(photos.delete(11)).containsExactlyInAnyOrder("photos/x/11a", "photos/x/11b", "photos/x/11c");
            assertThat(photos.find(11)).isEmpty();
            assertThat(photos.referencesBlob("photos/x/11a")).isFalse();
            assertThat(photos.album(5, PhotoRecord.PROFILE)).extracting(PhotoRecord::id).containsExactly(12L);
        }
    }

    @Test
    void aFailedTransactionLeavesNoHalfPhoto() {
        try (Store store = engine.open(dir)) {
            PhotoRecord p = photo(21, 5, 1);
            PhotoRecord broken = new PhotoRecord(22, 1, 5, 5, PhotoRecord.PROFILE, 2, 1, null, false, "JPEG",
                    List.of(p.sizes().get(0), p.sizes().get(0))); // the same type twice violates the key
            assertThatThrownBy(() -> store.photos().create(broken)).isInstanceOf(StoreException.class);
            assertThat(store.photos().find(22)).isEmpty();
            store.photos().create(p);
            assertThat(store.photos().find(21)).isPresent();
        }
    }
}
