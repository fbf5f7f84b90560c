package dev.portrait.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.api.AuthAuthorizationSignUpRequired;
import dev.portrait.tl.api.AuthSendCode;
import dev.portrait.tl.api.AuthSentCode;
import dev.portrait.tl.api.AuthSignIn;
import dev.portrait.tl.api.CodeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/** --code-webhook: a real (not test-mode) code reaches the operator's gateway as JSON, and a refusal is retried. */
class CodeWebhookTest {
    @TempDir
    Path dir;

    @Test
    void theCodeIsPostedAndRetriedUntilTheGatewayTakesIt() throws Exception {
        LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(attempts.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        gateway.start();
        String url = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms";
        try (TestAccounts t = new TestAccounts(dir, c -> c.withTestMode(false)
                .withAccounts(ServerConfig.Accounts.defaults().withCodeWebhook(url)))) {
            MtprotoClient c = t.connect();
            String phone = "15550002222";
            AuthSentCode sent = (AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "h", CodeSettings.builder().build())));

            String first = bodies.poll(30, TimeUnit.SECONDS);
            String second = bodies.poll(30, TimeUnit.SECONDS); // the 503 was retried
            assertThat(first).isNotNull().isEqualTo(second).endsWith(" application/json");
            JsonNode posted = TlJson.MAPPER.readTree(first.substring(0, first.lastIndexOf(' ')));
            assertThat(posted.get("phone").asText()).isEqualTo(phone);
            assertThat(posted.get("expiresAt").asInt()).isPositive();
            // the posted code is the real one: it signs the client in
            assertThat((Object) await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash())
                    .phoneCode(posted.get("code").asText()).build()))).isInstanceOf(AuthAuthorizationSignUpRequired.class);
            assertThat(bodies.poll(3, TimeUnit.SECONDS)).as("delivered once taken").isNull();
        } finally {
            gateway.stop(0);
        }
    }
}
