package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M10 with the clients people have pinned, each speaking its own layer: older npm `telegram` (gramjs) versions and
 * older @mtproto/core versions, installed beside the current ones under npm aliases (e2e/package.json). Each signs up,
 * uploads a profile photo, sees it in users.getUsers / getMe, users.getFullUser and photos.getUserPhotos, downloads
 * every size of it and the profile photo small and big, uploads a second photo and makes the first current again
 * (photos.updateProfilePhoto), is seen with it by another account that imported it by phone, and deletes both
 * (clients/gramjs-layers.mjs, clients/mtproto-core-layers.mjs, which record the same steps). Before M10 these
 * versions failed at sign-up with "Could not find a matching Constructor ID": they were sent constructors of a newer
 * layer. Layer 150 has no updateUser: the push after its photo change leaves it out. Layers before 128 address photo
 * files by FileLocation (volume_id = the photo's id, local_id = the size type's character), and photos.updateProfilePhoto
 * answers with the UserProfilePhoto before layer 117 (photos.photo from then on); users.getFullUser answers with the
 * bare userFull before layer 135. gramjs 1.x drops a server message whose msg_id is below its own newest one (a reply
 * in flight while it sends an ack; a check gramjs 2.0 removed): recorded as a warning, and the flow's steps decide.
 */
