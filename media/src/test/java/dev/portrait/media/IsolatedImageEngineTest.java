package dev.portrait.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite through worker processes ({@link ImageEngines#isolated}): the same answers as in this process,
 * and a job over its CPU budget really stops — its worker is killed — and answers IMAGE_PROCESS_FAILED.
 */
class IsolatedImageEngineTest extends ImageEngineContract {
    @Override
    protected ImageEngine createEngine() {
        return ImageEngines.isolated("auto", 2, Duration.ofSeconds(30));
    }

    @Test
    void aJobOverItsCpuBudgetIsKilledAndTheNextOneIsServed() throws Exception {
        // the dearest still the header checks let through: 7000x7000 px, 100 scans (over a second of CPU)
        byte[] dear = ManyScanJpeg.write(7000, 7000, ImageLimits.MAX_JPEG_SCANS);
        try (IsolatedImageEngine strict = (IsolatedImageEngine) ImageEngines.isolated("auto", 1, Duration.ofMillis(300))) {
            byte[] small = TestImages.jpeg(TestImages.quadrants(400, 400));
            assertThat(strict.profilePhoto(small, ImageLimits.defaults()).sizes()).hasSize(3); // a warm worker
            long before = ProcessHandle.current().children().count();
            MediaException e = refusedBy(strict, dear);
            assertThat(e.rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
            assertThat(strict.liveWorkers()).as("the worker is gone").isZero();
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isLessThan(before);
            assertThat(strict.profilePhoto(small, ImageLimits.defaults()).sizes()).hasSize(3); // a new worker
        }
        // with the budget the server uses, the same picture is made
        assertThat(engine.profilePhoto(dear, ImageLimits.defaults()).sizes()).hasSize(4);
    }

    @Test
    void closingStopsTheWorkers() throws Exception {
        IsolatedImageEngine e = (IsolatedImageEngine) ImageEngines.isolated("java", 2, Duration.ofSeconds(30));
        e.profilePhoto(TestImages.jpeg(TestImages.quadrants(300, 300)), ImageLimits.defaults());
        assertThat(e.liveWorkers()).isEqualTo(1);
        e.close();
        assertThat(e.liveWorkers()).isZero();
    }

    private static MediaException refusedBy(ImageEngine e, byte[] source) {
        try {
            e.profilePhoto(source, ImageLimits.defaults());
        } catch (MediaException m) {
            return m;
        }
        throw new AssertionError("taken");
    }
}
