package dev.portrait.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.store.EventStore;
import dev.portrait.store.LoginCode;
import dev.portrait.store.SqliteStore;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `portrait user`, `bot` and `codes` in-process on a temporary data directory. */
class AdminCommandsTest {
    @TempDir
    Path dir;

    @Test
    void userAddPrintsTheIdAndStoresTheAccount() {
        Cli r = Cli.run(dir, "user", "add", "--phone", "+999 66 1 0001", "--first-name", "Alice", "--last-name", "Smith",
                "--username", "alice_s", "--premium");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.line()).matches("\\d+");
        try (Store store = SqliteStore.open(dir)) {
            UserRecord u = store.users().find(Long.parseLong(r.line())).orElseThrow();
            assertThat(u.phone()).isEqualTo("9996610001");
            assertThat(u.firstName()).isEqualTo("Alice");
            assertThat(u.lastName()).isEqualTo("Smith");
            assertThat(u.username()).isEqualTo("alice_s");
            assertThat(u.premium()).isTrue();
            assertThat(u.bot()).isFalse();
        }
    }

    @Test
    void userDeleteLeavesADeletedAccountAndTellsARunningServerItsKeysSignedOut() throws Exception {
        long id = Long.parseLong(Cli.run(dir, "user", "add", "--phone", "9996610005", "--first-name", "Dee").line());
        assertThat(Cli.run(dir, "session", "new", "--phone", "9996610005", "--format", "gramjs").exit()).isZero();
        java.util.concurrent.BlockingQueue<EventStore.StoreEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Store server = SqliteStore.open(dir); EventStore.Following ignored = SessionCommandTest.follow(server, events)) {
            long key = server.authKeys().list(id).getFirst().id();
            Cli r = Cli.run(dir, "user", "delete", "--phone", "+999 66 1 0005");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.line()).isEqualTo("deleted account " + id);
            EventStore.StoreEvent e = SessionCommandTest.next(events);
            assertThat(e.kind()).isEqualTo(EventStore.AUTH_KEY_CHANGED);
            assertThat(e.ref()).isEqualTo(key);
            assertThat(server.authKeys().findAuthKey(key).orElseThrow().userId()).isZero();
            assertThat(server.users().find(id).orElseThrow().deleted()).isTrue();
        }
        assertThat(Cli.run(dir, "user", "list").out()).doesNotContain("Dee");
        Cli again = Cli.run(dir, "user", "delete", "--id", String.valueOf(id));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("USER_ID_INVALID");
        assertThat(Cli.run(dir, "user", "delete", "--phone", "9996610005").err()).startsWith("PHONE_NUMBER_UNOCCUPIED");
    }

    @Test
    void userAddRefusesWithExitCode1AndOneLineOnStderr() {
        assertThat(Cli.run(dir, "user", "add", "--phone", "9996610001", "--first-name", "A", "--username", "taken_name").exit()).isZero();

        Cli samePhone = Cli.run(dir, "user", "add", "--phone", "+9996610001", "--first-name", "B");
        assertThat(samePhone.exit()).isEqualTo(1);
        assertThat(samePhone.out()).isEmpty();
        assertThat(samePhone.err().strip()).isEqualTo("PHONE_NUMBER_OCCUPIED: +9996610001 already has an account");

        Cli sameUsername = Cli.run(dir, "user", "add", "--phone", "9996610002", "--first-name", "B", "--username", "Taken_Name");
        assertThat(sameUsername.exit()).isEqualTo(1);
        assertThat(sameUsername.err()).startsWith("USERNAME_OCCUPIED").doesNotContain("Exception");

        Cli badUsername = Cli.run(dir, "user", "add", "--phone", "9996610002", "--first-name", "B", "--username", "ab");
        assertThat(badUsername.exit()).isEqualTo(1);
        assertThat(badUsername.err()).startsWith("USERNAME_INVALID");

        Cli badPhone = Cli.run(dir, "user", "add", "--phone", "call me", "--first-name", "B");
        assertThat(badPhone.exit()).isEqualTo(1);
        assertThat(badPhone.err()).startsWith("PHONE_NUMBER_INVALID");

        Cli noName = Cli.run(dir, "user", "add", "--phone", "9996610002", "--first-name", "  ");
        assertThat(noName.exit()).isEqualTo(1);
        assertThat(noName.err()).startsWith("FIRSTNAME_INVALID");

        assertThat(Cli.run(dir, "user", "add", "--phone", "9996610002").exit()).as("missing --first-name").isEqualTo(2);
        try (Store store = SqliteStore.open(dir)) {
            assertThat(store.users().list(0, 10)).hasSize(1);
        }
    }

    @Test
    void botAddPrintsATokenAndTheBotBelongsToTheOwner() throws Exception {
        long owner = Long.parseLong(Cli.run(dir, "user", "add", "--phone", "9996620001", "--first-name", "Owner").line());
        Cli r = Cli.run(dir, "bot", "add", "--owner", "+999 66 2 0001", "--username", "Portrait_Bot", "--first-name", "Helper");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.line()).matches("\\d+:[A-Za-z0-9_-]{35}");
        long id = Long.parseLong(r.line().substring(0, r.line().indexOf(':')));
        try (Store store = SqliteStore.open(dir)) {
            UserRecord bot = store.users().find(id).orElseThrow();
            assertThat(bot.bot()).isTrue();
            assertThat(bot.botOwnerId()).isEqualTo(owner);
            assertThat(bot.username()).isEqualTo("Portrait_Bot");
            assertThat(bot.firstName()).isEqualTo("Helper");
            assertThat(bot.botToken()).isEqualTo(r.line());
            assertThat(store.users().botsOwnedBy(owner)).extracting(UserRecord::id).containsExactly(id);
        }

        Cli notABotName = Cli.run(dir, "bot", "add", "--owner", "9996620001", "--username", "portrait_helper", "--first-name", "H");
        assertThat(notABotName.exit()).isEqualTo(1);
        assertThat(notABotName.err()).startsWith("USERNAME_INVALID");
        Cli noOwner = Cli.run(dir, "bot", "add", "--owner", "9996620009", "--username", "otherbot", "--first-name", "H");
        assertThat(noOwner.exit()).isEqualTo(1);
        assertThat(noOwner.err().strip()).isEqualTo("PHONE_NUMBER_UNOCCUPIED: no account has phone 9996620009");
        Cli taken = Cli.run(dir, "bot", "add", "--owner", "9996620001", "--username", "portrait_bot", "--first-name", "H");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).startsWith("USERNAME_OCCUPIED");

        List<JsonNode> bots = jsonLines(Cli.run(dir, "bot", "list", "--owner", "9996620001", "--json").out());
        assertThat(bots).hasSize(1);
        assertThat(bots.get(0).path("token").asText()).isEqualTo(r.line());
        assertThat(bots.get(0).path("ownerId").asLong()).isEqualTo(owner);
        assertThat(Cli.run(dir, "bot", "list").out()).contains("@Portrait_Bot", r.line());
    }

    @Test
    void userListShowsPeopleAndBots() throws Exception {
        Cli.run(dir, "user", "add", "--phone", "9996630001", "--first-name", "Carol", "--username", "carol_c", "--premium");
        Cli.run(dir, "bot", "add", "--owner", "9996630001", "--username", "carolsbot", "--first-name", "CB");
        Cli text = Cli.run(dir, "user", "list");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("+9996630001", "Carol", "@carol_c", "premium", "@carolsbot", "bot (owner ");

        List<JsonNode> users = jsonLines(Cli.run(dir, "user", "list", "--json").out());
        assertThat(users).hasSize(2);
        assertThat(users.get(0).path("phone").asText()).isEqualTo("9996630001");
        assertThat(users.get(0).path("premium").asBoolean()).isTrue();
        assertThat(users.get(1).path("bot").asBoolean()).isTrue();
        assertThat(users.get(1).path("botOwnerId").asLong()).isEqualTo(users.get(0).path("id").asLong());
    }

    @Test
    void codesListsTheCodesNotYetExpiredNewestFirst() throws Exception {
        int now = (int) (System.currentTimeMillis() / 1000);
        try (Store store = SqliteStore.open(dir)) {
            store.loginCodes().put(new LoginCode("h1", "9996640001", "11111", now - 60, now + 240, 0, false));
            store.loginCodes().put(new LoginCode("h2", "9996640002", "22222", now - 10, now + 290, 0, true));
            store.loginCodes().put(new LoginCode("h3", "9996640003", "33333", now - 900, now - 600, 0, false));
        }
        Cli text = Cli.run(dir, "codes");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("+9996640001", "11111", "+9996640002", "22222").doesNotContain("33333");
        assertThat(text.out().indexOf("22222")).isLessThan(text.out().indexOf("11111"));

        List<JsonNode> codes = jsonLines(Cli.run(dir, "codes", "--json").out());
        assertThat(codes).extracting(c -> c.path("code").asText()).containsExactly("22222", "11111");
        assertThat(codes.get(0).path("phone").asText()).isEqualTo("9996640002");
        assertThat(codes.get(0).path("verified").asBoolean()).isTrue();
        assertThat(codes.get(1).path("expiresAt").asInt()).isEqualTo(now + 240);
        assertThat(codes.get(1).path("createdAt").asInt()).isEqualTo(now - 60);
    }

    @Test
    void anUnusableDataDirectoryIsOneLineOnStderr() throws Exception {
        Path file = java.nio.file.Files.createFile(dir.resolve("not-a-dir"));
        Cli r = Cli.run(file, "user", "list");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("portrait: cannot open the store in " + file).hasLineCount(1);
    }

    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) nodes.add(TlJson.MAPPER.readTree(line));
        return nodes;
    }
}
