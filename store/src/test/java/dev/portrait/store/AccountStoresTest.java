package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@OnEveryEngine
class AccountStoresTest {
    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    @Test
    void usersHaveUniquePhonesAndCaseInsensitiveUsernames() {
        try (Store store = engine.open(dir)) {
            UserRecord alice = store.users().create(NewUser.person("15550001", "Alice", null).withUsername("Alice_1"), 100);
            assertThat(alice.id()).isGreaterThanOrEqualTo(1_000_000);
            assertThat(alice.lastName()).isEmpty();
            assertThat(store.users().findByUsername("alice_1")).contains(alice);
            assertThat(store.users().findByPhone("15550001")).contains(alice);
            assertThatThrownBy(() -> store.users().create(NewUser.person("15550001", "Eve", ""), 100))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("phone"));
            assertThatThrownBy(() -> store.users().create(NewUser.person("15550002", "Eve", "").withUsername("ALICE_1"), 100))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("username"));
            // The failed creations left nothing behind.
            assertThat(store.users().list(0, 10)).containsExactly(alice);

            UserRecord bob = store.users().create(NewUser.person("15550002", "Bob", "B"), 101);
            assertThatThrownBy(() -> store.users().updateUsername(bob.id(), "aLiCe_1", 102)).isInstanceOf(ConflictException.class);
            store.users().updateUsername(alice.id(), "ALICE_1", 102);
            assertThat(store.users().find(alice.id()).orElseThrow().username()).isEqualTo("ALICE_1");
            store.users().updateUsername(alice.id(), null, 103);
            store.users().updateUsername(bob.id(), "alice_1", 104);
            assertThat(store.users().findByUsername("Alice_1").orElseThrow().id()).isEqualTo(bob.id());

