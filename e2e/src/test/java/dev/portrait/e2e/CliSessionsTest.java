package dev.portrait.e2e;

import dev.portrait.inspector.Inspector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.tl.TlJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Milestone M3's admin CLI with the real npm clients: accounts, bots and sessions are made with `portrait user add`,
 * `bot add` and `session new` (run in-process on the data directory of a running in-process server), and the clients
 * use them: a gramjs or mtcute session string signs in without a key exchange, a bot token signs a bot in with gramjs,
 * and `session revoke` makes the running server drop the key.
 *
 * <p>The server listens on a port below 32768: gramjs's StringSession stores the port as a signed 16-bit number and
 * `session new --format gramjs` refuses larger ones. Each script's stderr is kept in target/e2e-logs/cli-&lt;name&gt;.stderr.log.
 */
class CliSessionsTest {
    private static final String HOST = TestServer.HOST;

    private static TestServer server;
    private static int port;
    private static String keyJson;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start("portrait-e2e-cli-", TestServer.freePortBelow32768(), true);
        port = server.port();
        keyJson = cli("key", "--json").strip();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void gramjsSignsInWithASessionStringAndNoKeyExchange() throws Exception {
        String id = cli("user", "add", "--phone", "+999 66 1 0001", "--first-name", "Alice", "--username", "alice_e2e").strip();
        String session = cli("session", "new", "--phone", "9996610001", "--format", "gramjs", "--address", HOST + ":" + port).strip();

        ScriptRun r = start("gramjs-session", "gramjs-session", "--session", session).finish();
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("me").path("id").asText()).as(r.why("getMe id")).isEqualTo(id);
        assertThat(r.json.path("me").path("bot").asBoolean()).as(r.why("getMe bot")).isFalse();
        assertThat(r.json.path("me").path("username").asText()).as(r.why("getMe username")).isEqualTo("alice_e2e");
        assertThat(r.json.path("counters").path("handshakes").asInt(-1)).as(r.why("key exchanges")).isZero();
        assertThat(r.json.path("dcId").asInt()).as(r.why("dc id in the string")).isEqualTo(2);
        assertThat(r.json.path("serverAddress").asText()).as(r.why("address in the string")).isEqualTo(HOST);
        assertThat(r.json.path("sessionPort").asInt()).as(r.why("port in the string")).isEqualTo(port);
        assertThat(r.json.path("askedAddresses").get(0).asText()).as(r.why("where gramjs connected")).startsWith(HOST + ":");
    }

    @Test
    void gramjsSignsInWithASessionTheInspectorMinted() throws Exception {
        String id = cli("user", "add", "--phone", "+999 66 1 0009", "--first-name", "Iris").strip();
        try (Inspector inspector = Inspector.attach(new Inspector.Options(HOST, 0, null), server.server())) {
            java.net.http.HttpResponse<String> minted = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(inspector.url() + "api/v1/accounts/" + id + "/sessions"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"format\":\"gramjs\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
            String session = dev.portrait.tl.TlJson.MAPPER.readTree(minted.body()).get("session").asText();

            // the server's own address by default, and the same string `session new` makes: gramjs signs in with it
            ScriptRun r = start("gramjs-session-inspector", "gramjs-session", "--session", session).finish();
            assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
            assertThat(r.json.path("me").path("id").asText()).as(r.why("getMe id")).isEqualTo(id);
            assertThat(r.json.path("counters").path("handshakes").asInt(-1)).as(r.why("key exchanges")).isZero();
            assertThat(r.json.path("sessionPort").asInt()).as(r.why("port in the string")).isEqualTo(port);
        }
    }

    @Test
    void gramjsSignsABotInWithTheTokenOfBotAdd() throws Exception {
        cli("user", "add", "--phone", "9996620001", "--first-name", "Owner");
        String token = cli("bot", "add", "--owner", "+9996620001", "--username", "portrait_e2e_bot", "--first-name", "E2E Bot").strip();
        assertThat(token).matches("\\d+:[A-Za-z0-9_-]{35}");

        ScriptRun r = start("gramjs-bot", "gramjs-bot", "--token", token).finish();
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("me").path("id").asText()).as(r.why("getMe id")).isEqualTo(token.substring(0, token.indexOf(':')));
        assertThat(r.json.path("me").path("bot").asBoolean()).as(r.why("getMe bot")).isTrue();
        assertThat(r.json.path("me").path("username").asText()).as(r.why("getMe username")).isEqualTo("portrait_e2e_bot");
        assertThat(r.json.path("counters").path("handshakes").asInt()).as(r.why("key exchanges")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void mtcuteImportsSessionStringsOfAPersonAndOfABot() throws Exception {
        String id = cli("user", "add", "--phone", "9996630001", "--first-name", "Carol").strip();
        String session = cli("session", "new", "--phone", "9996630001", "--format", "mtcute", "--address", HOST + ":" + port).strip();
        ScriptRun r = start("mtcute-session", "mtcute-session", "--session", session).finish();
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("importedSelf").path("id").asText()).as(r.why("self in the string")).isEqualTo(id);
        assertThat(r.json.path("me").path("id").asText()).as(r.why("getMe id")).isEqualTo(id);
        assertThat(r.json.path("me").path("bot").asBoolean()).as(r.why("getMe bot")).isFalse();
        assertThat(r.json.path("counters").path("handshakes").asInt(-1)).as(r.why("key exchanges")).isZero();
        assertThat(r.json.path("connectedTo").get(0).asText()).as(r.why("address in the string")).isEqualTo(HOST + ":" + port);

        String token = cli("bot", "add", "--owner", "9996630001", "--username", "carol_e2e_bot", "--first-name", "CB").strip();
        String botId = token.substring(0, token.indexOf(':'));
        String botSession = cli("session", "new", "--user-id", botId, "--format", "mtcute", "--address", HOST + ":" + port).strip();
        ScriptRun b = start("mtcute-session-bot", "mtcute-session", "--session", botSession).finish();
        assertThat(b.json.path("ok").asBoolean()).as(b.why("ok")).isTrue();
        assertThat(b.json.path("importedSelf").path("bot").asBoolean()).as(b.why("self in the string")).isTrue();
        assertThat(b.json.path("me").path("id").asText()).as(b.why("getMe id")).isEqualTo(botId);
        assertThat(b.json.path("me").path("bot").asBoolean()).as(b.why("getMe bot")).isTrue();
        assertThat(b.json.path("counters").path("handshakes").asInt(-1)).as(b.why("key exchanges")).isZero();
    }

    @Test
    void revokingAKeyInUseClosesItsConnectionAndTheServerForgetsIt() throws Exception {
        String id = cli("user", "add", "--phone", "9996640001", "--first-name", "Dave").strip();
        String session = cli("session", "new", "--phone", "9996640001", "--format", "gramjs", "--address", HOST + ":" + port).strip();
        JsonNode key = TlJson.MAPPER.readTree(cli("session", "list", "--phone", "9996640001", "--json").strip());

        NodeScript.Running s = start("gramjs-session-revoke", "gramjs-session", "--session", session, "--wait-revoke", "20");
        s.ready().get(60, TimeUnit.SECONDS); // connected and got getMe
        JsonNode used = TlJson.MAPPER.readTree(cli("session", "list", "--phone", "9996640001", "--json").strip());
        assertThat(used.path("layer").asInt()).as("the client announced its layer on the key").isEqualTo(198);
        assertThat(cli("session", "revoke", key.path("id").asText()).strip()).isEqualTo("revoked 1 auth key");
        ScriptRun r = s.finish();

        assertThat(r.json.path("me").path("id").asText()).as(r.why("getMe id before the revoke")).isEqualTo(id);
        assertThat(r.json.path("closedByServer").asBoolean()).as(r.why("server closed the connection")).isTrue();
        assertThat(r.json.path("closedAfterMs").asLong()).as(r.why("ms until the server closed it")).isLessThan(10_000);
        assertThat(r.json.path("second").path("brokenKey").asBoolean())
                .as(r.why("a new client with the same string gets -404 (gramjs: Broken authorization key)")).isTrue();
        assertThat(r.json.path("second").has("getMe")).as(r.why("no getMe with a revoked key")).isFalse();
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(cli("session", "list", "--phone", "9996640001", "--json")).isBlank();
    }

    private static String cli(String... args) {
        return server.cli(args);
    }

    /**
     * Starts clients/&lt;script&gt;.mjs against the server with the key `portrait key --json` printed; its stderr goes
     * to target/e2e-logs/cli-&lt;name&gt;.stderr.log.
     */
    private static NodeScript.Running start(String name, String script, String... extra) throws IOException {
        return NodeScript.of(name, script).logName("cli-" + name).keyJson(keyJson).tail(150).args(extra).start(server);
    }
}
