package dev.portrait.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlMethod;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bot API endpoint over a real server, by plain HTTP in every request form: a bot sets its photo (multipart,
 * attach://), reads photos and their files, downloads them, and is refused as the official server refuses (file ids
 * bound to the bot and signed, tokens, parameters). Real bot libraries are driven in e2e (BotApiClientsTest).
 */
class BotApiTest {
    @TempDir
    static Path dir;
    static PortraitServer server;
    static BotApi api;
    static String alice;
    static String bob;
    static long aliceId;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port));
        api = BotApi.attach(new BotApi.Options("127.0.0.1", 0), server);
        Administration admin = new Administration(server.store());
        admin.addUser("9996650001", "Owner", "", null, false);
        UserRecord a = admin.addBot("9996650001", "alice_photo_bot", "Alice");
        UserRecord b = admin.addBot("9996650001", "bob_photo_bot", "Bob");
        alice = a.id() + ":" + a.botSecret();
        bob = b.id() + ":" + b.botSecret();
        aliceId = a.id();
    }

    @AfterAll
    static void stop() {
        if (api != null) api.close();
        if (server != null) server.close();
    }

    record Answer(int status, JsonNode body) {
        JsonNode result() {
            assertThat(body.path("ok").asBoolean()).as(body.toString()).isTrue();
            return body.path("result");
        }

        String error() {
            assertThat(body.path("ok").asBoolean()).as(body.toString()).isFalse();
            assertThat(body.path("error_code").asInt()).isEqualTo(status);
            return status + " " + body.path("description").asText();
        }
    }

    static Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return new Answer(r.statusCode(), BotApi.JSON.readTree(r.body()));
    }

    static Answer get(String token, String method, String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/" + method + (query == null ? "" : "?" + query))));
    }

    static Answer json(String token, String method, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Answer form(String token, String method, Map<String, String> fields) throws Exception {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(sb.toString())));
    }

    /** multipart/form-data with text fields and one file part. */
    static Answer multipart(String token, String method, Map<String, String> fields, String fileField, byte[] file) throws Exception {
        String boundary = "----portrait" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"upload.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/" + method))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static byte[] jpeg(int w, int h, Color color) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.CYAN);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A valid JPEG made about {@code size} bytes long by comment segments after its start marker. */
    static byte[] padded(byte[] jpeg, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + jpeg.length);
        out.write(jpeg, 0, 2);
        byte[] comment = new byte[65_533];
        while (out.size() < size) {
            out.write(0xFF);
            out.write(0xFE);
            out.write(0xFF);
            out.write(0xFF);
            out.writeBytes(comment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static Answer setStatic(String token, byte[] photo) throws Exception {
        return multipart(token, "setMyProfilePhoto", Map.of("photo", "{\"type\":\"static\",\"photo\":\"attach://pic\"}"), "pic", photo);
    }

    @Test
    void tokensStayOutOfLogs() {
        assertThat(BotApi.redacted("/bot123:AAbbCC-dd/getFile")).isEqualTo("/bot123:***/getFile");
        assertThat(BotApi.redacted("/file/bot123:AAbb/profile_photos/x.jpg")).isEqualTo("/file/bot123:***/profile_photos/x.jpg");
    }

    /** A bot's calls reach whoever hears the server's calls (the inspector's RPC log), with their outcome. */
    @Test
    void callsAreHeardWithTheirOutcome() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<dev.portrait.server.rpc.ServiceEvent> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        server.rpcHooks(new dev.portrait.server.rpc.RpcHooks() {
            @Override
            public dev.portrait.server.rpc.Fault before(dev.portrait.server.rpc.RpcContext context, TlMethod<?> method) {
                return null;
            }

            @Override
            public void after(dev.portrait.server.rpc.RpcCall call) {
            }

            @Override
            public void service(dev.portrait.server.rpc.ServiceEvent event) {
                heard.add(event);
            }
        });
        try {
            get(bob, "getFile", "file_id=forged");
            var e = heard.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo("bot_api");
            assertThat(e.transport()).isEqualTo("bot-api");
            assertThat(e.userId()).isEqualTo(Long.parseLong(bob.substring(0, bob.indexOf(':'))));
            assertThat(e.detail()).isEqualTo("getFile {\"file_id\":\"forged\"} → 400 Bad Request: invalid file_id");
            assertThat(e.detail()).doesNotContain(bob.substring(bob.indexOf(':') + 1));
        } finally {
            server.rpcHooks(dev.portrait.server.rpc.RpcHooks.NONE);
        }
    }

    /**
     * The inspector steers bots' calls as it steers MTProto ones: a fault rule bot_api.getFile=FLOOD_WAIT_3 answers
     * 429 "Too Many Requests: retry after 3" (with retry_after, as Telegram answers a flood), once; a drop closes the
     * connection without an answer; each call is a bot_api entry of its RPC log.
     */
    @Test
    void theInspectorsFaultRulesAndLogCoverBotCalls() throws Exception {
        try (dev.portrait.inspector.Inspector inspector = dev.portrait.inspector.Inspector.attach(
                new dev.portrait.inspector.Inspector.Options("127.0.0.1", 0, null), server)) {
            String root = "http://127.0.0.1:" + inspector.port();
            HttpResponse<String> rule = http.send(HttpRequest.newBuilder(URI.create(root + "/api/v1/faults"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"bot_api.getMe\",\"error\":\"FLOOD_WAIT_3\",\"count\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
            HttpResponse<String> flood = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + bob + "/getMe")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(flood.statusCode()).isEqualTo(429);
            assertThat(flood.headers().firstValue("Retry-After")).hasValue("3");
            JsonNode body = BotApi.JSON.readTree(flood.body());
            assertThat(body.path("description").asText()).isEqualTo("Too Many Requests: retry after 3");
            assertThat(body.path("parameters").path("retry_after").asInt()).isEqualTo(3);
            assertThat(get(bob, "getme", null).result().path("is_bot").asBoolean()).isTrue(); // count 1: the next one runs

            http.send(HttpRequest.newBuilder(URI.create(root + "/api/v1/faults")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"bot_api.get*\",\"drop\":true,\"count\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // a POST, which java.net.http does not send again on a new connection as it does a GET
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + bob + "/getMe"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);

            JsonNode calls = BotApi.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(root + "/api/v1/calls?method=bot_api")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            List<String> details = new ArrayList<>();
            calls.path("calls").forEach(c -> details.add(c.path("params").path("detail").asText()));
            assertThat(details).contains("getMe {} → 429 Too Many Requests: retry after 3", "getme {} → ok", "getMe {} → dropped");
        }
    }

    @Test
    void getMeDescribesTheBot() throws Exception {
        JsonNode me = get(alice, "getMe", null).result();
        assertThat(me.path("id").asLong()).isEqualTo(aliceId);
        assertThat(me.path("is_bot").asBoolean()).isTrue();
        assertThat(me.path("first_name").asText()).isEqualTo("Alice");
        assertThat(me.path("username").asText()).isEqualTo("alice_photo_bot");
        assertThat(me.has("can_join_groups")).isTrue();
        // method names are case-insensitive, and POST works as GET
        assertThat(json(alice, "GETME", "{}").result().path("id").asLong()).isEqualTo(aliceId);
    }

    @Test
    void tokensAndMethodsAreRefusedAsTheOfficialServerRefusesThem() throws Exception {
        assertThat(get(alice.substring(0, alice.length() - 1) + "x", "getMe", null).error()).isEqualTo("401 Unauthorized");
        assertThat(get("123456:" + "A".repeat(30), "getMe", null).error()).isEqualTo("401 Unauthorized");
        assertThat(get("no-colon", "getMe", null).error()).isEqualTo("401 Unauthorized: invalid token specified");
        assertThat(get("0123:abc", "getMe", null).error()).isEqualTo("401 Unauthorized: invalid token specified");
        assertThat(get(alice, "sendMessage", "chat_id=1&text=hi").error()).isEqualTo("404 Not Found");
        // a wrong token is refused before the method is looked up
        assertThat(get("1:" + "A".repeat(30), "sendMessage", null).error()).isEqualTo("401 Unauthorized");
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(BotApi.JSON.readTree(elsewhere.body()).path("description").asText()).isEqualTo("Not Found");
    }

    @Test
    void aPhotoSetOverHttpIsReadDownloadedAndRemoved() throws Exception {
        assertThat(setStatic(alice, jpeg(900, 700, Color.BLUE)).result().asBoolean()).isTrue();
        // read by another bot, as a JSON body
        JsonNode photos = json(bob, "getUserProfilePhotos", "{\"user_id\":" + aliceId + "}").result();
        assertThat(photos.path("total_count").asInt()).isEqualTo(1);
        JsonNode sizes = photos.path("photos").get(0);
        List<String> seen = new ArrayList<>();
        sizes.forEach(s -> seen.add(s.path("width").asInt() + "x" + s.path("height").asInt()));
        assertThat(seen).containsExactly("160x160", "320x320", "640x640");
        JsonNode biggest = sizes.get(2);
        assertThat(biggest.fieldNames()).toIterable().containsExactly("file_id", "file_unique_id", "file_size", "width", "height");
        String fileId = biggest.path("file_id").asText();
        assertThat(fileId).matches("[A-Za-z0-9_-]+");

        // file_unique_id is the same for every bot; file_id is the bot's own
        JsonNode own = get(alice, "getUserProfilePhotos", "user_id=" + aliceId).result().path("photos").get(0).get(2);
        assertThat(own.path("file_unique_id").asText()).isEqualTo(biggest.path("file_unique_id").asText());
        assertThat(own.path("file_id").asText()).isNotEqualTo(fileId);
        assertThat(get(alice, "getFile", "file_id=" + fileId).error()).isEqualTo("400 Bad Request: invalid file_id");

        JsonNode file = form(bob, "getFile", Map.of("file_id", fileId)).result();
        assertThat(file.path("file_size").asInt()).isEqualTo(biggest.path("file_size").asInt());
        String path = file.path("file_path").asText();
        HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/file/bot" + bob + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).hasSize(biggest.path("file_size").asInt());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes.body()));
        assertThat(img.getWidth()).isEqualTo(640);
        // the path is no key: another token must be one that may see the photo, a bad one is refused
        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/file/bot1:" + "A".repeat(30) + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);

        // forged: one byte changed, or made up
        byte[] raw = Base64.getUrlDecoder().decode(fileId);
        raw[10] ^= 1;
        assertThat(get(bob, "getFile", "file_id=" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).error())
                .isEqualTo("400 Bad Request: invalid file_id");
        assertThat(get(bob, "getFile", "file_id=AgADBAAD-not-a-file").error()).isEqualTo("400 Bad Request: invalid file_id");
        assertThat(get(bob, "getFile", null).error()).isEqualTo("400 Bad Request: file_id not specified");

        assertThat(get(alice, "removeMyProfilePhoto", null).result().asBoolean()).isTrue();
        assertThat(get(bob, "getUserProfilePhotos", "user_id=" + aliceId).result().path("total_count").asInt()).isZero();
        assertThat(get(bob, "getFile", "file_id=" + fileId).error())
                .isEqualTo("400 Bad Request: wrong file_id or the file is temporarily unavailable");
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/file/bot" + bob + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void offsetAndLimitAreClampedAndUserIdsChecked() throws Exception {
        for (Color c : List.of(Color.RED, Color.GREEN)) setStatic(bob, jpeg(400, 400, c)).result();
        setStatic(bob, png(400, 300)).result(); // a PNG upload is a static photo too
        String id = bob.substring(0, bob.indexOf(':'));
        assertThat(get(alice, "getUserProfilePhotos", "user_id=" + id + "&limit=0").result().path("photos")).hasSize(1);
        JsonNode all = get(alice, "getUserProfilePhotos", "user_id=" + id + "&limit=101").result();
        assertThat(all.path("photos")).hasSize(3);
        assertThat(all.path("total_count").asInt()).isEqualTo(3);
        JsonNode page = get(alice, "getUserProfilePhotos", "user_id=" + id + "&offset=1&limit=1").result();
        assertThat(page.path("total_count").asInt()).isEqualTo(3);
        assertThat(page.path("photos")).hasSize(1);
        assertThat(get(alice, "getUserProfilePhotos", "user_id=" + id + "&offset=-5&limit=2").result().path("photos")).hasSize(2);
        // the query wins over the body
        assertThat(send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + alice + "/getUserProfilePhotos?user_id=" + id + "&limit=1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"limit\":3}"))).result().path("photos")).hasSize(1);
        assertThat(get(alice, "getUserProfilePhotos", "user_id=abc").error()).isEqualTo("400 Bad Request: invalid user_id specified");
        assertThat(get(alice, "getUserProfilePhotos", null).error()).isEqualTo("400 Bad Request: invalid user_id specified");
        assertThat(get(alice, "getUserProfilePhotos", "user_id=424242").error()).isEqualTo("400 Bad Request: user not found");
        for (int i = 0; i < 3; i++) get(bob, "removeMyProfilePhoto", null).result();
    }

    /**
     * A user's photo as MTProto shows it to the bot: a user (the Java client) uploads one, then hides profile photos
     * from everyone (account.setPrivacy), then lets bots see them again. The bot's file_id stops and starts working
     * with it.
     */
    @Test
    void aUsersPrivacyRulesDecideWhatTheBotSees() throws Exception {
        ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
        try (MtprotoClient c = MtprotoClient.connect(options, null)) {
            String phone = "9996650002";
            AuthSentCode sent = (AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "hash", CodeSettings.builder().build())));
            String code = server.store().loginCodes().find(sent.phoneCodeHash()).orElseThrow().code();
            await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash()).phoneCode(code).build()));
            User user = (User) ((AuthAuthorization) await(c.invoke(AuthSignUp.builder().phoneNumber(phone)
                    .phoneCodeHash(sent.phoneCodeHash()).firstName("Carol").lastName("").build()))).user();
            await(c.invoke(PhotosUploadProfilePhoto.builder().file(FileTransfer.upload(c, jpeg(800, 800, Color.MAGENTA), "c.jpg")).build()));
            JsonNode seen = get(alice, "getUserProfilePhotos", "user_id=" + user.id()).result();
            assertThat(seen.path("total_count").asInt()).isEqualTo(1);
            String fileId = seen.path("photos").get(0).get(0).path("file_id").asText();

            await(c.invoke(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueDisallowAll()))));
            assertThat(get(alice, "getUserProfilePhotos", "user_id=" + user.id()).result().path("total_count").asInt()).isZero();
            assertThat(get(alice, "getFile", "file_id=" + fileId).error())
                    .isEqualTo("400 Bad Request: wrong file_id or the file is temporarily unavailable");

            await(c.invoke(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(),
                    List.of(new InputPrivacyValueAllowBots(), new InputPrivacyValueDisallowAll()))));
            assertThat(get(alice, "getUserProfilePhotos", "user_id=" + user.id()).result().path("total_count").asInt()).isEqualTo(1);
            assertThat(get(alice, "getFile", "file_id=" + fileId).result().path("file_size").asInt()).isPositive();
        }
    }

    @Test
    void setMyProfilePhotoRefusesWhatIsNoPhoto() throws Exception {
        // MTProto's own refusals, passed on as the official server passes Telegram's
        assertThat(setStatic(alice, "not a picture at all".repeat(50).getBytes(StandardCharsets.UTF_8)).error())
                .isEqualTo("400 Bad Request: PHOTO_EXT_INVALID");
        // the Bot API's 10 MB for photos, though MTProto would take it
        assertThat(setStatic(alice, padded(jpeg(300, 300, Color.RED), 12 << 20)).error())
                .isEqualTo("400 Bad Request: file is too big");
        assertThat(multipart(alice, "setMyProfilePhoto", Map.of(), null, null).error())
                .isEqualTo("400 Bad Request: parameter \"photo\" is required");
        assertThat(multipart(alice, "setMyProfilePhoto", Map.of("photo", "{\"photo\":\"attach://pic\"}"), "pic", jpeg(300, 300, Color.RED)).error())
                .isEqualTo("400 Bad Request: can't find field \"type\"");
        assertThat(multipart(alice, "setMyProfilePhoto", Map.of("photo", "{\"type\":\"static\",\"photo\":\"attach://other\"}"), "pic", jpeg(300, 300, Color.RED)).error())
                .isEqualTo("400 Bad Request: there is no photo in the request");
        assertThat(multipart(alice, "setMyProfilePhoto", Map.of("photo", "{\"type\":\"static\",\"photo\":\"AgADBAAD\"}"), null, null).error())
                .isEqualTo("400 Bad Request: profile photo must be uploaded as an InputFile");
        assertThat(multipart(alice, "setMyProfilePhoto", Map.of("photo", "{not json"), null, null).error())
                .isEqualTo("400 Bad Request: can't parse InputProfilePhoto JSON object");
        assertThat(get(bob, "getUserProfilePhotos", "user_id=" + aliceId).result().path("total_count").asInt()).isZero();
    }
}
