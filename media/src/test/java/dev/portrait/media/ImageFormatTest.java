package dev.portrait.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFormatTest {
    @Test
    void realFilesAreRecognised() {
        var img = TestImages.quadrants(200, 200);
        assertThat(ImageFormat.sniff(TestImages.jpeg(img))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestImages.jpeg(img, 0.9f, true))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestImages.fixture("cmyk.jpg"))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestImages.png(img))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(TestImages.fixture("quad.webp"))).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(TestImages.fixture("alpha.webp"))).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(TestImages.write(img, "gif"))).contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff(TestImages.write(img, "bmp"))).contains(ImageFormat.BMP);
    }

    @Test
    void minimalSignatures() {
        assertThat(ImageFormat.sniff(bytes(0xFF, 0xD8, 0xFF))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(ascii("RIFF\0\0\0\0WEBP"))).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(ascii("GIF87a"))).contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff(ascii("GIF89a"))).contains(ImageFormat.GIF);
        for (int dib : new int[] {12, 40, 52, 56, 64, 108, 124}) {
            assertThat(ImageFormat.sniff(bmpHeader(dib))).as("DIB %d", dib).contains(ImageFormat.BMP);
        }
    }

    @Test
    void nearMissesAreNothing() {
        assertThat(ImageFormat.sniff(null)).isEmpty();
        assertThat(ImageFormat.sniff(new byte[0])).isEmpty();
        assertThat(ImageFormat.sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(ImageFormat.sniff(bytes(0xFF, 0xD8, 0x00))).isEmpty();
        assertThat(ImageFormat.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A))).isEmpty();
        assertThat(ImageFormat.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x0A, 0x0A))).isEmpty();
        assertThat(ImageFormat.sniff(ascii("RIFF\0\0\0\0WAVE"))).isEmpty();
        assertThat(ImageFormat.sniff(ascii("RIFF\0\0\0\0WEB"))).isEmpty();
        assertThat(ImageFormat.sniff(ascii("GIF88a"))).isEmpty();
        assertThat(ImageFormat.sniff(ascii("GIF89"))).isEmpty();
        assertThat(ImageFormat.sniff(bmpHeader(41))).isEmpty();
        assertThat(ImageFormat.sniff(ascii("BM"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BM is how this sentence starts, and it is text",
        "BMW 320i, one owner, full service history",
        "BM\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n",
        "%PDF-1.7", "II*\0\u0008\0\0\0", "<?xml version=\"1.0\"?><svg/>", "\0\0\0\u0018ftypheic"})
    void textAndOtherFormatsAreNothing(String s) {
        assertThat(ImageFormat.sniff(s.getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void nameDoesNotMatterOnlyBytes() {
        // there is no name parameter at all: a JPEG "called" .png is still recognised as a JPEG
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(200, 200));
        assertThat(ImageFormat.sniff(jpeg)).contains(ImageFormat.JPEG);
    }

    private static byte[] bmpHeader(int dib) {
        return ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'B').put((byte) 'M').putInt(1000).putInt(0).putInt(54).putInt(dib).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
