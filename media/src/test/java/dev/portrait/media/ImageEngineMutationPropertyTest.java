package dev.portrait.media;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged pictures: random byte mutations of valid JPEG and PNG files never make an engine throw anything but
 * {@link MediaException} (and a result, when there is one, is complete). Runs the Java engine, and the libvips engine
 * when libvips loads (when PORTRAIT_REQUIRE_VIPS is set, a missing libvips fails instead).
 */
class ImageEngineMutationPropertyTest {
    private static final byte[] JPEG = TestImages.jpeg(TestImages.photoLike(240, 200, 4), 0.8f, false);
    private static final byte[] PROGRESSIVE = TestImages.jpeg(TestImages.photoLike(200, 200, 5), 0.8f, true);
    private static final byte[] PNG = TestImages.png(TestImages.photoLike(200, 180, 6));
    private static final List<ImageEngine> ENGINES = engines();

    private static List<ImageEngine> engines() {
        List<ImageEngine> list = new ArrayList<>();
        list.add(new JavaImageEngine());
        if (ImageEngines.vipsAvailable()) {
            list.add(new VipsImageEngine(Vips.instance(), new JavaImageEngine()));
        }
        return list;
    }

    @AfterContainer
    static void close() {
        ENGINES.forEach(ImageEngine::close);
    }

    @Property(tries = 200)
    void mutatedFilesOnlyEverThrowMediaException(@ForAll("mutated") byte[] input) {
        if (VipsSupport.required()) {
            assertThat(ENGINES).as("libvips must load when " + VipsSupport.REQUIRE_ENV + " is set").hasSize(2);
        }
        for (ImageEngine engine : ENGINES) {
            try {
                ProfilePhotoImages p = engine.profilePhoto(input, ImageLimits.defaults());
                assertThat(p.sizes()).hasSizeBetween(3, 4);
                assertThat(p.stripped()[0]).isEqualTo((byte) 1);
            } catch (MediaException e) {
                assertThat(e.rpcError()).isIn(MediaException.EXT_INVALID, MediaException.INVALID_DIMENSIONS,
                        MediaException.CROP_SIZE_SMALL, MediaException.PROCESS_FAILED);
            } catch (Throwable t) {
                throw new AssertionError(engine.name() + " threw " + t + " on " + input.length + " bytes", t);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> source = Arbitraries.of(JPEG, PROGRESSIVE, PNG);
        Arbitrary<Integer> seed = Arbitraries.integers();
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        return Combinators.combine(source, kind, seed).as(ImageEngineMutationPropertyTest::mutate);
    }

    /** Flips bytes, overwrites header bytes, cuts, or splices a run of random bytes in. */
    static byte[] mutate(byte[] original, int kind, int seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] b = original.clone();
        switch (kind) {
            case 0 -> { // a few random bytes anywhere
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // the headers: the first 700 bytes hold the JPEG tables and SOF, the PNG IHDR and first IDAT
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b[3 + r.nextInt(Math.min(700, b.length - 3))] = (byte) r.nextInt(256);
                }
            }
            case 2 -> b = java.util.Arrays.copyOf(b, 3 + r.nextInt(b.length - 3)); // truncated
            case 3 -> { // a run of random bytes spliced in
                int at = 3 + r.nextInt(b.length - 3);
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                b = out;
            }
            default -> { // a run of bytes zeroed or set to 0xFF
                int at = 3 + r.nextInt(b.length - 3);
                int len = Math.min(b.length - at, 1 + r.nextInt(32));
                java.util.Arrays.fill(b, at, at + len, r.nextBoolean() ? (byte) 0 : (byte) 0xFF);
            }
        }
        return b;
    }
}
