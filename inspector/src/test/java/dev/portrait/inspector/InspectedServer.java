package dev.portrait.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.AuthAuthorizationSignUpRequired;
import dev.portrait.tl.api.AuthSendCode;
import dev.portrait.tl.api.AuthSentCode;
import dev.portrait.tl.api.AuthSignIn;
import dev.portrait.tl.api.AuthSignUp;
import dev.portrait.tl.api.CodeSettings;
import dev.portrait.tl.api.TypeAuthAuthorization;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the inspector tests share: a server on a free port with the inspector attached, HTTP calls whose answers are
 * checked against the OpenAPI document the inspector serves, and test-mode sign-ups with the Java client.
 */
final class InspectedServer implements AutoCloseable {
    /** An answer: its status and its JSON body (null when it has none). */
    record Answer(int status, JsonNode body) {
    }

    final PortraitServer server;
    Inspector inspector;
    final OpenApiCheck openApi;
    private final HttpClient http = HttpClient.newHttpClient();

    private InspectedServer(PortraitServer server, Inspector inspector) throws Exception {
        this.server = server;
        this.inspector = inspector;
        this.openApi = new OpenApiCheck(send("GET", "/api/openapi.json", null, null).body());
    }

    static InspectedServer start(Path dir, boolean testMode, Inspector.Options options) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PortraitServer server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port)
                .withAdvertise("127.0.0.1", port).withTestMode(testMode));
        try {
            return new InspectedServer(server, Inspector.attach(options, server));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private HttpRequest request(String method, String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b.build();
    }

    /** The request as sent, without any check; {@code json} is the body (none when null), {@code token} a bearer. */
    HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        return http.send(request(method, path, json, token), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of bytes (a photo's file), without any check. */
    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(request("GET", path, null, null), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A call whose answer is checked against the document (a JSON body says so in its Content-Type). */
    Answer call(String method, String path, String json) throws Exception {
        HttpResponse<String> r = send(method, path, json, null);
        if (!r.body().isEmpty()) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        }
        return new Answer(r.statusCode(), openApi.check(method, path, r.statusCode(), r.body()));
    }

    JsonNode get(String path) throws Exception {
        return call("GET", path, null).body();
    }

    ClientOptions clientOptions() {
        return ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
    }

    /** A new test-mode account signed up by the client (a number's code is its 6th digit five times). */
    void signUp(MtprotoClient c, String phone, String firstName) throws Exception {
        AuthSentCode sent = (AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "hash", CodeSettings.builder().build())));
        TypeAuthAuthorization a = await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash())
                .phoneCode(String.valueOf(phone.charAt(5)).repeat(5)).build()));
        assertThat(a).isInstanceOf(AuthAuthorizationSignUpRequired.class);
        await(c.invoke(AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash()).firstName(firstName)
                .lastName("").build()));
    }

    /** The id of the account with that phone, as the API finds it. */
    long accountId(String phone) throws Exception {
        return get("/api/v1/accounts?q=" + phone).get("accounts").get(0).get("id").asLong();
    }

    @Override
    public void close() {
        if (inspector != null) inspector.close();
        server.close();
    }
}
