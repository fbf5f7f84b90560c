package dev.portrait.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.ClientSession;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.AuthSendCode;
import dev.portrait.tl.api.CodeSettings;
import dev.portrait.tl.api.HelpGetConfig;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import dev.portrait.tl.api.TypeInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RPC log, fault injection and the event stream, with the Java client making real calls. */
class InspectorCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private InspectedServer fx;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(int logCapacity) throws Exception {
        start(new Inspector.Options("127.0.0.1", 0, null, logCapacity));
    }

    private void start(Inspector.Options options) throws Exception {
        fx = InspectedServer.start(dir, true, options);
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    private JsonNode get(String path) throws Exception {
        return fx.get(path);
    }

    private JsonNode post(String path, String json, int status) throws Exception {
        InspectedServer.Answer r = fx.call("POST", path, json);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(status);
        return r.body();
    }

    private int delete(String path) throws Exception {
        return fx.call("DELETE", path, null).status();
    }

    private ClientOptions options() {
        return fx.clientOptions();
    }

    /** A test-mode account signed up by the client; returns its id. */
    private long signUp(MtprotoClient c, String phone) throws Exception {
        fx.signUp(c, phone, "Log");
        return fx.accountId(phone);
    }

    static byte[] jpeg(int side) throws Exception {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) img.setRGB(x, y, (x * 7) ^ (y * 13));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void everyCallIsLoggedWithItsParametersAndAnswer() throws Exception {
        start(10_000);
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            long me = signUp(c, "9996620001");
            TypeInputFile file = FileTransfer.upload(c, jpeg(640), "me.jpg");
            await(c.invoke(PhotosUploadProfilePhoto.builder().file(file).build()));
            assertThatThrownBy(() -> await(c.invoke(PhotosUploadProfilePhoto.builder().build())))
                    .isInstanceOf(RpcErrorException.class).hasMessageContaining("PHOTO_FILE_MISSING");

            // the key exchange and the first message of the session are in the log too, as service events
            JsonNode key = get("/api/v1/calls?method=new_auth_key").get("calls");
            assertThat(key).isNotEmpty();
            assertThat(key.get(0).get("kind").asText()).isEqualTo("service");
            assertThat(key.get(0).get("params").get("detail").asText()).isEqualTo("permanent");
            assertThat(get("/api/v1/calls?method=new_session_created").get("calls")).isNotEmpty();

            JsonNode upload = get("/api/v1/calls?method=uploadProfilePhoto&error=false").get("calls");
            assertThat(upload).hasSize(1);
            JsonNode call = upload.get(0);
            assertThat(call.get("account").asLong()).isEqualTo(me);
            assertThat(call.get("method").asText()).isEqualTo("photos.uploadProfilePhoto");
            assertThat(call.get("params").get("file").get("_").asText()).isEqualTo("inputFile");
            assertThat(call.get("result").get("_").asText()).isEqualTo("photos.photo");
            assertThat(call.get("authKey").asText()).hasSize(8);
            assertThat(call.get("transport").asText()).isEqualTo("intermediate");
            assertThat(call.get("fault").isNull()).isTrue();
            assertThat(call.get("kind").asText()).isEqualTo("call");

            JsonNode failed = get("/api/v1/calls?error=PHOTO_FILE_MISSING").get("calls");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).get("error").get("code").asInt()).isEqualTo(400);

            // a part's bytes are shortened to their first 32 and their length
            JsonNode part = get("/api/v1/calls?method=saveFilePart&limit=1").get("calls").get(0);
            assertThat(part.get("params").get("bytes").asText()).matches("[0-9a-f]{64}\u2026 \\(\\d+ bytes\\)");
            assertThat(get("/api/v1/calls?account=" + me).get("calls").size()).isGreaterThanOrEqualTo(4);
            assertThat(get("/api/v1/calls?account=1").get("calls")).isEmpty();
            JsonNode newest = get("/api/v1/calls?limit=2").get("calls");
            assertThat(get("/api/v1/calls?limit=1&before=" + newest.get(0).get("id").asLong()).get("calls").get(0).get("id"))
                    .isEqualTo(newest.get(1).get("id"));
        }
        assertThat(delete("/api/v1/calls")).isEqualTo(204);
        assertThat(get("/api/v1/calls").get("calls")).isEmpty();
    }

    @Test
    void aFaultRuleAnswersItsErrorAsManyTimesAsItSaysAndIsMarkedInTheLog() throws Exception {
        start(10_000);
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            signUp(c, "9996620002");
            JsonNode rule = post("/api/v1/faults", "{\"method\":\"photos.upload*\",\"error\":\"FLOOD_WAIT_5\",\"count\":1}", 201);
            assertThat(rule.get("code").isNull()).isTrue();
            TypeInputFile file = FileTransfer.upload(c, jpeg(320), "a.jpg");
            assertThatThrownBy(() -> await(c.invoke(PhotosUploadProfilePhoto.builder().file(file).build())))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(420);
                        assertThat(e.getMessage()).contains("FLOOD_WAIT_5");
                    });
            // the count is spent: the rule is gone and the same upload now succeeds
            assertThat(get("/api/v1/faults").get("faults")).isEmpty();
            await(c.invoke(PhotosUploadProfilePhoto.builder().file(file).build()));

            JsonNode injected = get("/api/v1/calls?method=uploadProfilePhoto").get("calls");
            assertThat(injected).hasSize(2);
            assertThat(injected.get(1).get("fault").asText()).isEqualTo("420 FLOOD_WAIT_5");
            assertThat(injected.get(1).get("error").get("message").asText()).isEqualTo("FLOOD_WAIT_5");
            assertThat(injected.get(0).get("fault").isNull()).isTrue();

            // a delay is visible in the call's duration; rules for another account do not touch this one
            post("/api/v1/faults", "{\"method\":\"help.getConfig\",\"delayMs\":300}", 201);
            post("/api/v1/faults", "{\"method\":\"*\",\"account\":42,\"error\":\"INTERNAL\"}", 201);
            await(c.invoke(new HelpGetConfig()));
            JsonNode delayed = get("/api/v1/calls?method=help.getConfig&limit=1").get("calls").get(0);
            assertThat(delayed.get("fault").asText()).isEqualTo("delay 300 ms");
            assertThat(delayed.get("durationMs").asDouble()).isGreaterThanOrEqualTo(300);
            assertThat(get("/api/v1/faults").get("faults")).hasSize(2);
            long id = get("/api/v1/faults").get("faults").get(1).get("id").asLong();
            assertThat(delete("/api/v1/faults/" + id)).isEqualTo(204);
            assertThat(delete("/api/v1/faults/" + id)).isEqualTo(404);
            assertThat(delete("/api/v1/faults")).isEqualTo(204);
        }
        post("/api/v1/faults", "{\"error\":\"FLOOD_WAIT_5\",\"drop\":true}", 400);
        post("/api/v1/faults", "{\"error\":\"lower_case\"}", 400);
        post("/api/v1/faults", "{\"delayMs\":-1}", 400);
        post("/api/v1/faults", "{\"method\":\"a b\",\"drop\":true}", 400);
        post("/api/v1/faults", "{\"drop\":true,\"probability\":2}", 400);
    }

    @Test
    void aDroppedCallClosesTheConnectionAndRunsWhenSentAgain() throws Exception {
        start(10_000);
        ClientSession saved;
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            signUp(c, "9996620003");
            saved = c.session();
            post("/api/v1/faults", "{\"method\":\"help.getConfig\",\"drop\":true,\"count\":1}", 201);
            assertThatThrownBy(() -> await(c.invoke(new HelpGetConfig()))).hasMessageContaining("closed");
        }
        assertThat(get("/api/v1/calls?method=help.getConfig").get("calls").get(0).get("fault").asText()).isEqualTo("drop");
        try (MtprotoClient again = MtprotoClient.connect(options(), saved)) {
            assertThat(await(again.invoke(new HelpGetConfig()))).isNotNull();
        }
    }

    @Test
    void theEventStreamPushesCallsAsTheyHappen() throws Exception {
        start(10_000);
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.inspector.port()
                        + "/api/v1/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<JsonNode> seen = CompletableFuture.supplyAsync(() -> {
            try {
                String event = null;
                JsonNode call = null, code = null;
                for (String l; (l = lines.readLine()) != null; ) {
                    if (l.startsWith("event:")) event = l.substring(6).strip();
                    if (!l.startsWith("data:")) continue;
                    JsonNode data = JSON.readTree(l.substring(5).strip());
                    if ("call".equals(event) && data.get("method").asText().equals("help.getConfig")) call = data;
                    if ("code".equals(event)) code = data;
                    if (call != null && code != null) return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("call", call).set("code", code);
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            await(c.invoke(new HelpGetConfig()));
            await(c.invoke(new AuthSendCode("9996620004", 1, "hash", CodeSettings.builder().build())));
        }
        JsonNode both = seen.get(30, TimeUnit.SECONDS);
        assertThat(both.get("call").get("result").get("_").asText()).isEqualTo("config");
        assertThat(both.get("code").get("phone").asText()).isEqualTo("9996620004");
        assertThat(both.get("code").get("code").asText()).isEqualTo("22222"); // test mode: the number's 6th digit, five times
        // stopping the inspector ends the stream: its request thread does not outlive it
        assertThat(fx.inspector.liveStreams()).isEqualTo(1);
        Inspector stopped = fx.inspector;
        fx.inspector = null;
        stopped.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stopped.liveStreams() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(stopped.liveStreams()).isZero();
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
            try {
                while (lines.readLine() != null) {
                    // what was still on its way
                }
                return true;
            } catch (java.io.IOException e) {
                return true;
            }
        });
        assertThat(ended.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void rulesGivenAtStartApply() throws Exception {
        start(new Inspector.Options("127.0.0.1", 0, null).withFaults(List.of("help.getConfig=FLOOD_WAIT_3,count=1",
                "users.*=500:INTERNAL,p=0,account=7", "*=delay:1,p=0")));
        assertThat(get("/api/v1/faults").get("faults").findValuesAsText("method"))
                .containsExactly("help.getConfig", "users.*", "*");
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            assertThatThrownBy(() -> await(c.invoke(new HelpGetConfig())))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(420));
            assertThat(await(c.invoke(new HelpGetConfig()))).isNotNull();
        }
        for (String bad : List.of("nothing", "x=delay:soon", "x=FLOOD_WAIT_1,q=2", "x=lower")) {
            assertThatThrownBy(() -> Inspector.attach(new Inspector.Options("127.0.0.1", 0, null).withFaults(List.of(bad)), fx.server))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fault");
        }
    }

    @Test
    void theLogKeepsOnlyItsCapacity() throws Exception {
        start(5);
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            for (int i = 0; i < 20; i++) await(c.invoke(new HelpGetConfig()));
        }
        JsonNode calls = get("/api/v1/calls?limit=1000");
        assertThat(calls.get("capacity").asInt()).isEqualTo(5);
        assertThat(calls.get("calls")).hasSize(5);
        assertThat(calls.get("calls").get(0).get("id").asLong()).isGreaterThanOrEqualTo(20);
    }
}
