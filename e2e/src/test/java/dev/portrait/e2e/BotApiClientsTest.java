package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.File;
import com.pengrad.telegrambot.model.PhotoSize;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUserProfilePhotos;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetFileResponse;
import com.pengrad.telegrambot.response.GetMeResponse;
import com.pengrad.telegrambot.response.GetUserProfilePhotosResponse;
import dev.portrait.botapi.BotApi;
import dev.portrait.media.video.VideoTools;
import dev.portrait.tl.TlJson;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Milestone M11, "How it is tested": real bot libraries, unmodified, pointed at the Bot API endpoint (botapi's
 * {@link BotApi} attached to a test-mode server), against a person a real MTProto client (gramjs) signed up:
 * <ul>
 *   <li>grammY 1.46.0 (clients/grammy-bot.mjs) and node-telegram-bot-api 2.1.0 (clients/ntba-bot.mjs), each with a
 *       bot of its own, run lib/bot-api.mjs's flow: setMyProfilePhoto static (JPEG) then animated (MP4,
 *       main_frame_timestamp), getUserProfilePhotos of the person (two photos) and of itself, getFile and the download
 *       of the biggest size (its JPEG SOF dimensions are the size's), limits, errors as each library surfaces them,
 *       removeMyProfilePhoto;</li>
 *   <li>the cross-checks over MTProto (clients/gramjs-bot-api-user.mjs): the person sees, in users.getFullUser(bot),
 *       the photo the bot's own getUserProfilePhotos shows; the photo the person switches to (photos.updateProfilePhoto)
 *       is the first one in the bot's next getUserProfilePhotos;</li>
 *   <li>java-telegram-bot-api 9.2.0 (pengrad) reads the person's photos (GetUserProfilePhotos), GetFile and
 *       getFileContent, and surfaces the errors (error_code and description as the official server words them:
 *       botapi's BotApi, ProfilePhotoMethods); a 12 MB JPEG sent to setMyProfilePhoto over plain HTTP is refused.</li>
 * </ul>
 * Photo ids: the endpoint's file_unique_id is base64url(1, the photo id as int64 BE, the size type) (botapi's FileIds);
 * the test decodes it to compare with the ids MTProto shows, and compares the sizes too.
 */
class BotApiClientsTest {
    private static final String PHONE = "9996681001";
    private static final String GRAMMY_BOT = "grammy_portrait_bot";
    private static final String NTBA_BOT = "ntba_portrait_bot";
    private static final String JAVA_BOT = "pengrad_portrait_bot";
    private static final int SCRIPT_TIMEOUT = 90;

    private static TestServer server;
    private static BotApi api;
    private static Path media;
    private static Path out;
    private static ScriptRun setup;
    private static ScriptRun grammy;
    private static ScriptRun ntba;
    private static String grammyToken;
    private static String ntbaToken;
    private static String javaToken;
    private static String userId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("portrait-e2e-botapi-", true);
        api = BotApi.attach(new BotApi.Options(TestServer.HOST, 0), server.server());
        media = server.tempDir("portrait-e2e-botapi-media-");
        out = NodeScript.emptyLogSubdir("bot-api");
        writeMedia(media);

        // the person: signs up over MTProto and uploads two photos (older, then newer)
        setup = gramjsUser("setup", "--images", media.toString());
        assertThat(setup.json.path("ok").asBoolean()).as(setup.why("gramjs setup ok")).isTrue();
        userId = setup.text("me/id");

        grammyToken = server.cli("bot", "add", "--owner", PHONE, "--username", GRAMMY_BOT, "--first-name", "Grammy").strip();
        ntbaToken = server.cli("bot", "add", "--owner", PHONE, "--username", NTBA_BOT, "--first-name", "Ntba").strip();
        javaToken = server.cli("bot", "add", "--owner", PHONE, "--username", JAVA_BOT, "--first-name", "Pengrad").strip();

        // both libraries at once, each with its own bot
        NodeScript.Running g = botScript("grammy", "grammy-bot", grammyToken).start(server);
        NodeScript.Running n = botScript("node-telegram-bot-api", "ntba-bot", ntbaToken).start(server);
        grammy = g.finish();
        ntba = n.finish();
    }

    @AfterAll
    static void stop() throws IOException {
        if (api != null) api.close();
        if (server != null) server.close();
    }

    @Test
    void grammySetsReadsDownloadsAndRemoves() {
        assertFlow(grammy, grammyToken, GRAMMY_BOT);
    }

    @Test
    void nodeTelegramBotApiSetsReadsDownloadsAndRemoves() {
        assertFlow(ntba, ntbaToken, NTBA_BOT);
    }

    /**
     * The person sees the bots' photos over MTProto; then switches back to the older photo, which pengrad's next
     * GetUserProfilePhotos shows first, and downloads.
     */
    @Test
    void mtprotoAndTheBotApiSeeTheSamePhotos() throws Exception {
        ScriptRun check = gramjsUser("check", "--bots", GRAMMY_BOT + "," + NTBA_BOT);
        SoftAssertions s = new SoftAssertions();
        s.assertThat(check.json.path("ok").asBoolean()).as("gramjs check ok").isTrue();
        for (var bot : List.of(new Object[]{GRAMMY_BOT, grammy, grammyToken}, new Object[]{NTBA_BOT, ntba, ntbaToken})) {
            String name = (String) bot[0];
            ScriptRun lib = (ScriptRun) bot[1];
            String p = "bots/" + name;
            s.assertThat(check.text(p + "/id")).as(name + ": resolved id").isEqualTo(botId((String) bot[2]));
            // what the bot's own getUserProfilePhotos shows after removeMyProfilePhoto: its static photo
            JsonNode own = lib.at("selfAfterRemove/photos/0");
            s.assertThat(check.text(p + "/profilePhoto/id")).as(name + ": users.getFullUser(bot).profile_photo")
                    .isEqualTo(photoId(own.path(0).path("file_unique_id").asText()));
            s.assertThat(check.text(p + "/userPhotoId")).as(name + ": user.photo").isEqualTo(check.text(p + "/profilePhoto/id"));
            s.assertThat(mtprotoSizes(check.at(p + "/profilePhoto/sizes"))).as(name + ": the sizes MTProto shows")
                    .isEqualTo(botApiSizes(own));
        }
        String older = setup.text("uploads/0/id");
        s.assertThat(check.text("switched/photo/id")).as("photos.updateProfilePhoto(older)").isEqualTo(older);
        s.assertThat(check.strings("switched/before")).as("album before the switch: newer, older")
                .containsExactly(setup.text("uploads/1/id"), older);

        TelegramBot bot = pengrad(javaToken);
        try {
            GetUserProfilePhotosResponse r = bot.execute(new GetUserProfilePhotos(Long.parseLong(userId)));
            s.assertThat(r.isOk()).as("pengrad GetUserProfilePhotos: " + r).isTrue();
            if (r.isOk()) {
                s.assertThat(r.photos().totalCount()).as("total_count").isEqualTo(2);
                PhotoSize[][] photos = r.photos().photos();
                s.assertThat(photoId(photos[0][0].fileUniqueId())).as("first photo after the switch over MTProto").isEqualTo(older);
                s.assertThat(photoId(photos[1][0].fileUniqueId())).as("then the newer").isEqualTo(setup.text("uploads/1/id"));
                s.assertThat(pengradSizes(photos[0])).as("the older photo's sizes").isEqualTo(mtprotoSizes(setup.at("uploads/0/sizes")));
                PhotoSize big = Arrays.stream(photos[0]).max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height())).orElseThrow();
                GetFileResponse f = bot.execute(new GetFile(big.fileId()));
                s.assertThat(f.isOk()).as("GetFile: " + f).isTrue();
                if (f.isOk()) {
                    File file = f.file();
                    s.assertThat(file.fileSize()).as("file_size").isEqualTo(big.fileSize());
                    s.assertThat(file.fileUniqueId()).as("file_unique_id").isEqualTo(big.fileUniqueId());
                    s.assertThat(file.filePath()).as("file_path").startsWith("profile_photos/").endsWith(".jpg");
                    byte[] bytes = bot.getFileContent(file);
                    s.assertThat((long) bytes.length).as("downloaded bytes").isEqualTo(big.fileSize());
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
                    s.assertThat(img == null ? "(not an image)" : img.getWidth() + "x" + img.getHeight())
                            .as("the download decodes to the size's dimensions").isEqualTo(big.width() + "x" + big.height());
                }
            }
        } finally {
            bot.shutdown();
        }
        check.assertAll(s);
    }

    /** Errors as pengrad surfaces them (errorCode, description), and what plain HTTP gets for a 12 MB photo. */
    @Test
    void errorsAreWordedAsTheOfficialServerWordsThem() throws Exception {
        SoftAssertions s = new SoftAssertions();
        TelegramBot bot = pengrad(javaToken);
        TelegramBot wrong = pengrad(botId(javaToken) + ":" + "A".repeat(35));
        TelegramBot malformed = pengrad("not-a-token");
        try {
            GetMeResponse me = bot.execute(new GetMe());
            s.assertThat(me.isOk()).as("getMe " + me).isTrue();
            if (me.isOk()) {
                s.assertThat(me.user().id()).as("getMe id").isEqualTo(Long.parseLong(botId(javaToken)));
                s.assertThat(me.user().isBot()).as("is_bot").isTrue();
                s.assertThat(me.user().username()).as("username").isEqualTo(JAVA_BOT);
            }
            error(s, "wrong token", wrong.execute(new GetMe()), 401, "Unauthorized");
            error(s, "malformed token", malformed.execute(new GetMe()), 401, "Unauthorized: invalid token specified");
            // a file_id grammY's bot was given is no file_id for this bot
            String foreign = grammy.text("user/photos/0/0/file_id");
            s.assertThat(foreign).as("grammY's file_id").isNotNull();
            error(s, "another bot's file_id", bot.execute(new GetFile(foreign)), 400, "Bad Request: invalid file_id");
            byte[] forged = Base64.getUrlDecoder().decode(foreign);
            forged[forged.length - 1] ^= 1;
            error(s, "a forged file_id", bot.execute(new GetFile(Base64.getUrlEncoder().withoutPadding().encodeToString(forged))),
                    400, "Bad Request: invalid file_id");
            error(s, "unknown method", bot.execute(new FrobnicateProfile()), 404, "Not Found");

            // limit is clamped to 1..100, never refused
            long user = Long.parseLong(userId);
            GetUserProfilePhotosResponse zero = bot.execute(new GetUserProfilePhotos(user).limit(0));
            s.assertThat(zero.isOk() ? zero.photos().photos().length : -1).as("limit 0 answers one photo: " + zero).isEqualTo(1);
            GetUserProfilePhotosResponse many = bot.execute(new GetUserProfilePhotos(user).limit(101));
            s.assertThat(many.isOk() ? many.photos().photos().length : -1).as("limit 101 answers all (at most 100): " + many).isEqualTo(2);
            s.assertThat(many.isOk() ? many.photos().totalCount() : -1).as("limit 101: total_count").isEqualTo(2);
        } finally {
            bot.shutdown();
            wrong.shutdown();
            malformed.shutdown();
        }

        // a 12 MB JPEG (2600x2600), multipart over plain HTTP (pengrad 9.2 has no setMyProfilePhoto): over the
        // Bot API photos are at most 10 MB ("Bad Request: file is too big"), though MTProto takes it (up to 30 MB)
        byte[] big = Files.readAllBytes(media.resolve("big.jpg"));
        s.assertThat(big.length).as("the big photo's size").isGreaterThan(12 << 20);
        HttpResponse<String> r = setMyProfilePhoto(javaToken, big);
        JsonNode answer = TlJson.MAPPER.readTree(r.body());
        s.assertThat(r.statusCode()).as("12 MB photo: " + r.body()).isEqualTo(400);
        s.assertThat(answer.path("description").asText()).as("12 MB photo").isEqualTo("Bad Request: file is too big");
        TelegramBot again = pengrad(javaToken);
        try {
            GetUserProfilePhotosResponse own = again.execute(new GetUserProfilePhotos(Long.parseLong(botId(javaToken))));
            s.assertThat(own.isOk() ? own.photos().totalCount() : -1).as("no photo made of it: " + own).isZero();
        } finally {
            again.shutdown();
        }
        s.assertAll();
    }

    // ---- the flow's assertions (lib/bot-api.mjs) -----------------------------------------------------------------

    private static void assertFlow(ScriptRun r, String token, String username) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(r.json.path("ok").asBoolean()).as("ok").isTrue();
        s.assertThat(r.at("stepErrors").size()).as("stepErrors").isZero();
        s.assertThat(r.text("getMe/id")).as("getMe id").isEqualTo(botId(token));
        s.assertThat(r.bool("getMe/is_bot")).as("getMe is_bot").isTrue();
        s.assertThat(r.text("getMe/username")).as("getMe username").isEqualTo(username);
        s.assertThat(r.bool("setStatic/result")).as("setMyProfilePhoto static").isTrue();
        s.assertThat(r.bool("setAnimated/result")).as("setMyProfilePhoto animated").isTrue();

        // its own album: the animated photo in front of the static one
        s.assertThat(r.at("selfAfterSet/total_count").asInt()).as("own total_count after both").isEqualTo(2);
        s.assertThat(r.at("selfAfterSet/photos").size()).as("own photos after both").isEqualTo(2);
        // the animated photo's still is the frame at main_frame_timestamp 1.5 s: blue (the first second is red)
        s.assertThat(r.at("ownStill/download/w").asInt() + "x" + r.at("ownStill/download/h").asInt()).as("own still: JPEG SOF")
                .isEqualTo(r.at("ownStill/size/width").asInt() + "x" + r.at("ownStill/size/height").asInt());
        s.assertThat(centre(r.text("ownStill/download/file"))).as("own still: the frame at 1.5 s").isEqualTo("blue");

        // the person's two photos, newest first, each size a complete PhotoSize
        s.assertThat(r.at("user/total_count").asInt()).as("user total_count").isEqualTo(2);
        s.assertThat(r.at("user/photos").size()).as("user photos").isEqualTo(2);
        s.assertThat(photoId(r.text("user/photos/0/0/file_unique_id"))).as("first: the newer photo").isEqualTo(setup.text("uploads/1/id"));
        s.assertThat(photoId(r.text("user/photos/1/0/file_unique_id"))).as("then the older").isEqualTo(setup.text("uploads/0/id"));
        for (int i = 0; i < 2; i++) {
            s.assertThat(botApiSizes(r.at("user/photos/" + i))).as("photo " + i + ": the sizes MTProto uploaded")
                    .isEqualTo(mtprotoSizes(setup.at("uploads/" + (1 - i) + "/sizes")));
            for (JsonNode size : r.at("user/photos/" + i)) {
                s.assertThat(size.has("file_id") && size.has("file_unique_id") && size.has("width") && size.has("height")
                        && size.has("file_size")).as("PhotoSize fields: " + size).isTrue();
            }
        }

        // getFile of the biggest size and its download
        JsonNode asked = r.at("file/asked");
        s.assertThat(asked.path("width").asInt()).as("biggest size of the newer photo").isEqualTo(1280);
        s.assertThat(r.text("file/file/file_id")).as("getFile file_id").isEqualTo(asked.path("file_id").asText());
        s.assertThat(r.text("file/file/file_unique_id")).as("getFile file_unique_id").isEqualTo(asked.path("file_unique_id").asText());
        s.assertThat(r.at("file/file/file_size").asLong()).as("getFile file_size").isEqualTo(asked.path("file_size").asLong());
        s.assertThat(r.text("file/file/file_path")).as("file_path").startsWith("profile_photos/").endsWith(".jpg");
        s.assertThat(r.at("download/status").asInt()).as("download status").isEqualTo(200);
        s.assertThat(r.text("download/contentType")).as("download content type").isEqualTo("image/jpeg");
        s.assertThat(r.at("download/bytes").asLong()).as("download bytes = file_size").isEqualTo(asked.path("file_size").asLong());
        s.assertThat(r.text("download/format")).as("download format").isEqualTo("jpeg");
        s.assertThat(r.at("download/w").asInt() + "x" + r.at("download/h").asInt()).as("JPEG SOF dimensions = the size's")
                .isEqualTo(asked.path("width").asInt() + "x" + asked.path("height").asInt());
        s.assertThat(TestImages.decodedSize(r.text("download/file"))).as("the download decodes")
                .isEqualTo(asked.path("width").asInt() + "x" + asked.path("height").asInt());

        // limit clamped to 1..100; offset pages
        s.assertThat(r.at("limits/limit0").asInt()).as("limit 0 answers one photo").isEqualTo(1);
        s.assertThat(r.at("limits/limit101").asInt()).as("limit 101 answers all two (at most 100)").isEqualTo(2);
        s.assertThat(r.at("limits/offset1limit1/photos").size()).as("offset 1 limit 1").isEqualTo(1);
        s.assertThat(r.text("limits/offset1limit1/photos/0/0/file_unique_id")).as("offset 1: the older photo")
                .isEqualTo(r.text("user/photos/1/0/file_unique_id"));

        // errors as the library surfaced them
        libraryError(s, r, "wrongToken", 401, "Unauthorized");
        libraryError(s, r, "malformedToken", 401, "Unauthorized: invalid token specified");
        libraryError(s, r, "forgedFileId", 400, "Bad Request: invalid file_id");
        // what photos.uploadProfilePhoto answers, passed on: text is no format the server takes (PHOTO_EXT_INVALID,
        // whatever the file's name), half a JPEG cannot be decoded (IMAGE_PROCESS_FAILED)
        libraryError(s, r, "nonImage", 400, "Bad Request: PHOTO_EXT_INVALID");
        libraryError(s, r, "truncatedJpeg", 400, "Bad Request: IMAGE_PROCESS_FAILED");
        libraryError(s, r, "unknownMethod", 404, "Not Found");

        // removeMyProfilePhoto deletes the animated photo: the static one is left
        s.assertThat(r.bool("remove/result")).as("removeMyProfilePhoto").isTrue();
        s.assertThat(r.at("selfAfterRemove/total_count").asInt()).as("own total_count after remove").isEqualTo(1);
        s.assertThat(r.text("selfAfterRemove/photos/0/0/file_unique_id")).as("what is left: the static photo")
                .isEqualTo(r.text("selfAfterSet/photos/1/0/file_unique_id"));
        r.assertAll(s);
    }

    /** The colour at the centre of an image file: "red", "blue", or its RGB. */
    private static String centre(String file) {
        try {
            BufferedImage img = file == null ? null : ImageIO.read(Path.of(file).toFile());
            if (img == null) return "(no image: " + file + ")";
            int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
            int red = (rgb >> 16) & 0xff, green = (rgb >> 8) & 0xff, blue = rgb & 0xff;
            if (red > 200 && green < 60 && blue < 60) return "red";
            if (blue > 200 && red < 60 && green < 60) return "blue";
            return "rgb(" + red + "," + green + "," + blue + ")";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static void libraryError(SoftAssertions s, ScriptRun r, String name, int code, String description) {
        s.assertThat(r.at("errors/" + name + "/error_code").asInt()).as(name + " error_code (" + r.at("errors/" + name) + ")").isEqualTo(code);
        s.assertThat(r.text("errors/" + name + "/description")).as(name + " description").isEqualTo(description);
    }

    private static void error(SoftAssertions s, String what, BaseResponse r, int code, String description) {
        s.assertThat(r.isOk()).as(what + ": ok (" + r + ")").isFalse();
        s.assertThat(r.errorCode()).as(what + ": error_code (" + r + ")").isEqualTo(code);
        s.assertThat(r.description()).as(what + ": description").isEqualTo(description);
    }

    /** An unknown method, as pengrad would send a method it has a class for ("frobnicateProfile"). */
    static final class FrobnicateProfile extends BaseRequest<FrobnicateProfile, BaseResponse> {
        FrobnicateProfile() {
            super(BaseResponse.class);
        }
    }

    // ---- ids and sizes -------------------------------------------------------------------------------------------

    /** The photo id (signed decimal) of a file_unique_id of this endpoint (see the class comment). */
    static String photoId(String fileUniqueId) {
        if (fileUniqueId == null) return null;
        byte[] raw = Base64.getUrlDecoder().decode(fileUniqueId);
        return raw.length == 10 ? String.valueOf(ByteBuffer.wrap(raw, 1, 8).getLong()) : "(not a photo size: " + fileUniqueId + ")";
    }

    /** MTProto sizes (gramjs-bot-api-user.mjs) as "WxH:bytes", in order. */
    private static List<String> mtprotoSizes(JsonNode sizes) {
        List<String> out = new ArrayList<>();
        for (JsonNode sz : sizes) out.add(sz.path("w").asInt() + "x" + sz.path("h").asInt() + ":" + sz.path("size").asLong());
        return out;
    }

    /** A Bot API PhotoSize array as "WxH:bytes", in order. */
    private static List<String> botApiSizes(JsonNode sizes) {
        List<String> out = new ArrayList<>();
        for (JsonNode sz : sizes) out.add(sz.path("width").asInt() + "x" + sz.path("height").asInt() + ":" + sz.path("file_size").asLong());
        return out;
    }

    private static List<String> pengradSizes(PhotoSize[] sizes) {
        return Arrays.stream(sizes).map(sz -> sz.width() + "x" + sz.height() + ":" + sz.fileSize()).toList();
    }

    private static String botId(String token) {
        return token.substring(0, token.indexOf(':'));
    }

    // ---- clients -------------------------------------------------------------------------------------------------

    private static TelegramBot pengrad(String token) {
        return new TelegramBot.Builder(token).apiUrl(api.url() + "/bot").fileApiUrl(api.url() + "/file/bot").build();
    }

    private static ScriptRun gramjsUser(String mode, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--phone", PHONE, "--do", mode));
        all.addAll(List.of(args));
        return NodeScript.of("gramjs", "gramjs-bot-api-user").label("gramjs-bot-api-user-" + mode).timeout(SCRIPT_TIMEOUT)
                .args(all.toArray(String[]::new)).run(server);
    }

    private static NodeScript botScript(String client, String script, String token) {
        return NodeScript.of(client, script).label(script).timeout(SCRIPT_TIMEOUT)
                .args("--api-root", api.url(), "--token", token, "--user", userId, "--images", media.toString(),
                        "--out", out.toString(), "--wrong-token", botId(token) + ":" + "B".repeat(35));
    }

    /** setMyProfilePhoto with a static photo, multipart as the Bot API documents it. */
    private static HttpResponse<String> setMyProfilePhoto(String token, byte[] jpeg) throws Exception {
        String boundary = "portrait-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n"
                + "{\"type\":\"static\",\"photo\":\"attach://pic\"}\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"pic\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(jpeg);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/setMyProfilePhoto"))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    // ---- media ---------------------------------------------------------------------------------------------------

    /** older.jpg / newer.jpg (the person's); static.jpg, animated.mp4, notes.txt, truncated.jpg (the bots'); big.jpg (12+ MB). */
    private static void writeMedia(Path dir) throws Exception {
        Files.write(dir.resolve("older.jpg"), TestImages.encode(TestImages.picture(900, 800, 1), "jpg"));
        Files.write(dir.resolve("newer.jpg"), TestImages.encode(TestImages.picture(1600, 1400, 2), "jpg"));
        Files.write(dir.resolve("static.jpg"), TestImages.encode(TestImages.picture(640, 640, 3), "jpg"));
        Files.writeString(dir.resolve("notes.txt"), "not a picture\n".repeat(100));
        byte[] whole = TestImages.encode(TestImages.picture(800, 800, 4), "jpg");
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(whole, whole.length / 2));
        // two seconds, red then blue: main_frame_timestamp 1.5 picks blue
        TestImages.mp4(VideoTools.find(), dir, "animated.mp4", List.of(
                "-f", "lavfi", "-i", "color=c=red:s=640x640:r=25:d=1",
                "-f", "lavfi", "-i", "color=c=blue:s=640x640:r=25:d=1",
                "-filter_complex", "[0][1]concat=n=2:v=1:a=0,format=yuv420p[v]", "-map", "[v]"));
        Files.write(dir.resolve("big.jpg"), noiseJpeg(2600, 2600, 12 << 20));
    }

    /** A JPEG of random pixels at quality 1.0, larger than minBytes (noise does not compress). */
    private static byte[] noiseJpeg(int w, int h, int minBytes) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(12);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) row[x] = random.nextInt(1 << 24);
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1.0f);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        if (bytes.size() <= minBytes) throw new IllegalStateException("noise JPEG of " + bytes.size() + " bytes, wanted > " + minBytes);
        return bytes.toByteArray();
    }
}
