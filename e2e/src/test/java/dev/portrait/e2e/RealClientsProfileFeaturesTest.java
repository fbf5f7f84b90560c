package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.media.video.VideoTools;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Milestone M5 acceptance with the real, unmodified npm clients: on one in-process test-mode server, gramjs, mtcute
 * and @mtproto/core (scripts e2e/clients/&lt;client&gt;-profile-features.mjs, which print one JSON line; @mtproto/core at
 * layer 158 through raw calls) sign up accounts A, B and C (A has B as a contact, not C) and go through every M5 flow
 * with their own upload, download and update code:
 * <ol>
 *   <li>a video avatar (a 3 s 800x800 H.264 clip, red / green / blue per second, video_start_ts 1.5): sizes i, a, b, c
 *       and video sizes p 160 and u 800; u and p download as MP4 of their announced size; the still is green;</li>
 *   <li>gramjs only: the seed 002 example (fallback + bot + file + video + videoStartTs 8.24 + videoEmojiMarkup):
 *       BOT_FALLBACK_UNSUPPORTED, EMOJI_MARKUP_INVALID for the docs' plain videoSize, then with a real emoji markup
 *       and a 10 s clip a photo whose still comes from the file (yellow), for A and for A's bot;</li>
 *   <li>an emoji avatar alone (one background colour): a still of that colour, has_video false;</li>
 *   <li>the fallback photo behind a contacts-only privacy rule: B sees the main photo, C the fallback;</li>
 *   <li>a personal photo (seeds 003/004, photos.uploadContactProfilePhoto with save) seen only by A;</li>
 *   <li>a suggested photo: the service message arrives live and in B's history, B installs it, A withdraws another
 *       with messages.deleteMessages(revoke) and B learns it live and from updates.getDifference;</li>
 *   <li>the bot itself (signed in with its token): uploadProfilePhoto, updateProfilePhoto, getUserPhotos, while
 *       uploadContactProfilePhoto / deletePhotos answer BOT_METHOD_INVALID;</li>
 *   <li>the video errors: a non-square clip, video_start_ts past the end, a JPEG sent as the video.</li>
 * </ol>
 * The media are generated here in a temp dir (images with ImageIO, clips with the ffmpeg VideoTools.find() finds);
 * downloads are decoded here again (colours of the stills, MP4 headers and sizes, ffprobe of u and p). Logs:
 * target/e2e-logs/&lt;client&gt;-profile-features.stderr.log, downloads in target/e2e-logs/&lt;client&gt;-profile-features/,
 * the server's log in target/e2e-logs/server.log.
 */
class RealClientsProfileFeaturesTest {
    private static final int SCRIPT_TIMEOUT = 100;
    private static final String BOT_SECRET = "Pf5-features_secret_0123456789abcd";

    private static final Color GREEN = new Color(0, 255, 0);
    private static final Color YELLOW = new Color(255, 255, 0);
    private static final Color PURPLE = new Color(0x80, 0x00, 0xff); // lib/profile-features.mjs EMOJI_COLOUR
    private static final Color RED = new Color(220, 20, 20);
    private static final Color BLUE = new Color(20, 20, 220);
    private static final Color GREY = new Color(128, 128, 128);
    private static final Color MAGENTA = new Color(255, 0, 255);
    private static final Color CYAN = new Color(0, 255, 255);
    private static final Color ORANGE = new Color(255, 128, 0);

