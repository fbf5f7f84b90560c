package dev.portrait.server.api;

import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.ServerKeys;
import dev.portrait.store.TestPostgres;
import dev.portrait.store.blob.TestS3;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static dev.portrait.client.MtprotoClient.await;
import static dev.portrait.server.api.ContactPhotosTest.shownPhotoId;
import static dev.portrait.server.api.ContactPhotosTest.user;
import static dev.portrait.server.api.PhotosTest.download;
import static dev.portrait.server.api.PhotosTest.image;
import static dev.portrait.server.api.PhotosTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two server nodes on one PostgreSQL database and one bucket, as docs/deployment.md runs them: the same keys/ on
 * both, no stickiness. An auth key works on either node and follows sign-in and sign-out made on the other; parts
 * uploaded through one node complete a photo on the other; an update produced on one node reaches sessions connected
 * to the other at once (NOTIFY/LISTEN), and so does presence.
 */
@ExtendWith(TestPostgres.Lifecycle.class)
class TwoNodesTest {
    @TempDir
    Path dir;

    @Test
    void twoNodesServeOneStore() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        TestS3 s3 = TestS3.shared();
        String blobs = s3.url(s3.newBucket(), "nodes");
        UnaryOperator<ServerConfig> shared = c -> c.withStore(url).withBlobs(blobs);
        try (TestAccounts nodeA = new TestAccounts(dir.resolve("a"), shared)) {
            ServerKeys.copy(dir.resolve("a"), dir.resolve("b"));
            try (TestAccounts nodeB = new TestAccounts(dir.resolve("b"), shared)) {
                assertThat(nodeB.server.keys()).extracting(RsaKey::fingerprint)
                        .isEqualTo(nodeA.server.keys().stream().map(RsaKey::fingerprint).toList());

                // A key made on node A is used on node B before it signs in: node B caches it as signed out ...
                MtprotoClient aliceOnA = nodeA.connect();
                MtprotoClient aliceOnB = nodeB.connect(aliceOnA.session());
                assertThat(await(aliceOnB.invoke(new HelpGetConfig()))).isInstanceOf(Config.class);
                assertThatThrownBy(() -> await(aliceOnB.invoke(new UsersGetFullUser(new InputUserSelf()))))
                        .isInstanceOf(RpcErrorException.class).hasMessage("401 AUTH_KEY_UNREGISTERED");
                // ... and learns of the sign-in on node A without a restart
                TestAccounts.Signed alice = TestAccounts.signUp(aliceOnA, "9996680001", "Alice", "");
                eventually(() -> await(aliceOnB.invoke(new UsersGetFullUser(new InputUserSelf()))));
                TestAccounts.Signed aliceB = new TestAccounts.Signed(aliceOnB, alice.self());

                TestAccounts.Signed bob = nodeB.signUp("9996680002", "Bob", "");
                MtprotoClient bobOnA = nodeA.connect(bob.client().session());
                TestAccounts.Signed bobA = new TestAccounts.Signed(bobOnA, bob.self());
                alice.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996680002", "Bob", "", null))));
                bob.call(new ContactsImportContacts(List.of(new InputPhoneContact(2, "9996680001", "Alice", "", null))));

                BlockingQueue<TlObject> toAliceOnA = new LinkedBlockingQueue<>();
                aliceOnA.onUpdate(toAliceOnA::add);
                BlockingQueue<TlObject> toBobOnA = new LinkedBlockingQueue<>();
                bobOnA.onUpdate(toBobOnA::add);
                BlockingQueue<TlObject> toBobOnB = new LinkedBlockingQueue<>();
                bob.client().onUpdate(toBobOnB::add);

                // Bob's parts go half through node A and half through node B; the photo is made on node B
                byte[] png = image(900, 900, "png");
                long fileId = 77;
                int part = 8 * 1024;
                int parts = (png.length + part - 1) / part;
                assertThat(parts).isGreaterThan(2);
                for (int i = 0; i < parts; i++) {
                    byte[] bytes = Arrays.copyOfRange(png, i * part, Math.min(png.length, (i + 1) * part));
                    assertThat((i % 2 == 0 ? bob : bobA).call(new UploadSaveFilePart(fileId, i, bytes))).isTrue();
                }
                InputFile file = new InputFile(fileId, parts, "bob.png", "");
                Photo photo = (Photo) ((PhotosPhoto) bob.call(PhotosUploadProfilePhoto.builder().file(file).build())).photo();

                // Alice, his contact, connected to node A, hears of it at once; so does Bob's own session on node A
                Updates forAlice = PrivacyAndUpdatesTest.nextUpdates(toAliceOnA, u -> u.updates().contains(new UpdateUser(bob.id())));
                assertThat(forAlice.users()).extracting(u -> ((User) u).id()).contains(bob.id());
                PrivacyAndUpdatesTest.nextUpdates(toBobOnA, u -> u.updates().contains(new UpdateUser(bob.id())));
                assertThat(shownPhotoId(user(alice, bob.id()))).isEqualTo(photo.id());
                User bobForAlice = user(aliceB, bob.id());
                byte[] small = download(aliceB, new InputPeerPhotoFileLocation(false, new InputPeerUser(bob.id(), bobForAlice.accessHash()), photo.id()));
                assertThat(PhotosTest.decode(small).getWidth()).isEqualTo(160);

                // A suggestion made on node A reaches Bob's session on node B as updateNewMessage
                alice.call(PhotosUploadContactProfilePhoto.builder().suggest(true)
                        .userId(new InputUser(bob.id(), user(alice, bob.id()).accessHash()))
                        .file(upload(alice, image(320, 320, "jpg"), "s.jpg")).build());
                Updates suggestion = PrivacyAndUpdatesTest.nextUpdates(toBobOnB, u -> u.updates().getFirst() instanceof UpdateNewMessage);
                MessageService m = (MessageService) ((UpdateNewMessage) suggestion.updates().getFirst()).message();
                assertThat(m.action()).isInstanceOf(MessageActionSuggestProfilePhoto.class);

                // Presence set on node A is seen on node B
                assertThat(alice.call(new AccountUpdateStatus(false))).isTrue();
                eventually(() -> assertThat(user(bob, alice.id()).status()).isInstanceOf(UserStatusOnline.class));

                // Signing out on node A signs the key out on node B too
                alice.call(new AuthLogOut());
                eventually(() -> assertThatThrownBy(() -> await(aliceOnB.invoke(new UsersGetFullUser(new InputUserSelf()))))
                        .isInstanceOf(RpcErrorException.class).hasMessage("401 AUTH_KEY_UNREGISTERED"));
            }
        }
    }

    interface Check {
        void run() throws Exception;
    }

    /** Runs check until it passes (events between nodes arrive within milliseconds), for at most 10 s. */
    static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }
}
