package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** account.getPrivacy / setPrivacy, and the update sequences: live pushes and catching up with getDifference. */
class PrivacyAndUpdatesTest {
    @TempDir
    Path dir;

    private static void fails(TestAccounts.Signed s, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> s.call(m)).isInstanceOf(RpcErrorException.class).hasMessage(error);
    }

    private static InputUser input(User u) {
        return new InputUser(u.id(), u.accessHash());
    }

    /** Imports each into the other's contacts; returns how a sees b. */
    private static User befriend(TestAccounts.Signed a, TestAccounts.Signed b) throws Exception {
        ContactsImportedContacts r = (ContactsImportedContacts) a.call(new ContactsImportContacts(List.of(
                new InputPhoneContact(1, b.self().phone(), b.self().firstName(), "", null))));
        b.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, a.self().phone(), a.self().firstName(), "", null))));
        return (User) r.users().getFirst();
    }

    @Test
    void rulesRoundTripAndContradictionsAreRefused() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620031", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620032", "Bob", "");
            TestAccounts.Signed other = t.signUp("9996620031", "", "");
            BlockingQueue<TlObject> pushed = new LinkedBlockingQueue<>();
            other.client().onUpdate(pushed::add);
            User bob = befriend(a, b);

            AccountPrivacyRules defaults = (AccountPrivacyRules) a.call(new AccountGetPrivacy(new InputPrivacyKeyProfilePhoto()));
            assertThat(defaults.rules()).containsExactly(new PrivacyValueAllowAll());
            assertThat(((AccountPrivacyRules) a.call(new AccountGetPrivacy(new InputPrivacyKeyPhoneNumber()))).rules())
                    .containsExactly(new PrivacyValueAllowContacts(), new PrivacyValueDisallowAll());

            List<TypeInputPrivacyRule> input = List.of(new InputPrivacyValueAllowUsers(List.of(input(bob))),
                    new InputPrivacyValueAllowPremium(), new InputPrivacyValueDisallowBots(),
                    new InputPrivacyValueAllowChatParticipants(List.of(77L)), new InputPrivacyValueDisallowAll());
            AccountPrivacyRules set = (AccountPrivacyRules) a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), input));
            List<TypePrivacyRule> expected = List.of(new PrivacyValueAllowUsers(List.of(b.id())), new PrivacyValueAllowPremium(),
                    new PrivacyValueDisallowBots(), new PrivacyValueAllowChatParticipants(List.of(77L)), new PrivacyValueDisallowAll());
            assertThat(set.rules()).isEqualTo(expected);
            assertThat(set.users()).singleElement().isInstanceOfSatisfying(User.class, u -> assertThat(u.id()).isEqualTo(b.id()));
            AccountPrivacyRules got = (AccountPrivacyRules) a.call(new AccountGetPrivacy(new InputPrivacyKeyProfilePhoto()));
            assertThat(got.rules()).isEqualTo(expected);

            // The account's other session hears about it.
            // (befriending pushed an updateUser first: Bob became a mutual contact)
            Updates u = nextUpdates(pushed, x -> x.updates().getFirst() instanceof UpdatePrivacy);
            assertThat(u.updates()).singleElement().isEqualTo(new UpdatePrivacy(new PrivacyKeyProfilePhoto(), expected));
            assertThat(u.seq()).isPositive();

            fails(a, new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(),
                    List.of(new InputPrivacyValueAllowAll(), new InputPrivacyValueDisallowAll())), "400 PRIVACY_VALUE_INVALID");
            fails(a, new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowUsers(List.of(input(bob))),
                    new InputPrivacyValueDisallowUsers(List.of(input(bob))))), "400 PRIVACY_VALUE_INVALID");
            fails(a, new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(),
                    List.of(new InputPrivacyValueAllowUsers(List.of(new InputUser(bob.id(), 1))))), "400 PRIVACY_VALUE_INVALID");
            fails(a, new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowCloseFriends())),
                    "400 PRIVACY_VALUE_INVALID");
            fails(a, new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(),
                    Collections.nCopies(1001, new InputPrivacyValueAllowChatParticipants(List.of(1L)))), "400 PRIVACY_TOO_LONG");
            assertThat(((AccountPrivacyRules) a.call(new AccountGetPrivacy(new InputPrivacyKeyProfilePhoto()))).rules()).isEqualTo(expected);
        }
    }

    @Test
    void rulesDecideWhatEachViewerSees() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620041", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620042", "Bob", "");
            TestAccounts.Signed c = t.signUp("9996620043", "Carol", "");
            User bob = befriend(a, b);
            User carol = befriend(a, c);
            a.call(new AccountUpdateStatus(false));
            a.call(AccountUpdateProfile.builder().about("secret about").build());
            a.call(new AccountSetPrivacy(new InputPrivacyKeyStatusTimestamp(), List.of(new InputPrivacyValueAllowContacts(),
                    new InputPrivacyValueDisallowUsers(List.of(input(carol))), new InputPrivacyValueDisallowAll())));
            a.call(new AccountSetPrivacy(new InputPrivacyKeyAbout(), List.of(new InputPrivacyValueAllowUsers(List.of(input(bob))),
                    new InputPrivacyValueDisallowAll())));
            User aliceForB = (User) b.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0)))).getFirst();
            User aliceForC = (User) c.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0)))).getFirst();
            assertThat(aliceForB.status()).isInstanceOf(UserStatusOnline.class);
            assertThat(aliceForC.status()).isInstanceOf(UserStatusRecently.class);
            assertThat(((UserFull) ((UsersUserFull) b.call(new UsersGetFullUser(input(aliceForB)))).fullUser()).about()).isEqualTo("secret about");
            assertThat(((UserFull) ((UsersUserFull) c.call(new UsersGetFullUser(input(aliceForC)))).fullUser()).about()).isNull();

            // a status change is pushed to everyone who has her as a contact, each as her rules show it to them
            BlockingQueue<TlObject> toB = new LinkedBlockingQueue<>();
            BlockingQueue<TlObject> toC = new LinkedBlockingQueue<>();
            b.client().onUpdate(toB::add);
            c.client().onUpdate(toC::add);
            a.call(new AccountUpdateStatus(true));
            a.call(new AccountUpdateStatus(false));
            assertThat(statusPushes(toB, a.id())).extracting(s -> s.getClass().getSimpleName())
                    .containsExactly("UserStatusOffline", "UserStatusOnline");
            assertThat(statusPushes(toC, a.id())).extracting(s -> s.getClass().getSimpleName())
                    .containsExactly("UserStatusRecently", "UserStatusRecently");
        }
    }

    /** The statuses of userId pushed as updateShort(updateUserStatus), the next two. */
    private static List<TypeUserStatus> statusPushes(BlockingQueue<TlObject> pushed, long userId) throws InterruptedException {
        List<TypeUserStatus> out = new ArrayList<>();
        while (out.size() < 2) {
            UpdateShort u = (UpdateShort) nextPushed(pushed,
                    o -> o instanceof UpdateShort s && s.update() instanceof UpdateUserStatus st && st.userId() == userId);
            out.add(((UpdateUserStatus) u.update()).status());
        }
        return out;
    }

    @Test
    void aNewAccountsStateIsDatedNowAndItsFirstUpdateComesAfterIt() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed c = t.signUp("9996620061", "Carol", "");
            int now = (int) (System.currentTimeMillis() / 1000);
            UpdatesState fresh = (UpdatesState) c.call(new UpdatesGetState());
            // as on Telegram: the current date, not 0 (mtcute asks again when it sees 0)
            assertThat(fresh.date()).isBetween(now - 5, now + 5);
            assertThat(fresh.seq()).isZero();
            assertThat(fresh.pts()).isZero();
            assertThat((Object) c.call(UpdatesGetDifference.builder().pts(0).date(fresh.date()).qts(0).build()))
                    .isEqualTo(new UpdatesDifferenceEmpty(fresh.date(), 0));
            // an update logged within the same second is still after that date, so getDifference finds it
            c.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowContacts())));
            UpdatesDifference d = (UpdatesDifference) c.call(UpdatesGetDifference.builder().pts(fresh.pts()).date(fresh.date()).qts(0).build());
            assertThat(d.otherUpdates()).singleElement().isInstanceOf(UpdatePrivacy.class);
            assertThat(((UpdatesState) d.state()).date()).isGreaterThan(fresh.date());
        }
    }

    /**
     * Methods that change a profile or a privacy rule return no Updates, so the calling session gets the update
     * pushed like the account's other sessions: its seq stays contiguous and it has no gap to fill.
     */
    @Test
    void theCallingSessionHearsOfItsOwnChangesInSeqOrder() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620071", "Alice", "");
            BlockingQueue<TlObject> toA = new LinkedBlockingQueue<>();
            a.client().onUpdate(toA::add);
            UpdatesState before = (UpdatesState) a.call(new UpdatesGetState());
            a.call(AccountUpdateProfile.builder().about("new about").build());
            Updates profile = nextUpdates(toA, x -> true);
            assertThat(profile.updates()).singleElement().isEqualTo(new UpdateUser(a.id()));
            assertThat(profile.seq()).isEqualTo(before.seq() + 1);
            a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowContacts())));
            Updates privacy = nextUpdates(toA, x -> true);
            assertThat(privacy.updates()).singleElement().isInstanceOf(UpdatePrivacy.class);
            assertThat(privacy.seq()).isEqualTo(before.seq() + 2);
        }
    }

    @Test
    void profileChangesArePushedAndCaughtUpWithGetDifference() throws Exception {
        try (TestAccounts t = new TestAccounts(dir, new ServerConfig.Accounts(300, 5, 300, 2, 7))) {
            TestAccounts.Signed a = t.signUp("9996620051", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620052", "Bob", "");
            befriend(a, b);
            BlockingQueue<TlObject> toB = new LinkedBlockingQueue<>();
            b.client().onUpdate(toB::add);
            UpdatesState before = (UpdatesState) b.call(new UpdatesGetState());

            a.call(AccountUpdateProfile.builder().firstName("Alicia").build());
            Updates live = nextUpdates(toB, x -> true);
            assertThat(live.updates()).singleElement().isEqualTo(new UpdateUser(a.id()));
            assertThat(live.users()).singleElement().isInstanceOfSatisfying(User.class, u -> {
                assertThat(u.id()).isEqualTo(a.id());
                // Bob saved her as "Alice": his address book wins, as on Telegram.
                assertThat(u.firstName()).isEqualTo("Alice");
            });
            assertThat(live.seq()).isEqualTo(before.seq() + 1);

            a.call(new AccountUpdateUsername("alicia_51"));
            a.call(AccountUpdateProfile.builder().about("about").build());
            // Bob was "offline" since `before`: three updates wait, the server slices them two at a time.
            TypeUpdatesDifference d1 = b.call(UpdatesGetDifference.builder().pts(before.pts()).date(before.date()).qts(0).build());
            assertThat(d1).isInstanceOf(UpdatesDifferenceSlice.class);
            UpdatesDifferenceSlice slice = (UpdatesDifferenceSlice) d1;
            assertThat(slice.otherUpdates()).hasSize(2).allSatisfy(u -> assertThat(u).isEqualTo(new UpdateUser(a.id())));
            assertThat(slice.users()).isNotEmpty();
            UpdatesState mid = (UpdatesState) slice.intermediateState();
            TypeUpdatesDifference d2 = b.call(UpdatesGetDifference.builder().pts(mid.pts()).date(mid.date()).qts(0).build());
            UpdatesDifference rest = (UpdatesDifference) d2;
            assertThat(rest.otherUpdates()).hasSize(1);
            UpdatesState end = (UpdatesState) rest.state();
            assertThat(end).isEqualTo(b.call(new UpdatesGetState()));
            assertThat(end.seq()).isEqualTo(before.seq() + 3);
            assertThat((Object) b.call(UpdatesGetDifference.builder().pts(end.pts()).date(end.date()).qts(0).build()))
                    .isEqualTo(new UpdatesDifferenceEmpty(end.date(), end.seq()));
            // A client too far behind starts over.
            assertThat((Object) b.call(UpdatesGetDifference.builder().pts(before.pts()).date(before.date()).qts(0).ptsTotalLimit(1).build()))
                    .isInstanceOf(UpdatesDifferenceTooLong.class);
        }
    }

    static Updates nextUpdates(BlockingQueue<TlObject> queue, java.util.function.Predicate<Updates> wanted) throws InterruptedException {
        return (Updates) nextPushed(queue, o -> o instanceof Updates u && wanted.test(u));
    }

    /** The next pushed object wanted accepts, skipping up to 10 others, waiting at most 10 s for each. */
    static TlObject nextPushed(BlockingQueue<TlObject> queue, java.util.function.Predicate<TlObject> wanted) throws InterruptedException {
        List<TlObject> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TlObject o = queue.poll(10, TimeUnit.SECONDS);
            if (o == null) break;
            if (wanted.test(o)) return o;
            seen.add(o);
        }
        throw new AssertionError("nothing wanted pushed; saw " + seen);
    }
}
