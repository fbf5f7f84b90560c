package dev.portrait.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M10 with the clients people have pinned: older npm `telegram` (gramjs) versions, installed beside the current one
 * under npm aliases (e2e/package.json), each speaking its own layer, sign up, upload a profile photo, see it in
 * getMe, users.getFullUser and photos.getUserPhotos, download it small and large, are seen with it by another account
 * and delete it (clients/gramjs-layers.mjs). Before M10 these versions failed at sign-up with "Could not find a
 * matching Constructor ID": they were sent constructors of a newer layer. Layer 150 has no updateUser: the push after
 * its photo change leaves it out (vectors of updates carry only what the client's layer has).
 */
class OlderClientsTest {
    private static TestServer server;
    private static Path image;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("portrait-e2e-layers-", true);
        Path dir = Files.createDirectories(NodeScript.emptyLogSubdir("gramjs-layers-images"));
        image = dir.resolve("photo.jpg");
        Files.write(image, TestImages.encode(TestImages.picture(1000, 900, 7), "jpg"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "gramjs {1} (layer {2})")
    @CsvSource({
            "telegram-150, 2.15.5, 150, 9996681501",
            "telegram-166, 2.19.10, 166, 9996681661",
            "telegram-181, 2.22.2, 181, 9996681811",
    })
    void anOlderGramjsManagesItsProfilePhotoInItsOwnLayer(String pkg, String version, int layer, long phone) throws Exception {
        ScriptRun r = NodeScript.of("gramjs", "gramjs-layers").label("gramjs-layers-" + layer).timeout(120).tail(120)
                .args("--package", pkg, "--phones", phone + "," + (phone + 1), "--image", image.toString()).run(server);
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("version").asText()).isEqualTo(version);
        assertThat(r.json.path("layer").asInt()).isEqualTo(layer);
        var steps = r.json.path("steps");
        assertThat(steps.path("signUpA").path("signedUp").asBoolean()).as(r.why("A signed up")).isTrue();
        String id = steps.path("upload").path("id").asText();
        assertThat(steps.path("upload").path("sizes").findValuesAsText("type")).as(r.why("sizes")).containsExactly("i", "a", "b", "c");
        assertThat(steps.path("getMe").path("photoId").asText()).isEqualTo(id);
        assertThat(steps.path("getFullUser").path("id").asText()).isEqualTo(id);
        assertThat(steps.path("getUserPhotos").path("ids").get(0).asText()).isEqualTo(id);
        assertThat(steps.path("downloads").path("smallJpeg").asBoolean()).as(r.why("small download")).isTrue();
        assertThat(steps.path("downloads").path("largestJpeg").asBoolean()).as(r.why("largest download")).isTrue();
        assertThat(steps.path("bSeesA").path("photoId").asText()).as(r.why("B sees A's photo")).isEqualTo(id);
        assertThat(steps.path("delete").path("deleted").get(0).asText()).isEqualTo(id);
        assertThat(steps.path("delete").path("left").asInt()).isZero();
        // A's key announced that layer, so everything above was written in it
        long a = server.store().users().findByPhone(String.valueOf(phone)).orElseThrow().id();
        assertThat(server.store().authKeys().list(a)).extracting(dev.portrait.store.StoredAuthKey::layer).contains(layer);
    }
}
