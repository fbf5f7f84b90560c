package dev.portrait.tl;

import dev.portrait.tl.api.*;
import dev.portrait.tl.testing.SchemaInterpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What older layers describe differently (LegacyForms), read back by an interpreter of each layer's reference schema:
 * photo files addressed by FileLocation before layer 128, and answers of another type.
 */
class LegacyFormsTest {
    private static final Photo PHOTO = new Photo(false, 5_000_000_001L, -7, new byte[]{1, 2}, 1_700_000_000,
            List.of(new PhotoStrippedSize("i", new byte[]{1, 2, 3}), new PhotoSize("a", 160, 144, 5000),
                    new PhotoSize("c", 640, 576, 40000)),
            List.of(new VideoSize("u", 640, 640, 90000, 1.5)), 2);

    private static Map<String, Object> read(int layer, TlObject o) {
        TlWriter w = new TlWriter().layer(layer);
        o.write(w);
        return new SchemaInterpreter(ReferenceSchemas.layer(layer)).readWhole(w.toByteArray());
    }

    private static Map<String, Object> readResult(int layer, TlMethod<?> method, Object result) {
        TlWriter w = new TlWriter().layer(layer);
        method.writeResult(w, result);
        return new SchemaInterpreter(ReferenceSchemas.layer(layer)).readWhole(w.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest
    @ValueSource(ints = {103, 113, 115, 116, 121, 127})
    void aPhotosSizesAreAddressedByThePhotoAndTheirType(int layer) {
        Map<String, Object> photo = read(layer, PHOTO);
        assertThat(photo.get("id")).isEqualTo(PHOTO.id());
        List<?> sizes = (List<?>) photo.get("sizes");
        assertThat(sizes).hasSize(3);
        Map<String, Object> a = map(sizes.get(1));
        assertThat(a.get("_")).isEqualTo("photoSize");
        assertThat(map(a.get("location"))).containsEntry("_", "fileLocationToBeDeprecated")
                .containsEntry("volume_id", PHOTO.id()).containsEntry("local_id", (int) 'a');
        assertThat(map(map(sizes.get(2)).get("location"))).containsEntry("local_id", (int) 'c');
        if (layer >= 116) {
            // video sizes exist from 114 in the schema but photos carry them from 116
            Map<String, Object> u = map(((List<?>) photo.get("video_sizes")).get(0));
            assertThat(map(u.get("location"))).containsEntry("volume_id", PHOTO.id()).containsEntry("local_id", (int) 'u');
        }
        assertThat(LegacyForms.sizeType((int) 'c')).isEqualTo("c");
        assertThat(LegacyForms.sizeType(0)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {103, 116, 127})
    void aProfilePhotosSmallAndBigAreItsPhotosAAndC(int layer) {
        Map<String, Object> p = read(layer, new UserProfilePhoto(true, false, PHOTO.id(), new byte[]{1}, 2));
        assertThat(map(p.get("photo_small"))).containsEntry("volume_id", PHOTO.id()).containsEntry("local_id", (int) 'a');
        assertThat(map(p.get("photo_big"))).containsEntry("volume_id", PHOTO.id()).containsEntry("local_id", (int) 'c');
        assertThat(p.get("dc_id")).isEqualTo(2);
    }

    @Test
    void aSizeOutsideAPhotoCannotBeWrittenToALayerThatAddressesItByThePhoto() {
        assertThatThrownBy(() -> new PhotoSize("a", 1, 1, 1).write(new TlWriter().layer(120)))
                .isInstanceOf(TlException.class).hasMessageContaining("only inside a photo");
        // from 128 on it has no location
        new PhotoSize("a", 1, 1, 1).write(new TlWriter().layer(128));
    }

    @Test
    void anOlderPeerPhotoLocationNamesThePhotoByVolumeId() {
        TlWriter w = new TlWriter();
        w.writeInt(0x27d69997);
        w.writeInt(1);
        new InputPeerSelf().write(w);
        w.writeLong(PHOTO.id());
        w.writeInt('c');
        TlObject read = ApiRegistry.readObject(new TlReader(w.toByteArray()));
        assertThat(read).isEqualTo(new InputPeerPhotoFileLocation(true, new InputPeerSelf(), PHOTO.id()));
        // and is written back the same way (volume_id from photo_id)
        Map<String, Object> back = read(120, read);
        assertThat(back).containsEntry("volume_id", PHOTO.id());
    }

    @Test
    void usersGetFullUserIsAnsweredWithTheUserFullAndItsUserBefore135() {
        User ann = User.builder().id(77L).accessHash(5L).firstName("Ann").build();
        UsersUserFull full = new UsersUserFull(UserFull.builder().id(77L).about("hi").profilePhoto(PHOTO)
                .settings(PeerSettings.builder().build()).notifySettings(PeerNotifySettings.builder().build()).build(), List.of(), List.of(ann));
        Map<String, Object> old = readResult(130, new UsersGetFullUser(new InputUserSelf()), full);
        assertThat(old.get("_")).isEqualTo("userFull");
        // user ids are ints before 133
        assertThat(map(old.get("user"))).containsEntry("_", "user").containsEntry("id", 77).containsEntry("first_name", "Ann");
        assertThat(old.get("about")).isEqualTo("hi");
        Map<String, Object> older = readResult(110, new UsersGetFullUser(new InputUserSelf()), full);
        assertThat(map(older.get("user"))).containsEntry("id", 77);
        assertThat(map(readResult(134, new UsersGetFullUser(new InputUserSelf()), full).get("user"))).containsEntry("id", 77L);
        assertThat(readResult(135, new UsersGetFullUser(new InputUserSelf()), full).get("_")).isEqualTo("users.userFull");
    }

    @Test
    void photosUpdateProfilePhotoIsAnsweredWithTheUserProfilePhotoBefore117() {
        PhotosPhoto answer = new PhotosPhoto(PHOTO, List.of());
        Map<String, Object> old = readResult(116, new PhotosUpdateProfilePhoto(false, null, new InputPhoto(PHOTO.id(), -7, new byte[0])), answer);
        assertThat(old.get("_")).isEqualTo("userProfilePhoto");
        assertThat(old.get("photo_id")).isEqualTo(PHOTO.id());
        assertThat(map(old.get("photo_big"))).containsEntry("local_id", (int) 'c');
        assertThat(readResult(116, new PhotosUpdateProfilePhoto(false, null, new InputPhotoEmpty()),
                new PhotosPhoto(new PhotoEmpty(0), List.of())).get("_")).isEqualTo("userProfilePhotoEmpty");
        assertThat(readResult(117, new PhotosUpdateProfilePhoto(false, null, new InputPhotoEmpty()), answer).get("_"))
                .isEqualTo("photos.photo");
    }

    @Test
    void otherAnswersOfAnotherType() {
        assertThat(readResult(134, new AuthLogOut(), new AuthLoggedOut(null)).get("_")).isEqualTo("boolTrue");
        HelpAppConfig config = new HelpAppConfig(1, new JsonObject(List.of(new JsonObjectValue("test", new JsonBool(true)))));
        assertThat(readResult(152, new HelpGetAppConfig(0), config).get("_")).isEqualTo("jsonObject");
        assertThat(readResult(154, new HelpGetAppConfig(0), config).get("_")).isEqualTo("help.appConfig");
    }

    @Test
    void userIdsAreIntsBefore133() {
        Map<String, Object> rule = read(130, new PrivacyValueAllowUsers(List.of(5L, 6L)));
        assertThat(rule.get("users")).isEqualTo(List.of(5, 6));
        Map<String, Object> update = read(140, new UpdateUserName(5, "Ann", "", List.of(
                new Username(true, false, "old"), new Username(false, true, "ann"))));
        assertThat(update.get("username")).isEqualTo("ann");
    }
}
