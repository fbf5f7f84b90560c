package dev.portrait.server;

import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.SqliteStore;
import dev.portrait.tl.api.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Collection of abandoned uploads and of blobs a crash left without metadata. */
class HousekeepingTest {
    @TempDir
    Path dir;

    @Test
    void abandonedUploadsAndOrphanedBlobsAreCollected() throws Exception {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        ServerConfig config = ServerConfig.defaults(dir);
        try (SqliteStore store = SqliteStore.open(dir)) {
            UploadsManager uploads = new UploadsManager(store, config.media());
            int t = (int) now.getEpochSecond();
            uploads.savePart(1, false, 10, 0, new byte[1024], false, 0, t - config.media().uploadTtlSeconds() - 1); // abandoned
            uploads.savePart(1, false, 11, 0, new byte[1024], false, 0, t - 60);                                     // in progress
            // a photo whose blobs are referenced, and blobs a crash left behind (written, never committed)
            String kept = store.blobs().newKey("photos");
            store.blobs().put(kept, new byte[]{1});
            store.photos().create(new PhotoRecord(5, 1, 1, 1, PhotoRecord.PROFILE, 1, t, null, false, "JPEG",
                    List.of(new PhotoSizeRecord("a", false, 160, 160, 1, null, kept))));
            String orphanPhoto = store.blobs().newKey("photos");
            store.blobs().put(orphanPhoto, new byte[]{2});
            String orphanPart = store.blobs().newKey("parts");
            store.blobs().put(orphanPart, new byte[]{3});
            String freshOrphan = store.blobs().newKey("photos");
            store.blobs().put(freshOrphan, new byte[]{4}); // may still be on its way into a transaction: too young to touch
            Path blobs = ((dev.portrait.store.blob.FileBlobStore) store.blobs()).root();
            Path tmp = blobs.resolve("photos").resolve(".tmp-123"); // a write interrupted before its rename
            Files.write(tmp, new byte[]{5});
            FileTime old = FileTime.from(now.minusSeconds(7200));
            for (String k : List.of(kept, orphanPhoto, orphanPart)) Files.setLastModifiedTime(blobs.resolve(k), old);
            Files.setLastModifiedTime(tmp, old);
            try (var parts = store.blobs().keysWrittenBefore("parts", Instant.MAX)) {
                for (String k : parts.toList()) Files.setLastModifiedTime(blobs.resolve(k), old);
            }
            Files.setLastModifiedTime(blobs.resolve(freshOrphan), FileTime.from(now.minusSeconds(60)));

            Housekeeping h = new Housekeeping(store, new AuthKeys(store.authKeys(), store.events()), Clock.fixed(now, ZoneOffset.UTC), config);
            h.expireUploads();
            assertThat(store.uploads().find(1, 10)).isEmpty();
            assertThat(store.uploads().find(1, 11)).isPresent();
            assertThat(h.collectOrphanBlobs(now.minusSeconds(3600))).isEqualTo(2);
            assertThat(store.blobs().get(kept)).isPresent();
            assertThat(store.blobs().get(orphanPhoto)).isEmpty();
            assertThat(store.blobs().get(orphanPart)).isEmpty();
            assertThat(store.blobs().get(freshOrphan)).isPresent();
            assertThat(tmp).doesNotExist();
            // the live upload's part survived and is still usable
            assertThat(uploads.find(1, false, new InputFile(11, 1, "x", ""))).isPresent();
            h.close();
        }
    }
}