            UserRecord bot = store.users().create(NewUser.bot(alice.id(), "helper_bot", "Helper", "secret"), 105);
            assertThat(bot.botToken()).isEqualTo(bot.id() + ":secret");
            assertThat(store.users().botsOwnedBy(alice.id())).containsExactly(bot);
            assertThat(store.users().find(List.of(alice.id(), bot.id(), 42L))).hasSize(2);
        }
    }

    @Test
    void transactionsAreAllOrNothing() {
        try (Store store = engine.open(dir)) {
            assertThatThrownBy(() -> store.transaction(() -> {
                UserRecord u = store.users().create(NewUser.person("1", "A", ""), 1);
                store.authKeys().setUser(7, u.id());
                throw new IllegalStateException("crash in the middle");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.users().findByPhone("1")).isEmpty();
            UserRecord u = store.transaction(() -> store.users().create(NewUser.person("1", "A", ""), 1));
            assertThat(store.users().find(u.id())).isPresent();
        }
    }

    @Test
    void contactsAreOneWayAndRenamable() {
        try (Store store = engine.open(dir)) {
            long a = store.users().create(NewUser.person("1", "A", ""), 1).id();
            long b = store.users().create(NewUser.person("2", "B", ""), 1).id();
            assertThat(store.contacts().put(new ContactRecord(a, b, "Bee", "", "2", 5))).isTrue();
            assertThat(store.contacts().put(new ContactRecord(a, b, "Bobby", "X", "2", 6))).isFalse();
            assertThat(store.contacts().find(a, b).orElseThrow().firstName()).isEqualTo("Bobby");
            assertThat(store.contacts().find(b, a)).isEmpty();
            assertThat(store.contacts().ownersOf(b)).containsExactly(a);
            assertThat(store.contacts().list(a)).hasSize(1);
            assertThat(store.contacts().delete(a, b)).isTrue();
            assertThat(store.contacts().delete(a, b)).isFalse();
        }
    }

    /** Address books and privacy rules of many users at once, past the IN-list chunk, as one by one. */
    @Test
    void contactsAndRulesOfManyUsersAtOnce() {
        try (Store store = engine.open(dir)) {
            long a = store.users().create(NewUser.person("1", "A", ""), 1).id();
            List<Long> ids = new java.util.ArrayList<>();
            store.transaction(() -> {
                for (int i = 0; i < 1200; i++) {
                    long u = store.users().create(NewUser.person(String.valueOf(100 + i), "U", String.valueOf(i)), 1).id();
                    ids.add(u);
                    if (i % 2 == 0) store.contacts().put(new ContactRecord(a, u, "Saved", String.valueOf(i), "", 1));
                    if (i % 3 == 0) store.contacts().put(new ContactRecord(u, a, "A", "", "", 1));
                    if (i % 4 == 0) store.privacy().put(u, "phone_number", new byte[]{(byte) i, 1}, 1);
                    if (i % 4 == 1) store.privacy().put(u, "about", new byte[]{2}, 1);
                }
                return null;
            });
            java.util.Map<Long, ContactRecord> saved = store.contacts().find(a, ids);
            java.util.Set<Long> haveA = store.contacts().ownersAmong(ids, a);
            java.util.Map<Long, byte[]> rules = store.privacy().rules(ids, "phone_number");
            assertThat(saved).hasSize(600);
            assertThat(haveA).hasSize(400);
            assertThat(rules).hasSize(300);
            for (int i = 0; i < ids.size(); i++) {
                long u = ids.get(i);
                assertThat(saved.containsKey(u)).isEqualTo(store.contacts().find(a, u).isPresent());
                if (saved.containsKey(u)) assertThat(saved.get(u).lastName()).isEqualTo(String.valueOf(i));
                assertThat(haveA.contains(u)).isEqualTo(i % 3 == 0);
                assertThat(rules.get(u)).isEqualTo(store.privacy().rules(u, "phone_number").orElse(null));
            }
            assertThat(store.contacts().find(a, List.of())).isEmpty();
            assertThat(store.contacts().ownersAmong(List.of(), a)).isEmpty();
            assertThat(store.privacy().rules(List.of(), "about")).isEmpty();
        }
    }

    @Test
    void aStartedSequenceIsDatedAndLaterUpdatesComeAfterIt() {
        try (Store store = engine.open(dir)) {
            UpdateStore u = store.updates();
            assertThat(u.start(9, 1000)).isEqualTo(new UpdatesState(0, 0, 0, 1000));
            assertThat(u.start(9, 2000)).as("started once").isEqualTo(new UpdatesState(0, 0, 0, 1000));
            assertThat(u.append(9, 0, new byte[]{1}, 1000).date()).isEqualTo(1001);
            assertThat(u.after(9, 0, 1000, 10)).hasSize(1);
            assertThat(u.start(9, 3000).seq()).isEqualTo(1);
        }
    }

    @Test
    void updateLogsOrderByStrictlyIncreasingDates() {
        try (Store store = engine.open(dir)) {
            UpdateStore u = store.updates();
            assertThat(u.state(9)).isEqualTo(UpdatesState.EMPTY);
            LoggedUpdate first = u.append(9, 0, new byte[]{1}, 1000);
            LoggedUpdate second = u.append(9, 0, new byte[]{2}, 1000);
            LoggedUpdate third = u.append(9, 1, new byte[]{3}, 999);
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(second.date()).isEqualTo(1001);
            assertThat(third.pts()).isEqualTo(1);
            assertThat(third.date()).isEqualTo(1002);
            assertThat(u.state(9)).isEqualTo(new UpdatesState(1, 0, 2, 1002));
            assertThat(u.after(9, 0, 0, 10)).extracting(x -> x.body()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
            // A client that saw the first (date 1000) and nothing with pts.
            assertThat(u.after(9, 0, 1000, 10)).extracting(x -> x.body()[0]).containsExactly((byte) 2, (byte) 3);
            assertThat(u.after(9, 1, 1001, 10)).isEmpty();
            assertThat(u.countAfter(9, 0, 0)).isEqualTo(3);
            assertThat(u.after(10, 0, 0, 10)).isEmpty();

            assertThat(u.trim(1002, 1)).isEqualTo(2);
            assertThat(u.trimmedUpTo(9).date()).isEqualTo(1001);
            assertThat(u.after(9, 0, 0, 10)).hasSize(1);
        }
    }

    @Test
    void loginCodesFailuresAndSecrets() {
        try (Store store = engine.open(dir)) {
            LoginCodeStore codes = store.loginCodes();
            codes.put(new LoginCode("h1", "15550001", "12345", 100, 400, 0, false));
            assertThat(codes.find("h1").orElseThrow().code()).isEqualTo("12345");
            assertThat(codes.recent(200, 10)).hasSize(1);
            assertThat(codes.recent(401, 10)).isEmpty();
            assertThat(codes.recordFailure("15550001", 100, 60)).isEqualTo(1);
            assertThat(codes.recordFailure("15550001", 110, 60)).isEqualTo(2);
            assertThat(codes.failures("15550001", 120, 60)).isEqualTo(new LoginCodeStore.SignInFailures(2, 110));
            assertThat(codes.recordFailure("15550001", 500, 60)).isEqualTo(1);
            codes.clearFailures("15550001");
            assertThat(codes.failures("15550001", 500, 60).count()).isZero();
            codes.markVerified("h1");
            assertThat(codes.find("h1").orElseThrow().verified()).isTrue();
            codes.delete("h1");
            assertThat(codes.find("h1")).isEmpty();

            byte[] s1 = store.secrets().secret("k", () -> new byte[]{1, 2});
            byte[] s2 = store.secrets().secret("k", () -> new byte[]{3});
            assertThat(s2).isEqualTo(s1).containsExactly(1, 2);

        }
    }

    @Test
    void twoProcessesShareTheFile() {
        try (Store server = engine.open(dir); Store cli = engine.open(dir)) {
            UserRecord u = cli.users().create(NewUser.person("77", "Cli", ""), 1);
            assertThat(server.users().find(u.id())).contains(u);
            server.privacy().put(u.id(), "profile_photo", new byte[]{9}, 2);
            assertThat(cli.privacy().rules(u.id(), "profile_photo")).hasValueSatisfying(r -> assertThat(r).containsExactly(9));
        }
    }
}
