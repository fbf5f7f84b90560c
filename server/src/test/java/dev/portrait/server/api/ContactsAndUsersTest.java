package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** users.* and contacts.*: access hashes per viewer, contact and mutual flags, names and phones as each viewer sees them. */
class ContactsAndUsersTest {
    @TempDir
    Path dir;

    private static void fails(TestAccounts.Signed s, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> s.call(m)).isInstanceOf(RpcErrorException.class).hasMessage(error);
    }

    private static User user(List<TypeUser> users, long id) {
        return users.stream().map(User.class::cast).filter(u -> u.id() == id).findFirst().orElseThrow();
    }

    /**
     * A contact list is built for all its users together (a fixed number of queries); each user in it must be what
     * users.getUsers shows for that user alone, across contact, mutual, name, phone, status and photo rules.
     */
    @Test
    void aContactListShowsEachUserAsASingleLookupDoes() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed v = t.signUp("9996620100", "Viewer", "");
            List<TypeInputContact> book = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String phone = "99966201" + (10 + i);
                TestAccounts.Signed u = t.signUp(phone, "User", String.valueOf(i));
                if (i % 2 == 0) u.call(PhotosUploadProfilePhoto.builder().file(PhotosTest.upload(u, PhotosTest.image(200, 200, "jpg"), "m.jpg")).build());
                if (i % 3 == 0) u.call(PhotosUploadProfilePhoto.builder().fallback(true)
                        .file(PhotosTest.upload(u, PhotosTest.image(180, 180, "jpg"), "f.jpg")).build());
                List<TypeInputPrivacyRule> contactsOnly = List.of(new InputPrivacyValueAllowContacts(), new InputPrivacyValueDisallowAll());
                switch (i % 4) {
                    case 1 -> u.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), contactsOnly));
                    case 2 -> u.call(new AccountSetPrivacy(new InputPrivacyKeyStatusTimestamp(), List.of(new InputPrivacyValueDisallowAll())));
                    case 3 -> u.call(new AccountSetPrivacy(new InputPrivacyKeyPhoneNumber(), List.of(new InputPrivacyValueAllowAll())));
                    default -> u.call(new AccountSetPrivacy(new InputPrivacyKeyStatusTimestamp(), contactsOnly));
                }
                if (i % 2 == 1) u.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996620100", "V", "", null))));
                u.call(new AccountUpdateStatus(false));
                // the viewer saves every other number under a name of its own (an empty phone for one of them)
                if (i != 7) book.add(new InputPhoneContact(i, i == 6 ? phone : "+" + phone, "Saved", String.valueOf(i), null));
            }
            v.call(new ContactsImportContacts(book));
            ContactsContacts list = (ContactsContacts) v.call(new ContactsGetContacts(0));
            assertThat(list.users()).hasSize(7);
            // a personal photo the viewer set for one of them
            User fifth = list.users().stream().map(User.class::cast).filter(u -> "4".equals(u.lastName())).findFirst().orElseThrow();
            v.call(PhotosUploadContactProfilePhoto.builder().userId(new InputUser(fifth.id(), fifth.accessHash()))
                    .file(PhotosTest.upload(v, PhotosTest.image(160, 160, "jpg"), "p.jpg")).save(true).build());
            list = (ContactsContacts) v.call(new ContactsGetContacts(0));
            for (TypeUser listed : list.users()) {
                User u = (User) listed;
                assertThat(v.call(new UsersGetUsers(List.of(new InputUser(u.id(), u.accessHash()))))).as("user %s", u.lastName())
                        .containsExactly(u);
            }
            // the differences the rules make are there
            assertThat(list.users()).extracting(u -> ((User) u).mutualContact()).contains(true, false);
            assertThat(list.users()).extracting(u -> ((User) u).photo() instanceof UserProfilePhoto p && p.personal()).contains(true, false);
            assertThat(list.users()).extracting(u -> ((User) u).status().getClass().getSimpleName())
                    .contains("UserStatusOnline", "UserStatusRecently");
        }
    }

    @Test
    void importedContactsSeeEachOtherAndHashesArePerViewer() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620001", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620002", "Bob", "Builder");
            TestAccounts.Signed c = t.signUp("9996620003", "Carol", "");
            b.call(new AccountUpdateUsername("Bob_The_Builder"));

            ContactsImportedContacts imported = (ContactsImportedContacts) a.call(new ContactsImportContacts(List.of(
                    new InputPhoneContact(7, "+9996620002", "Bobby", "B", null),
                    new InputPhoneContact(8, "15550000000", "Nobody", "", null))));
            assertThat(imported.imported()).singleElement().isEqualTo(new ImportedContact(b.id(), 7));
            User bobForA = user(imported.users(), b.id());
            assertThat(bobForA.contact()).isTrue();
            assertThat(bobForA.mutualContact()).isFalse();
            assertThat(bobForA.firstName()).isEqualTo("Bobby");
            assertThat(bobForA.phone()).isEqualTo("9996620002");

            // Alice has Bob in her contacts, so her phone shows to him (default phone privacy: my contacts).
            User aliceForB = (User) b.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0)))).stream().findFirst().orElse(null);
            assertThat(aliceForB).as("Bob knows Alice because she has him as a contact").isNotNull();
            assertThat(aliceForB.phone()).isEqualTo("9996620001");
            assertThat(aliceForB.contact()).isFalse();

            b.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996620001", "Alice", "A", null))));
            User aliceNow = (User) b.call(new UsersGetUsers(List.of(new InputUser(a.id(), aliceForB.accessHash())))).getFirst();
            assertThat(aliceNow.mutualContact()).isTrue();
            assertThat(aliceNow.lastName()).isEqualTo("A");
            UsersUserFull full = (UsersUserFull) a.call(new UsersGetFullUser(new InputUser(b.id(), bobForA.accessHash())));
            assertThat(((UserFull) full.fullUser()).id()).isEqualTo(b.id());
            assertThat(user(full.users(), b.id()).mutualContact()).isTrue();

            // Carol resolves Bob by username in any case, with her own access_hash for him.
            ContactsResolvedPeer resolved = (ContactsResolvedPeer) c.call(ContactsResolveUsername.builder().username("bob_the_builder").build());
            assertThat(resolved.peer()).isEqualTo(new PeerUser(b.id()));
            User bobForC = user(resolved.users(), b.id());
            assertThat(bobForC.accessHash()).isNotEqualTo(bobForA.accessHash());
            assertThat(bobForC.firstName()).isEqualTo("Bob");
            assertThat(bobForC.phone()).isNull();
            fails(c, new UsersGetFullUser(new InputUser(b.id(), bobForA.accessHash())), "400 USER_ID_INVALID");
            fails(c, new UsersGetFullUser(new InputUser(b.id(), bobForC.accessHash() ^ 1)), "400 USER_ID_INVALID");
            fails(c, new UsersGetUsers(List.of(new InputUser(b.id(), 12345))), "400 USER_ID_INVALID");
            // Carol does not know Alice: a bare id finds nothing.
            assertThat(c.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0))))).isEmpty();
            fails(c, new UsersGetFullUser(new InputUser(a.id(), 0)), "400 USER_ID_INVALID");
            fails(c, ContactsResolveUsername.builder().username("no_such_user").build(), "400 USERNAME_NOT_OCCUPIED");
            fails(c, ContactsResolveUsername.builder().username("x").build(), "400 USERNAME_INVALID");
            fails(c, new ContactsResolvePhone("15550000000"), "400 PHONE_NOT_OCCUPIED");
            assertThat(((ContactsResolvedPeer) c.call(new ContactsResolvePhone("+9996620002"))).peer()).isEqualTo(new PeerUser(b.id()));

            ContactsContacts list = (ContactsContacts) a.call(new ContactsGetContacts(0));
            assertThat(list.contacts()).singleElement().isEqualTo(new Contact(b.id(), true));
            long hash = dev.portrait.server.contacts.ContactsManager.idsHash(List.of(b.id()));
            assertThat(a.call(new ContactsGetContacts(hash))).isInstanceOf(ContactsContactsNotModified.class);

            // Carol adds Bob without his phone; then deletes him again.
            assertThat(c.call(ContactsAddContact.builder().id(new InputUser(b.id(), bobForC.accessHash()))
                    .firstName("B.").lastName("").phone("").build())).isInstanceOf(Updates.class);
            fails(c, ContactsAddContact.builder().id(new InputUser(b.id(), bobForC.accessHash())).firstName(" ").lastName("").phone("").build(),
                    "400 CONTACT_NAME_EMPTY");
            fails(c, ContactsAddContact.builder().id(new InputUserSelf()).firstName("Me").lastName("").phone("").build(), "400 CONTACT_ID_INVALID");
            assertThat(((ContactsContacts) c.call(new ContactsGetContacts(0))).contacts()).hasSize(1);
            c.call(new ContactsDeleteContacts(List.of(new InputUser(b.id(), bobForC.accessHash()))));
            assertThat(((ContactsContacts) c.call(new ContactsGetContacts(0))).contacts()).isEmpty();
        }
    }

    @Test
    void addedByPhonePrivacyHidesANumber() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620011", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620012", "Bob", "");
            b.call(new AccountSetPrivacy(new InputPrivacyKeyAddedByPhone(), List.of(new InputPrivacyValueAllowContacts(), new InputPrivacyValueDisallowAll())));
            assertThat(((ContactsImportedContacts) a.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996620012", "B", "", null))))).imported()).isEmpty();
            fails(a, new ContactsResolvePhone("9996620012"), "400 PHONE_NOT_OCCUPIED");
        }
    }

    @Test
    void profileChangesAndUsernames() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996620021", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996620022", "Bob", "");
            a.call(new AccountUpdateUsername("alice_21"));
            fails(a, new AccountUpdateUsername("alice_21"), "400 USERNAME_NOT_MODIFIED");
            fails(b, new AccountUpdateUsername("ALICE_21"), "400 USERNAME_OCCUPIED");
            fails(b, new AccountUpdateUsername("_bad"), "400 USERNAME_INVALID");
            fails(b, new AccountUpdateUsername("abc"), "400 USERNAME_INVALID");
            User me = (User) a.call(AccountUpdateProfile.builder().firstName("Alicia").about("hi there").build());
            assertThat(me.firstName()).isEqualTo("Alicia");
            fails(a, AccountUpdateProfile.builder().firstName("").build(), "400 FIRSTNAME_INVALID");
            fails(a, AccountUpdateProfile.builder().about("x".repeat(71)).build(), "400 ABOUT_TOO_LONG");
            User aliceForB = (User) ((ContactsResolvedPeer) b.call(ContactsResolveUsername.builder().username("Alice_21").build())).users().getFirst();
            assertThat(aliceForB.firstName()).isEqualTo("Alicia");
            UserFull full = (UserFull) ((UsersUserFull) b.call(new UsersGetFullUser(new InputUser(a.id(), aliceForB.accessHash())))).fullUser();
            assertThat(full.about()).isEqualTo("hi there");
            a.call(new AccountUpdateUsername(""));
            fails(b, ContactsResolveUsername.builder().username("alice_21").build(), "400 USERNAME_NOT_OCCUPIED");
        }
    }
}
