package dev.portrait.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.mtproto.AuthKey;
import dev.portrait.store.EventStore;
import dev.portrait.store.SqliteStore;
import dev.portrait.store.Store;
import dev.portrait.store.StoredAuthKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `portrait session new/list/revoke` in-process: the strings decode back to the stored, signed-in key. */
class SessionCommandTest {
    @TempDir
    Path dir;

    long alice;
    long bot;

    @BeforeEach
    void accounts() {
        alice = Long.parseLong(Cli.run(dir, "user", "add", "--phone", "9996610001", "--first-name", "Alice").line());
        String token = Cli.run(dir, "bot", "add", "--owner", "9996610001", "--username", "alicebot", "--first-name", "AB").line();
        bot = Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    private StoredAuthKey stored(byte[] key) {
        try (Store store = SqliteStore.open(dir)) {
            return store.authKeys().findAuthKey(new AuthKey(key).id()).orElseThrow();
        }
    }

    @Test
    void gramjsSessionDecodesToTheAddressAndAStoredSignedInKey() {
        Cli r = Cli.run(dir, "session", "new", "--phone", "+9996610001", "--format", "gramjs", "--address", "10.0.0.7:2443", "--dc", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        SessionStringsTest.Decoded d = SessionStringsTest.decodeGramjs(r.line());
        assertThat(d.dc()).isEqualTo(3);
        assertThat(d.host()).isEqualTo("10.0.0.7");
        assertThat(d.port()).isEqualTo(2443);
        StoredAuthKey k = stored(d.key());
        assertThat(k.key()).isEqualTo(d.key());
        assertThat(k.userId()).isEqualTo(alice);
        assertThat(k.temporary()).isFalse();
        assertThat(k.permKeyId()).isZero();
    }

    @Test
    void telethonSessionDefaultsTo127001Port2443Dc2() {
        Cli r = Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "telethon");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.line()).hasSize(353);
        SessionStringsTest.Decoded d = SessionStringsTest.decodeTelethon(r.line());
        assertThat(d.dc()).isEqualTo(2);
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(2443);
        assertThat(stored(d.key()).userId()).isEqualTo(alice);
    }

    @Test
    void mtcuteSessionForABotByUserId() {
        Cli r = Cli.run(dir, "session", "new", "--user-id", String.valueOf(bot), "--format", "mtcute", "--address", "127.0.0.1:40443");
        assertThat(r.exit()).as(r.err()).isZero();
        SessionStringsTest.Decoded d = SessionStringsTest.decodeMtcute(r.line());
        assertThat(d.dc()).isEqualTo(2);
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(40443);
        assertThat(d.userId()).isEqualTo(bot);
        assertThat(d.bot()).isTrue();
        assertThat(stored(d.key()).userId()).isEqualTo(bot);
    }

