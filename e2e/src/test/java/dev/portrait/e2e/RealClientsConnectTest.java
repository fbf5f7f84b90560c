package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Milestone M2 acceptance with the real, unmodified npm clients: each of gramjs, mtcute and @mtproto/core makes a fresh
 * auth key with an in-process Portrait server and gets help.getConfig through its normal path (scripts in
 * e2e/clients/, which print one JSON line). gramjs also stays connected for 30 s, its ping_delay_disconnect loop
 * running, without a reconnect or a transport error. gramjs and mtcute do the same over every other transport they
 * offer (abridged, padded intermediate, obfuscated2, WebSocket).
 *
 * <p>Each script's stderr (the client's own log) is kept in target/e2e-logs/&lt;client&gt;.stderr.log and the server's
 * log in target/e2e-logs/server.log.
 */
class RealClientsConnectTest {
    private static final String HOST = TestServer.HOST;
    private static final int GRAMJS_SECONDS = 30;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start("portrait-e2e-", false);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void gramjsConnectsGetsConfigAndKeepsPingingWithoutReconnecting() throws Exception {
        ScriptRun r = run("gramjs", GRAMJS_SECONDS);
        assertConfig(r, 198);
        assertThat(r.json.path("reconnects").asInt(-1)).as(r.why("reconnects")).isZero();
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
        // the ping loop ran: one ping_delay_disconnect every 9 s, each answered by a pong
        assertThat(r.json.path("counters").path("pongs").asInt()).as(r.why("pongs in " + GRAMJS_SECONDS + " s")).isGreaterThanOrEqualTo(2);
        assertThat(r.json.path("seconds").asDouble()).as(r.why("seconds connected")).isGreaterThanOrEqualTo(GRAMJS_SECONDS);
    }

    @Test
    void mtcuteMakesAFreshKeyAndGetsConfig() throws Exception {
        ScriptRun r = run("mtcute", 0);
        assertConfig(r, 227);
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
    }

    @Test
    void mtprotoCoreMakesAFreshKeyAndGetsConfig() throws Exception {
        ScriptRun r = run("mtproto-core", 0);
        assertConfig(r, 158);
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
    }

    /**
     * Every transport the clients offer, as the server saw it: gramjs's TCP framings and its browser path (obfuscated
     * abridged over WebSocket, through the `websocket` package), mtcute's packet codecs. Each run makes a fresh key and
     * gets help.getConfig; the server's per-transport connection count proves the framing was the one asked for.
     */
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
            "gramjs, full, full, false, false",
            "gramjs, abridged, abridged, false, false",
            "gramjs, obfuscated, abridged, true, false",
            "gramjs, websocket, abridged, true, true",
            "mtcute, padded, padded_intermediate, false, false",
            "mtcute, obfuscated, intermediate, true, false",
            "mtcute, obfuscated-padded, padded_intermediate, true, false",
    })
    void everyTransportOfTheClientsWorks(String client, String framing, String serverFraming, boolean obfuscated,
                                         boolean webSocket) throws Exception {
        double before = server.transportConnections(serverFraming, obfuscated, webSocket);
        ScriptRun r = NodeScript.of(client, client + "-connect").logName(client + "-connect-" + framing).timeout(90).tail(150)
                .note(quirkNote(client)).args("--seconds", "0", "--framing", framing).run(server);
        assertConfig(r, client.equals("gramjs") ? 198 : 227);
        assertThat(r.json.path("errors")).as(r.why("errors")).isEmpty();
        assertThat(server.transportConnections(serverFraming, obfuscated, webSocket) - before)
                .as(r.why("connections the server saw as " + serverFraming + (obfuscated ? ", obfuscated" : "")
                        + (webSocket ? ", in WebSocket frames" : ""))).isGreaterThanOrEqualTo(1);
    }

    /** ok, a fresh handshake, this_dc 2 and dc_options 1..5 all at the server's address. */
    private static void assertConfig(ScriptRun r, int layer) {
        assertThat(r.json.path("ok").asBoolean()).as(r.why("ok")).isTrue();
        assertThat(r.json.path("layer").asInt()).as(r.why("layer")).isEqualTo(layer);
        assertThat(r.json.path("counters").path("handshakes").asInt()).as(r.why("fresh auth keys made")).isGreaterThanOrEqualTo(1);
        assertThat(r.json.path("thisDc").asInt()).as(r.why("this_dc")).isEqualTo(2);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode o : r.json.path("dcOptions")) {
            ids.add(o.path("id").asInt());
            assertThat(o.path("ip").asText()).as(r.why("dc_options ip of " + o)).isEqualTo(HOST);
            assertThat(o.path("port").asInt()).as(r.why("dc_options port of " + o)).isEqualTo(server.port());
            assertThat(o.path("ipv6").asBoolean(false)).as(r.why("dc_options ipv6 of " + o)).isFalse();
        }
        assertThat(ids).as(r.why("dc_options ids")).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    /** Runs clients/&lt;client&gt;-connect.mjs with --seconds; its stderr goes to target/e2e-logs/&lt;client&gt;.stderr.log. */
    private static ScriptRun run(String client, int seconds) throws Exception {
        return NodeScript.of(client, client + "-connect").timeout(seconds + 90).tail(150).note(quirkNote(client))
                .args("--seconds", String.valueOf(seconds)).run(server);
    }

    /** mtcute and @mtproto/core cannot use a key whose fingerprint's top nibble is 0 (lib/harness.mjs). */
    private static String quirkNote(String client) {
        String hex = String.format("%016x", server.key().fingerprint());
        if (!client.equals("gramjs") && hex.charAt(0) == '0')
            return "NOTE: the server key's fingerprint 0x" + hex + " starts with a zero nibble; mtcute and @mtproto/core "
                    + "look fingerprints up by unpadded hex and cannot find such a key.\n";
        return "";
    }
}