class OlderClientsTest {
    private static TestServer server;
    private static Path image;
    private static Path image2;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("portrait-e2e-layers-", true);
        Path dir = Files.createDirectories(NodeScript.emptyLogSubdir("layers-images"));
        image = dir.resolve("photo.jpg");
        Files.write(image, TestImages.encode(TestImages.picture(1000, 900, 7), "jpg"));
        image2 = dir.resolve("photo2.jpg");
        Files.write(image2, TestImages.encode(TestImages.picture(800, 800, 3), "jpg"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "gramjs {1} (layer {2})")
    @CsvSource({
            "telegram-131, 1.11.1, 131, 9996681311",
            "telegram-140, 2.8.2, 140, 9996681401",
            "telegram-150, 2.15.5, 150, 9996681501",
            "telegram-166, 2.19.10, 166, 9996681661",
            "telegram-181, 2.22.2, 181, 9996681811",
    })
    void anOlderGramjsManagesItsProfilePhotoInItsOwnLayer(String pkg, String version, int layer, long phone) throws Exception {
        ScriptRun r = run("gramjs", "gramjs-layers", pkg, layer, phone);
        assertFlow(r, version, layer, phone);
        var downloads = r.json.path("steps").path("downloads");
        // gramjs's own helpers: downloadProfilePhoto('me') gives the small size, downloadMedia(photo) the largest
        assertThat(downloads.path("smallJpeg").asBoolean()).as(r.why("small download")).isTrue();
        assertThat(downloads.path("largestJpeg").asBoolean()).as(r.why("largest download")).isTrue();
        assertThat(downloads.path("smallBytes").asInt()).isEqualTo(sizeOf(r, "a").path("size").asInt());
        assertThat(downloads.path("largestBytes").asInt()).isEqualTo(sizeOf(r, "c").path("size").asInt());
        // 2.8 hands one socket object to every connection and 1.x has no socket option (lib/gramjs-client.mjs
        // ownSockets): each connection gets its own socket here
        assertThat(r.json.path("perConnectionSockets").asBoolean()).isEqualTo(layer <= 140);
    }

    @ParameterizedTest(name = "@mtproto/core {1} (layer {2})")
    @CsvSource({
            "mtproto-core-113, 4.0.1, 113, 9996681131",
            "mtproto-core-121, 5.3.0, 121, 9996681211",
    })
    void anOlderMtprotoCoreManagesItsProfilePhotoInItsOwnLayer(String pkg, String version, int layer, long phone) throws Exception {
        ScriptRun r = run("mtproto-core", "mtproto-core-layers", pkg, layer, phone);
        assertFlow(r, version, layer, phone);
        // B downloaded A's profile photo by the peer too
        assertThat(r.json.path("steps").path("bSeesA").has("profileSmall")).as(r.why("B's download")).isTrue();
    }

    private static ScriptRun run(String client, String script, String pkg, int layer, long phone) throws Exception {
        return NodeScript.of(client, script).label(script + "-" + layer).timeout(150).tail(120)
                .args("--package", pkg, "--phones", phone + "," + (phone + 1), "--image", image.toString(), "--image2", image2.toString())
                .run(server);
    }

    /** The steps both scripts record, checked against each other and against the layer's forms. */
    private static void assertFlow(ScriptRun r, String version, int layer, long phone) {
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("version").asText()).isEqualTo(version);
        assertThat(r.json.path("layer").asInt()).isEqualTo(layer);
        JsonNode steps = r.json.path("steps");
        assertThat(steps.path("signUpA").path("signedUp").asBoolean()).as(r.why("A signed up")).isTrue();

        JsonNode upload = steps.path("upload");
        String id = upload.path("id").asText();
        assertThat(upload.path("kind").asText()).as(r.why("upload answer")).isEqualToIgnoringCase("photos.photo");
        assertThat(upload.path("sizes").findValuesAsText("type")).as(r.why("sizes")).containsExactly("i", "a", "b", "c");
        for (JsonNode s : upload.path("sizes")) {
            if (!s.path("kind").asText().equals("photoSize")) continue;
            assertThat(s.path("size").asInt()).as(r.why("size of " + s.path("type").asText())).isPositive();
            // before layer 128 a size is addressed by its FileLocation: the photo's id and the type's character
            if (layer < 128) {
                assertThat(s.path("location").path("volumeId").asText()).as(r.why("volume_id of " + s.path("type").asText())).isEqualTo(id);
                assertThat(s.path("location").path("localId").asInt()).isEqualTo((int) s.path("type").asText().charAt(0));
            } else {
                assertThat(s.path("location").isNull()).as(r.why("no FileLocation in layer " + layer)).isTrue();
            }
        }

        JsonNode me = steps.path("getMe");
        assertThat(me.path("photo").asText()).isEqualTo("userProfilePhoto");
        assertThat(me.path("photoId").asText()).as(r.why("getMe photo")).isEqualTo(id);
        if (layer < 128) {
            assertThat(me.path("small").path("volumeId").asText()).as(r.why("photo_small")).isEqualTo(id);
            assertThat(me.path("small").path("localId").asInt()).isEqualTo('a');
            assertThat(me.path("big").path("volumeId").asText()).as(r.why("photo_big")).isEqualTo(id);
            assertThat(me.path("big").path("localId").asInt()).isEqualTo('c');
        }
        JsonNode full = steps.path("getFullUser");
        assertThat(full.path("kind").asText()).as(r.why("users.getFullUser answer"))
                .isEqualToIgnoringCase(layer >= 135 ? "users.userFull" : "userFull");
        assertThat(full.path("id").asText()).isEqualTo(id);
        assertThat(steps.path("getUserPhotos").path("ids").get(0).asText()).isEqualTo(id);

        // every size the photo lists, and the profile photo small (a) and big (c): the JPEG the size announced
        JsonNode downloads = steps.path("downloads");
        for (String type : List.of("a", "b", "c")) assertDownload(r, downloads.path("sizes").path(type), sizeOf(r, type), "size " + type);
        assertDownload(r, downloads.path("profileSmall"), sizeOf(r, "a"), "profile photo small");
        // @mtproto/core 4.x cannot ask for the big one (it writes a Bool for big:flags.0?true); its legacy download has it
        if (downloads.path("profileBig").has("clientBug")) assertThat(version).startsWith("4.");
        else assertDownload(r, downloads.path("profileBig"), sizeOf(r, "c"), "profile photo big");
        if (layer < 128) {
            for (String type : List.of("a", "b", "c"))
                assertDownload(r, downloads.path("legacy").path(type), sizeOf(r, type), "inputFileLocation " + type);
        }

        JsonNode update = steps.path("updateProfilePhoto");
        String second = update.path("secondId").asText();
        assertThat(second).isNotEqualTo(id);
        assertThat(update.path("currentBefore").asText()).as(r.why("the second upload is current")).isEqualTo(second);
        assertThat(update.path("result").path("kind").asText()).as(r.why("photos.updateProfilePhoto answer"))
                .isEqualToIgnoringCase(layer < 117 ? "userProfilePhoto" : "photos.photo");
        assertThat(update.path("result").path("id").asText()).as(r.why("the photo made current")).isEqualTo(id);
        assertThat(update.path("current").asText()).as(r.why("current after updateProfilePhoto")).isEqualTo(id);
        assertThat(texts(update.path("ids"))).as(r.why("album order")).containsExactly(id, second);

        assertThat(steps.path("bSeesA").path("photoId").asText()).as(r.why("B sees A's photo")).isEqualTo(id);
        if (steps.path("bSeesA").has("profileSmall"))
            assertDownload(r, steps.path("bSeesA").path("profileSmall"), sizeOf(r, "a"), "B's download of A's photo");
        JsonNode delete = steps.path("delete");
        if (!delete.path("deleted").isNull()) assertThat(texts(delete.path("deleted"))).containsExactlyInAnyOrder(id, second);
        else assertThat(delete.path("deletedCount").asInt()).as(r.why("deleted")).isEqualTo(2);
        assertThat(delete.path("left").asInt()).isZero();
        // A's key announced that layer, so everything above was written in it
        long a = server.store().users().findByPhone(String.valueOf(phone)).orElseThrow().id();
        assertThat(server.store().authKeys().list(a)).extracting(dev.portrait.store.StoredAuthKey::layer).contains(layer);
    }

    private static JsonNode sizeOf(ScriptRun r, String type) {
        for (JsonNode s : r.json.path("steps").path("upload").path("sizes")) if (s.path("type").asText().equals(type)) return s;
        throw new AssertionError(r.why("no size " + type));
    }

    private static void assertDownload(ScriptRun r, JsonNode file, JsonNode size, String what) {
        assertThat(file.path("format").asText()).as(r.why(what + " is a JPEG")).isEqualTo("jpeg");
        assertThat(file.path("bytes").asInt()).as(r.why(what + " has the announced length")).isEqualTo(size.path("size").asInt());
        assertThat(file.path("w").asInt()).as(r.why(what + " width")).isEqualTo(size.path("w").asInt());
        assertThat(file.path("h").asInt()).as(r.why(what + " height")).isEqualTo(size.path("h").asInt());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
