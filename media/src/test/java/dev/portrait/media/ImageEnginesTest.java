package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageEnginesTest {
    @Test
    void javaByName() throws Exception {
        try (ImageEngine e = ImageEngines.create(" Java ", 1)) {
            assertThat(e.name()).isEqualTo("java");
            assertThat(e.profilePhoto(TestImages.png(TestImages.quadrants(200, 200)), ImageLimits.defaults())
                    .sizes()).hasSize(3);
        }
    }

    @Test
    void vipsByName() throws Exception {
        VipsSupport.requireVips();
        try (ImageEngine e = ImageEngines.create("vips", 2)) {
            assertThat(e.name()).isEqualTo("vips");
            assertThat(e.profilePhoto(TestImages.jpeg(TestImages.quadrants(200, 200)), ImageLimits.defaults())
                    .sizes()).hasSize(3);
        }
    }

    @Test
    void vipsByNameFailsWithoutLibvips() {
        if (ImageEngines.vipsAvailable()) {
            return; // nothing to check here
        }
        assertThatThrownBy(() -> ImageEngines.create("vips", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullMeansAuto() {
        try (ImageEngine e = ImageEngines.create(null, 1)) {
            assertThat(e.name()).isEqualTo(ImageEngines.vipsAvailable() ? "vips" : "java");
        }
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> ImageEngines.create("magick", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magick");
        assertThatThrownBy(() -> ImageEngines.create("java", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsAreValidated() {
        assertThat(ImageLimits.defaults()).isEqualTo(new ImageLimits(50_000_000L, 160, 10.0));
        assertThatThrownBy(() -> new ImageLimits(0, 160, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
