package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M10 with the Python client a Linux distribution ships: Debian's python3-telethon (1.25.1, layer 144, installed by
 * scripts/install-test-tools.sh) signs up, uploads two photos, lists them, makes the first current again, downloads
 * every size of it and its small and big profile photo, is seen with it by a contact, and deletes both
 * (clients/telethon-layers.py). Before M10 a layer-144 client failed at help.getConfig.
 */
class TelethonLayerTest {
    private static TestServer server;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("portrait-e2e-telethon-", true);
        dir = Files.createDirectories(NodeScript.emptyLogSubdir("telethon-layers"));
        Files.write(dir.resolve("first.jpg"), TestImages.encode(TestImages.picture(1000, 900, 3), "jpg"));
        Files.write(dir.resolve("second.jpg"), TestImages.encode(TestImages.picture(900, 1000, 4), "jpg"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void debiansTelethonManagesItsProfilePhotosInLayer144() throws Exception {
        Path stdout = dir.resolve("telethon.stdout");
        Path stderr = dir.resolve("telethon.stderr.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/python3", NodeBridge.e2eDir().resolve("clients/telethon-layers.py").toString(),
                "9996681441,9996681442", dir.resolve("first.jpg").toString(), dir.resolve("second.jpg").toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("PORTRAIT_ADDRESS", TestServer.HOST + ":" + server.port());
        pb.environment().put("PORTRAIT_KEY", server.keyJson());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("telethon-layers.py finishes").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String why = "stderr (" + stderr + "):\n" + NodeScript.tail(stderr, 60);
        assertThat(p.exitValue()).as(why).isZero();
        JsonNode r = new ObjectMapper().readTree(Files.readString(stdout));
        assertThat(r.path("ok").asBoolean()).as(r.path("error").asText() + "\n" + why).isTrue();
        assertThat(r.path("version").asText()).isEqualTo("1.25.1");
        assertThat(r.path("layer").asInt()).isEqualTo(144);
        JsonNode s = r.path("steps");
        List<String> ids = new java.util.ArrayList<>();
        s.path("upload").path("ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(s.path("upload").path("sizes").findValuesAsText("type")).containsExactly("i", "a", "b", "c");
        // newest first; then the first upload is made current again
        assertThat(s.path("getUserPhotos").path("ids").get(0).asText()).isEqualTo(ids.get(1));
        assertThat(s.path("updateProfilePhoto").path("kind").asText()).isEqualTo("Photo");
        assertThat(s.path("updateProfilePhoto").path("meNow").asText()).isEqualTo(ids.get(0));
        JsonNode d = s.path("downloads");
        assertThat(d.path("photoId").asText()).isEqualTo(ids.get(0));
        for (String type : List.of("a", "b", "c")) {
            assertThat(d.path("sizes").path(type).path("jpeg").asBoolean()).as(type).isTrue();
            assertThat(d.path("sizes").path(type).path("bytes").asInt()).as(type).isEqualTo(d.path("sizes").path(type).path("size").asInt());
        }
        assertThat(d.path("profileSmall").path("bytes").asInt()).isEqualTo(d.path("sizes").path("a").path("bytes").asInt());
        assertThat(d.path("profileBig").path("bytes").asInt()).isEqualTo(d.path("sizes").path("c").path("bytes").asInt());
        assertThat(s.path("bSeesA").path("photoId").asText()).isEqualTo(ids.get(0));
        assertThat(s.path("bSeesA").path("bigJpeg").asBoolean()).isTrue();
        List<String> deleted = new java.util.ArrayList<>();
        s.path("delete").path("deleted").forEach(id -> deleted.add(id.asText()));
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(s.path("delete").path("left").asInt()).isZero();
    }
}
