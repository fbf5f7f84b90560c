package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCostTest {
    @Test
    void pixelsFromEveryFormatsHeader() {
        var picture = TestImages.photoLike(300, 200, 3);
        assertThat(DecodeCost.of(TestImages.jpeg(picture), ImageFormat.JPEG)).isEqualTo(300 * 200);
        assertThat(DecodeCost.of(TestImages.png(picture), ImageFormat.PNG)).isEqualTo(300 * 200);
        assertThat(DecodeCost.of(TestImages.write(picture, "gif"), ImageFormat.GIF)).isEqualTo(300 * 200);
        assertThat(DecodeCost.of(TestImages.write(picture, "bmp"), ImageFormat.BMP)).isEqualTo(300 * 200);
    }

    @Test
    void aJpegCostsItsPixelsTimesItsScans() {
        assertThat(DecodeCost.of(TestImages.jpeg(TestImages.photoLike(300, 200, 3), 0.9f, true), ImageFormat.JPEG))
                .isEqualTo(300 * 200 * 10);
        assertThat(DecodeCost.of(ManyScanJpeg.write(7000, 7000, 100), ImageFormat.JPEG))
                .isEqualTo(7000L * 7000 * 100).isGreaterThan(IsolatedImageEngine.DEAR);
        assertThat(DecodeCost.of(TestImages.jpeg(TestImages.photoLike(1280, 1280, 3), 0.9f, true), ImageFormat.JPEG))
                .isLessThan(IsolatedImageEngine.DEAR);
    }

    @Test
    void aHeaderThatSaysNothingCostsTheMost() {
        assertThat(DecodeCost.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, ImageFormat.JPEG))
                .isEqualTo(DecodeCost.UNKNOWN);
        assertThat(DecodeCost.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, ImageFormat.PNG)).isEqualTo(DecodeCost.UNKNOWN);
    }
}
