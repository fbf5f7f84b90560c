package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite on the libvips engine. Skipped when libvips42 is missing, failed instead when
 * PORTRAIT_REQUIRE_VIPS is set (see {@link VipsSupport}).
 */
class VipsImageEngineTest extends ImageEngineContract {
    @Override
    protected ImageEngine createEngine() {
        VipsSupport.requireVips();
        return new VipsImageEngine(Vips.instance(), new JavaImageEngine());
    }

    @Test
    void name() {
        assertThat(engine.name()).isEqualTo("vips");
    }

    @Test
    void libvipsIsRecentEnough() {
        String[] v = Vips.instance().version.split("\\.");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        assertThat(major > 8 || (major == 8 && minor >= 13)).as("libvips %s", Vips.instance().version).isTrue();
    }
}