    @Test
    void refusesUnknownAccountsAndAddressesTheFormatCannotHold() {
        Cli unknown = Cli.run(dir, "session", "new", "--phone", "9996619999", "--format", "gramjs");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("PHONE_NUMBER_UNOCCUPIED: no account has phone 9996619999");
        Cli unknownId = Cli.run(dir, "session", "new", "--user-id", "424242", "--format", "mtcute");
        assertThat(unknownId.exit()).isEqualTo(1);
        assertThat(unknownId.err()).startsWith("USER_ID_INVALID");

        Cli highPort = Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "gramjs", "--address", "127.0.0.1:40000");
        assertThat(highPort.exit()).isEqualTo(1);
        assertThat(highPort.err()).contains("gramjs", "32767");
        Cli hostName = Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "telethon", "--address", "example.org:443");
        assertThat(hostName.exit()).isEqualTo(1);
        assertThat(hostName.err()).contains("telethon", "IPv4 or IPv6");

        assertThat(Cli.run(dir, "session", "new", "--format", "gramjs").exit()).as("no account given").isEqualTo(2);
        assertThat(Cli.run(dir, "session", "new", "--phone", "9996610001", "--user-id", "1", "--format", "gramjs").exit())
                .as("both --phone and --user-id").isEqualTo(2);
        assertThat(Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "pyrogram").exit()).isEqualTo(2);
        try (Store store = SqliteStore.open(dir)) {
            assertThat(store.authKeys().list(0)).as("no key is left behind by a refusal").isEmpty();
        }
    }

    @Test
    void listAndRevokeDeleteTheKeysAndTellARunningServer() throws Exception {
        Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "gramjs");
        Cli.run(dir, "session", "new", "--phone", "9996610001", "--format", "mtcute");
        Cli.run(dir, "session", "new", "--user-id", String.valueOf(bot), "--format", "mtcute");

        List<JsonNode> all = AdminCommandsTest.jsonLines(Cli.run(dir, "session", "list", "--json").out());
        assertThat(all).hasSize(3);
        List<JsonNode> alices = AdminCommandsTest.jsonLines(Cli.run(dir, "session", "list", "--phone", "9996610001", "--json").out());
        assertThat(alices).hasSize(2).allSatisfy(k -> {
            assertThat(k.path("userId").asLong()).isEqualTo(alice);
            assertThat(k.path("temporary").asBoolean()).isFalse();
            assertThat(k.path("id").asText()).matches("[0-9a-f]{16}");
        });
        String botKey = AdminCommandsTest.jsonLines(Cli.run(dir, "session", "list", "--user-id", String.valueOf(bot), "--json").out())
                .get(0).path("id").asText();
        assertThat(Cli.run(dir, "session", "list").out()).contains(botKey, "permanent", String.valueOf(alice));

        // a running server follows the store's events: this store stands in for it
        BlockingQueue<EventStore.StoreEvent> events = new LinkedBlockingQueue<>();
        try (Store server = SqliteStore.open(dir); EventStore.Following ignored = follow(server, events)) {
            // a temporary key bound to the bot's key goes with it
            server.authKeys().insertAuthKey(new StoredAuthKey(77, new byte[256], 1, 4_000_000_000L, Long.parseUnsignedLong(botKey, 16), 0, 0));
            Cli one = Cli.run(dir, "session", "revoke", botKey);
            assertThat(one.exit()).as(one.err()).isZero();
            assertThat(one.line()).isEqualTo("revoked 2 auth keys");
            assertThat(server.authKeys().findAuthKey(Long.parseUnsignedLong(botKey, 16))).isEmpty();
            assertThat(server.authKeys().findAuthKey(77)).isEmpty();
            assertThat(List.of(next(events), next(events))).allMatch(e -> e.kind().equals(EventStore.AUTH_KEY_REVOKED))
                    .extracting(EventStore.StoreEvent::ref).containsExactlyInAnyOrder(Long.parseUnsignedLong(botKey, 16), 77L);

            Cli again = Cli.run(dir, "session", "revoke", botKey);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).startsWith("AUTH_KEY_INVALID");
            assertThat(Cli.run(dir, "session", "revoke", "--phone", "9996610001").exit()).as("--phone without --all").isEqualTo(2);
            assertThat(Cli.run(dir, "session", "revoke").exit()).as("nothing to revoke").isEqualTo(2);

            Cli both = Cli.run(dir, "session", "revoke", "--phone", "+9996610001", "--all");
            assertThat(both.exit()).as(both.err()).isZero();
            assertThat(both.line()).isEqualTo("revoked 2 auth keys");
            assertThat(server.authKeys().list(0)).isEmpty();
            assertThat(List.of(next(events), next(events))).extracting(EventStore.StoreEvent::kind).containsOnly(EventStore.AUTH_KEY_REVOKED);
        }
        assertThat(Cli.run(dir, "session", "revoke", "--phone", "9996610001", "--all").line()).isEqualTo("revoked 0 auth keys");
    }

    /** What a running server following the store would hear, collected in events. */
    static EventStore.Following follow(Store server, BlockingQueue<EventStore.StoreEvent> events) {
        return server.events().follow(new EventStore.Listener() {
            @Override
            public void event(EventStore.StoreEvent e) {
                events.add(e);
            }

            @Override
            public void missed() {
            }
        });
    }

    static EventStore.StoreEvent next(BlockingQueue<EventStore.StoreEvent> events) throws InterruptedException {
        EventStore.StoreEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }
}
