package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portrait.media.MediaException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MarkupBackgroundTest {
    @Test
    void oneColourIsSolid() {
        BufferedImage img = MarkupBackground.render(List.of(0x3366CC), 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(img.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x3366CC);
            }
        }
    }

    @Test
    void twoColoursAreAVerticalGradientFirstAtTheTop() {
        BufferedImage img = MarkupBackground.render(List.of(0xFF0000, 0x0000FF), 200);
        assertNear(img.getRGB(100, 0), 0xFF0000, 4);
        assertNear(img.getRGB(100, 199), 0x0000FF, 4);
        assertNear(img.getRGB(100, 100), 0x800080, 4);
        // constant along a row
        assertThat(img.getRGB(0, 50)).isEqualTo(img.getRGB(199, 50));
    }

    @Test
    void freeformNearEachPointItsColourDominates() {
        List<Integer> colors = List.of(0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF);
        for (int n = 3; n <= 4; n++) {
            List<Integer> used = colors.subList(0, n);
            int side = 256;
            BufferedImage img = MarkupBackground.render(used, side);
            float[][] points = MarkupBackground.points();
            for (int i = 0; i < n; i++) {
                int px = Math.round(points[i][0] * side);
                int py = Math.round(points[i][1] * side);
                int c = img.getRGB(Math.min(px, side - 1), Math.min(py, side - 1)) & 0xFFFFFF;
                int nearest = nearest(c, used);
                assertThat(nearest).as("%d colours: pixel %06x at point %d (%d,%d)", n, c, i, px, py).isEqualTo(i);
            }
        }
    }

    @Test
    void freeformIsSmoothAndUsesOnlyTheGivenColours() {
        BufferedImage img = MarkupBackground.render(List.of(0x000000, 0x000000, 0x000000), 128);
        for (int y = 0; y < 128; y += 7) {
            for (int x = 0; x < 128; x += 7) {
                assertThat(img.getRGB(x, y) & 0xFFFFFF).isZero();
            }
        }
        BufferedImage g = MarkupBackground.render(List.of(0xFEC496, 0xDD6CB9, 0x962FBF, 0x4F5BD5), 128);
        for (int y = 0; y < 128; y++) {
            for (int x = 1; x < 128; x++) {
                assertNear(g.getRGB(x, y), g.getRGB(x - 1, y), 12);
            }
        }
    }

    @Test
    void pngIsAPictureOfTheRequestedSide() throws Exception {
        byte[] png = MarkupBackground.png(List.of(0x112233, 0x445566, 0x778899, 0xAABBCC), 160);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(160);
        assertThat(img.getHeight()).isEqualTo(160);
    }

    @Test
    void validateAcceptsOneToFourRgb24Colours() throws Exception {
        MarkupBackground.validate(List.of(0));
        MarkupBackground.validate(List.of(0xFFFFFF, 0, 1, 0x123456));
    }

    @Test
    void validateRefusesWithEmojiMarkupInvalid() {
        for (List<Integer> bad : List.of(List.<Integer>of(), List.of(1, 2, 3, 4, 5), List.of(-1),
                List.of(0x1000000), List.of(0xFF, Integer.MIN_VALUE))) {
            assertThatThrownBy(() -> MarkupBackground.validate(bad)).as(bad.toString())
                    .isInstanceOfSatisfying(MediaException.class,
                            e -> assertThat(e.rpcError()).isEqualTo(MediaException.EMOJI_MARKUP_INVALID));
        }
        assertThatThrownBy(() -> MarkupBackground.validate(null)).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> MarkupBackground.validate(Arrays.asList(1, null))).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> MarkupBackground.render(List.of(), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarkupBackground.render(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int nearest(int c, List<Integer> colors) {
        int best = -1;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < colors.size(); i++) {
            long d = distance(c, colors.get(i));
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static long distance(int a, int b) {
        long d = 0;
        for (int s : new int[] {16, 8, 0}) {
            long x = ((a >> s) & 0xFF) - ((b >> s) & 0xFF);
            d += x * x;
        }
        return d;
    }

    private static void assertNear(int got, int want, int tolerance) {
        for (int s : new int[] {16, 8, 0}) {
            assertThat(Math.abs(((got >> s) & 0xFF) - ((want >> s) & 0xFF)))
                    .as("%06x vs %06x", got & 0xFFFFFF, want & 0xFFFFFF).isLessThanOrEqualTo(tolerance);
        }
    }
}
