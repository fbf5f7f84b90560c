package dev.portrait.inspector;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.server.admin.Administration;
import dev.portrait.tl.api.AuthAuthorizationSignUpRequired;
import dev.portrait.tl.api.AuthSendCode;
import dev.portrait.tl.api.AuthSentCode;
import dev.portrait.tl.api.AuthSignIn;
import dev.portrait.tl.api.AuthSignUp;
import dev.portrait.tl.api.CodeSettings;
import dev.portrait.tl.api.TypeAuthAuthorization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inspector's REST API over real HTTP against a running server; every answer checked against its OpenAPI document. */
class InspectorApiTest {
    @TempDir
    Path dir;

    private InspectedServer fx;

    @BeforeEach
    void start() throws Exception {
        // not test mode: codes are random, so the only way to know one is to ask the inspector
        fx = InspectedServer.start(dir, false, new Inspector.Options("127.0.0.1", 0, null));
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    private HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        return fx.send(method, path, json, token);
    }

    private InspectedServer.Answer call(String method, String path, String json) throws Exception {
        return fx.call(method, path, json);
    }

    @Test
    void aRealClientSignsUpWithTheCodeTheApiShows() throws Exception {
        String phone = "15550001111";
        ClientOptions options = fx.clientOptions();
        try (MtprotoClient client = MtprotoClient.connect(options, null)) {
            assertThat(call("GET", "/api/v1/codes/latest?phone=%2B1%20555%20000%201111", null).status()).isEqualTo(404);
            AuthSentCode sent = (AuthSentCode) await(client.invoke(new AuthSendCode(phone, 1, "hash", CodeSettings.builder().build())));

            InspectedServer.Answer latest = call("GET", "/api/v1/codes/latest?phone=%2B1%20555%20000%201111", null);
            assertThat(latest.status()).isEqualTo(200);
            assertThat(latest.body().get("phone").asText()).isEqualTo(phone);
            String code = latest.body().get("code").asText();
            assertThat(call("GET", "/api/v1/codes", null).body().get("codes")).hasSize(1);

            TypeAuthAuthorization a = await(client.invoke(AuthSignIn.builder().phoneNumber(phone)
                    .phoneCodeHash(sent.phoneCodeHash()).phoneCode(code).build()));
            assertThat(a).isInstanceOf(AuthAuthorizationSignUpRequired.class);
            await(client.invoke(AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash())
                    .firstName("Grace").lastName("Hopper").build()));
        }
        InspectedServer.Answer found = call("GET", "/api/v1/accounts?q=hopper", null);
        assertThat(found.body().get("accounts")).hasSize(1);
        assertThat(found.body().get("accounts").get(0).get("phone").asText()).isEqualTo(phone);
        assertThat(call("GET", "/api/v1/accounts?q=555000", null).body().get("accounts")).hasSize(1);
        assertThat(call("GET", "/api/v1/accounts?q=nobody", null).body().get("accounts")).isEmpty();
    }

    @Test
    void accountsAndBotsAreMadeAndRefusedAsTheAdminCommandsDo() throws Exception {
        InspectedServer.Answer made = call("POST", "/api/v1/accounts", "{\"phone\":\"+44 20 7946 0000\",\"firstName\":\"Ada\",\"username\":\"ada_l\"}");
        assertThat(made.status()).isEqualTo(201);
        long id = made.body().get("id").asLong();
        assertThat(call("GET", "/api/v1/accounts/" + id, null).body().get("username").asText()).isEqualTo("ada_l");

        assertThat(call("POST", "/api/v1/accounts", "{\"phone\":\"442079460000\",\"firstName\":\"Again\"}").body()
                .get("error").asText()).isEqualTo("PHONE_NUMBER_OCCUPIED");
        InspectedServer.Answer taken = call("POST", "/api/v1/accounts", "{\"phone\":\"442079460001\",\"firstName\":\"B\",\"username\":\"ada_l\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("error").asText()).isEqualTo("USERNAME_OCCUPIED");
        InspectedServer.Answer badPhone = call("POST", "/api/v1/accounts", "{\"phone\":\"12\",\"firstName\":\"C\"}");
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.body().get("error").asText()).isEqualTo("PHONE_NUMBER_INVALID");
        assertThat(call("POST", "/api/v1/accounts", "{\"phone\":\"442079460002\",\"firstName\":\"  \"}").body()
                .get("error").asText()).isEqualTo("FIRSTNAME_INVALID");
        assertThat(call("POST", "/api/v1/accounts", "[1,2]").body().get("error").asText()).isEqualTo("BODY_INVALID");
        assertThat(call("POST", "/api/v1/accounts", "not json").status()).isEqualTo(400);

        InspectedServer.Answer bot = call("POST", "/api/v1/bots", "{\"ownerPhone\":\"+44 20 7946 0000\",\"username\":\"portrait_test_bot\",\"firstName\":\"Bot\"}");
        assertThat(bot.status()).isEqualTo(201);
        assertThat(bot.body().get("botToken").asText()).startsWith(bot.body().get("id").asText() + ":")
                .hasSize(bot.body().get("id").asText().length() + 1 + Administration.SECRET_LENGTH);
        assertThat(bot.body().get("botOwnerId").asLong()).isEqualTo(id);
        assertThat(call("POST", "/api/v1/bots", "{\"ownerPhone\":\"+44 20 7946 9999\",\"username\":\"other_bot\",\"firstName\":\"Bot\"}")
                .status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/bots", "{\"ownerPhone\":\"+44 20 7946 0000\",\"username\":\"bot_not_ending_so\",\"firstName\":\"Bot\"}")
                .body().get("error").asText()).isEqualTo("USERNAME_INVALID");

        assertThat(call("GET", "/api/v1/accounts", null).body().get("accounts")).hasSize(2);
        assertThat(call("GET", "/api/v1/accounts?limit=1&offset=1", null).body().get("accounts").get(0).get("bot").asBoolean()).isTrue();
        assertThat(call("GET", "/api/v1/accounts?limit=0", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/accounts?offset=x", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/accounts/424242", null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/accounts/abc", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/codes/latest", null).status()).isEqualTo(400);

        HttpResponse<String> unknown = send("GET", "/api/v1/nothing-here", null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"NOT_FOUND\"");
    }

    @Test
    void thePageAndTheDocumentAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Portrait inspector", "/api/v1/codes").doesNotContain("http://", "https://");
        // every operation of the document is one the server answers (none is a 404 of the router)
        for (String path : new String[]{"/api/v1/accounts", "/api/v1/accounts/1", "/api/v1/codes", "/api/v1/codes/latest?phone=15550001111"}) {
            assertThat(send("GET", path, null, null).body()).doesNotContain("no such endpoint");
        }
    }

    @Test
    void withATokenEveryRequestCarriesIt() throws Exception {
        fx.inspector.close();
        fx.inspector = Inspector.attach(new Inspector.Options("127.0.0.1", 0, "s3cret-token"), fx.server);
        for (String path : new String[]{"/", "/api/openapi.json", "/api/v1/accounts", "/api/v1/codes", "/api/v1/calls", "/api/v1/faults"}) {
            HttpResponse<String> none = send("GET", path, null, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            fx.openApi.check("GET", "/api/v1/accounts", 401, none.body());
            assertThat(send("GET", path, null, "wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, "s3cret-token").statusCode()).as(path).isEqualTo(200);
            assertThat(send("GET", path + (path.contains("?") ? "&" : "?") + "token=s3cret-token", null, null).statusCode())
                    .as(path).isEqualTo(200);
        }
    }

    @Test
    void itRefusesToListenPubliclyWithoutAToken() {
        assertThatThrownBy(() -> Inspector.attach(new Inspector.Options("0.0.0.0", 0, null), fx.server))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--inspector-token");
        assertThatThrownBy(() -> Inspector.attach(new Inspector.Options("0.0.0.0", 0, "  "), fx.server))
                .isInstanceOf(IllegalArgumentException.class);
        try (Inspector open = Inspector.attach(new Inspector.Options("0.0.0.0", 0, "t"), fx.server)) {
            assertThat(open.port()).isPositive();
        }
        assertThat(Inspector.loopback("127.0.0.1")).isTrue();
        assertThat(Inspector.loopback("::1")).isTrue();
        assertThat(Inspector.loopback("localhost")).isTrue();
        assertThat(Inspector.loopback("0.0.0.0")).isFalse();
    }
}
