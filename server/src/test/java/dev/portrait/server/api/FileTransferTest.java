package dev.portrait.server.api;

import dev.portrait.client.FileTransfer;
import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java client's file helpers against the server: small and big uploads become photos, downloads come back whole. */
class FileTransferTest {
    @TempDir
    Path dir;

    /** A PNG of noise, which hardly compresses: about 3 bytes per pixel. */
    static byte[] noisePng(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(7);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void aSmallAndABigFileBecomePhotosAndDownloadWhole() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996660801", "Ann", "");
            byte[] jpeg = PhotosTest.image(1280, 1280, "jpg");
            TypeInputFile small = FileTransfer.upload(a.client(), jpeg, "a.jpg");
            assertThat(small).isInstanceOf(InputFile.class);
            Photo p = (Photo) ((PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().file(small).build())).photo();
            PhotoSize d = p.sizes().stream().filter(s -> s instanceof PhotoSize ps && ps.type().equals("d")).map(PhotoSize.class::cast)
                    .findFirst().orElseThrow();
            byte[] got = FileTransfer.download(a.client(), new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), "d"));
            assertThat(got).hasSize(d.size()).isEqualTo(PhotosTest.download(a, new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), "d")));
            assertThat(PhotosTest.decode(got).getWidth()).isEqualTo(1280);
            // its parts were decrypted on the bulk lane, whose threads start with the first big frame at a lower priority
            assertThat(t.server.bulkLane().lowered()).isTrue();

            byte[] png = noisePng(2000, 1900);
            assertThat((long) png.length).isGreaterThan(FileTransfer.BIG_FILE_BYTES);
            TypeInputFile big = FileTransfer.upload(a.client(), png, "noise.png");
            assertThat(big).isInstanceOf(InputFileBig.class);
            assertThat(((InputFileBig) big).parts()).isEqualTo((png.length + FileTransfer.PART_BYTES - 1) / FileTransfer.PART_BYTES);
            Photo q = (Photo) ((PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().file(big).build())).photo();
            byte[] qd = FileTransfer.download(a.client(), new InputPhotoFileLocation(q.id(), q.accessHash(), q.fileReference(), "d"));
            assertThat(PhotosTest.decode(qd).getWidth()).isEqualTo(1280);

            // errors are the server's
            assertThatThrownBy(() -> FileTransfer.download(a.client(), new InputPhotoFileLocation(q.id(), q.accessHash() + 1, q.fileReference(), "d")))
                    .isInstanceOf(RpcErrorException.class).hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> FileTransfer.upload(a.client(), new byte[0], "empty")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
