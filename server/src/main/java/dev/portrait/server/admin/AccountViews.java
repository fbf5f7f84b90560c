package dev.portrait.server.admin;

import dev.portrait.media.StrippedThumbnail;
import dev.portrait.server.photos.PhotosManager;
import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.ContactRecord;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.StoredAuthKey;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.TypePhotosPhotos;
import dev.portrait.tl.api.TypePrivacyRule;
import dev.portrait.tl.api.User;
import dev.portrait.tl.api.UserFull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What an operator sees of accounts' photos, and what one account sees of another, for the inspector. "Seen by" is
 * computed by the code that answers clients (the {@code user} and {@code userFull} a viewer gets, photos.getUserPhotos),
 * so it cannot drift from what a client is shown.
 */
public final class AccountViews {
    /** An account's photos by where they belong. */
    public record Photos(List<PhotoRecord> album, List<PhotoRecord> fallback, List<PhotoRecord> personalForIt,
                         List<PhotoRecord> personalByIt, List<PhotoRecord> suggestedToIt) {
    }

    /** What a viewer gets about a target: as users.getUsers, users.getFullUser and photos.getUserPhotos answer. */
    public record SeenBy(User user, UserFull full, TypePhotosPhotos photos) {
    }

    private final Store store;
    private final Administration admin;
    private final UsersManager users;
    private final PhotosManager photos;
    private final PrivacyManager privacy;
    private final AuthKeys keys;
    private final IntSupplier now;

    public AccountViews(Store store, UsersManager users, PhotosManager photos, PrivacyManager privacy, AuthKeys keys,
                        IntSupplier now) {
        this.store = store;
        this.admin = new Administration(store);
        this.users = users;
        this.photos = photos;
        this.privacy = privacy;
        this.keys = keys;
        this.now = now;
    }

    /** The account's saved contacts, and whether each has it saved too. */
    public record Contact(ContactRecord contact, boolean mutual) {
    }

    public List<Contact> contacts(long accountId) {
        UserRecord account = account(accountId);
        List<ContactRecord> list = store.contacts().list(account.id());
        java.util.Set<Long> mutual = store.contacts().ownersAmong(list.stream().map(ContactRecord::userId).toList(), account.id());
        return list.stream().map(c -> new Contact(c, mutual.contains(c.userId()))).toList();
    }

    /** The account's privacy rules by key (Telegram's key names, e.g. profile_photo), as its clients would get them. */
    public Map<String, List<TypePrivacyRule>> privacy(long accountId) {
        UserRecord account = account(accountId);
        Map<String, List<TypePrivacyRule>> rules = new LinkedHashMap<>();
        for (PrivacyKeys key : PrivacyKeys.values()) rules.put(key.storeName(), privacy.rules(account.id(), key));
        return rules;
    }

    /** The auth keys signed in as the account (never their bytes). */
    public List<StoredAuthKey> sessions(long accountId) {
        return store.authKeys().list(account(accountId).id());
    }

    /** When a message last came under the key and its open connections, as this node sees them. */
    public AuthKeys.Activity activity(long authKeyId) {
        return keys.activity(authKeyId);
    }

    /**
     * Revokes the account's auth key whose id (16 hex digits) or the first 8 of them is {@code authKey}: deleted, other
     * nodes told, its connections closed, as `portrait session revoke` does. Returns the revoked key's id.
     */
    public long revoke(long accountId, String authKey) {
        String wanted = authKey == null ? "" : authKey.strip().toLowerCase(java.util.Locale.ROOT);
        List<StoredAuthKey> matching = sessions(accountId).stream()
                .filter(k -> java.util.HexFormat.of().toHexDigits(k.id()).startsWith(wanted) && wanted.length() >= 8).toList();
        if (matching.size() != 1) {
            throw AdminException.notFound("AUTH_KEY_INVALID", "account " + accountId + " has no auth key " + authKey
                    + (matching.size() > 1 ? " (ambiguous: give all 16 hex digits)" : ""));
        }
        keys.destroy(matching.getFirst().id());
        return matching.getFirst().id();
    }

    public Photos photos(long accountId) {
        UserRecord account = account(accountId);
        List<Long> others = new ArrayList<>();
        for (UserRecord u : admin.accounts()) if (u.id() != account.id()) others.add(u.id());
        // the personal photos others set for it are owned by it (the contact they are shown for): one query
        List<PhotoRecord> forIt = store.photos().album(account.id(), PhotoRecord.PERSONAL);
        return new Photos(store.photos().album(account.id(), PhotoRecord.PROFILE),
                store.photos().album(account.id(), PhotoRecord.FALLBACK), forIt,
                List.copyOf(store.photos().personal(account.id(), others).values()),
                store.photos().album(account.id(), PhotoRecord.SUGGESTED));
    }

    public SeenBy seenBy(long viewerId, long targetId) {
        UserRecord viewer = account(viewerId);
        UserRecord target = account(targetId);
        int t = now.getAsInt();
        return new SeenBy(users.view(viewer, target, t), users.full(viewer, target, t),
                photos.userPhotos(viewer, target, 0, 0, 100, t));
    }

    public Optional<PhotoRecord> photo(long photoId) {
        return store.photos().find(photoId);
    }

    /** A size's bytes (JPEG, or MP4 for video sizes), by its type; empty when the photo has none of that type. */
    public Optional<byte[]> size(PhotoRecord photo, String type, boolean video) {
        for (PhotoSizeRecord s : photo.sizes()) {
            if (s.type().equals(type) && s.video() == video) return store.blobs().get(s.blobKey());
        }
        return Optional.empty();
    }

    /** The stripped thumbnail ({@code i}) expanded to the JPEG clients make of it; empty when it has none. */
    public Optional<byte[]> strippedJpeg(PhotoRecord photo) {
        return photo.stripped() == null ? Optional.empty() : Optional.of(StrippedThumbnail.expand(photo.stripped()));
    }

    private UserRecord account(long id) {
        return admin.requireAccount(id);
    }
}
