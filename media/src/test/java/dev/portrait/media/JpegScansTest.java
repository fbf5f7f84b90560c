package dev.portrait.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class JpegScansTest {
    @Test
    void countsTheScansOfWhatEncodersWrite() {
        var picture = TestImages.photoLike(400, 300, 5);
        assertThat(JpegScans.count(TestImages.jpeg(picture, 0.9f, false), 100)).isEqualTo(1);
        // libjpeg's progressive script for YCbCr: 10 scans
        assertThat(JpegScans.count(TestImages.jpeg(picture, 0.9f, true), 100)).isEqualTo(10);
        for (int scans : new int[] {1, 2, 64, 100, 101, ManyScanJpeg.MAX_SCANS}) {
            assertThat(JpegScans.count(ManyScanJpeg.write(200, 200, scans), 5000)).isEqualTo(scans);
        }
    }

    @Test
    void stopsCountingPastTheLimit() {
        assertThat(JpegScans.count(ManyScanJpeg.write(200, 200, 500), 100)).isEqualTo(101);
    }

    @Test
    void damagedStructureEndsTheCount() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(400, 300, 5), 0.9f, true);
        assertThat(JpegScans.count(Arrays.copyOf(jpeg, 3), 100)).isZero();
        assertThat(JpegScans.count(Arrays.copyOf(jpeg, jpeg.length / 2), 100)).isBetween(1, 10);
        byte[] zeroLength = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0, 0, 0};
        assertThat(JpegScans.count(zeroLength, 100)).isZero();
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        assertThat(JpegScans.count(noise, 100)).isBetween(0, 101);
    }
}
