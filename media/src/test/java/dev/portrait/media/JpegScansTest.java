package dev.portrait.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class JpegScansTest {
    @Test
    void countsTheScansOfWhatEncodersWrite() {
        var picture = TestImages.photoLike(400, 300, 5);
        assertThat(JpegScans.read(TestImages.jpeg(picture, 0.9f, false), 100).scans()).isEqualTo(1);
        // libjpeg's progressive script for YCbCr: 10 scans
        assertThat(JpegScans.read(TestImages.jpeg(picture, 0.9f, true), 100).scans()).isEqualTo(10);
        for (int scans : new int[] {1, 2, 64, 100, 101, ManyScanJpeg.MAX_SCANS}) {
            assertThat(JpegScans.read(ManyScanJpeg.write(200, 200, scans), 5000).scans()).isEqualTo(scans);
        }
    }

    @Test
    void stopsCountingPastTheLimit() {
        assertThat(JpegScans.read(ManyScanJpeg.write(200, 200, 500), 100).scans()).isEqualTo(101);
    }

    @Test
    void damagedStructureEndsTheCount() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(400, 300, 5), 0.9f, true);
        assertThat(JpegScans.read(Arrays.copyOf(jpeg, 3), 100).scans()).isZero();
        assertThat(JpegScans.read(Arrays.copyOf(jpeg, jpeg.length / 2), 100).scans()).isBetween(1, 10);
        byte[] zeroLength = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0, 0, 0};
        assertThat(JpegScans.read(zeroLength, 100).scans()).isZero();
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        assertThat(JpegScans.read(noise, 100).scans()).isBetween(0, 101);
    }
}
