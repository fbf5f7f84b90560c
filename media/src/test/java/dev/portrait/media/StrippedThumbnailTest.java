package dev.portrait.media;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

class StrippedThumbnailTest {
    static byte[] reference;

    /** Telegram's header as the clients carry it, vendored in reference/tl (reference/README.md says from where). */
    @BeforeAll
    static void loadReference() throws Exception {
        Path dir = Path.of(System.getProperty("portrait.reference", "../reference"));
        Path file = dir.resolve("tl").resolve("stripped-jpeg-header.bin").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            fail("Telegram's stripped-thumbnail header is missing: " + file + " (part of the repository, or"
                    + " -Dportrait.reference=DIR); working directory " + Path.of("").toAbsolutePath());
        }
        reference = Files.readAllBytes(file);
        assertThat(reference).hasSize(StrippedThumbnail.HEADER_LENGTH);
    }

    @Test
    void bundledHeaderIsTelegrams() {
        assertThat(StrippedThumbnail.header()).isEqualTo(reference);
    }

    @Test
    void expandUsesExactlyTheReferenceHeader() {
        byte[] scan = {0x12, 0x34, (byte) 0xFF, 0x00, 0x56};
        byte[] packed = new byte[3 + scan.length];
        packed[0] = 1;
        packed[1] = 40; // height
        packed[2] = 30; // width
        System.arraycopy(scan, 0, packed, 3, scan.length);
        byte[] jpeg = StrippedThumbnail.expand(packed);

        assertThat(jpeg).hasSize(623 + scan.length + 2);
        byte[] expectedHeader = reference.clone();
        expectedHeader[164] = 40;
        expectedHeader[166] = 30;
        assertThat(Arrays.copyOf(jpeg, 623)).isEqualTo(expectedHeader);
        assertThat(Arrays.copyOfRange(jpeg, 623, 623 + scan.length)).isEqualTo(scan);
        assertThat(jpeg[jpeg.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(jpeg[jpeg.length - 1]).isEqualTo((byte) 0xD9);
        // the patched offsets are the low bytes of the SOF0 height and width
        int sof = TestImages.findMarker(jpeg, 0xC0);
        assertThat(sof).isEqualTo(158);
        assertThat(((jpeg[sof + 5] & 0xFF) << 8) | (jpeg[sof + 6] & 0xFF)).isEqualTo(40);
        assertThat(((jpeg[sof + 7] & 0xFF) << 8) | (jpeg[sof + 8] & 0xFF)).isEqualTo(30);
    }

    @Test
    void encodeThenExpandDecodes() {
        int[] rgb = new int[8 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                rgb[y * 8 + x] = x < 4 ? TestImages.RED : TestImages.BLUE;
            }
        }
        byte[] packed = StrippedThumbnail.encode(rgb, 8, 8);
        assertThat(packed[0]).isEqualTo((byte) 1);
        assertThat(packed[1]).isEqualTo((byte) 8);
        assertThat(packed[2]).isEqualTo((byte) 8);
        BufferedImage img = TestImages.decode(StrippedThumbnail.expand(packed));
        assertThat(img.getWidth()).isEqualTo(8);
        assertThat(img.getHeight()).isEqualTo(8);
        assertThat(TestImages.distance(TestImages.mean(img, 0, 0, 2, 8), TestImages.rgb(TestImages.RED)))
                .isLessThan(50);
        assertThat(TestImages.distance(TestImages.mean(img, 6, 0, 2, 8), TestImages.rgb(TestImages.BLUE)))
                .isLessThan(50);
    }

    @Test
    void sizesOtherThan8AndNonSquare() {
        for (int[] wh : new int[][] {{1, 1}, {40, 30}, {17, 33}, {255, 3}}) {
            int w = wh[0];
            int h = wh[1];
            int[] rgb = new int[w * h];
            Arrays.fill(rgb, 0x336699);
            byte[] packed = StrippedThumbnail.encode(rgb, w, h);
            assertThat(packed[1] & 0xFF).isEqualTo(h);
            assertThat(packed[2] & 0xFF).isEqualTo(w);
            BufferedImage img = TestImages.decode(StrippedThumbnail.expand(packed));
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
            assertThat(TestImages.distance(TestImages.mean(img), TestImages.rgb(0x336699))).isLessThan(12);
        }
    }

    @Test
    void scanDataContainsNoMarkers() {
        java.util.Random random = new java.util.Random(1);
        int[] rgb = new int[64];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(0x1000000);
        }
        byte[] packed = StrippedThumbnail.encode(rgb, 8, 8);
        for (int i = 3; i < packed.length - 1; i++) {
            if ((packed[i] & 0xFF) == 0xFF) {
                assertThat(packed[i + 1]).as("byte after 0xFF at %d is stuffed", i).isEqualTo((byte) 0);
            }
        }
    }

    @Test
    void refusesWhatClientsCannotExpand() {
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        assertThatThrownBy(() -> StrippedThumbnail.expand(null)).isInstanceOf(iae);
        assertThatThrownBy(() -> StrippedThumbnail.expand(new byte[] {1, 8})).isInstanceOf(iae);
        assertThatThrownBy(() -> StrippedThumbnail.expand(new byte[] {2, 8, 8, 0})).isInstanceOf(iae);
        assertThatThrownBy(() -> StrippedThumbnail.encode(new int[0], 0, 1)).isInstanceOf(iae);
        assertThatThrownBy(() -> StrippedThumbnail.encode(new int[256], 256, 1)).isInstanceOf(iae);
        assertThatThrownBy(() -> StrippedThumbnail.encode(new int[3], 2, 2)).isInstanceOf(iae);
    }
}
