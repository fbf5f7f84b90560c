package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixelsTest {
    /** 2×2: 1 2 / 3 4. */
    private static final int[] SQUARE = {1, 2, 3, 4};

    @Test
    void orientations() {
        assertThat(Pixels.orient(SQUARE, 2, 1)).containsExactly(1, 2, 3, 4);
        assertThat(Pixels.orient(SQUARE, 2, 2)).containsExactly(2, 1, 4, 3); // mirror left-right
        assertThat(Pixels.orient(SQUARE, 2, 3)).containsExactly(4, 3, 2, 1); // 180
        assertThat(Pixels.orient(SQUARE, 2, 4)).containsExactly(3, 4, 1, 2); // mirror top-bottom
        assertThat(Pixels.orient(SQUARE, 2, 5)).containsExactly(1, 3, 2, 4); // transpose
        assertThat(Pixels.orient(SQUARE, 2, 6)).containsExactly(3, 1, 4, 2); // 90 clockwise
        assertThat(Pixels.orient(SQUARE, 2, 7)).containsExactly(4, 2, 3, 1); // transverse
        assertThat(Pixels.orient(SQUARE, 2, 8)).containsExactly(2, 4, 1, 3); // 90 counter-clockwise
        assertThat(Pixels.orient(SQUARE, 2, 0)).containsExactly(1, 2, 3, 4);
        assertThat(Pixels.orient(SQUARE, 2, 9)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shrinkAveragesAreas() {
        int[] src = new int[4 * 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = (i % 4) < 2 ? 0x000000 : 0xFFFFFF;
        }
        assertThat(Pixels.shrink(src, 4, 4, 2, 2)).containsExactly(0x000000, 0xFFFFFF, 0x000000, 0xFFFFFF);
        assertThat(Pixels.shrink(src, 4, 4, 1, 1)).containsExactly(0x808080);
        int[] three = Pixels.shrink(src, 4, 4, 3, 3);
        assertThat(three[0]).isEqualTo(0x000000);
        assertThat(three[1] & 0xFF).isBetween(0x7E, 0x81);
        assertThat(three[2]).isEqualTo(0xFFFFFF);
        assertThat(Pixels.shrink(src, 4, 4, 4, 4)).containsExactly(src).isNotSameAs(src);
    }

    @Test
    void halveRgbMatchesHalvingPackedPixels() {
        java.util.Random random = new java.util.Random(3);
        int side = 10;
        int[] packed = new int[side * side];
        byte[] bytes = new byte[side * side * 3];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = random.nextInt(0x1000000);
            bytes[3 * i] = (byte) (packed[i] >> 16);
            bytes[3 * i + 1] = (byte) (packed[i] >> 8);
            bytes[3 * i + 2] = (byte) packed[i];
        }
        int[] expected = Pixels.shrink(packed, side, side, side / 2, side / 2);
        byte[] half = Pixels.halveRgb(bytes, side);
        assertThat(half).hasSize(5 * 5 * 3);
        for (int i = 0; i < expected.length; i++) {
            int c = ((half[3 * i] & 0xFF) << 16) | ((half[3 * i + 1] & 0xFF) << 8) | (half[3 * i + 2] & 0xFF);
            assertThat(c).as("pixel %d", i).isEqualTo(expected[i]);
        }
        assertThatThrownBy(() -> Pixels.halveRgb(new byte[27], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pixels.halveRgb(new byte[11], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shrinkRefusesUpscaling() {
        assertThatThrownBy(() -> Pixels.shrink(new int[4], 2, 2, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pixels.shrink(new int[4], 2, 2, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
