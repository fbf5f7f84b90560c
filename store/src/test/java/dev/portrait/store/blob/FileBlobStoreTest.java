package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The blob store contract on files; PhotoStoresTest covers the file-specific details (temporary files). */
class FileBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;

    @Override
    BlobStore newStore() {
        return new FileBlobStore(dir.resolve("blobs"));
    }

    @Test
    void keysAreFilesUnderTheRoot() {
        String key = blobs.newKey("photos");
        blobs.put(key, new byte[]{1, 2});
        assertThat(Files.isRegularFile(dir.resolve("blobs").resolve(key))).isTrue();
    }
}
