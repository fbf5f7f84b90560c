package dev.portrait.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.tl.api.AccountSetPrivacy;
import dev.portrait.tl.api.ContactsImportContacts;
import dev.portrait.tl.api.ContactsImportedContacts;
import dev.portrait.tl.api.InputUser;
import dev.portrait.tl.api.PhotosUploadContactProfilePhoto;
import dev.portrait.tl.api.User;
import dev.portrait.tl.api.InputPhoneContact;
import dev.portrait.tl.api.InputPrivacyKeyProfilePhoto;
import dev.portrait.tl.api.InputPrivacyValueDisallowAll;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts' photos and "seen by" over the API, for photos a real client set. */
class InspectorPhotosTest {
    @TempDir
    Path dir;

    private InspectedServer fx;

    @BeforeEach
    void start() throws Exception {
        fx = InspectedServer.start(dir, true, new Inspector.Options("127.0.0.1", 0, null));
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    private JsonNode get(String path) throws Exception {
        return fx.get(path);
    }

    private byte[] file(String path, String type) throws Exception {
        HttpResponse<byte[]> r = fx.bytes(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(type);
        fx.openApi.checkBinary("GET", path, 200, type);
        return r.body();
    }

    private MtprotoClient signUp(String phone) throws Exception {
        MtprotoClient c = MtprotoClient.connect(fx.clientOptions(), null);
        fx.signUp(c, phone, phone);
        return c;
    }

    private long id(String phone) throws Exception {
        return fx.accountId(phone);
    }

    @Test
    void photosWithTheirSizesAndWhatAnotherAccountSees() throws Exception {
        try (MtprotoClient a = signUp("9996630001"); MtprotoClient b = signUp("9996630002")) {
            Photo main = (Photo) ((PhotosPhoto) await(a.invoke(PhotosUploadProfilePhoto.builder()
                    .file(FileTransfer.upload(a, InspectorCallsTest.jpeg(1280), "main.jpg")).build()))).photo();
            Photo fallback = (Photo) ((PhotosPhoto) await(a.invoke(PhotosUploadProfilePhoto.builder().fallback(true)
                    .file(FileTransfer.upload(a, InspectorCallsTest.jpeg(400), "public.jpg")).build()))).photo();
            await(a.invoke(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueDisallowAll()))));
            long ida = id("9996630001"), idb = id("9996630002");

            JsonNode photos = get("/api/v1/accounts/" + ida + "/photos");
            assertThat(photos.get("album")).hasSize(1);
            assertThat(photos.get("fallback")).hasSize(1);
            JsonNode p = photos.get("album").get(0);
            assertThat(p.get("id").asText()).isEqualTo(Long.toString(main.id()));
            assertThat(p.get("sizes").findValuesAsText("type")).containsExactly("a", "b", "c", "d");
            JsonNode c = p.get("sizes").get(2);
            byte[] jpeg = file(c.get("url").asText(), "image/jpeg");
            assertThat(jpeg).hasSize(c.get("bytes").asInt());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img.getWidth()).isEqualTo(c.get("w").asInt()).isEqualTo(640);
            BufferedImage stripped = ImageIO.read(new ByteArrayInputStream(file(p.get("stripped").asText(), "image/jpeg")));
            assertThat(stripped.getWidth()).isPositive().isLessThanOrEqualTo(40);

            // B is kept from the main photo by A's privacy rules: B sees the fallback, A itself the main one
            JsonNode seenByB = get("/api/v1/accounts/" + ida + "/seen-by/" + idb);
            assertThat(seenByB.get("user").get("photo").get("photo_id").asText()).isEqualTo(Long.toString(fallback.id()));
            assertThat(seenByB.get("fullUser").get("fallback_photo").get("id").asText()).isEqualTo(Long.toString(fallback.id()));
            assertThat(seenByB.get("photos").get("photos").findValuesAsText("id")).containsExactly(Long.toString(fallback.id()));
            JsonNode seenBySelf = get("/api/v1/accounts/" + ida + "/seen-by/" + ida);
            assertThat(seenBySelf.get("user").get("photo").get("photo_id").asText()).isEqualTo(Long.toString(main.id()));
            assertThat(seenBySelf.get("photos").get("photos")).hasSize(1);

            // contacts, privacy rules and sessions as the account's own clients set them
            await(a.invoke(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996630002", "Bee", "", null)))));
            JsonNode contacts = get("/api/v1/accounts/" + ida + "/contacts").get("contacts");
            assertThat(contacts).hasSize(1);
            assertThat(contacts.get(0).get("userId").asLong()).isEqualTo(idb);
            assertThat(contacts.get(0).get("firstName").asText()).isEqualTo("Bee");
            assertThat(contacts.get(0).get("mutual").asBoolean()).isFalse();
            assertThat(get("/api/v1/accounts/" + idb + "/contacts").get("contacts")).isEmpty();
            // A sets a personal photo for B: B's page lists it as set for it, A's as set by it
            User bForA = (User) ((ContactsImportedContacts) await(a.invoke(new ContactsImportContacts(
                    List.of(new InputPhoneContact(2, "9996630002", "Bee", "", null)))))).users().getFirst();
            Photo personal = (Photo) ((PhotosPhoto) await(a.invoke(PhotosUploadContactProfilePhoto.builder().save(true)
                    .userId(new InputUser(bForA.id(), bForA.accessHash()))
                    .file(FileTransfer.upload(a, InspectorCallsTest.jpeg(320), "personal.jpg")).build()))).photo();
            assertThat(get("/api/v1/accounts/" + idb + "/photos").get("personalForIt").findValuesAsText("id"))
                    .containsExactly(Long.toString(personal.id()));
            assertThat(get("/api/v1/accounts/" + ida + "/photos").get("personalByIt").findValuesAsText("id"))
                    .containsExactly(Long.toString(personal.id()));
            assertThat(get("/api/v1/accounts/" + ida + "/photos").get("personalForIt")).isEmpty();
            JsonNode rules = get("/api/v1/accounts/" + ida + "/privacy").get("rules");
            assertThat(rules.get("profile_photo").findValuesAsText("_")).containsExactly("privacyValueDisallowAll");
            // never set: Telegram's default, as account.getPrivacy answers it
            assertThat(rules.get("phone_number").findValuesAsText("_")).containsExactly("privacyValueAllowContacts", "privacyValueDisallowAll");
            JsonNode sessions = get("/api/v1/accounts/" + ida + "/sessions").get("sessions");
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).get("authKey").asText()).matches("[0-9a-f]{8}");
            // what the Java client said in initConnection, and how it connected
            JsonNode client = sessions.get(0).get("client");
            assertThat(client.get("deviceModel").asText()).isEqualTo("Portrait Java client");
            assertThat(client.get("appVersion").asText()).isEqualTo("0.1");
            assertThat(client.get("apiId").asInt()).isEqualTo(1);
            assertThat(client.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(client.get("transport").asText()).isEqualTo("intermediate");
            assertThat(sessions.get(0).get("connections").asInt()).isEqualTo(1);
            assertThat(sessions.get(0).get("activeAt").asLong()).isGreaterThanOrEqualTo(sessions.get(0).get("createdAt").asLong());
            InspectedServer.Answer minted = fx.call("POST", "/api/v1/accounts/" + idb + "/sessions", "{\"format\":\"mtcute\"}");
            assertThat(minted.status()).isEqualTo(201);
            assertThat(minted.body().get("port").asInt()).isEqualTo(fx.server.port());
            JsonNode bSessions = get("/api/v1/accounts/" + idb + "/sessions").get("sessions");
            assertThat(bSessions).hasSize(2);
            // revoking B's client's key closes its connection: its next call fails; the minted key stays
            String bKey = HexFormat.of().toHexDigits(new dev.portrait.mtproto.AuthKey(b.session().authKey()).id()).substring(0, 8);
            assertThat(fx.call("DELETE", "/api/v1/accounts/" + idb + "/sessions/" + bKey, null).status()).isEqualTo(204);
            assertThat(get("/api/v1/accounts/" + idb + "/sessions").get("sessions").findValuesAsText("authKey")).doesNotContain(bKey).hasSize(1);
            assertThatThrownBy(() -> await(b.invoke(new dev.portrait.tl.api.HelpGetConfig()))).isNotNull();
            assertThat(fx.call("DELETE", "/api/v1/accounts/" + idb + "/sessions/" + bKey, null).status()).isEqualTo(404);
            assertThat(fx.call("POST", "/api/v1/accounts/" + idb + "/sessions", "{\"format\":\"pyrogram\"}").body()
                    .get("error").asText()).isEqualTo("FORMAT_INVALID");

            assertThat(fx.bytes("/api/v1/photos/" + main.id() + "/sizes/z").statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/photos/" + main.id()).get("kind").asText()).isEqualTo("profile");
            assertThat(fx.bytes("/api/v1/photos/123").statusCode()).isEqualTo(404);
            get("/api/v1/photos/123");
            get("/api/v1/photos/abc");
            assertThat(get("/api/v1/accounts/999999/photos").get("error").asText()).isEqualTo("USER_ID_INVALID");
            get("/api/v1/accounts/" + ida + "/seen-by/999999");
        }
    }
}
