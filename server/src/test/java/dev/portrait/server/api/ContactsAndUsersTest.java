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
