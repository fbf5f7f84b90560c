package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.portrait.server.api.PhotosTest.download;
import static dev.portrait.server.api.PhotosTest.image;
import static dev.portrait.server.api.PhotosTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Personal, suggested and fallback photos through the Java client: who sees which photo, the service messages that
 * carry suggestions, installing and withdrawing them, and the errors.
 */
class ContactPhotosTest {
    @TempDir
    Path dir;

    private static void fails(TestAccounts.Signed s, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> s.call(m)).isInstanceOf(RpcErrorException.class).hasMessage("400 " + error);
    }

    static User user(TestAccounts.Signed viewer, long id) throws Exception {
        return (User) viewer.call(new UsersGetUsers(List.of(new InputUser(id, 0)))).getFirst();
    }

    private static User user(TestAccounts.Signed viewer, User known) throws Exception {
        return (User) viewer.call(new UsersGetUsers(List.of(new InputUser(known.id(), known.accessHash())))).getFirst();
    }

    private static User resolve(TestAccounts.Signed viewer, String phone) throws Exception {
        return (User) ((ContactsResolvedPeer) viewer.call(new ContactsResolvePhone(phone))).users().getFirst();
    }

    static long shownPhotoId(User u) {
        return u.photo() instanceof UserProfilePhoto p ? p.photoId() : 0;
    }

    private static Photo uploadPhoto(TestAccounts.Signed s, boolean fallback, int side) throws Exception {
        return (Photo) ((PhotosPhoto) s.call(PhotosUploadProfilePhoto.builder().fallback(fallback)
                .file(upload(s, image(side, side, "jpg"), "p.jpg")).build())).photo();
    }

    private static InputPhoto input(Photo p) {
        return new InputPhoto(p.id(), p.accessHash(), p.fileReference());
    }

    static List<TypeMessage> history(TestAccounts.Signed s, User peer) throws Exception {
        TypeMessagesMessages h = s.call(MessagesGetHistory.builder().peer(new InputPeerUser(peer.id(), peer.accessHash()))
                .limit(20).hash(0).build());
        return switch (h) {
            case MessagesMessages m -> m.messages();
            case MessagesMessagesSlice m -> m.messages();
            default -> throw new AssertionError(h);
        };
    }

    @Test
    void personalPhotosAreSeenOnlyByTheirCreator() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996650001", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996650002", "Bob", "");
            TestAccounts.Signed c = t.signUp("9996650003", "Carol", "");
            a.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996650002", "Bob", "", null))));
            Photo bobs = uploadPhoto(b, false, 400);

            PhotosPhoto set = (PhotosPhoto) a.call(PhotosUploadContactProfilePhoto.builder().save(true)
                    .userId(new InputUser(b.id(), 0)).file(upload(a, image(300, 300, "png"), "mine.png")).build());
            Photo personal = (Photo) set.photo();
            User bobForAlice = (User) set.users().getFirst();
            assertThat(bobForAlice.id()).isEqualTo(b.id());
            assertThat(((UserProfilePhoto) bobForAlice.photo()).personal()).isTrue();
            assertThat(shownPhotoId(bobForAlice)).isEqualTo(personal.id());
            assertThat(shownPhotoId(user(a, b.id()))).isEqualTo(personal.id());
            UserFull full = (UserFull) ((UsersUserFull) a.call(new UsersGetFullUser(new InputUser(b.id(), 0)))).fullUser();
            assertThat(((Photo) full.personalPhoto()).id()).isEqualTo(personal.id());
            assertThat(((Photo) full.profilePhoto()).id()).isEqualTo(bobs.id());
            // getUserPhotos: the personal photo first, then Bob's album
            PhotosPhotos listed = (PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUser(b.id(), 0), 0, 0, 10));
            assertThat(listed.photos()).extracting(p -> ((Photo) p).id()).containsExactly(personal.id(), bobs.id());
            assertThat(download(a, new InputPhotoFileLocation(personal.id(), personal.accessHash(), personal.fileReference(), "a"))).isNotEmpty();

            // nobody else sees it: not Bob, not Carol, and they cannot download it
            User bobForCarol = resolve(c, "9996650002");
            assertThat(shownPhotoId(bobForCarol)).isEqualTo(bobs.id());
            assertThat(((UserProfilePhoto) bobForCarol.photo()).personal()).isFalse();
            assertThat(shownPhotoId(user(b, b.id()))).isEqualTo(bobs.id());
            assertThatThrownBy(() -> download(c, new InputPhotoFileLocation(personal.id(), personal.accessHash(), personal.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");

            // a second one replaces the first; save without media removes it
            Photo second = (Photo) ((PhotosPhoto) a.call(PhotosUploadContactProfilePhoto.builder().save(true)
                    .userId(new InputUser(b.id(), 0)).file(upload(a, image(320, 320, "jpg"), "2.jpg")).build())).photo();
            assertThat(shownPhotoId(user(a, b.id()))).isEqualTo(second.id());
            assertThatThrownBy(() -> download(a, new InputPhotoFileLocation(personal.id(), personal.accessHash(), personal.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");
            PhotosPhoto removed = (PhotosPhoto) a.call(PhotosUploadContactProfilePhoto.builder().save(true).userId(new InputUser(b.id(), 0)).build());
            assertThat(removed.photo()).isInstanceOf(PhotoEmpty.class);
            assertThat(shownPhotoId(user(a, b.id()))).isEqualTo(bobs.id());
            assertThat(((UserProfilePhoto) user(a, b.id()).photo()).personal()).isFalse();

            // errors
            User carolForAlice = resolve(a, "9996650003");
            fails(a, PhotosUploadContactProfilePhoto.builder().save(true).userId(new InputUser(c.id(), carolForAlice.accessHash()))
                    .file(upload(a, image(300, 300, "jpg"), "x.jpg")).build(), "CONTACT_MISSING");
            fails(a, PhotosUploadContactProfilePhoto.builder().save(true).userId(new InputUserSelf())
                    .file(upload(a, image(300, 300, "jpg"), "x.jpg")).build(), "USER_ID_INVALID");
            fails(a, PhotosUploadContactProfilePhoto.builder().save(true).userId(new InputUser(424242, 1))
                    .file(upload(a, image(300, 300, "jpg"), "x.jpg")).build(), "USER_ID_INVALID");
            fails(a, PhotosUploadContactProfilePhoto.builder().userId(new InputUser(b.id(), 0)).build(), "PHOTO_FILE_MISSING");
        }
    }

    @Test
    void suggestionsTravelAsServiceMessagesAndCanBeInstalled() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996650011", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996650012", "Bob", "");
            TestAccounts.Signed c = t.signUp("9996650013", "Carol", "");
            User bobForAlice = resolve(a, "9996650012");
            User aliceForBob = resolve(b, "9996650011");
            UpdatesState before = (UpdatesState) b.call(new UpdatesGetState());

            PhotosPhoto sent = (PhotosPhoto) a.call(PhotosUploadContactProfilePhoto.builder().suggest(true)
                    .userId(new InputUser(b.id(), bobForAlice.accessHash())).file(upload(a, image(700, 700, "jpg"), "s.jpg")).build());
            Photo suggested = (Photo) sent.photo();
            assertThat(suggested.sizes()).hasSize(4);
            // a suggestion changes nobody's photo
            assertThat(shownPhotoId(user(b, b.self()))).isZero();

            MessageService out = (MessageService) history(a, bobForAlice).getFirst();
            assertThat(out.out()).isTrue();
            assertThat(((PeerUser) out.peerId()).userId()).isEqualTo(b.id());
            assertThat(((Photo) ((MessageActionSuggestProfilePhoto) out.action()).photo()).id()).isEqualTo(suggested.id());
            List<TypeMessage> inbox = history(b, aliceForBob);
            assertThat(inbox).hasSize(1);
            MessageService in = (MessageService) inbox.getFirst();
            assertThat(in.out()).isFalse();
            assertThat(((PeerUser) in.fromId()).userId()).isEqualTo(a.id());
            assertThat(((PeerUser) in.peerId()).userId()).isEqualTo(a.id());
            Photo offered = (Photo) ((MessageActionSuggestProfilePhoto) in.action()).photo();
            assertThat(offered.id()).isEqualTo(suggested.id());

            // the message names its parties: Bob may refer to Alice (and himself) through it, not to anyone else, and
            // Carol, who does not have it, may not
            InputPeerUser chatWithAlice = new InputPeerUser(a.id(), aliceForBob.accessHash());
            assertThat(((UserFull) ((UsersUserFull) b.call(new UsersGetFullUser(new InputUserFromMessage(chatWithAlice, in.id(), a.id())))).fullUser()).id())
                    .isEqualTo(a.id());
            assertThat(user(b, b.self()).id()).isEqualTo(((User) b.call(new UsersGetUsers(List.of(
                    new InputUserFromMessage(chatWithAlice, in.id(), b.id())))).getFirst()).id());
            fails(b, new UsersGetFullUser(new InputUserFromMessage(chatWithAlice, in.id(), c.id())), "USER_ID_INVALID");
            fails(b, new UsersGetFullUser(new InputUserFromMessage(chatWithAlice, in.id() + 1, a.id())), "USER_ID_INVALID");
            fails(b, new UsersGetFullUser(new InputUserFromMessage(new InputPeerSelf(), in.id(), a.id())), "USER_ID_INVALID");
            fails(c, new UsersGetFullUser(new InputUserFromMessage(new InputPeerUser(a.id(), aliceForBob.accessHash()), in.id(), a.id())),
                    "USER_ID_INVALID");
            assertThat(history(b, (User) b.call(new UsersGetUsers(List.of(new InputUserFromMessage(chatWithAlice, in.id(), a.id())))).getFirst()))
                    .hasSize(1);

            // Bob's other session catches up through getDifference: the message is in new_messages
            UpdatesDifference diff = (UpdatesDifference) b.call(UpdatesGetDifference.builder().pts(before.pts()).date(before.date()).qts(0).build());
            assertThat(diff.newMessages()).extracting(m -> ((MessageService) m).id()).containsExactly(in.id());
            assertThat(diff.users()).extracting(u -> ((User) u).id()).contains(a.id());

            // the two of them may download it, Carol may not and cannot install it
            assertThat(download(b, new InputPhotoFileLocation(offered.id(), offered.accessHash(), offered.fileReference(), "c"))).isNotEmpty();
            assertThatThrownBy(() -> download(c, new InputPhotoFileLocation(offered.id(), offered.accessHash(), offered.fileReference(), "c")))
                    .hasMessage("400 LOCATION_INVALID");
            fails(c, PhotosUpdateProfilePhoto.builder().id(input(offered)).build(), "PHOTO_ID_INVALID");
            fails(a, PhotosUpdateProfilePhoto.builder().id(input(offered)).build(), "PHOTO_ID_INVALID");

            // Bob installs it although Alice made it: it becomes his main photo, a copy of its own
            Photo installed = (Photo) ((PhotosPhoto) b.call(PhotosUpdateProfilePhoto.builder().id(input(offered)).build())).photo();
            assertThat(installed.sizes()).hasSize(4);
            assertThat(shownPhotoId(user(b, b.self()))).isEqualTo(installed.id());
            assertThat(shownPhotoId(user(a, bobForAlice))).isEqualTo(installed.id());

            // Alice withdraws it (revoke): both copies go, Bob is told, the suggested photo is gone, his copy stays
            UpdatesState bobState = (UpdatesState) b.call(new UpdatesGetState());
            MessagesAffectedMessages affected = (MessagesAffectedMessages) a.call(MessagesDeleteMessages.builder().revoke(true).id(List.of(out.id())).build());
            assertThat(affected.ptsCount()).isEqualTo(1);
            assertThat(history(a, bobForAlice)).isEmpty();
            assertThat(history(b, aliceForBob)).isEmpty();
            UpdatesDifference gone = (UpdatesDifference) b.call(UpdatesGetDifference.builder().pts(bobState.pts()).date(bobState.date()).qts(0).build());
            assertThat(gone.otherUpdates()).anySatisfy(u -> assertThat(((UpdateDeleteMessages) u).messages()).containsExactly(in.id()));
            assertThatThrownBy(() -> download(a, new InputPhotoFileLocation(offered.id(), offered.accessHash(), offered.fileReference(), "c")))
                    .hasMessage("400 LOCATION_INVALID");
            assertThat(download(a, new InputPhotoFileLocation(installed.id(), installed.accessHash(), installed.fileReference(), "c"))).isNotEmpty();

            // deleting without revoke keeps the other side's copy
            a.call(PhotosUploadContactProfilePhoto.builder().suggest(true).userId(new InputUser(b.id(), bobForAlice.accessHash()))
                    .file(upload(a, image(300, 300, "jpg"), "s2.jpg")).build());
            MessageService second = (MessageService) history(a, bobForAlice).getFirst();
            a.call(MessagesDeleteMessages.builder().id(List.of(second.id())).build());
            assertThat(history(a, bobForAlice)).isEmpty();
            assertThat(history(b, aliceForBob)).hasSize(1);
            // a suggestion needs media
            fails(a, PhotosUploadContactProfilePhoto.builder().suggest(true).userId(new InputUser(b.id(), bobForAlice.accessHash())).build(),
                    "PHOTO_FILE_MISSING");
        }
    }

    @Test
    void theFallbackPhotoIsShownToThoseWhoCannotSeeTheMainOne() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996650021", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996650022", "Bob", "");
            TestAccounts.Signed c = t.signUp("9996650023", "Carol", "");
            a.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996650022", "Bob", "", null))));
            a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowContacts(), new InputPrivacyValueDisallowAll())));
            Photo main = uploadPhoto(a, false, 500);
            Photo fallback = uploadPhoto(a, true, 400);

            // the fallback stays out of the album; the owner sees both in userFull
            PhotosPhotos own = (PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10));
            assertThat(own.photos()).extracting(p -> ((Photo) p).id()).containsExactly(main.id());
            UserFull mine = (UserFull) ((UsersUserFull) a.call(new UsersGetFullUser(new InputUserSelf()))).fullUser();
            assertThat(((Photo) mine.profilePhoto()).id()).isEqualTo(main.id());
            assertThat(((Photo) mine.fallbackPhoto()).id()).isEqualTo(fallback.id());

            // Bob, a contact, sees the main photo; Carol sees the fallback everywhere and can download only that
            assertThat(shownPhotoId(user(b, a.id()))).isEqualTo(main.id());
            User aliceForCarol = resolve(c, "9996650021");
            assertThat(shownPhotoId(aliceForCarol)).isEqualTo(fallback.id());
            // several users in one call (their photos are looked up together) show as each does alone
            Photo bobs = uploadPhoto(b, false, 300);
            User bobForCarol = resolve(c, "9996650022");
            List<TypeUser> many = c.call(new UsersGetUsers(List.of(new InputUser(a.id(), aliceForCarol.accessHash()),
                    new InputUser(b.id(), bobForCarol.accessHash()), new InputUserSelf())));
            assertThat(many).extracting(u -> shownPhotoId((User) u)).containsExactly(fallback.id(), bobs.id(), 0L);
            assertThat(many.get(1)).isEqualTo(user(c, bobForCarol));
            assertThat(b.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0), new InputUserSelf()))))
                    .extracting(u -> shownPhotoId((User) u)).containsExactly(main.id(), bobs.id());
            UserFull carolSees = (UserFull) ((UsersUserFull) c.call(new UsersGetFullUser(new InputUser(a.id(), aliceForCarol.accessHash())))).fullUser();
            assertThat(carolSees.profilePhoto()).isNull();
            assertThat(((Photo) carolSees.fallbackPhoto()).id()).isEqualTo(fallback.id());
            PhotosPhotos carolList = (PhotosPhotos) c.call(new PhotosGetUserPhotos(new InputUser(a.id(), aliceForCarol.accessHash()), 0, 0, 10));
            assertThat(carolList.photos()).extracting(p -> ((Photo) p).id()).containsExactly(fallback.id());
            assertThat(download(c, new InputPhotoFileLocation(fallback.id(), fallback.accessHash(), fallback.fileReference(), "a"))).isNotEmpty();
            assertThatThrownBy(() -> download(c, new InputPhotoFileLocation(main.id(), main.accessHash(), main.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");

            // an album photo becomes the fallback (a copy); the old fallback is gone
            Photo fromAlbum = (Photo) ((PhotosPhoto) a.call(PhotosUpdateProfilePhoto.builder().fallback(true).id(input(main)).build())).photo();
            assertThat(fromAlbum.id()).isNotIn(main.id(), fallback.id());
            assertThat(shownPhotoId(resolve(c, "9996650021"))).isEqualTo(fromAlbum.id());
            assertThatThrownBy(() -> download(a, new InputPhotoFileLocation(fallback.id(), fallback.accessHash(), fallback.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");
            assertThat(shownPhotoId(user(b, a.id()))).isEqualTo(main.id());
            // and is removed with inputPhotoEmpty
            PhotosPhoto cleared = (PhotosPhoto) a.call(PhotosUpdateProfilePhoto.builder().fallback(true).id(new InputPhotoEmpty()).build());
            assertThat(cleared.photo()).isInstanceOf(PhotoEmpty.class);
            assertThat(resolve(c, "9996650021").photo()).isNull();
            assertThat(shownPhotoId(user(b, a.id()))).isEqualTo(main.id());
        }
    }
}
