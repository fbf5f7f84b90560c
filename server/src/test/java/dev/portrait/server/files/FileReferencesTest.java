package dev.portrait.server.files;

import dev.portrait.server.rpc.RpcException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileReferencesTest {
    private final FileReferences refs = new FileReferences(new byte[32], 3600);

    private void fails(long photo, byte[] ref, int now, String error) {
        assertThatThrownBy(() -> refs.check(photo, ref, now)).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.getMessage()).isEqualTo(error));
    }

    @Test
    void referencesAreBoundToOnePhotoAndExpire() {
        byte[] ref = refs.issue(77, 1000);
        assertThatCode(() -> refs.check(77, ref, 1000)).doesNotThrowAnyException();
        assertThatCode(() -> refs.check(77, ref, 4600)).doesNotThrowAnyException();
        fails(77, ref, 4601, "FILE_REFERENCE_EXPIRED");
        fails(78, ref, 1000, "FILE_REFERENCE_INVALID");
        fails(77, new byte[0], 1000, "FILE_REFERENCE_EMPTY");
        fails(77, null, 1000, "FILE_REFERENCE_EMPTY");
        fails(77, new byte[]{1, 2, 3}, 1000, "FILE_REFERENCE_INVALID");
        byte[] tampered = ref.clone();
        tampered[3] ^= 1; // a different issue time breaks the MAC
        fails(77, tampered, 1000, "FILE_REFERENCE_INVALID");
        // issued "in the future" beyond clock skew
        fails(77, refs.issue(77, 2000), 1000, "FILE_REFERENCE_INVALID");
        // another server secret
        fails(77, new FileReferences(new byte[]{1}, 3600).issue(77, 1000), 1000, "FILE_REFERENCE_INVALID");
    }

    @Test
    void downloadRangesFollowTheDocumentedRules() {
        DownloadsManager.checkRange(false, 0, 4096);
        DownloadsManager.checkRange(false, 1 << 20, 1 << 20);
        DownloadsManager.checkRange(false, 512 * 1024, 512 * 1024);
        DownloadsManager.checkRange(true, 1024, 3072);
        for (Object[] bad : new Object[][]{
                {false, 1024L, 4096, "OFFSET_INVALID"}, {false, -4096L, 4096, "OFFSET_INVALID"},
                {false, 0L, 3 * 4096, "LIMIT_INVALID"}, {false, 0L, 0, "LIMIT_INVALID"}, {false, 0L, 2 << 20, "LIMIT_INVALID"},
                {false, 4096L * 255, 8192, "LIMIT_INVALID"}, // crosses the 1 MiB boundary
                {true, 512L, 1024, "OFFSET_INVALID"}, {true, 0L, 1000, "LIMIT_INVALID"}, {true, 1024L, 1 << 20, "LIMIT_INVALID"}}) {
            assertThatThrownBy(() -> DownloadsManager.checkRange((Boolean) bad[0], (Long) bad[1], (Integer) bad[2]))
                    .as("%s", java.util.Arrays.toString(bad))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage()).isEqualTo(bad[3]));
        }
    }
}
