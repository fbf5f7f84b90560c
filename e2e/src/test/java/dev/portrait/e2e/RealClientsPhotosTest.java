package dev.portrait.e2e;

import dev.portrait.store.NewUser;
import dev.portrait.store.UserRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Milestone M4 acceptance with the real, unmodified npm clients: on one in-process test-mode server, gramjs, mtcute and
 * @mtproto/core (scripts e2e/clients/&lt;client&gt;-photos.mjs, which print one JSON line) sign up an account A, upload
 * profile photos with their own upload code (@mtproto/core has none: its script calls upload.saveFilePart itself) (a 1600x1400 JPEG, a 500x500 PNG with alpha, a 1400x1000 JPEG), download them with their
 * own download helpers (the downloaded files are decoded here again with ImageIO), switch back to an older photo with
 * photos.updateProfilePhoto, look at A from a second account B, page through photos.getUserPhotos, delete a photo, run
 * into the documented upload / image / download errors, and set the photo of a bot A owns (the bot is created here in
 * the server's store as soon as A exists) — while a bot A does not own answers BOT_INVALID.
 *
 * <p>Every check's outcome is collected (soft assertions), so a failure lists all of them, followed by the script's
 * JSON line and the tail of its stderr (kept in target/e2e-logs/&lt;client&gt;-photos.stderr.log; the server's log is
 * target/e2e-logs/server.log; downloads land in target/e2e-logs/&lt;client&gt;-photos/).
 */
class RealClientsPhotosTest {
    private static final int SCRIPT_TIMEOUT = 90;
    private static final String FOREIGN_BOT = "someone_elses_bot";

    private static TestServer server;
    private static Path imagesDir;
    private static String refSecretHex;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start("portrait-e2e-photos-", true);
        imagesDir = server.tempDir("portrait-e2e-photos-images-");
        writeImages(imagesDir);
        // the scripts make a stale file_reference with it (FILE_REFERENCE_EXPIRED without waiting a day)
        // (the store's insert-if-absent asks for a value every time; the server's, made at start, wins)
        byte[] placeholder = new byte[1];
        byte[] refSecret = server.store().secrets().secret("file_reference", () -> placeholder);
        if (Arrays.equals(refSecret, placeholder)) throw new IllegalStateException("the server had no file_reference secret");
        refSecretHex = HexFormat.of().formatHex(refSecret);
        // a bot that belongs to somebody else
        UserRecord other = server.store().users().create(NewUser.person("9996679999", "Other", "Owner"), TestServer.now());
        server.store().users().create(NewUser.bot(other.id(), FOREIGN_BOT, "Not yours", "F".repeat(35)), TestServer.now());
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void gramjsUploadsSwitchesPagesDownloadsAndDeletesProfilePhotos() throws Exception {
        ScriptRun r = run("gramjs", List.of("9996671001", "9996671002"), "gramjs_pic_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 198, true);
        // client.uploadFile: 128 KB parts with upload.saveFilePart, inputFile with md5_checksum ""
        long source = r.at("uploadJpeg/sourceBytes").asLong();
        s.assertThat(r.text("uploadJpeg/inputFile/type")).as("client.uploadFile result").isEqualTo("inputFile");
        s.assertThat(r.at("uploadJpeg/inputFile/parts").asLong()).as("client.uploadFile parts (128 KB each)")
                .isEqualTo((source + 131071) / 131072).isGreaterThan(1);
        s.assertThat(r.text("uploadJpeg/inputFile/md5Checksum")).as("client.uploadFile md5_checksum").isEmpty();
        s.assertThat(r.text("uploadJpeg/inputFile/name")).as("client.uploadFile name (CustomFile's)").isEqualTo("big.jpg");
        r.assertAll(s);
    }

    @Test
    void mtcuteUploadsSwitchesPagesDownloadsAndDeletesProfilePhotos() throws Exception {
        ScriptRun r = run("mtcute", List.of("9996681001", "9996681002"), "mtcute_pic_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 227, true);
        long source = r.at("uploadJpeg/sourceBytes").asLong();
        s.assertThat(r.text("uploadJpeg/inputFile/type")).as("tg.uploadFile result").isEqualTo("inputFile");
        s.assertThat(r.at("uploadJpeg/inputFile/parts").asLong()).as("tg.uploadFile parts (128 KB each)")
                .isEqualTo((source + 131071) / 131072).isGreaterThan(1);
        s.assertThat(r.text("uploadJpeg/inputFile/md5Checksum")).as("tg.uploadFile md5_checksum").isEmpty();
        // mtcute's high-level helpers over the same RPCs
        s.assertThat(r.text("highLevel/setMyProfilePhotoPngId")).as("tg.setMyProfilePhoto(file:) returns the new photo")
                .isEqualTo(r.text("uploadPng/photo/id"));
        s.assertThat(r.text("highLevel/switchBackId")).as("tg.setMyProfilePhoto(inputPhoto) → photos.updateProfilePhoto")
                .isEqualTo(r.text("uploadJpeg/photo/id"));
        s.assertThat(r.strings("highLevel/getProfilePhotos/ids")).as("tg.getProfilePhotos('me')")
                .containsExactly(r.text("uploadJpeg/photo/id"), r.text("uploadWide/photo/id"), r.text("uploadPng/photo/id"));
        s.assertThat(r.at("highLevel/getProfilePhotos/total").asInt()).as("tg.getProfilePhotos('me').total").isEqualTo(3);
        s.assertThat(r.strings("highLevel/getProfilePhotosPage/ids")).as("tg.getProfilePhotos('me', {offset: 1, limit: 1})")
                .containsExactly(r.text("uploadWide/photo/id"));
        s.assertThat(r.at("highLevel/getProfilePhotosPage/total").asInt()).as("tg.getProfilePhotos page total (photosSlice.count)").isEqualTo(3);
        s.assertThat(r.text("highLevel/getProfilePhoto")).as("tg.getProfilePhoto('me', id) (max_id, offset -1, limit 1)")
                .isEqualTo(r.text("uploadWide/photo/id"));
        s.assertThat(r.strings("highLevel/bGetProfilePhotos")).as("B: tg.getProfilePhotos(A)")
                .containsExactly(r.text("uploadJpeg/photo/id"), r.text("uploadWide/photo/id"), r.text("uploadPng/photo/id"));
        // ChatPhoto.thumb: mtcute expands userProfilePhoto.stripped_thumb itself
        s.assertThat(r.text("downloads/userPhotoThumb/format")).as("user.photo.thumb: JPEG").isEqualTo("jpeg");
        s.assertThat(decode(r, "downloads/userPhotoThumb")).as("user.photo.thumb decodes with ImageIO")
                .isEqualTo(r.text("uploadJpeg/users/0/photo/strippedThumb/strippedWxH"));
        s.assertThat(r.text("downloads/largestThumbSize")).as("the Photo's own location: its largest size").isEqualTo("d");
        // mtcute rewrites FILE_PART_X_MISSING to the text "FILE_PART_%d_MISSING" and keeps X in `which`
        s.assertThat(r.text("partErrors/filePartMissing/message")).as("mtcute's RpcError.text for FILE_PART_1_MISSING")
                .isEqualTo("FILE_PART_%d_MISSING");
        s.assertThat(r.at("partErrors/filePartMissing/which").asInt(-1)).as("mtcute's RpcError.which").isEqualTo(1);
        r.assertAll(s);
    }

    /**
     * The same flow in gramjs's browser transport (obfuscated abridged frames in WebSocket binary messages): uploads,
     * downloads and every check of the TCP run.
     */
    @Test
    void gramjsDoesTheSameOverWebSocket() throws Exception {
        double before = server.transportConnections("abridged", true, true);
        ScriptRun r = run("gramjs", "gramjs-photos-websocket", List.of("9996671011", "9996671012"), "gramjs_ws_pic_bot",
                "--framing", "websocket");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 198, true);
        s.assertThat(server.transportConnections("abridged", true, true) - before).as("WebSocket connections the server saw")
                .isGreaterThanOrEqualTo(2); // the two accounts' main connections, and the exported sender's for downloads
        r.assertAll(s);
    }

    /** Layer 158 and no file helpers: the script's own 128 KB saveFilePart loop and getFile loop (see the script). */
    @Test
    void mtprotoCoreUploadsSwitchesPagesDownloadsAndDeletesProfilePhotos() throws Exception {
        ScriptRun r = run("mtproto-core", List.of("9996651001", "9996651002"), "core_pic_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 158, false);
        // it cannot read photos.deletePhotos's Vector<long> (see the script): one id came back, and the album shows which
        s.assertThat(r.at("delete/deletedCount").asInt(-1)).as("deletePhotos returns one id").isEqualTo(1);
        long source = r.at("uploadJpeg/sourceBytes").asLong();
        s.assertThat(r.at("uploadJpeg/inputFile/parts").asLong()).as("upload.saveFilePart parts (128 KB each)")
                .isEqualTo((source + 131071) / 131072).isGreaterThan(1);
        r.assertAll(s);
    }

    /** The checks every client runs (see the scripts and lib/photos.mjs for what each JSON field is). */
    private static void common(SoftAssertions s, ScriptRun r, int layer, boolean readsVectorOfLong) {
        s.assertThat(r.at("layer").asInt()).as("layer").isEqualTo(layer);
        String idA = r.text("accounts/A/id");
        s.assertThat(idA).as("account A signed up").isNotNull();
        s.assertThat(r.bool("accounts/A/signedUp")).as("A was a new number").isTrue();
        s.assertThat(r.text("accounts/B/id")).as("account B signed up").isNotNull().isNotEqualTo(idA);

        // 1. seed 002: the 1600x1400 JPEG (square 1400 ≥ 1280, so d exists)
        String jpeg = r.text("uploadJpeg/photo/id");
        s.assertThat(r.text("uploadJpeg/photo/kind")).as("uploadProfilePhoto(JPEG): photo").isEqualTo("photo");
        s.assertThat(r.labels("uploadJpeg/photo")).as("JPEG 1600x1400: sizes")
                .containsExactly("i", "a160x160", "b320x320", "c640x640", "d1280x1280");
        strippedSize(s, r, "uploadJpeg/photo");
        s.assertThat(r.at("uploadJpeg/photo/dcId").asInt()).as("photo.dc_id").isEqualTo(2);
        s.assertThat(r.at("uploadJpeg/photo/fileReferenceBytes").asInt()).as("photo.file_reference").isPositive();
        s.assertThat(r.at("uploadJpeg/photo/videoSizes").asInt()).as("photo.video_sizes").isZero();
        s.assertThat(r.strings("uploadJpeg/users/*/id")).as("photos.photo users: the owner").containsExactly(idA);
        s.assertThat(r.bool("uploadJpeg/users/0/self")).as("photos.photo users[0].self").isTrue();
        s.assertThat(r.text("uploadJpeg/users/0/photo/photoId")).as("owner's user.photo is the new photo").isEqualTo(jpeg);
        s.assertThat(r.at("uploadJpeg/users/0/photo/dcId").asInt()).as("userProfilePhoto.dc_id").isEqualTo(2);
        s.assertThat(r.at("uploadJpeg/users/0/photo/strippedThumb/firstByte").asInt()).as("userProfilePhoto.stripped_thumb[0]").isEqualTo(1);

        // 3. downloads with the clients' own helpers, decoded here again
        image(s, r, "downloads/profileSmall", 160, "downloads/expected/a/size");
        image(s, r, "downloads/profileBig", 640, "downloads/expected/c/size");
        image(s, r, "downloads/largest", 1280, "downloads/expected/d/size");
        image(s, r, "downloads/thumbB", 320, "downloads/expected/b/size");
        String wxh = r.text("uploadJpeg/photo/sizes/0/strippedWxH");
        s.assertThat(r.text("downloads/stripped/format")).as("stripped size expanded by the client: JPEG").isEqualTo("jpeg");
        s.assertThat(r.at("downloads/stripped/w").asText() + "x" + r.at("downloads/stripped/h").asText())
                .as("expanded stripped size: dimensions from its bytes 1-2").isEqualTo(wxh);
        s.assertThat(decode(r, "downloads/stripped")).as("expanded stripped size decodes with ImageIO").isEqualTo(wxh);

        // 2. the PNG with alpha (500x500: c at its own size, no d) and the 1400x1000 JPEG (square 1000: no d)
        String png = r.text("uploadPng/photo/id");
        s.assertThat(r.labels("uploadPng/photo")).as("PNG 500x500: sizes").containsExactly("i", "a160x160", "b320x320", "c500x500");
        strippedSize(s, r, "uploadPng/photo");
        image(s, r, "uploadPng/downloadC", 500, "uploadPng/photo/sizes/3/size");
        s.assertThat(r.text("uploadPng/users/0/photo/photoId")).as("after the PNG: user.photo").isEqualTo(png);
        String wide = r.text("uploadWide/photo/id");
        s.assertThat(r.text("uploadWide/users/0/photo/photoId")).as("after the 1400x1000 JPEG: user.photo").isEqualTo(wide);
        s.assertThat(r.labels("uploadWide/photo")).as("JPEG 1400x1000: sizes").containsExactly("i", "a160x160", "b320x320", "c640x640");
        s.assertThat(List.of(jpeg == null ? "" : jpeg, png == null ? "" : png, wide == null ? "" : wide))
                .as("photo ids").doesNotHaveDuplicates().doesNotContain("");
        s.assertThat(compareIds(jpeg, png) < 0 && compareIds(png, wide) < 0).as("photo ids grow with time: " + jpeg + " < " + png + " < " + wide).isTrue();

        // 4. seed 000: back to the first JPEG
        s.assertThat(r.text("switchBack/result/photo/id")).as("updateProfilePhoto result photo").isEqualTo(jpeg);
        s.assertThat(r.text("switchBack/result/users/0/photo/photoId")).as("updateProfilePhoto result: user.photo").isEqualTo(jpeg);
        s.assertThat(r.strings("switchBack/list/ids")).as("getUserPhotos after the switch: the JPEG first").containsExactly(jpeg, wide, png);
        s.assertThat(type(r, "switchBack/list")).as("getUserPhotos after the switch").isEqualTo("photos.photos");
        s.assertThat(r.text("switchBack/userPhoto/photoId")).as("users.getUsers(self): user.photo").isEqualTo(jpeg);
        s.assertThat(r.text("switchBack/fullProfilePhotoId")).as("users.getFullUser(self): profile_photo").isEqualTo(jpeg);
        image(s, r, "switchBack/profileBigAfter", 640, null);
        // B's view of A
        for (String p : List.of("bSeesA/imported", "bSeesA/getUsers")) {
            s.assertThat(r.text(p + "/photoId")).as(p + ": A's user.photo").isEqualTo(jpeg);
        }
        s.assertThat(r.text("bSeesA/fullProfilePhotoId")).as("B: users.getFullUser(A).profile_photo").isEqualTo(jpeg);
        s.assertThat(r.strings("bSeesA/list/ids")).as("B: photos.getUserPhotos(A)").containsExactly(jpeg, wide, png);
        image(s, r, "bSeesA/profileSmall", 160, null);
        image(s, r, "bSeesA/profileBig", 640, null);

        // 5. paging
        s.assertThat(type(r, "paging/all")).as("getUserPhotos(limit 100)").isEqualTo("photos.photos");
        s.assertThat(r.strings("paging/all/ids")).as("getUserPhotos(limit 100)").containsExactly(jpeg, wide, png);
        s.assertThat(type(r, "paging/offset1Limit1")).as("getUserPhotos(offset 1, limit 1)").isEqualTo("photos.photosSlice");
        s.assertThat(r.at("paging/offset1Limit1/count").asInt()).as("getUserPhotos(offset 1, limit 1): count").isEqualTo(3);
        s.assertThat(r.strings("paging/offset1Limit1/ids")).as("getUserPhotos(offset 1, limit 1)").containsExactly(wide);
        s.assertThat(r.strings("paging/maxIdExact/ids")).as("getUserPhotos(max_id X, offset -1, limit 1) = X").containsExactly(wide);
        s.assertThat(r.strings("paging/afterMaxIdFirst/ids")).as("getUserPhotos(max_id = the first)").containsExactly(wide, png);
        s.assertThat(r.at("paging/afterMaxIdFirst/count").asInt()).as("getUserPhotos(max_id = the first): count").isEqualTo(3);

        // 6. deletePhotos
        if (readsVectorOfLong) s.assertThat(r.strings("delete/deleted")).as("deletePhotos returns the id deleted").containsExactly(png);
        s.assertThat(r.strings("delete/again")).as("deletePhotos of a deleted photo").isEmpty();
        s.assertThat(r.strings("delete/after/ids")).as("getUserPhotos after deletePhotos").containsExactly(jpeg, wide);
        s.assertThat(type(r, "delete/after")).as("getUserPhotos after deletePhotos").isEqualTo("photos.photos");
        r.assertRpcError(s, "delete/downloadDeleted", "LOCATION_INVALID");

        // 7. errors
        r.assertRpcError(s, "imageErrors/photoExtInvalid", "PHOTO_EXT_INVALID");
        r.assertRpcError(s, "imageErrors/cropSizeSmall", "PHOTO_CROP_SIZE_SMALL");
        r.assertRpcError(s, "imageErrors/invalidDimensions", "PHOTO_INVALID_DIMENSIONS");
        r.assertRpcError(s, "imageErrors/imageProcessFailed", "IMAGE_PROCESS_FAILED");
        r.assertRpcError(s, "photoIdInvalid/wrongAccessHash", "PHOTO_ID_INVALID");
        r.assertRpcError(s, "photoIdInvalid/unknownId", "PHOTO_ID_INVALID");
        s.assertThat(r.strings("partErrors/gapSaved")).as("saveFilePart of parts 0 and 2").containsExactly("true", "true");
        r.assertRpcError(s, "partErrors/filePartMissing", "FILE_PART_1_MISSING");
        r.assertRpcError(s, "partErrors/filePartsInvalid", "FILE_PARTS_INVALID");
        r.assertRpcError(s, "partErrors/filePartsInvalidBig", "FILE_PARTS_INVALID");
        s.assertThat(r.bool("partErrors/oddFirstPartSaved")).as("saveFilePart of a 1000-byte part 0 (it may be the last)").isTrue();
        r.assertRpcError(s, "partErrors/filePartSizeInvalid", "FILE_PART_SIZE_INVALID");
        r.assertRpcError(s, "partErrors/filePartSizeInvalidBig", "FILE_PART_SIZE_INVALID");
        s.assertThat(r.text("getFileErrors/photoId")).as("upload.getFile on the current photo").isEqualTo(jpeg);
        s.assertThat(String.valueOf(r.text("getFileErrors/firstChunk/type")).replace(".", "")).as("upload.file type").isEqualToIgnoringCase("storageFileJpeg");
        s.assertThat(r.text("getFileErrors/firstChunk/format")).as("upload.getFile first 4 KB: a JPEG").isEqualTo("jpeg");
        s.assertThat(r.at("getFileErrors/firstChunk/bytes").asInt()).as("upload.getFile(size c, limit 4096)").isEqualTo(4096);
        r.assertRpcError(s, "getFileErrors/offsetInvalid", "OFFSET_INVALID");
        r.assertRpcError(s, "getFileErrors/limitInvalid", "LIMIT_INVALID");
        r.assertRpcError(s, "getFileErrors/limitCrossesMiB", "LIMIT_INVALID");
        r.assertRpcError(s, "getFileErrors/preciseOffsetInvalid", "OFFSET_INVALID");
        s.assertThat(r.at("getFileErrors/endOfFile/bytes").asInt(-1)).as("upload.getFile past the end: empty bytes").isZero();
        // upload.getFileHashes: the SHA-256 of each 128 KB chunk of what upload.getFile served
        int hashedBytes = r.at("getFileErrors/fileHashes/fileBytes").asInt();
        s.assertThat(hashedBytes).as("size d downloaded in one upload.getFile: over two 128 KB chunks").isGreaterThan(2 * 131072);
        s.assertThat(r.at("getFileErrors/fileHashes/count").asInt()).as("upload.getFileHashes(size d, 0): one per 128 KB")
                .isEqualTo((hashedBytes + 131071) / 131072);
        s.assertThat(r.at("getFileErrors/fileHashes/offsets/1").asLong(-1)).as("second hash at offset 131072").isEqualTo(131072);
        s.assertThat(r.bool("getFileErrors/fileHashes/allMatch")).as("every fileHash is the SHA-256 of its range").isTrue();
        // a forged reference (bad MAC) is INVALID, an authentic old one EXPIRED (docs/decisions.md, file_reference)
        r.assertRpcError(s, "getFileErrors/fileReferenceGarbled", "FILE_REFERENCE_INVALID");
        r.assertRpcError(s, "getFileErrors/fileReferenceEmpty", "FILE_REFERENCE_EMPTY");
        r.assertRpcError(s, "getFileErrors/fileReferenceStale", "FILE_REFERENCE_EXPIRED");
        r.assertRpcError(s, "getFileErrors/updateWithStaleReference", "FILE_REFERENCE_EXPIRED");

        // 8. bots
        String bot = r.text("bots/botId");
        String botPhoto = r.text("bots/own/photo/id");
        s.assertThat(bot).as("the bot resolved").isNotNull();
        s.assertThat(r.strings("bots/own/users/*/id")).as("uploadProfilePhoto(bot): users = the bot").containsExactly(bot);
        s.assertThat(r.bool("bots/own/users/0/bot")).as("uploadProfilePhoto(bot): users[0].bot").isTrue();
        s.assertThat(r.text("bots/own/users/0/photo/photoId")).as("the bot's user.photo").isEqualTo(botPhoto);
        s.assertThat(r.labels("bots/own/photo")).as("bot photo 320x320: sizes").containsExactly("i", "a160x160", "b320x320", "c320x320");
        s.assertThat(r.strings("bots/botAlbum/ids")).as("getUserPhotos(bot)").containsExactly(botPhoto);
        s.assertThat(r.strings("bots/ownAlbumAfter/ids")).as("the owner's album is untouched").containsExactlyElementsOf(r.strings("bots/ownAlbumBefore/ids"))
                .containsExactly(jpeg, wide);
        r.assertRpcError(s, "bots/selfAsBot", "BOT_INVALID");
        r.assertRpcError(s, "bots/foreign", "BOT_INVALID");

        // the run itself
        s.assertThat(r.at("stepErrors").toString()).as("steps that threw").isEqualTo("{}");
        s.assertThat(r.strings("errors")).as("errors").isEmpty();
        s.assertThat(r.at("reconnects").asInt(-1)).as("reconnects").isZero();
        s.assertThat(r.bool("ok")).as("ok").isTrue();
    }

    /** The photo's first size is the stripped one: type i, bytes starting with 0x01. */
    private static void strippedSize(SoftAssertions s, ScriptRun r, String photo) {
        s.assertThat(r.text(photo + "/sizes/0/kind")).as(photo + ": sizes[0]").isEqualTo("photoStrippedSize");
        s.assertThat(r.at(photo + "/sizes/0/firstByte").asInt()).as(photo + ": stripped bytes[0]").isEqualTo(1);
    }

    /** A downloaded JPEG of side × side: as the script saw it, as ImageIO decodes it, and of the size photoSize.size says. */
    private static void image(SoftAssertions s, ScriptRun r, String path, int side, String sizePath) {
        s.assertThat(r.text(path + "/format")).as(path + ": JPEG magic").isEqualTo("jpeg");
        s.assertThat(r.at(path + "/w").asInt() + "x" + r.at(path + "/h").asInt()).as(path + ": SOF dimensions").isEqualTo(side + "x" + side);
        s.assertThat(decode(r, path)).as(path + ": decoded with ImageIO").isEqualTo(side + "x" + side);
        if (sizePath != null) {
            s.assertThat(r.at(path + "/bytes").asInt()).as(path + ": bytes = photoSize.size").isEqualTo(r.at(sizePath).asInt(-1));
        }
    }

    /** "WxH" of the file the script wrote for the download at path, decoded with ImageIO. */
    private static String decode(ScriptRun r, String path) {
        return TestImages.decodedSize(r.text(path + "/file"));
    }

    /** photos.photos / photos.photosSlice whatever the client calls it ("PhotosSlice" in gramjs, "photos.photosSlice" in mtcute). */
    private static String type(ScriptRun r, String path) {
        String t = r.text(path + "/type");
        if (t == null) return null;
        String bare = t.replace("photos.", "").replace(".", "");
        return "photos." + Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static int compareIds(String a, String b) {
        if (a == null || b == null) return 0;
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }

    // ---- images -----------------------------------------------------------------------------------------------

    /** The files lib/photos.mjs IMAGES names. */
    private static void writeImages(Path dir) throws IOException {
        write(dir.resolve("big.jpg"), jpeg(TestImages.picture(1600, 1400, 1)));
        write(dir.resolve("wide.jpg"), jpeg(TestImages.picture(1400, 1000, 2)));
        write(dir.resolve("alpha.png"), png(withAlpha(500)));
        write(dir.resolve("small.jpg"), jpeg(TestImages.picture(100, 100, 3)));
        write(dir.resolve("elongated.png"), png(TestImages.picture(2200, 200, 4)));
        byte[] whole = jpeg(TestImages.picture(800, 800, 5));
        write(dir.resolve("truncated.jpg"), Arrays.copyOf(whole, whole.length / 2));
        write(dir.resolve("notes.txt"), "Shopping list:\n- milk\n- bread\nThis is text, not an image.\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("bot.jpg"), jpeg(TestImages.picture(320, 320, 6)));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    /** A 500x500 ARGB image: an opaque disc fading to transparent corners. */
    private static BufferedImage withAlpha(int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.setPaint(new RadialGradientPaint(side / 2f, side / 2f, side / 2f, new float[]{0f, 0.7f, 1f},
                new Color[]{new Color(255, 60, 60, 255), new Color(60, 60, 255, 160), new Color(0, 200, 0, 0)}));
        g.fillRect(0, 0, side, side);
        g.dispose();
        return img;
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        return TestImages.encode(img, "jpg");
    }

    private static byte[] png(BufferedImage img) throws IOException {
        return TestImages.encode(img, "png");
    }

    // ---- running a script ---------------------------------------------------------------------------------------

    /**
     * Runs clients/&lt;client&gt;-photos.mjs (stderr in target/e2e-logs/&lt;client&gt;-photos.stderr.log, downloads in
     * target/e2e-logs/&lt;client&gt;-photos/) while a thread creates the bot for A as soon as A exists.
     */
    private static ScriptRun run(String client, List<String> phones, String botUsername) throws Exception {
        return run(client, client + "-photos", phones, botUsername);
    }

    /** clients/&lt;client&gt;-photos.mjs under another name (its log and downloads), with more options. */
    private static ScriptRun run(String client, String name, List<String> phones, String botUsername, String... more)
            throws Exception {
        Path out = NodeScript.emptyLogSubdir(name);
        Thread botMaker = server.createBotOnceOwnerExists(phones.getFirst(), botUsername, "Pic Bot", "B".repeat(35), SCRIPT_TIMEOUT);
        try {
            return NodeScript.of(client, client + "-photos").label(name).timeout(SCRIPT_TIMEOUT)
                    .args("--phones", String.join(",", phones), "--images", imagesDir.toString(), "--out", out.toString(),
                            "--ref-secret", refSecretHex, "--bot", botUsername, "--foreign-bot", FOREIGN_BOT)
                    .args(more)
                    .run(server);
        } finally {
            botMaker.interrupt();
        }
    }
}
