package dev.portrait.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SizesTest {
    @Test
    void table() {
        assertThat(Sizes.TYPES).containsExactly("a", "b", "c", "d");
        assertThat(Sizes.SIDES).containsExactly(160, 320, 640, 1280);
        assertThat(Sizes.STRIPPED_SIDE).isEqualTo(8);
    }

    @ParameterizedTest(name = "side {0}: {1} sizes, {2}/{3}/{4}, largest {5}")
    @CsvSource({
        "160, 3, 160, 160, 160, 160",
        "200, 3, 160, 200, 200, 200",
        "320, 3, 160, 320, 320, 320",
        "500, 3, 160, 320, 500, 500",
        "640, 3, 160, 320, 640, 640",
        "1279, 3, 160, 320, 640, 640",
        "1280, 4, 160, 320, 640, 1280",
        "5000, 4, 160, 320, 640, 1280",
    })
    void noUpscaling(int side, int count, int a, int b, int c, int largest) {
        assertThat(Sizes.count(side)).isEqualTo(count);
        assertThat(Sizes.target(0, side)).isEqualTo(a);
        assertThat(Sizes.target(1, side)).isEqualTo(b);
        assertThat(Sizes.target(2, side)).isEqualTo(c);
        assertThat(Sizes.largest(side)).isEqualTo(largest);
        if (count == 4) {
            assertThat(Sizes.target(3, side)).isEqualTo(1280);
        }
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}")
    @CsvSource({
        "0, 100, IMAGE_PROCESS_FAILED",
        "100, -1, IMAGE_PROCESS_FAILED",
        "65000, 65000, PHOTO_INVALID_DIMENSIONS",
        "10000, 5001, PHOTO_INVALID_DIMENSIONS",
        "1761, 160, PHOTO_INVALID_DIMENSIONS",
        "160, 1601, PHOTO_INVALID_DIMENSIONS",
        "100, 300, PHOTO_CROP_SIZE_SMALL",
        "159, 159, PHOTO_CROP_SIZE_SMALL",
        "1000, 10, PHOTO_INVALID_DIMENSIONS",
    })
    void refusals(long width, long height, String error) {
        MediaException e = catchThrowableOfType(MediaException.class,
                () -> Sizes.check(width, height, ImageLimits.defaults()));
        assertThat(e).isNotNull();
        assertThat(e.rpcError()).isEqualTo(error);
        assertThat(e.getMessage()).startsWith(error);
    }

    @ParameterizedTest(name = "{0}x{1} ok")
    @CsvSource({"160, 160", "1600, 160", "160, 1600", "10000, 5000", "8160, 6120", "7071, 7071"})
    void accepted(long width, long height) {
        assertThatCode(() -> Sizes.check(width, height, ImageLimits.defaults())).doesNotThrowAnyException();
    }

    @Test
    void limitsAreTheCallers() {
        ImageLimits strict = new ImageLimits(10_000, 50, 2.0);
        assertThatCode(() -> Sizes.check(100, 100, strict)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(MediaException.class, () -> Sizes.check(101, 100, strict)).rpcError())
                .isEqualTo(MediaException.INVALID_DIMENSIONS);
        assertThat(catchThrowableOfType(MediaException.class, () -> Sizes.check(60, 121, strict)).rpcError())
                .isEqualTo(MediaException.INVALID_DIMENSIONS);
        assertThat(catchThrowableOfType(MediaException.class, () -> Sizes.check(49, 60, strict)).rpcError())
                .isEqualTo(MediaException.CROP_SIZE_SMALL);
    }
}
