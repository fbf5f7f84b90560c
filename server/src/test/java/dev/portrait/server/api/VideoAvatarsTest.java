package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.media.video.VideoTools;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.portrait.server.api.PhotosTest.decode;
import static dev.portrait.server.api.PhotosTest.image;
import static dev.portrait.server.api.PhotosTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Video and emoji avatars through the Java client, with the real ffmpeg the server finds (the system one, else the
 * bytedeco build): video sizes u and p, the still from video_start_ts, file + video together, stills drawn from a
 * markup's background, and the errors.
 */
class VideoAvatarsTest {
    @TempDir
    static Path videos;
    @TempDir
    Path dir;

    /** 3 s 800×800 H.264: red in the first second, green in the second, blue in the third. */
    static byte[] rgb800;
    static byte[] nonSquare;

    @BeforeAll
    static void makeVideos() throws Exception {
        VideoTools tools = VideoTools.find();
        rgb800 = ffmpeg(tools, "rgb800.mp4", List.of(
                "-f", "lavfi", "-i", "color=c=red:s=800x800:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=lime:s=800x800:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=blue:s=800x800:r=25:d=1",
                "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]"));
        nonSquare = ffmpeg(tools, "wide.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=1", "-pix_fmt", "yuv420p"));
    }

    private static byte[] ffmpeg(VideoTools tools, String name, List<String> input) throws Exception {
        Path out = videos.resolve(name);
        for (String encoder : List.of("libx264", "libopenh264")) {
            List<String> cmd = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-y"));
            cmd.addAll(input);
            cmd.addAll(List.of("-c:v", encoder, "-b:v", "1M", "-movflags", "+faststart", out.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(videos.resolve(name + ".log").toFile());
            pb.environment().clear();
            pb.environment().putAll(tools.environment());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            if (p.exitValue() == 0 && Files.size(out) > 0) return Files.readAllBytes(out);
        }
        throw new IllegalStateException("cannot make " + name + ": " + Files.readString(videos.resolve(name + ".log")));
    }

    private static void fails(TestAccounts.Signed s, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> s.call(m)).isInstanceOf(RpcErrorException.class).hasMessage("400 " + error);
    }

    private static byte[] solid(Color c, int side) throws Exception {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) img.setRGB(x, y, c.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] download(TestAccounts.Signed s, Photo p, String type, Class<?> storage) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int limit = 128 * 1024;
        for (long offset = 0; ; offset += limit) {
            UploadFile f = (UploadFile) s.call(UploadGetFile.builder()
                    .location(new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), type)).offset(offset).limit(limit).build());
            assertThat(f.type()).isInstanceOf(storage);
            out.writeBytes(f.bytes());
            if (f.bytes().length < limit) return out.toByteArray();
        }
    }

    /** The centre pixel of the c size, as (r, g, b) dominant channel. */
    private static Color centre(TestAccounts.Signed s, Photo p) throws Exception {
        BufferedImage c = decode(download(s, p, "c", StorageFileJpeg.class));
        return new Color(c.getRGB(c.getWidth() / 2, c.getHeight() / 2));
    }

    private static List<String> videoTypes(Photo p) {
        return p.videoSizes() == null ? List.of() : p.videoSizes().stream().map(v -> switch (v) {
            case VideoSize vs -> vs.type() + vs.w();
            case VideoSizeEmojiMarkup m -> "emoji";
            case VideoSizeStickerMarkup m -> "sticker";
        }).toList();
    }

    @Test
    void aVideoAvatarGetsUAndPAndTheStillFromVideoStartTs() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996660001", "Alice", "");
            PhotosPhoto r = (PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().video(upload(a, rgb800, "v.mp4")).videoStartTs(1.5).build());
            Photo p = (Photo) r.photo();
            assertThat(p.sizes()).extracting(s -> s instanceof PhotoSize ps ? ps.type() + ps.w() : "i")
                    .containsExactly("i", "a160", "b320", "c640");
            assertThat(videoTypes(p)).containsExactly("p160", "u800");
            VideoSize u = p.videoSizes().stream().map(VideoSize.class::cast).filter(v -> v.type().equals("u")).findFirst().orElseThrow();
            assertThat(u.videoStartTs()).isEqualTo(1.5);
            assertThat(((UserProfilePhoto) ((User) r.users().getFirst()).photo()).hasVideo()).isTrue();
            // the still is the frame at 1.5 s: green
            Color still = centre(a, p);
            assertThat(still.getGreen()).isGreaterThan(200);
            assertThat(still.getRed()).isLessThan(60);
            // u and p download as MP4 of exactly their announced size
            for (String type : List.of("u", "p")) {
                byte[] mp4 = download(a, p, type, StorageFileMp4.class);
                VideoSize v = p.videoSizes().stream().map(VideoSize.class::cast).filter(x -> x.type().equals(type)).findFirst().orElseThrow();
                assertThat(mp4).hasSize(v.size());
                assertThat(new String(mp4, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            }
            // a second session sees has_video in user.photo
            User self = (User) a.call(new UsersGetUsers(List.of(new InputUserSelf()))).getFirst();
            assertThat(((UserProfilePhoto) self.photo()).hasVideo()).isTrue();
        }
    }

    @Test
    void aFileSentWithTheVideoIsTheStill() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996660011", "Alice", "");
            // as Telegram-Android sends it: an 800 px still, the MP4, video_start_ts and a markup
            Photo p = (Photo) ((PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder()
                    .file(upload(a, solid(Color.YELLOW, 800), "still.png"))
                    .video(upload(a, rgb800, "v.mp4")).videoStartTs(0.2)
                    .videoEmojiMarkup(new VideoSizeEmojiMarkup(5368324170671202286L, List.of(0x3366FF, 0x66CCFF)))
                    .build())).photo();
            Color still = centre(a, p);
            assertThat(still.getRed()).isGreaterThan(200);
            assertThat(still.getGreen()).isGreaterThan(200);
            assertThat(still.getBlue()).isLessThan(60);
            assertThat(videoTypes(p)).containsExactly("p160", "u800", "emoji");
        }
    }

    @Test
    void anEmojiAvatarsStillIsDrawnFromItsBackground() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996660021", "Alice", "");
            PhotosPhoto r = (PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder()
                    .videoEmojiMarkup(new VideoSizeEmojiMarkup(5368324170671202286L, List.of(0xFF0000))).build());
            Photo p = (Photo) r.photo();
            assertThat(p.sizes()).extracting(s -> s instanceof PhotoSize ps ? ps.type() + ps.w() : "i")
                    .containsExactly("i", "a160", "b320", "c640");
            assertThat(videoTypes(p)).containsExactly("emoji");
            VideoSizeEmojiMarkup m = (VideoSizeEmojiMarkup) p.videoSizes().getFirst();
            assertThat(m.emojiId()).isEqualTo(5368324170671202286L);
            assertThat(m.backgroundColors()).containsExactly(0xFF0000);
            assertThat(((UserProfilePhoto) ((User) r.users().getFirst()).photo()).hasVideo()).isFalse();
            Color still = centre(a, p);
            assertThat(still.getRed()).isGreaterThan(200);
            assertThat(still.getGreen()).isLessThan(60);
            // a sticker markup with a freeform gradient
            Photo sticker = (Photo) ((PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder()
                    .videoEmojiMarkup(new VideoSizeStickerMarkup(new InputStickerSetShortName("AnimatedEmojies"), 12345L,
                            List.of(0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00))).build())).photo();
            assertThat(videoTypes(sticker)).containsExactly("sticker");
            // the album holds both, newest first
            assertThat(((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos())
                    .extracting(x -> ((Photo) x).id()).containsExactly(sticker.id(), p.id());
        }
    }

    @Test
    void badVideosAndMarkupAnswerTheDocumentedErrors() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996660031", "Alice", "");
            fails(a, PhotosUploadProfilePhoto.builder().video(upload(a, nonSquare, "w.mp4")).build(), "VIDEO_FILE_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().video(upload(a, rgb800, "v.mp4")).videoStartTs(5.0).build(), "VIDEO_FILE_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().video(upload(a, image(400, 400, "png"), "v.mp4")).build(), "VIDEO_FILE_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().video(new InputFile(77, 1, "gone.mp4", "")).build(), "VIDEO_FILE_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, image(400, 400, "png"), "p.png")).videoStartTs(1.0).build(),
                    "VIDEO_FILE_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(new VideoSizeEmojiMarkup(1, List.of())).build(), "EMOJI_MARKUP_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(new VideoSizeEmojiMarkup(1, List.of(1, 2, 3, 4, 5))).build(),
                    "EMOJI_MARKUP_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(new VideoSizeEmojiMarkup(1, List.of(0x1000000))).build(),
                    "EMOJI_MARKUP_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(new VideoSizeEmojiMarkup(0, List.of(0xFF))).build(),
                    "EMOJI_MARKUP_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(new VideoSizeStickerMarkup(new InputStickerSetEmpty(), 1, List.of(0xFF))).build(),
                    "EMOJI_MARKUP_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().videoEmojiMarkup(VideoSize.builder().type("u").w(1).h(1).size(1).build()).build(),
                    "EMOJI_MARKUP_INVALID");
            // nothing above made a photo
            assertThat(((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos()).isEmpty();
        }
    }
}
