package dev.portrait.e2e;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The images the tests write for the scripts to upload. */
final class TestImages {
    private TestImages() {
    }

    /** The image as a file of the ImageIO format ("jpg", "png"). */
    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no ImageIO writer for " + format);
        return out.toByteArray();
    }
}
