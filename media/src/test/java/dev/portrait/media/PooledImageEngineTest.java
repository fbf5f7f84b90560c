package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The conformance suite through {@link ImageEngines#create(String, int)} with one thread, the way the server builds
 * its engine: {@code auto} is the libvips engine when libvips loads, else the Java one, on a pool.
 */
class PooledImageEngineTest extends ImageEngineContract {
    @Override
    protected ImageEngine createEngine() {
        ImageEngine e = ImageEngines.create("auto", 1);
        assertThat(e).isInstanceOf(PooledImageEngine.class);
        return e;
    }

    @Test
    void autoPicksVipsWhenItLoads() {
        assertThat(engine.name()).isEqualTo(ImageEngines.vipsAvailable() ? "vips" : "java");
    }

    @Test
    void aClosedEngineRefusesWithProcessFailed() {
        ImageEngine closed = ImageEngines.create("java", 1);
        closed.close();
        MediaException e = catchThrowableOfType(MediaException.class,
                () -> closed.profilePhoto(TestImages.png(TestImages.quadrants(200, 200)), ImageLimits.defaults()));
        assertThat(e.rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
    }
}
