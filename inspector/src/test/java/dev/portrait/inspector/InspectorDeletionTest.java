package dev.portrait.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.ContactsContacts;
import dev.portrait.tl.api.ContactsGetContacts;
import dev.portrait.tl.api.ContactsImportContacts;
import dev.portrait.tl.api.ContactsImportedContacts;
import dev.portrait.tl.api.InputPhoneContact;
import dev.portrait.tl.api.InputUser;
import dev.portrait.tl.api.InputUserSelf;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotosGetUserPhotos;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import dev.portrait.tl.api.TypePhotosPhotos;
import dev.portrait.tl.api.User;
import dev.portrait.tl.api.UsersGetUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting an account and resetting the server over the API, seen by real clients. */
class InspectorDeletionTest {
    @TempDir
    Path dir;

    private static void unregistered(MtprotoClient c) {
        assertThatThrownBy(() -> await(c.invoke(new UsersGetUsers(List.of(new InputUserSelf())))))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.getMessage()).contains("AUTH_KEY_UNREGISTERED"));
    }

    @Test
    void aDeletedAccountIsWhatTelegramShowsOfOne() throws Exception {
        try (InspectedServer fx = InspectedServer.start(dir, true, new Inspector.Options("127.0.0.1", 0, null));
             MtprotoClient a = MtprotoClient.connect(fx.clientOptions(), null);
             MtprotoClient b = MtprotoClient.connect(fx.clientOptions(), null)) {
            fx.signUp(a, "9996640001", "Ann");
            fx.signUp(b, "9996640002", "Ben");
            long ida = fx.accountId("9996640001");
            Photo photo = (Photo) ((PhotosPhoto) await(a.invoke(PhotosUploadProfilePhoto.builder()
                    .file(FileTransfer.upload(a, InspectorCallsTest.jpeg(640), "a.jpg")).build()))).photo();
            ContactsImportedContacts imported = (ContactsImportedContacts) await(b.invoke(new ContactsImportContacts(
                    List.of(new InputPhoneContact(1, "9996640001", "Ann", "", null)))));
            long hash = ((User) imported.users().getFirst()).accessHash();

            assertThat(fx.call("DELETE", "/api/v1/accounts/" + ida, null).status()).isEqualTo(204);

            // its client is signed out; B sees a deleted account, without its photo, out of its contacts
            unregistered(a);
            User seen = (User) await(b.invoke(new UsersGetUsers(List.of(new InputUser(ida, hash))))).getFirst();
            assertThat(seen.deleted()).isTrue();
            assertThat(seen.firstName()).isNull();
            assertThat(seen.phone()).isNull();
            assertThat(seen.photo()).isNull();
            TypePhotosPhotos photos = await(b.invoke(new PhotosGetUserPhotos(new InputUser(ida, hash), 0, 0, 10)));
            assertThat(((dev.portrait.tl.api.PhotosPhotos) photos).photos()).isEmpty();
            assertThat(((ContactsContacts) await(b.invoke(new ContactsGetContacts(0)))).contacts()).isEmpty();

            // the API no longer shows it; its photo's bytes are gone
            assertThat(fx.call("GET", "/api/v1/accounts/" + ida, null).status()).isEqualTo(404);
            assertThat(fx.get("/api/v1/accounts").get("accounts").findValuesAsText("firstName")).containsExactly("Ben");
            assertThat(fx.bytes("/api/v1/photos/" + photo.id() + "/sizes/a").statusCode()).isEqualTo(404);
            assertThat(fx.call("DELETE", "/api/v1/accounts/" + ida, null).status()).isEqualTo(404);
            assertThat(fx.call("DELETE", "/api/v1/accounts/12", null).body().get("error").asText()).isEqualTo("USER_ID_INVALID");

            // the phone is free: the same client signs up again, as a new account
            fx.signUp(a, "9996640001", "Ann again");
            assertThat(fx.accountId("9996640001")).isNotEqualTo(ida);
        }
    }

    @Test
    void aResetDeletesEveryAccountAndKeepsClientsConnected() throws Exception {
        try (InspectedServer fx = InspectedServer.start(dir, true, new Inspector.Options("127.0.0.1", 0, null));
             MtprotoClient a = MtprotoClient.connect(fx.clientOptions(), null)) {
            fx.signUp(a, "9996640003", "Cy");
            long before = fx.accountId("9996640003");
            await(a.invoke(PhotosUploadProfilePhoto.builder()
                    .file(FileTransfer.upload(a, InspectorCallsTest.jpeg(320), "c.jpg")).build()));
            assertThat(fx.call("POST", "/api/v1/faults", "{\"method\":\"help.getNearestDc\",\"error\":\"INTERNAL\"}").status())
                    .isEqualTo(201);
            assertThat(fx.get("/api/v1/calls").get("calls")).isNotEmpty();

            assertThat(fx.call("POST", "/api/v1/reset", null).status()).isEqualTo(204);

            assertThat(fx.get("/api/v1/accounts").get("accounts")).isEmpty();
            assertThat(fx.get("/api/v1/codes").get("codes")).isEmpty();
            assertThat(fx.get("/api/v1/calls").get("calls")).isEmpty();
            assertThat(fx.get("/api/v1/faults").get("faults")).hasSize(1); // the test's configuration, not data
            unregistered(a);
            fx.signUp(a, "9996640003", "Cy");
            assertThat(fx.accountId("9996640003")).isGreaterThan(before);
        }
    }

    @Test
    void onlyATestModeServerResets() throws Exception {
        try (InspectedServer fx = InspectedServer.start(dir, false, new Inspector.Options("127.0.0.1", 0, null))) {
            fx.call("POST", "/api/v1/accounts", "{\"phone\":\"+1 555 0100\",\"firstName\":\"Kept\"}");
            InspectedServer.Answer refused = fx.call("POST", "/api/v1/reset", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().get("error").asText()).isEqualTo("TEST_MODE_REQUIRED");
            JsonNode accounts = fx.get("/api/v1/accounts").get("accounts");
            assertThat(accounts.findValuesAsText("firstName")).containsExactly("Kept");
        }
    }
}
