package dev.portrait.server.api;

import dev.portrait.store.PostgresStore;
import dev.portrait.store.TestPostgres;
import dev.portrait.store.blob.S3BlobStore;
import dev.portrait.store.blob.TestS3;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.portrait.server.api.ContactPhotosTest.history;
import static dev.portrait.server.api.ContactPhotosTest.shownPhotoId;
import static dev.portrait.server.api.ContactPhotosTest.user;
import static dev.portrait.server.api.PhotosTest.download;
import static dev.portrait.server.api.PhotosTest.image;
import static dev.portrait.server.api.PhotosTest.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on PostgreSQL ({@code serve --store postgres://...}) through the Java client: every domain store is
 * used once (auth keys, accounts, sign-in codes, contacts, privacy, uploads, photos, messages, update logs, secrets),
 * and a restarted server finds it all again.
 */
@ExtendWith(TestPostgres.Lifecycle.class)
class PostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void accountsPhotosAndSuggestionsLiveInPostgres() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        long aliceId;
        long photoId;
        // one node on PostgreSQL + S3-compatible blobs: everything a photo is made of lives outside the data directory
        TestS3 s3 = TestS3.shared();
        String bucket = s3.newBucket();
        String blobs = s3.url(bucket, "portrait");
        try (TestAccounts t = new TestAccounts(dir, c -> c.withStore(url).withBlobs(blobs))) {
            assertThat(t.server.store()).isInstanceOf(PostgresStore.class);
            // the pool and the conflict retries are metered
            String scrape = t.server.metrics().scrape();
            assertThat(scrape).contains("hikaricp_connections_max{pool=\"portrait-pg\"}").contains("portrait_store_retries_total");
            assertThat(t.server.store().blobs()).isInstanceOf(S3BlobStore.class);
            TestAccounts.Signed a = t.signUp("9996670001", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996670002", "Bob", "");
            aliceId = a.id();
            b.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996670001", "Alice", "", null))));
            a.call(new ContactsImportContacts(List.of(new InputPhoneContact(2, "9996670002", "Bob", "", null))));
            a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowContacts(), new InputPrivacyValueDisallowAll())));

            // a profile photo: upload parts, the photo pipeline, blobs; Bob, her contact, sees and downloads it
            Photo photo = (Photo) ((PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder()
                    .file(upload(a, image(700, 600, "jpg"), "me.jpg")).build())).photo();
            photoId = photo.id();
            User aliceForBob = user(b, a.id());
            assertThat(shownPhotoId(aliceForBob)).isEqualTo(photo.id());
            byte[] small = download(b, new InputPeerPhotoFileLocation(false, new InputPeerUser(a.id(), aliceForBob.accessHash()), photo.id()));
            assertThat(PhotosTest.decode(small).getWidth()).isEqualTo(160);

            // a suggestion: a photo and two service messages in one transaction, and an update in Bob's log
            UpdatesState before = (UpdatesState) b.call(new UpdatesGetState());
            User bobForAlice = user(a, b.id());
            Photo suggested = (Photo) ((PhotosPhoto) a.call(PhotosUploadContactProfilePhoto.builder().suggest(true)
                    .userId(new InputUser(b.id(), bobForAlice.accessHash())).file(upload(a, image(320, 320, "jpg"), "s.jpg")).build())).photo();
            List<TypeMessage> inbox = history(b, aliceForBob);
            assertThat(inbox).hasSize(1);
            MessageService in = (MessageService) inbox.getFirst();
            assertThat(((MessageActionSuggestProfilePhoto) in.action()).photo()).extracting(p -> ((Photo) p).id()).isEqualTo(suggested.id());
            UpdatesDifference diff = (UpdatesDifference) b.call(UpdatesGetDifference.builder().pts(before.pts()).date(before.date()).qts(0).build());
            assertThat(diff.newMessages()).extracting(m -> ((MessageService) m).id()).containsExactly(in.id());

            // Bob installs the suggestion as his own photo
            Photo offered = (Photo) ((MessageActionSuggestProfilePhoto) in.action()).photo();
            Photo installed = (Photo) ((PhotosPhoto) b.call(PhotosUpdateProfilePhoto.builder()
                    .id(new InputPhoto(offered.id(), offered.accessHash(), offered.fileReference())).build())).photo();
            assertThat(shownPhotoId(user(a, b.id()))).isEqualTo(installed.id());
        }

        // the photo's files are objects in the bucket
        assertThat(s3.admin().listObjectsV2Paginator(r -> r.bucket(bucket).prefix("portrait/photos/")).contents()).isNotEmpty();

        // A new server with an empty data directory on the same database and bucket: the account, its photo (bytes
        // included) and the privacy rule are all there.
        try (TestAccounts t = new TestAccounts(dir.resolve("another-node"), c -> c.withStore(url).withBlobs(blobs))) {
            TestAccounts.Signed a = t.signUp("9996670001", "Alice", "");
            assertThat(a.id()).isEqualTo(aliceId);
            assertThat(shownPhotoId(a.self())).isEqualTo(photoId);
            Photo own = (Photo) ((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos().getFirst();
            byte[] c640 = download(a, new InputPhotoFileLocation(own.id(), own.accessHash(), own.fileReference(), "c"));
            assertThat(PhotosTest.decode(c640).getWidth()).isEqualTo(600);
            TestAccounts.Signed c = t.signUp("9996670003", "Carol", "");
            User aliceForCarol = (User) ((ContactsResolvedPeer) c.call(new ContactsResolvePhone("9996670001"))).users().getFirst();
            assertThat(aliceForCarol.id()).isEqualTo(aliceId);
            assertThat(shownPhotoId(aliceForCarol)).isZero(); // Carol is no contact of Alice's
        }
    }
}