    private static TestServer server;
    private static Path mediaDir;
    private static VideoTools tools;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start("portrait-e2e-features-", true);
        mediaDir = server.tempDir("portrait-e2e-features-media-");
        tools = VideoTools.find();
        writeMedia(mediaDir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void gramjsCoversVideoEmojiFallbackPersonalSuggestedAndBotPhotos() throws Exception {
        ScriptRun r = run("gramjs", List.of("9996691001", "9996691002", "9996691003"), "gramjs_features_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 198);
        seed002(s, r);
        // gramjs's downloadMedia(photo) without a thumb takes the size with the most bytes among sizes + video_sizes
        // (client/downloads.js getThumb), which may be the 'u' MP4 rather than the biggest still
        long largest = 0;
        for (JsonNode sz : r.at("video/photo/sizes")) largest = Math.max(largest, sz.path("size").asLong(0));
        for (JsonNode v : r.at("video/photo/videoSizes")) largest = Math.max(largest, v.path("size").asLong(0));
        s.assertThat(r.at("video/downloadLargest/bytes").asLong()).as("gramjs downloadMedia(video photo) = the size with the most bytes")
                .isEqualTo(largest);
        mp4(s, r, "video/downloadFileU", videoSize(r, "video/photo", "u"), 800);
        // the bot's own album: its upload in front of the photo A set in seed002, then switched back
        s.assertThat(r.strings("botSelf/albumAfterUpload/ids")).as("bot: getUserPhotos(self) after its upload")
                .containsExactly(r.text("botSelf/upload/photo/id"), r.text("seed002/bot/photo/id"));
        r.assertAll(s);
    }

    @Test
    void mtcuteCoversVideoEmojiFallbackPersonalSuggestedAndBotPhotos() throws Exception {
        ScriptRun r = run("mtcute", List.of("9996692001", "9996692002", "9996692003"), "mtcute_features_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 227);
        // A sets the bot's photo with bot = tg.resolveUser(username)
        s.assertThat(r.strings("ownerSetsBot/users/*/id")).as("uploadProfilePhoto(bot): users = the bot").containsExactly(r.text("resolveBot/id"));
        s.assertThat(r.text("ownerSetsBot/users/0/photo/photoId")).as("the bot's user.photo").isEqualTo(r.text("ownerSetsBot/photo/id"));
        s.assertThat(r.strings("botSelf/albumAfterUpload/ids")).as("bot: getUserPhotos(self) after its upload")
                .containsExactly(r.text("botSelf/upload/photo/id"), r.text("ownerSetsBot/photo/id"));
        // mtcute's high-level views of the same objects
        s.assertThat(r.bool("video/highLevel/isAnimatedAvatar")).as("mtcute Photo.isAnimatedAvatar").isTrue();
        s.assertThat(r.bool("emoji/highLevel/isMarkupAvatar")).as("mtcute Photo.isMarkupAvatar").isTrue();
        s.assertThat(r.text("suggest/liveMessage/actionType")).as("mtcute tg.onNewMessage: message.action.type").isEqualTo("photo_suggested");
        r.assertAll(s);
    }

    /** Layer 158 through raw calls (its script downloads with its own upload.getFile loop). */
    @Test
    void mtprotoCoreCoversVideoEmojiFallbackPersonalSuggestedAndBotPhotos() throws Exception {
        ScriptRun r = run("mtproto-core", List.of("9996693001", "9996693002", "9996693003"), "core_features_bot");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 158);
        seed002(s, r);
        s.assertThat(r.strings("botSelf/albumAfterUpload/ids")).as("bot: getUserPhotos(self) after its upload")
                .containsExactly(r.text("botSelf/upload/photo/id"), r.text("seed002/bot/photo/id"));
        r.assertAll(s);
    }

    /** The checks every client runs (see the scripts for what each JSON field is). */
    private static void common(SoftAssertions s, ScriptRun r, int layer) {
        s.assertThat(r.at("layer").asInt()).as("layer").isEqualTo(layer);
        String idA = r.text("accounts/A/id"), idB = r.text("accounts/B/id"), idC = r.text("accounts/C/id");
        s.assertThat(List.of(String.valueOf(idA), String.valueOf(idB), String.valueOf(idC))).as("accounts A, B, C")
                .doesNotContain("null").doesNotHaveDuplicates();

        // 1. video avatar
        s.assertThat(r.labels("video/photo")).as("video avatar: sizes").containsExactly("i", "a160x160", "b320x320", "c640x640");
        s.assertThat(r.videoLabels("video/photo")).as("video avatar: video_sizes").containsExactly("p160x160", "u800x800");
        s.assertThat(r.at(videoSizePath(r, "video/photo", "u") + "/videoStartTs").asDouble()).as("u.video_start_ts").isEqualTo(1.5);
        s.assertThat(r.bool("video/result/users/0/photo/hasVideo")).as("photos.photo users[0].photo.has_video").isTrue();
        s.assertThat(r.text("video/result/users/0/photo/photoId")).as("users[0].photo = the new photo").isEqualTo(r.text("video/photo/id"));
        s.assertThat(r.bool("video/selfPhoto/hasVideo")).as("users.getUsers(self).photo.has_video").isTrue();
        s.assertThat(r.bool("video/bSeesA/hasVideo")).as("B: users.getUsers(A).photo.has_video").isTrue();
        mp4(s, r, "video/downloadU", videoSize(r, "video/photo", "u"), 800);
        mp4(s, r, "video/downloadP", videoSize(r, "video/photo", "p"), 160);
        colour(s, r, "video/stillC", GREEN, 640, "video avatar still = the frame at 1.5 s");

        // 3. emoji avatar alone
        s.assertThat(r.labels("emoji/result/photo")).as("emoji avatar: sizes").containsExactly("i", "a160x160", "b320x320", "c640x640");
        s.assertThat(r.videoLabels("emoji/result/photo")).as("emoji avatar: video_sizes").containsExactly("videoSizeEmojiMarkup");
        s.assertThat(r.text("emoji/result/photo/videoSizes/0/emojiId")).as("markup emoji_id").isEqualTo("5368324170671202286");
        s.assertThat(r.strings("emoji/result/photo/videoSizes/0/backgroundColors")).as("markup colours").containsExactly(String.valueOf(0x8000ff));
        s.assertThat(r.bool("emoji/result/users/0/photo/hasVideo")).as("emoji avatar: has_video").isFalse();
        s.assertThat(r.text("emoji/result/users/0/photo/photoId")).as("emoji avatar is A's photo").isEqualTo(r.text("emoji/result/photo/id"));
        colour(s, r, "emoji/stillC", PURPLE, 640, "emoji avatar still = its background");

        // 4. fallback
        String main = r.text("fallback/main/photo/id"), fb = r.text("fallback/fallback/photo/id");
        s.assertThat(r.strings("fallback/privacyRules")).as("account.setPrivacy(profile photo)")
                .containsExactly("privacyValueAllowContacts", "privacyValueDisallowAll");
        s.assertThat(r.text("fallback/main/users/0/photo/photoId")).as("after the main upload: A's own user.photo").isEqualTo(main);
        s.assertThat(r.text("fallback/fallback/users/0/photo/photoId")).as("after the fallback upload: A still sees her main photo").isEqualTo(main);
        List<String> album = new ArrayList<>(List.of(String.valueOf(main), String.valueOf(r.text("emoji/result/photo/id"))));
        if (r.text("seed002/self/photo/id") != null) album.add(r.text("seed002/self/photo/id"));
        album.add(String.valueOf(r.text("video/photo/id")));
        s.assertThat(r.strings("fallback/ownAlbum/ids")).as("A's album, newest first: the fallback is not in it")
                .containsExactlyElementsOf(album).doesNotContain(fb);
        s.assertThat(r.text("fallback/ownFull/profilePhoto")).as("A: userFull.profile_photo").isEqualTo(main);
        s.assertThat(r.text("fallback/ownFull/fallbackPhoto")).as("A: userFull.fallback_photo").isEqualTo(fb);
        s.assertThat(r.text("fallback/bSees/user/photoId")).as("B (a contact): A's user.photo").isEqualTo(main);
        s.assertThat(r.text("fallback/bSees/full/profilePhoto")).as("B: userFull.profile_photo").isEqualTo(main);
        s.assertThat(r.text("fallback/bSees/full/fallbackPhoto")).as("B (sees the main photo): userFull.fallback_photo").isNull();
        s.assertThat(r.strings("fallback/bSees/list/ids")).as("B: getUserPhotos(A) starts with the main photo").startsWith(main).doesNotContain(fb);
        colour(s, r, "fallback/bSees/big", RED, 500, "B downloads A's big photo: the main one");
        s.assertThat(r.text("fallback/cSees/resolved/photoId")).as("C: contacts.resolvePhone(A).photo").isEqualTo(fb);
        s.assertThat(r.text("fallback/cSees/user/photoId")).as("C: users.getUsers(A).photo").isEqualTo(fb);
        s.assertThat(r.text("fallback/cSees/full/profilePhoto")).as("C: userFull.profile_photo").isNull();
        s.assertThat(r.text("fallback/cSees/full/fallbackPhoto")).as("C: userFull.fallback_photo").isEqualTo(fb);
        s.assertThat(r.strings("fallback/cSees/list/ids")).as("C: getUserPhotos(A)").containsExactly(fb);
        colour(s, r, "fallback/cSees/big", BLUE, 400, "C downloads A's big photo: the fallback");
        colour(s, r, "fallback/cSees/fallbackA", BLUE, 160, "C downloads the fallback photo's a");
        r.assertRpcError(s, "fallback/cSees/mainRefused", "LOCATION_INVALID");
        s.assertThat(r.text("fallback/removed/result")).as("updateProfilePhoto(fallback, inputPhotoEmpty)").isEqualTo("photoEmpty");
        s.assertThat(r.text("fallback/removed/ownFallback")).as("A: userFull.fallback_photo after removal").isNull();
        s.assertThat(r.text("fallback/removed/cSees/photoId")).as("C sees no photo of A any more").isNull();
        s.assertThat(r.text("fallback/removed/cFull/fallbackPhoto")).as("C: userFull.fallback_photo after removal").isNull();
        s.assertThat(r.text("fallback/removed/bSees/photoId")).as("B still sees the main photo").isEqualTo(main);

        // 5. personal photo
        String personal = r.text("personal/set/photo/id"), bMain = r.text("setup/bMain/id");
        s.assertThat(r.strings("personal/set/users/*/id")).as("uploadContactProfilePhoto(save): users = B").containsExactly(idB);
        s.assertThat(r.text("personal/set/users/0/photo/photoId")).as("B as A sees him: the personal photo").isEqualTo(personal);
        s.assertThat(r.bool("personal/set/users/0/photo/personal")).as("userProfilePhoto.personal").isTrue();
        s.assertThat(r.text("personal/aSees/user/photoId")).as("A: users.getUsers(B).photo").isEqualTo(personal);
        s.assertThat(r.bool("personal/aSees/user/personal")).as("A: users.getUsers(B).photo.personal").isTrue();
        s.assertThat(r.text("personal/aSees/full/personalPhoto")).as("A: userFull(B).personal_photo").isEqualTo(personal);
        s.assertThat(r.text("personal/aSees/full/profilePhoto")).as("A: userFull(B).profile_photo").isEqualTo(bMain);
        s.assertThat(r.strings("personal/aSees/list/ids")).as("A: getUserPhotos(B)").containsExactly(personal, bMain);
        colour(s, r, "personal/aSees/big", MAGENTA, 300, "A downloads B's big photo: the personal one");
        s.assertThat(r.text("personal/bSeesHimself/photoId")).as("B sees his own photo").isEqualTo(bMain);
        s.assertThat(r.bool("personal/bSeesHimself/personal")).as("B: personal flag").isFalse();
        s.assertThat(r.text("personal/cSeesB/photoId")).as("C sees B's own photo").isEqualTo(bMain);
        s.assertThat(r.bool("personal/cSeesB/personal")).as("C: personal flag").isFalse();
        r.assertRpcError(s, "personal/cRefused", "LOCATION_INVALID");
        r.assertRpcError(s, "personal/contactMissing", "CONTACT_MISSING");
        r.assertRpcError(s, "personal/selfInvalid", "USER_ID_INVALID");
        s.assertThat(r.text("personal/removed/result/photo/kind")).as("save without media: photoEmpty").isEqualTo("photoEmpty");
        s.assertThat(r.text("personal/removed/aSees/photoId")).as("A sees B's own photo again").isEqualTo(bMain);
        s.assertThat(r.bool("personal/removed/aSees/personal")).as("no personal flag any more").isFalse();
        s.assertThat(r.text("personal/removed/full/personalPhoto")).as("userFull(B).personal_photo after removal").isNull();

        // 6. suggested photo
        String suggested = r.text("suggest/result/photo/id");
        s.assertThat(r.labels("suggest/result/photo")).as("suggested photo 400x400: sizes").containsExactly("i", "a160x160", "b320x320", "c400x400");
        s.assertThat(r.at("suggest/liveArrived").isObject()).as("B got updateNewMessage live within 5 s: " + r.at("suggest/live")).isTrue();
        s.assertThat(r.text("suggest/liveArrived/message/action")).as("live message action").isEqualTo("messageActionSuggestProfilePhoto");
        s.assertThat(r.text("suggest/message/kind")).as("B's history: the message").isEqualTo("messageService");
        s.assertThat(r.text("suggest/message/action")).as("its action").isEqualTo("messageActionSuggestProfilePhoto");
        s.assertThat(r.text("suggest/message/photoId")).as("the action's photo").isEqualTo(suggested);
        s.assertThat(r.bool("suggest/message/out")).as("out = false for B").isFalse();
        s.assertThat(r.text("suggest/message/fromId")).as("from A").isEqualTo(idA);
        s.assertThat(r.text("suggest/message/peerId")).as("peer = A").isEqualTo(idA);
        s.assertThat(r.at("suggest/liveArrived/message/id").asInt(-1)).as("the live message is the history's").isEqualTo(r.at("suggest/message/id").asInt(-2));
        s.assertThat(r.strings("suggest/difference/newMessages/*/id")).as("updates.getDifference: new_messages").contains(r.text("suggest/message/id"));
        s.assertThat(r.strings("suggest/difference/users")).as("updates.getDifference: users").contains(idA);
        colour(s, r, "suggest/offeredC", CYAN, 400, "B downloads the suggested photo's c");
        s.assertThat(r.text("suggest/bPhotoBefore/photoId")).as("a suggestion changes nobody's photo").isEqualTo(bMain);
        String installed = r.text("suggest/installed/result/photo/id");
        s.assertThat(installed).as("installed: a copy with a new id").isNotNull().isNotEqualTo(suggested);
        s.assertThat(r.text("suggest/installed/bSelf/photoId")).as("B's main photo = the installed copy").isEqualTo(installed);
        s.assertThat(r.strings("suggest/installed/bAlbum/ids")).as("B's album").containsExactly(installed, bMain);
        s.assertThat(r.text("suggest/installed/aSeesB/photoId")).as("A sees B's new photo").isEqualTo(installed);
        colour(s, r, "suggest/installed/bigForA", CYAN, 400, "A downloads B's big photo: the installed suggestion");
        s.assertThat(r.at("suggest/withdraw/liveNew").isObject()).as("second suggestion arrived live").isTrue();
        s.assertThat(r.bool("suggest/withdraw/aMessage/out")).as("A's copy: out").isTrue();
        s.assertThat(tlType(r.text("suggest/withdraw/affected/type"))).as("messages.deleteMessages result").isEqualTo("messages.affectedMessages");
        s.assertThat(r.at("suggest/withdraw/affected/ptsCount").asInt()).as("affectedMessages.pts_count").isEqualTo(1);
        s.assertThat(r.at("suggest/withdraw/deletedLive").isObject()).as("B got updateDeleteMessages live within 5 s: "
                + r.at("suggest/withdraw/liveSinceDelete")).isTrue();
        s.assertThat(r.at("suggest/withdraw/difference/deleted").toString()).as("updates.getDifference: updateDeleteMessages")
                .isEqualTo("[[" + r.at("suggest/withdraw/bMessage/id").asInt() + "]]");
        s.assertThat(r.strings("suggest/withdraw/bHistoryAfter/*/id")).as("B's history after the withdrawal")
                .containsExactly(r.text("suggest/message/id"));
        s.assertThat(r.strings("suggest/withdraw/aHistoryAfter/*/photoId")).as("A's history after the withdrawal").containsExactly(suggested);
        r.assertRpcError(s, "suggest/withdraw/downloadWithdrawn", "LOCATION_INVALID");

        // 7. the bot itself
        String botId = r.text("resolveBot/id");
        s.assertThat(r.text("botSelf/me/id")).as("bot signed in with its token").isEqualTo(botId);
        s.assertThat(r.bool("botSelf/me/bot")).as("getMe().bot").isTrue();
        String botUpload = r.text("botSelf/upload/photo/id");
        s.assertThat(r.text("botSelf/upload/users/0/photo/photoId")).as("bot: uploadProfilePhoto → its user.photo").isEqualTo(botUpload);
        String older = r.strings("botSelf/albumAfterUpload/ids").size() > 1 ? r.strings("botSelf/albumAfterUpload/ids").get(1) : "(none)";
        s.assertThat(r.text("botSelf/switched/photo/id")).as("bot: updateProfilePhoto(older)").isEqualTo(older);
        s.assertThat(r.strings("botSelf/albumAfterSwitch/ids")).as("bot: album after the switch").containsExactly(older, botUpload);
        s.assertThat(r.text("botSelf/selfAfter/photoId")).as("bot: its user.photo").isEqualTo(older);
        s.assertThat(r.text("botSelf/aSeesBot/photoId")).as("A sees the bot's photo").isEqualTo(older);
        r.assertRpcError(s, "botSelf/contactPhoto", "BOT_METHOD_INVALID");
        r.assertRpcError(s, "botSelf/fallback", "BOT_FALLBACK_UNSUPPORTED");
        r.assertRpcError(s, "botSelf/deletePhotos", "BOT_METHOD_INVALID");

        // 8. video errors
        r.assertRpcError(s, "videoErrors/nonSquare", "VIDEO_FILE_INVALID");
        r.assertRpcError(s, "videoErrors/startTsBeyondDuration", "VIDEO_FILE_INVALID");
        r.assertRpcError(s, "videoErrors/jpegAsVideo", "VIDEO_FILE_INVALID");

        // the run itself
        s.assertThat(r.at("stepErrors").toString()).as("steps that threw").isEqualTo("{}");
        s.assertThat(r.strings("errors")).as("errors").isEmpty();
        s.assertThat(r.at("reconnects").asInt(-1)).as("reconnects").isZero();
        s.assertThat(r.bool("ok")).as("ok").isTrue();
    }

    /** gramjs only: the seed 002 example. */
    private static void seed002(SoftAssertions s, ScriptRun r) {
        r.assertRpcError(s, "seed002/fallbackBot", "BOT_FALLBACK_UNSUPPORTED");
        r.assertRpcError(s, "seed002/plainVideoSizeMarkup", "EMOJI_MARKUP_INVALID");
        for (String who : List.of("self", "bot")) {
            String p = "seed002/" + who + "/photo";
            s.assertThat(r.labels(p)).as(who + ": sizes from the 800x800 still").containsExactly("i", "a160x160", "b320x320", "c640x640");
            s.assertThat(r.videoLabels(p)).as(who + ": video_sizes").containsExactly("p160x160", "u800x800", "videoSizeEmojiMarkup");
            s.assertThat(r.at(videoSizePath(r, p, "u") + "/videoStartTs").asDouble()).as(who + ": u.video_start_ts").isEqualTo(8.24);
            s.assertThat(r.text(p + "/videoSizes/2/emojiId")).as(who + ": markup emoji_id").isEqualTo("5368324170671202286");
            s.assertThat(r.strings(p + "/videoSizes/2/backgroundColors")).as(who + ": markup colours")
                    .containsExactly(String.valueOf(0x3366ff), String.valueOf(0x66ccff));
            s.assertThat(r.bool("seed002/" + who + "/users/0/photo/hasVideo")).as(who + ": has_video").isTrue();
        }
        s.assertThat(r.text("seed002/self/users/0/id")).as("seed call for A: users = A").isEqualTo(r.text("accounts/A/id"));
        colour(s, r, "seed002/selfStillC", YELLOW, 640, "seed call: the still comes from the file");
        mp4(s, r, "seed002/selfU", videoSize(r, "seed002/self/photo", "u"), 800);
        String botId = r.text("resolveBot/id");
        String botPhoto = r.text("seed002/bot/photo/id");
        s.assertThat(r.strings("seed002/bot/users/*/id")).as("seed call with bot: users = the bot").containsExactly(botId);
        s.assertThat(r.bool("seed002/bot/users/0/bot")).as("users[0].bot").isTrue();
        s.assertThat(r.text("seed002/bot/users/0/photo/photoId")).as("the bot's user.photo").isEqualTo(botPhoto);
        s.assertThat(r.strings("seed002/botAlbumBefore/ids")).as("the bot had no photo").isEmpty();
        s.assertThat(r.strings("seed002/botAlbumAfter/ids")).as("getUserPhotos(bot)").containsExactly(botPhoto);
        s.assertThat(r.text("seed002/botSeenByA/photoId")).as("A: users.getUsers(bot).photo").isEqualTo(botPhoto);
    }

    // ---- checks on downloaded files ---------------------------------------------------------------------------

    /** A downloaded MP4: 'ftyp' at 4..8, the announced size, and ffprobe finds one H.264 stream side × side. */
    private static void mp4(SoftAssertions s, ScriptRun r, String path, long size, int side) {
        String file = r.text(path + "/file");
        s.assertThat(file).as(path + ": downloaded").isNotNull();
        if (file == null) return;
        try {
            byte[] b = Files.readAllBytes(Path.of(file));
            s.assertThat(b.length > 8 ? new String(b, 4, 4, StandardCharsets.US_ASCII) : "").as(path + ": bytes 4..8").isEqualTo("ftyp");
            s.assertThat((long) b.length).as(path + ": bytes = videoSize.size").isEqualTo(size);
            s.assertThat(probe(Path.of(file))).as(path + ": ffprobe").isEqualTo("h264," + side + "," + side);
        } catch (IOException e) {
            s.fail(path + ": " + e);
        }
    }

    private static String probe(Path file) throws IOException {
        Path out = Files.createTempFile(mediaDir, "probe", ".txt");
        List<String> cmd = List.of(tools.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().clear();
        pb.environment().putAll(tools.environment());
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Files.readString(out).strip();
    }

    /** A downloaded still: a JPEG of side × side whose centre pixel is close to the expected colour. */
    private static void colour(SoftAssertions s, ScriptRun r, String path, Color expected, int side, String what) {
        String file = r.text(path + "/file");
        s.assertThat(file).as(what + " (" + path + "): downloaded").isNotNull();
        if (file == null) return;
        try {
            BufferedImage img = ImageIO.read(Path.of(file).toFile());
            s.assertThat(img).as(what + " (" + path + "): decodes with ImageIO").isNotNull();
            if (img == null) return;
            s.assertThat(img.getWidth() + "x" + img.getHeight()).as(what + " (" + path + "): size").isEqualTo(side + "x" + side);
            Color c = new Color(img.getRGB(img.getWidth() / 2, img.getHeight() / 2));
            int d = Math.max(Math.abs(c.getRed() - expected.getRed()),
                    Math.max(Math.abs(c.getGreen() - expected.getGreen()), Math.abs(c.getBlue() - expected.getBlue())));
            s.assertThat(d).as(what + " (" + path + "): centre " + c + " vs " + expected).isLessThanOrEqualTo(40);
        } catch (IOException e) {
            s.fail(what + ": " + e);
        }
    }

    /** A TL type name whatever the client calls it ("messages.AffectedMessages" in gramjs) → "messages.affectedMessages". */
    private static String tlType(String t) {
        if (t == null) return null;
        int dot = t.lastIndexOf('.');
        return t.substring(0, dot + 1) + Character.toLowerCase(t.charAt(dot + 1)) + t.substring(dot + 2);
    }

    private static String videoSizePath(ScriptRun r, String photo, String type) {
        JsonNode sizes = r.at(photo + "/videoSizes");
        for (int i = 0; i < sizes.size(); i++) if (type.equals(sizes.get(i).path("type").asText())) return photo + "/videoSizes/" + i;
        return photo + "/videoSizes/none-of-type-" + type;
    }

    private static long videoSize(ScriptRun r, String photo, String type) {
        return r.at(videoSizePath(r, photo, type) + "/size").asLong(-1);
    }

    // ---- media ------------------------------------------------------------------------------------------------

    /** The files lib/profile-features.mjs MEDIA names. */
    private static void writeMedia(Path dir) throws Exception {
        ffmpeg(dir, "rgb3.mp4", List.of(
                "-f", "lavfi", "-i", "color=c=red:s=800x800:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=lime:s=800x800:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=blue:s=800x800:r=25:d=1",
                "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]"));
        ffmpeg(dir, "ten.mp4", List.of("-f", "lavfi", "-i", "color=c=blue:s=800x800:r=25:d=10", "-pix_fmt", "yuv420p"));
        ffmpeg(dir, "wide.mp4", List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=1", "-pix_fmt", "yuv420p"));
        Files.write(dir.resolve("still.png"), TestImages.encode(solid(800, YELLOW), "png"));
        Files.write(dir.resolve("not-video.jpg"), TestImages.encode(solid(400, Color.ORANGE), "jpg"));
        Files.write(dir.resolve("main.jpg"), TestImages.encode(solid(500, RED), "jpg"));
        Files.write(dir.resolve("fallback.jpg"), TestImages.encode(solid(400, BLUE), "jpg"));
        Files.write(dir.resolve("b-main.jpg"), TestImages.encode(solid(400, GREY), "jpg"));
        Files.write(dir.resolve("personal.jpg"), TestImages.encode(solid(300, MAGENTA), "jpg"));
        Files.write(dir.resolve("suggest.jpg"), TestImages.encode(solid(400, CYAN), "jpg"));
        Files.write(dir.resolve("suggest2.jpg"), TestImages.encode(solid(300, ORANGE), "jpg"));
        Files.write(dir.resolve("contact-err.jpg"), TestImages.encode(solid(200, Color.DARK_GRAY), "jpg"));
        Files.write(dir.resolve("bot.jpg"), TestImages.encode(solid(320, Color.PINK), "jpg"));
        Files.write(dir.resolve("bot-self.jpg"), TestImages.encode(solid(320, Color.WHITE), "jpg"));
    }

    private static void ffmpeg(Path dir, String name, List<String> input) throws Exception {
        TestImages.mp4(tools, dir, name, input);
    }

    private static BufferedImage solid(int side, Color c) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, side, side);
        g.dispose();
        return img;
    }

    // ---- running a script ---------------------------------------------------------------------------------------

    /**
     * Runs clients/&lt;client&gt;-profile-features.mjs (stderr in target/e2e-logs/&lt;client&gt;-profile-features.stderr.log,
     * downloads in target/e2e-logs/&lt;client&gt;-profile-features/) while a thread creates A's bot as soon as A exists.
     */
    private static ScriptRun run(String client, List<String> phones, String botUsername) throws Exception {
        String name = client + "-profile-features";
        Path out = NodeScript.emptyLogSubdir(name);
        Thread botMaker = server.createBotOnceOwnerExists(phones.getFirst(), botUsername, "Features Bot", BOT_SECRET, SCRIPT_TIMEOUT);
        try {
            return NodeScript.of(client, name).label(name).timeout(SCRIPT_TIMEOUT)
                    .args("--phones", String.join(",", phones), "--media", mediaDir.toString(), "--out", out.toString(),
                            "--bot", botUsername, "--bot-secret", BOT_SECRET)
                    .run(server);
        } finally {
            botMaker.interrupt();
        }
    }
}
