package dev.portrait.tl;

import dev.portrait.tl.api.AuthLogOut;
import dev.portrait.tl.api.HelpAppConfig;
import dev.portrait.tl.api.HelpGetAppConfig;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotoStrippedSize;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.PhotosUpdateProfilePhoto;
import dev.portrait.tl.api.TypePhotoSize;
import dev.portrait.tl.api.TypeUser;
import dev.portrait.tl.api.TypeUsername;
import dev.portrait.tl.api.UpdateUserName;
import dev.portrait.tl.api.User;
import dev.portrait.tl.api.UserFull;
import dev.portrait.tl.api.UserProfilePhotoEmpty;
import dev.portrait.tl.api.UserProfilePhoto;
import dev.portrait.tl.api.Username;
import dev.portrait.tl.api.UsersGetFullUser;
import dev.portrait.tl.api.UsersUserFull;

/**
 * What older layers describe differently and the generated layer adapter cannot map by name, translated in this one
 * place (the generator calls it, see tl/pom.xml's {@code --translations}).
 *
 * <p>Layers before 128 address a photo's files by {@code FileLocation}
 * ({@code fileLocationToBeDeprecated#bc7fc6cd volume_id:long local_id:int}): each photoSize, videoSize and the
 * photo_small/photo_big of a userProfilePhoto carry one. Portrait derives it rather than storing it, so every stored
 * size has a stable one: {@code volume_id} is the photo's id and {@code local_id} the size type's letter ('a' = 97,
 * 'c' = 99, 'u' = 117). A userProfilePhoto's small and big are its photo's 'a' and 'c'. Downloads accept the pair back
 * ({@link #sizeType}) under the same checks as the photo's id.
 *
 * <p>Methods some older layers answer with another type ({@link #writeResult}): users.getFullUser returns the
 * UserFull itself before layer 135 (carrying its user), auth.logOut a Bool before 135, help.getAppConfig the JSONValue
 * before 153, and photos.updateProfilePhoto the new UserProfilePhoto before 117.
 */
public final class LegacyForms {
    /** {@code fileLocationToBeDeprecated#bc7fc6cd volume_id:long local_id:int = FileLocation}. */
    public static final int FILE_LOCATION_TO_BE_DEPRECATED = 0xbc7fc6cd;

    private LegacyForms() {
    }

    /** The local_id of a size type (its one letter). */
    public static int localId(String sizeType) {
        return sizeType.length() == 1 ? sizeType.charAt(0) : 0;
    }

    /** The size type a local_id names, or null when it names none. */
    public static String sizeType(int localId) {
        return localId >= 'a' && localId <= 'z' ? String.valueOf((char) localId) : null;
    }

    /**
     * Writes the FileLocation an older layer's line of {@code v} requires in {@code field}: a userProfilePhoto's own
     * photo_id, or for a photo or video size the id of the photo being written around it.
     */
    public static void writeFileLocation(TlObject v, String field, TlWriter w) {
        long volumeId;
        int localId;
        if (v instanceof UserProfilePhoto p) {
            volumeId = p.photoId();
            localId = field.equals("photo_big") ? 'c' : 'a';
        } else {
            if (!(w.enclosing() instanceof Photo photo)) {
                throw new TlException(v.tlName() + " is written to layer " + w.layer() + " only inside a photo (its location names the photo)");
            }
            volumeId = photo.id();
            localId = localId(sizeTypeOf(v));
        }
        w.writeInt(FILE_LOCATION_TO_BE_DEPRECATED);
        w.writeLong(volumeId);
        w.writeInt(localId);
    }

    private static String sizeTypeOf(TlObject size) {
        return switch (size) {
            case dev.portrait.tl.api.PhotoSize s -> s.type();
            case dev.portrait.tl.api.PhotoCachedSize s -> s.type();
            case dev.portrait.tl.api.PhotoSizeProgressive s -> s.type();
            case dev.portrait.tl.api.VideoSize s -> s.type();
            default -> throw new TlException(size.tlName() + " has no FileLocation");
        };
    }

    /** Writes an older layer's answer to {@code method} from today's {@code result}. */
    public static void writeResult(TlMethod<?> method, Object result, TlWriter w) {
        switch (method) {
            case UsersGetFullUser m -> {
                // userFull carries its user there: written from the users.userFull around it (see writeUser)
                UsersUserFull r = (UsersUserFull) result;
                TlObject outer = w.enclosing(r);
                r.fullUser().write(w);
                w.enclosing(outer);
            }
            case AuthLogOut m -> w.writeBool(true);
            case HelpGetAppConfig m -> {
                // an older client sends no hash, so the answer always carries the config
                if (!(result instanceof HelpAppConfig c)) throw new TlException("help.getAppConfig: " + result + " has no config");
                c.config().write(w);
            }
            case PhotosUpdateProfilePhoto m -> userProfilePhoto(((PhotosPhoto) result)).write(w);
            default -> throw new TlException(method.tlName() + " has no older answer form");
        }
    }

    /** The userProfilePhoto of a photo that just became the profile photo. */
    private static TlObject userProfilePhoto(PhotosPhoto r) {
        if (!(r.photo() instanceof Photo p)) return new UserProfilePhotoEmpty();
        byte[] stripped = null;
        for (TypePhotoSize s : p.sizes()) if (s instanceof PhotoStrippedSize st) stripped = st.bytes();
        return new UserProfilePhoto(p.videoSizes() != null && !p.videoSizes().isEmpty(), false, p.id(), stripped, p.dcId());
    }

    /** Layers before 135: the user a userFull carries, from the users.userFull it is written in. */
    public static void writeUser(TlObject v, String field, TlWriter w) {
        UserFull full = (UserFull) v;
        if (w.enclosing() instanceof UsersUserFull r) {
            for (TypeUser u : r.users()) {
                if (u instanceof User user && user.id() == full.id()) {
                    user.write(w);
                    return;
                }
            }
        }
        throw new TlException("userFull is written to layer " + w.layer() + " only with its user (users.getFullUser)");
    }

    /** Layers before 148: updateUserName's one username, the first active one of today's list. */
    public static void writeString(TlObject v, String field, TlWriter w) {
        String username = "";
        if (v instanceof UpdateUserName u) {
            for (TypeUsername n : u.usernames()) {
                if (n instanceof Username un && un.active()) {
                    username = un.username();
                    break;
                }
            }
        } else {
            throw new TlException(v.tlName() + "." + field + " has no older form");
        }
        w.writeString(username);
    }

    /** Reads past a FileLocation (what an older client could send back is addressed by other fields). */
    public static void skipFileLocation(TlReader r) {
        int id = r.readInt();
        if (id != FILE_LOCATION_TO_BE_DEPRECATED) throw r.unknownConstructor(id, "FileLocation");
        r.readLong();
        r.readInt();
    }
}
