package dev.portrait.media;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.portrait.media.TestImages.BLUE;
import static dev.portrait.media.TestImages.GREEN;
import static dev.portrait.media.TestImages.QUADRANTS;
import static dev.portrait.media.TestImages.RED;
import static dev.portrait.media.TestImages.YELLOW;
import static dev.portrait.media.TestImages.decode;
import static dev.portrait.media.TestImages.distance;
import static dev.portrait.media.TestImages.mean;
import static dev.portrait.media.TestImages.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The conformance suite both image engines pass: formats detected by content, sizes, centre crop, EXIF orientation,
 * colour handling (CMYK, alpha, 16-bit, grey, palette), the stripped thumbnail, JPEG quality, and the errors for
 * bad input. Subclasses provide the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageEngineContract {
    /** Per-channel tolerance for a solid colour after JPEG round trips and resampling. */
    static final int TOLERANCE = 40;

    protected ImageEngine engine;

    /** The engine under test; may abort (skip) the class when its library is missing. */
    protected abstract ImageEngine createEngine();

    @BeforeAll
    void startEngine() {
        engine = createEngine();
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    ProfilePhotoImages photo(byte[] source) throws MediaException {
        return engine.profilePhoto(source, ImageLimits.defaults());
    }

    /** The engine's refusal: always a MediaException, never anything else. */
    MediaException refused(byte[] source, ImageLimits limits) {
        Throwable t = catchThrowable(() -> engine.profilePhoto(source, limits));
        assertThat(t).as("what %s throws", engine.name()).isInstanceOf(MediaException.class);
        return (MediaException) t;
    }

    MediaException refused(byte[] source) {
        return refused(source, ImageLimits.defaults());
    }

    // ---------------------------------------------------------------- formats, detected by content

    @Test
    void baselineJpeg() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(480, 320));
        assertThat(TestImages.findMarker(jpeg, 0xC0)).isPositive();
        assertQuadrantPhoto(jpeg, ImageFormat.JPEG, 320);
    }

    @Test
    void progressiveJpeg() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(480, 320), 0.95f, true);
        assertThat(TestImages.findMarker(jpeg, 0xC2)).as("SOF2").isPositive();
        assertQuadrantPhoto(jpeg, ImageFormat.JPEG, 320);
    }

    @Test
    void pngRgb() throws Exception {
        assertQuadrantPhoto(TestImages.png(TestImages.quadrants(320, 240)), ImageFormat.PNG, 240);
    }

    @Test
    void png16Bit() throws Exception {
        assertQuadrantPhoto(TestImages.png16(320, 240), ImageFormat.PNG, 240);
    }

    @Test
    void palettePng() throws Exception {
        assertQuadrantPhoto(TestImages.palettePng(320, 240), ImageFormat.PNG, 240);
    }

    @Test
    void greyPng() throws Exception {
        ProfilePhotoImages p = photo(TestImages.greyPng(320, 240));
        assertThat(p.sourceFormat()).isEqualTo(ImageFormat.PNG);
        assertSizes(p, 240);
        BufferedImage a = decode(p.sizes().getFirst().jpeg());
        assertThat(distance(mean(a, 16, 40, 40, 80), new int[] {40, 40, 40})).isLessThan(12);
        assertThat(distance(mean(a, 104, 40, 40, 80), new int[] {200, 200, 200})).isLessThan(12);
    }

    @Test
    void pngAlphaIsFlattenedOntoWhite() throws Exception {
        ProfilePhotoImages p = photo(TestImages.alphaPng(480));
        assertThat(p.sourceFormat()).isEqualTo(ImageFormat.PNG);
        assertSizes(p, 480);
        for (SizedJpeg size : p.sizes()) {
            BufferedImage img = decode(size.jpeg());
            int s = size.width();
            int band = s / 3;
            int w = band / 2;
            int[] transparent = mean(img, band / 4, s / 4, w, s / 2);
            int[] half = mean(img, band + band / 4, s / 4, w, s / 2);
            int[] opaque = mean(img, 2 * band + band / 4, s / 4, w, s / 2);
            assertThat(Arrays.stream(transparent).min().orElseThrow()).as("transparent area in %s: %s", size.type(),
                    Arrays.toString(transparent)).isGreaterThan(240);
            assertThat(distance(half, new int[] {255, 128, 128})).as("50 %% red on white in %s: %s", size.type(),
                    Arrays.toString(half)).isLessThan(TOLERANCE);
            assertThat(distance(opaque, rgb(BLUE))).as("opaque blue in %s", size.type()).isLessThan(TOLERANCE);
        }
    }

    @Test
    void webp() throws Exception {
        assertQuadrantPhoto(TestImages.fixture("quad.webp"), ImageFormat.WEBP, 240);
    }

    @Test
    void webpWithAlphaIsFlattenedOntoWhite() throws Exception {
        ProfilePhotoImages p = photo(TestImages.fixture("alpha.webp"));
        assertThat(p.sourceFormat()).isEqualTo(ImageFormat.WEBP);
        assertSizes(p, 200);
        BufferedImage a = decode(p.sizes().getFirst().jpeg());
        int[] transparent = mean(a, 10, 40, 50, 80);
        assertThat(Arrays.stream(transparent).min().orElseThrow()).as(Arrays.toString(transparent)).isGreaterThan(240);
        assertThat(distance(mean(a, 100, 40, 50, 80), rgb(BLUE))).isLessThan(TOLERANCE);
    }

    @Test
    void gifFirstFrame() throws Exception {
        assertQuadrantPhoto(TestImages.animatedGif(320, 240), ImageFormat.GIF, 240);
    }

    @Test
    void bmp() throws Exception {
        byte[] bmp = TestImages.write(TestImages.quadrants(320, 240), "bmp");
        assertQuadrantPhoto(bmp, ImageFormat.BMP, 240);
    }

    /**
     * CMYK without an ICC profile (Adobe APP14, inverted, as Photoshop and libjpeg write it). Without a profile the
     * engines convert differently (libvips uses a built-in CMYK profile, TwelveMonkeys a generic one), so only the
     * hue is checked: the dominant channels of each quadrant.
     */
    @Test
    void cmykJpeg() throws Exception {
        byte[] jpeg = TestImages.fixture("cmyk.jpg");
        int sof = TestImages.findMarker(jpeg, 0xC0, 0xC1, 0xC2);
        assertThat(jpeg[sof + 9]).as("components").isEqualTo((byte) 4);
        ProfilePhotoImages p = photo(jpeg);
        assertThat(p.sourceFormat()).isEqualTo(ImageFormat.JPEG);
        assertSizes(p, 240);
        for (SizedJpeg size : p.sizes()) {
            int[][] q = quadrantMeans(decode(size.jpeg()));
            String what = size.type() + " " + Arrays.deepToString(q);
            // red: R well above G and B
            assertThat(q[0][0]).as(what).isGreaterThan(q[0][1] + 60).isGreaterThan(q[0][2] + 60);
            // green: G well above R and B
            assertThat(q[1][1]).as(what).isGreaterThan(q[1][0] + 30).isGreaterThan(q[1][2] + 60);
            // blue: B well above R and G
            assertThat(q[2][2]).as(what).isGreaterThan(q[2][0] + 60).isGreaterThan(q[2][1] + 60);
            // yellow: R and G well above B
            assertThat(Math.min(q[3][0], q[3][1])).as(what).isGreaterThan(q[3][2] + 60);
        }
    }

    @Test
    void contentDecidesNotTheName() throws Exception {
        // No name ever reaches the engine: a JPEG uploaded as "photo.png" is a JPEG, a PNG called .jpg is a PNG.
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(320, 240));
        byte[] png = TestImages.png(TestImages.quadrants(320, 240));
        assertThat(photo(jpeg).sourceFormat()).isEqualTo(ImageFormat.JPEG);
        assertThat(photo(png).sourceFormat()).isEqualTo(ImageFormat.PNG);
        // an extension in front of the bytes does not make them an image either
        byte[] named = ("photo.png\n").getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[named.length + jpeg.length];
        System.arraycopy(named, 0, prefixed, 0, named.length);
        System.arraycopy(jpeg, 0, prefixed, named.length, jpeg.length);
        assertThat(refused(prefixed).rpcError()).isEqualTo(MediaException.EXT_INVALID);
    }

    // ---------------------------------------------------------------- sizes and crop

    static Stream<Arguments> sizeCases() {
        return Stream.of(
                Arguments.of(1280, 1280, List.of(160, 320, 640, 1280)),
                Arguments.of(1500, 2000, List.of(160, 320, 640, 1280)),
                Arguments.of(1300, 1279, List.of(160, 320, 640)),
                Arguments.of(500, 700, List.of(160, 320, 500)),
                Arguments.of(300, 200, List.of(160, 200, 200)),
                Arguments.of(160, 160, List.of(160, 160, 160)),
                Arguments.of(1600, 160, List.of(160, 160, 160)));
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}")
    @MethodSource("sizeCases")
    void sizes(int width, int height, List<Integer> sides) throws Exception {
        ProfilePhotoImages p = photo(TestImages.jpeg(TestImages.photoLike(width, height, 7), 0.9f, false));
        List<String> types = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            types.add(Sizes.TYPES[i]);
        }
        assertThat(p.sizes()).extracting(SizedJpeg::type).containsExactlyElementsOf(types);
        assertThat(p.sizes()).extracting(SizedJpeg::width).containsExactlyElementsOf(sides);
        assertThat(p.sizes()).extracting(SizedJpeg::height).containsExactlyElementsOf(sides);
        for (SizedJpeg size : p.sizes()) {
            assertJpegOutput(size);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"600, 300", "300, 600", "1000, 400"})
    void cropsTheCentreSquare(int width, int height) throws Exception {
        ProfilePhotoImages p = photo(TestImages.png(TestImages.quadrantsWithBars(width, height)));
        for (SizedJpeg size : p.sizes()) {
            BufferedImage img = decode(size.jpeg());
            int s = size.width();
            int e = Math.max(4, s / 20); // a few pixels in from each edge: resampling may blur the very border
            int w = Math.max(2, s / 16);
            int[][] corners = {
                mean(img, e, e, w, w), mean(img, s - e - w, e, w, w),
                mean(img, e, s - e - w, w, w), mean(img, s - e - w, s - e - w, w, w),
            };
            for (int i = 0; i < 4; i++) {
                assertThat(distance(corners[i], rgb(QUADRANTS[i])))
                        .as("corner %d of %s: %s", i, size.type(), Arrays.toString(corners[i]))
                        .isLessThan(TOLERANCE);
            }
            assertQuadrants(img, QUADRANTS, size.type());
        }
    }

    // ---------------------------------------------------------------- EXIF orientation

    /** Where the stored quadrants (red, green / blue, yellow) appear once each orientation is applied. */
    static Stream<Arguments> orientations() {
        return Stream.of(
                Arguments.of(1, new int[] {RED, GREEN, BLUE, YELLOW}),
                Arguments.of(2, new int[] {GREEN, RED, YELLOW, BLUE}),     // mirror left-right
                Arguments.of(3, new int[] {YELLOW, BLUE, GREEN, RED}),     // rotate 180
                Arguments.of(4, new int[] {BLUE, YELLOW, RED, GREEN}),     // mirror top-bottom
                Arguments.of(5, new int[] {RED, BLUE, GREEN, YELLOW}),     // transpose
                Arguments.of(6, new int[] {BLUE, RED, YELLOW, GREEN}),     // rotate 90 clockwise
                Arguments.of(7, new int[] {YELLOW, GREEN, BLUE, RED}),     // transverse
                Arguments.of(8, new int[] {GREEN, YELLOW, RED, BLUE}));    // rotate 90 counter-clockwise
    }

    @ParameterizedTest(name = "orientation {0}")
    @MethodSource("orientations")
    void exifOrientationIsApplied(int orientation, int[] expected) throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.quadrants(480, 320)), orientation);
        assertThat(JavaImageEngine.orientation(jpeg, ImageFormat.JPEG)).isEqualTo(orientation);
        ProfilePhotoImages p = photo(jpeg);
        assertSizes(p, 320);
        for (SizedJpeg size : p.sizes()) {
            assertQuadrants(decode(size.jpeg()), expected, "orientation " + orientation + " " + size.type());
            assertThat(TestImages.findMarker(size.jpeg(), 0xE1)).as("no EXIF left in the output").isEqualTo(-1);
        }
    }

    // ---------------------------------------------------------------- stripped thumbnail, quality, determinism

    @Test
    void strippedThumbnailExpandsToThePicture() throws Exception {
        BufferedImage source = TestImages.photoLike(400, 400, 11);
        ProfilePhotoImages p = photo(TestImages.jpeg(source));
        byte[] i = p.stripped();
        assertThat(i[0]).isEqualTo((byte) 1);
        assertThat(i[1] & 0xFF).as("height").isEqualTo(8);
        assertThat(i[2] & 0xFF).as("width").isEqualTo(8);
        assertThat(i.length).isLessThan(200);
        BufferedImage thumb = decode(StrippedThumbnail.expand(i));
        assertThat(thumb.getWidth()).isEqualTo(8);
        assertThat(thumb.getHeight()).isEqualTo(8);
        assertThat(distance(mean(thumb), mean(source))).as("average colour").isLessThan(20);
        // and it follows the picture: the left column is redder than the right (the source's red gradient)
        assertThat(mean(thumb, 0, 0, 2, 8)[0]).isLessThan(mean(thumb, 6, 0, 2, 8)[0]);
    }

    @Test
    void strippedThumbnailOfQuadrants() throws Exception {
        ProfilePhotoImages p = photo(TestImages.png(TestImages.quadrants(320, 320)));
        BufferedImage thumb = decode(StrippedThumbnail.expand(p.stripped()));
        assertThat(distance(mean(thumb, 0, 0, 3, 3), rgb(RED))).isLessThan(50);
        assertThat(distance(mean(thumb, 5, 5, 3, 3), rgb(YELLOW))).isLessThan(50);
    }

    @Test
    void jpegQualityIsAbout87() throws Exception {
        ProfilePhotoImages p = photo(TestImages.jpeg(TestImages.photoLike(1280, 1280, 3), 0.95f, false));
        for (SizedJpeg size : p.sizes()) {
            assertThat(TestImages.estimateQuality(size.jpeg())).as("quality of %s", size.type()).isBetween(85, 89);
        }
        // and a plausible size for a photo-like 640 px square at that quality
        assertThat(p.sizes().get(2).jpeg().length).isBetween(20_000, 250_000);
    }

    @Test
    void concurrentCallsGiveTheSameBytes() throws Exception {
        byte[] source = TestImages.jpeg(TestImages.photoLike(700, 500, 5), 0.9f, false);
        ProfilePhotoImages alone = photo(source);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProfilePhotoImages>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit((Callable<ProfilePhotoImages>) () -> photo(source)));
            }
            for (Future<ProfilePhotoImages> f : results) {
                ProfilePhotoImages r = f.get();
                assertThat(r.stripped()).isEqualTo(alone.stripped());
                for (int i = 0; i < alone.sizes().size(); i++) {
                    assertThat(r.sizes().get(i).jpeg()).isEqualTo(alone.sizes().get(i).jpeg());
                }
            }
        }
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void zeroLengthIsNotAnImage() {
        assertThat(refused(new byte[0]).rpcError()).isEqualTo(MediaException.EXT_INVALID);
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x00;
        assertThat(refused(noise).rpcError()).isEqualTo(MediaException.EXT_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello, this is not a picture", "BM is a text that starts like a bitmap, but is not one",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"640\"/>", "GIF87"})
    void textIsNotAnImage(String text) {
        assertThat(refused(text.getBytes(StandardCharsets.UTF_8)).rpcError()).isEqualTo(MediaException.EXT_INVALID);
    }

    @Test
    void otherFormatsAreNotTaken() {
        byte[] tiff = TestImages.write(TestImages.quadrants(200, 200), "tiff");
        assertThat(refused(tiff).rpcError()).isEqualTo(MediaException.EXT_INVALID);
    }

    @ParameterizedTest(name = "JPEG cut to {0} %")
    @ValueSource(ints = {1, 10, 50, 90, 99})
    void truncatedJpegFails(int percent) {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(480, 480, 9), 0.9f, false);
        byte[] cut = TestImages.truncate(jpeg, Math.max(3, jpeg.length * percent / 100));
        assertThat(refused(cut).rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
    }

    @Test
    void aProgressiveJpegOfAHundredScansIsDecoded() throws Exception {
        byte[] jpeg = ManyScanJpeg.write(1000, 1000, ImageLimits.MAX_JPEG_SCANS);
        ProfilePhotoImages p = engine.profilePhoto(jpeg, ImageLimits.defaults());
        assertThat(p.sizes()).extracting(SizedJpeg::width).containsExactly(160, 320, 640);
        BufferedImage c = decode(p.sizes().get(2).jpeg());
        assertThat(distance(mean(c), rgb(0x808080))).as("flat grey").isLessThan(TOLERANCE);
    }

    @Test
    void aJpegOfMoreScansIsRefusedBeforeItIsDecoded() {
        assertThat(refused(ManyScanJpeg.write(1000, 1000, ImageLimits.MAX_JPEG_SCANS + 1)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
        // what an attacker sends: 2080 scans over 4000x4000 px in a few hundred KB; decoding it would take minutes
        byte[] hostile = ManyScanJpeg.write(4000, 4000, ManyScanJpeg.MAX_SCANS);
        assertThat(hostile.length).isLessThan(1 << 20);
        assertThat(refused(hostile).rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
        assertThat(refused(ManyScanJpeg.write(1000, 1000, 11), new ImageLimits(50_000_000L, 160, 10, 10)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
    }

    @Test
    void truncatedProgressiveJpegFails() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(480, 480, 9), 0.9f, true);
        assertThat(refused(TestImages.truncate(jpeg, jpeg.length / 2)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
    }

    @ParameterizedTest(name = "PNG cut to {0} %")
    @ValueSource(ints = {1, 10, 50, 90, 99})
    void truncatedPngFails(int percent) {
        byte[] png = TestImages.png(TestImages.photoLike(300, 300, 9));
        byte[] cut = TestImages.truncate(png, Math.max(8, png.length * percent / 100));
        assertThat(refused(cut).rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
    }

    @Test
    void truncatedGifWebpAndBmpFail() {
        byte[] gif = TestImages.write(TestImages.photoLike(300, 300, 9), "gif");
        byte[] webp = TestImages.fixture("quad.webp");
        byte[] bmp = TestImages.write(TestImages.photoLike(300, 300, 9), "bmp");
        for (byte[] b : List.of(gif, webp, bmp)) {
            assertThat(refused(TestImages.truncate(b, b.length / 2)).rpcError())
                    .isEqualTo(MediaException.PROCESS_FAILED);
        }
    }

    @Test
    void jpegMissingOnlyItsEndFails() {
        // all the pixels are there, the EOI marker is not: the upload was cut, libvips (fail_on=truncated) refuses it
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(480, 320, 9), 0.9f, false);
        assertThat(refused(TestImages.truncate(jpeg, jpeg.length - 2)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
        byte[] progressive = TestImages.jpeg(TestImages.photoLike(480, 320, 9), 0.9f, true);
        assertThat(refused(TestImages.truncate(progressive, progressive.length - 1)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
    }

    @Test
    void portraitJpegCutBelowTheCentreSquareFails() {
        // the missing rows are outside the square that is decoded; the file is still truncated
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(300, 600, 9), 0.9f, false);
        assertThat(refused(TestImages.truncate(jpeg, jpeg.length * 9 / 10)).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
    }

    @ParameterizedTest(name = "WebP cut to {0} bytes")
    @ValueSource(ints = {20, 100, 300, 500, 575})
    void truncatedWebpFails(int length) {
        byte[] webp = TestImages.fixture("quad.webp");
        assertThat(length).isLessThan(webp.length);
        assertThat(refused(TestImages.truncate(webp, length)).rpcError()).isEqualTo(MediaException.PROCESS_FAILED);
    }

    /**
     * Decided (docs/decisions.md): what counts as truncated is input that ends before the decoder is done, as in
     * libvips' fail_on=truncated. A scan that stops early at a marker (EOI present) is decoded, the rest grey, by both
     * engines; so are trailing bytes after EOI and extraneous bytes before a marker.
     */
    @Test
    void damagedButTerminatedJpegsAreDecodedByBoth() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(480, 480, 9), 0.9f, false);
        byte[] endsEarly = TestImages.truncate(jpeg, jpeg.length / 2 + 2);
        endsEarly[endsEarly.length - 2] = (byte) 0xFF;
        endsEarly[endsEarly.length - 1] = (byte) 0xD9;
        byte[] claimsMoreRows = TestImages.withJpegSize(TestImages.jpeg(TestImages.photoLike(400, 400, 1)), 800, 800);
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100);
        byte[] extraneous = new byte[jpeg.length + 3];
        System.arraycopy(jpeg, 0, extraneous, 0, jpeg.length - 2);
        extraneous[jpeg.length - 2] = 1;
        extraneous[jpeg.length - 1] = 2;
        extraneous[jpeg.length] = 3;
        extraneous[jpeg.length + 1] = (byte) 0xFF;
        extraneous[jpeg.length + 2] = (byte) 0xD9;
        assertSizes(photo(endsEarly), 480);
        assertSizes(photo(claimsMoreRows), 800);
        assertSizes(photo(trailing), 480);
        assertSizes(photo(extraneous), 480);
    }

    @Test
    void aTruncatedBombIsStillABomb() {
        // the header is checked before anything else
        byte[] bomb = TestImages.withJpegSize(TestImages.jpeg(TestImages.photoLike(200, 200, 1)), 65000, 65000);
        assertThat(refused(TestImages.truncate(bomb, bomb.length / 2)).rpcError())
                .isEqualTo(MediaException.INVALID_DIMENSIONS);
    }

    @Test
    void signatureOnlyFails() {
        assertThat(refused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
        assertThat(refused(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).rpcError())
                .isEqualTo(MediaException.PROCESS_FAILED);
    }

    @Test
    void jpegBombIsRefusedFromTheHeader() {
        byte[] bomb = TestImages.withJpegSize(TestImages.jpeg(TestImages.photoLike(200, 200, 1)), 65000, 65000);
        // the header's dimensions are refused before anything is decoded (tests assert no timings)
        MediaException e = refused(bomb);
        assertThat(e.rpcError()).isEqualTo(MediaException.INVALID_DIMENSIONS);
        assertThat(e.getMessage()).contains("65000x65000 is over");
    }

    @Test
    void pngBombIsRefusedFromTheHeader() {
        byte[] bomb = TestImages.withPngSize(TestImages.png(TestImages.photoLike(200, 200, 1)), 30000, 30000);
        MediaException e = refused(bomb);
        assertThat(e.rpcError()).isEqualTo(MediaException.INVALID_DIMENSIONS);
        assertThat(e.getMessage()).contains("30000x30000 is over");
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(1200, 1000, 2), 0.8f, false);
        assertThat(refused(jpeg, new ImageLimits(1_000_000, 160, 10)).rpcError())
                .isEqualTo(MediaException.INVALID_DIMENSIONS);
        assertThat(engine.profilePhoto(jpeg, new ImageLimits(1_200_000, 160, 10)).sizes()).hasSize(3);
    }

    @Test
    void tooLongIsRefused() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(1760, 160, 2), 0.8f, false); // 11:1
        assertThat(refused(jpeg).rpcError()).isEqualTo(MediaException.INVALID_DIMENSIONS);
        byte[] png = TestImages.png(TestImages.photoLike(170, 1870, 2));                 // 1:11
        assertThat(refused(png).rpcError()).isEqualTo(MediaException.INVALID_DIMENSIONS);
    }

    @Test
    void tooSmallIsRefused() {
        assertThat(refused(TestImages.jpeg(TestImages.photoLike(100, 300, 2))).rpcError())
                .isEqualTo(MediaException.CROP_SIZE_SMALL);
        assertThat(refused(TestImages.png(TestImages.photoLike(400, 159, 2))).rpcError())
                .isEqualTo(MediaException.CROP_SIZE_SMALL);
    }

    // ---------------------------------------------------------------- helpers

    /** Format, sizes for a {@code side}-px centre square, and the quadrant colours in every size. */
    void assertQuadrantPhoto(byte[] source, ImageFormat format, int side) throws MediaException {
        ProfilePhotoImages p = photo(source);
        assertThat(p.sourceFormat()).isEqualTo(format);
        assertSizes(p, side);
        for (SizedJpeg size : p.sizes()) {
            assertQuadrants(decode(size.jpeg()), QUADRANTS, format + " " + size.type());
        }
        BufferedImage thumb = decode(StrippedThumbnail.expand(p.stripped()));
        int[] expectedMean = new int[3];
        for (int c : QUADRANTS) {
            for (int k = 0; k < 3; k++) {
                expectedMean[k] += rgb(c)[k] / 4;
            }
        }
        assertThat(distance(mean(thumb), expectedMean)).as("stripped thumbnail average").isLessThan(25);
    }

    static void assertSizes(ProfilePhotoImages p, int side) {
        int count = side >= 1280 ? 4 : 3;
        assertThat(p.sizes()).hasSize(count);
        for (int i = 0; i < count; i++) {
            SizedJpeg s = p.sizes().get(i);
            assertThat(s.type()).isEqualTo(Sizes.TYPES[i]);
            assertThat(s.width()).isEqualTo(Math.min(Sizes.SIDES[i], side));
            assertThat(s.height()).isEqualTo(s.width());
            assertJpegOutput(s);
        }
        assertThat(p.stripped()).isNotEmpty();
        assertThat(p.stripped()[0]).isEqualTo((byte) 1);
    }

    /** Decodes to its declared size, baseline (SOF0), 3 components, no EXIF. */
    static void assertJpegOutput(SizedJpeg s) {
        assertThat(ImageFormat.sniff(s.jpeg())).contains(ImageFormat.JPEG);
        int sof = TestImages.findMarker(s.jpeg(), 0xC0, 0xC1, 0xC2);
        assertThat(sof).isPositive();
        assertThat(s.jpeg()[sof + 1]).as("baseline SOF0").isEqualTo((byte) 0xC0);
        assertThat(s.jpeg()[sof + 9]).as("components").isEqualTo((byte) 3);
        BufferedImage img = decode(s.jpeg());
        assertThat(img.getWidth()).as("%s width", s.type()).isEqualTo(s.width());
        assertThat(img.getHeight()).as("%s height", s.type()).isEqualTo(s.height());
        assertThat(TestImages.findMarker(s.jpeg(), 0xE1)).as("no APP1").isEqualTo(-1);
    }

    /** Mean colours of the middle of each quadrant: top-left, top-right, bottom-left, bottom-right. */
    static int[][] quadrantMeans(BufferedImage img) {
        int s = img.getWidth();
        int q = s / 4;
        int w = Math.max(2, s / 8);
        return new int[][] {
            mean(img, q - w / 2, q - w / 2, w, w), mean(img, 3 * q - w / 2, q - w / 2, w, w),
            mean(img, q - w / 2, 3 * q - w / 2, w, w), mean(img, 3 * q - w / 2, 3 * q - w / 2, w, w),
        };
    }

    static void assertQuadrants(BufferedImage img, int[] expected, String what) {
        int[][] q = quadrantMeans(img);
        for (int i = 0; i < 4; i++) {
            assertThat(distance(q[i], rgb(expected[i])))
                    .as("quadrant %d of %s: %s, expected %06X", i, what, Arrays.toString(q[i]), expected[i])
                    .isLessThan(TOLERANCE);
        }
    }
}
