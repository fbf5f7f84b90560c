package dev.portrait.server.photos;

import dev.portrait.server.ServerConfig;
import dev.portrait.server.contacts.ContactsManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.InputPhoto;
import dev.portrait.tl.api.InputPhotoEmpty;
import dev.portrait.tl.api.PhotoEmpty;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.PhotosPhotos;
import dev.portrait.tl.api.PhotosPhotosSlice;
import dev.portrait.tl.api.TypeInputPhoto;
import dev.portrait.tl.api.TypeInputUser;
import dev.portrait.tl.api.TypePhoto;
import dev.portrait.tl.api.TypePhotosPhotos;
import dev.portrait.tl.api.TypeUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An account's own photos (or its bots'): the album whose front is the main photo, and the fallback photo. A new
 * photo's sizes are written to the blob store first (PhotoFactory) and the photo row committed last, so a photo is
 * visible only once all its sizes are durable; a crash in between leaves only unreferenced blobs, which housekeeping
 * collects.
 */
public final class PhotosManager {
    private static final Logger log = LoggerFactory.getLogger(PhotosManager.class);
    /** photos.getUserPhotos returns at most this many per call. */
    public static final int MAX_LIMIT = 100;

    private final Store store;
    private final UsersManager users;
    private final ProfilePhotos view;
    private final PhotoFactory factory;
    private final ContactsManager contacts;
    private final ServerConfig.Media config;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastId = new AtomicLong();

    public PhotosManager(Store store, UsersManager users, ProfilePhotos view, PhotoFactory factory, ContactsManager contacts,
                         ServerConfig.Media config) {
        this.store = store;
        this.users = users;
        this.view = view;
        this.factory = factory;
        this.contacts = contacts;
        this.config = config;
    }

    /** Photo ids grow with time, as Telegram's do, so max_id paging by id works. */
    long newPhotoId() {
        long candidate = (System.currentTimeMillis() << 12) | random.nextInt(1 << 12);
        return lastId.accumulateAndGet(candidate, (last, c) -> Math.max(last + 1, c));
    }

    /** The account a photo call acts on: the caller, or with {@code bot} a bot the caller owns. */
    public UserRecord target(UserRecord me, TypeInputUser bot) {
        if (bot == null) return me;
        Optional<UserRecord> b = users.resolveOrNull(me.id(), bot);
        if (b.isEmpty() || !b.get().bot() || b.get().botOwnerId() != me.id()) throw RpcException.badRequest("BOT_INVALID");
        return b.get();
    }

    public PhotosPhoto result(UserRecord me, UserRecord owner, TypePhoto photo, int now) {
        return new PhotosPhoto(photo, List.of(users.view(me, owner, now)));
    }

    /**
     * photos.uploadProfilePhoto: makes a photo from the media and makes it the owner's main photo (the album's new
     * front), or with {@code fallback} the owner's public fallback photo, replacing the previous one.
     */
    public PhotosPhoto upload(UserRecord me, UserRecord owner, boolean fallback, PhotoFactory.Media media, int now) {
        if (fallback && owner.bot()) throw RpcException.badRequest("BOT_FALLBACK_UNSUPPORTED");
        String kind = fallback ? PhotoRecord.FALLBACK : PhotoRecord.PROFILE;
        if (!fallback) checkAlbumRoom(owner);
        PhotoFactory.Made made = factory.make(me, media);
        PhotoRecord created = install(me, owner, kind, made, now);
        log.info("user {} has a new {} photo {} ({} from {}, engine {})", owner.id(), kind, created.id(),
                made.sizes().stream().map(PhotoSizeRecord::type).toList(), made.sourceFormat(), factory.engine().name());
        contacts.profileChanged(owner.id(), now);
        return result(me, owner, view.photo(created, now), now);
    }

    private void checkAlbumRoom(UserRecord owner) {
        if (store.photos().albumSize(owner.id(), PhotoRecord.PROFILE) >= config.albumLimit()) {
            throw RpcException.badRequest("ALBUM_PHOTOS_TOO_MANY");
        }
    }

    /**
     * Commits a photo of kind for owner whose sizes are already stored: at the album's front, or as the only fallback
     * photo (the previous one is deleted with it). Discards the sizes if the commit fails.
     */
    PhotoRecord install(UserRecord creator, UserRecord owner, String kind, PhotoFactory.Made made, int now) {
        List<String> doomed = new ArrayList<>();
        try {
            PhotoRecord created = store.transaction(() -> {
                doomed.clear(); // a transaction may be re-run (PostgreSQL serialization retries)
                // checked again inside the transaction: two uploads racing must not both pass the limit
                if (kind.equals(PhotoRecord.PROFILE)) checkAlbumRoom(owner);
                if (kind.equals(PhotoRecord.FALLBACK)) {
                    for (PhotoRecord old : store.photos().album(owner.id(), PhotoRecord.FALLBACK)) doomed.addAll(store.photos().delete(old.id()));
                }
                PhotoRecord p = new PhotoRecord(newPhotoId(), random.nextLong(), owner.id(), creator.id(), kind,
                        store.photos().nextAlbumOrder(owner.id(), kind), now, made.stripped(), made.hasVideo(),
                        made.sourceFormat(), made.sizes(), made.markup());
                store.photos().create(p);
                return p;
            });
            factory.committed(made);
            store.blobs().deleteAll(doomed);
            return created;
        } catch (RuntimeException e) {
            factory.discard(made);
            throw e;
        }
    }

    /**
     * photos.updateProfilePhoto. Without {@code fallback}: one of the owner's photos becomes the main photo (moves to
     * the album's front), a photo suggested to the owner or the owner's fallback photo is copied into the album, and
     * inputPhotoEmpty deletes the current main photo. With {@code fallback}: that photo becomes the fallback photo,
     * inputPhotoEmpty removes it.
     */
    public PhotosPhoto update(UserRecord me, UserRecord owner, boolean fallback, TypeInputPhoto id, int now) {
        if (fallback && owner.bot()) throw RpcException.badRequest("BOT_FALLBACK_UNSUPPORTED");
        TypePhoto result = switch (id) {
            case InputPhotoEmpty e when fallback -> {
                for (PhotoRecord old : store.photos().album(owner.id(), PhotoRecord.FALLBACK)) deleteStored(old);
                yield new PhotoEmpty(0);
            }
            case InputPhotoEmpty e -> {
                Optional<PhotoRecord> current = front(owner);
                if (current.isEmpty()) yield new PhotoEmpty(0);
                deleteStored(current.get());
                yield front(owner).<TypePhoto>map(p -> view.photo(p, now)).orElse(new PhotoEmpty(0));
            }
            case InputPhoto p -> {
                PhotoRecord photo = store.photos().find(p.id())
                        .filter(r -> r.accessHash() == p.accessHash() && r.ownerId() == owner.id())
                        .filter(r -> r.kind().equals(PhotoRecord.PROFILE) || r.kind().equals(PhotoRecord.FALLBACK)
                                || r.kind().equals(PhotoRecord.SUGGESTED))
                        .orElseThrow(() -> RpcException.badRequest("PHOTO_ID_INVALID"));
                view.references().check(photo.id(), p.fileReference(), now);
                yield view.photo(fallback ? toFallback(me, owner, photo, now) : toMain(me, owner, photo, now), now);
            }
        };
        contacts.profileChanged(owner.id(), now);
        return result(me, owner, result, now);
    }

    private PhotoRecord toMain(UserRecord me, UserRecord owner, PhotoRecord photo, int now) {
        if (photo.kind().equals(PhotoRecord.PROFILE)) {
            store.transaction(() -> {
                store.photos().setAlbumOrder(photo.id(), store.photos().nextAlbumOrder(owner.id(), PhotoRecord.PROFILE));
                return null;
            });
            return store.photos().find(photo.id()).orElseThrow(() -> RpcException.badRequest("PHOTO_ID_INVALID"));
        }
        // A suggestion stays in its message and the fallback stays public: the album gets its own copy.
        checkAlbumRoom(owner);
        return install(me, owner, PhotoRecord.PROFILE, factory.copy(photo), now);
    }

    private PhotoRecord toFallback(UserRecord me, UserRecord owner, PhotoRecord photo, int now) {
        if (photo.kind().equals(PhotoRecord.FALLBACK)) return photo;
        return install(me, owner, PhotoRecord.FALLBACK, factory.copy(photo), now);
    }

    private Optional<PhotoRecord> front(UserRecord owner) {
        return Optional.ofNullable(store.photos().fronts(List.of(owner.id()), PhotoRecord.PROFILE).get(owner.id()));
    }

    private void deleteStored(PhotoRecord p) {
        List<String> keys = store.transaction(() -> store.photos().delete(p.id()));
        store.blobs().deleteAll(keys);
    }

    /**
     * photos.getUserPhotos: the album front first. max_id > 0 starts after that photo (so max_id = X, offset = -1,
     * limit = 1 returns X itself, the documented file-reference refresh); offset skips further; limit is capped.
     */
    public TypePhotosPhotos userPhotos(UserRecord me, UserRecord target, int offset, long maxId, int limit, int now) {
        if (maxId < 0) throw RpcException.badRequest("MAX_ID_INVALID");
        List<PhotoRecord> album = view.listed(me, target);
        int start = 0;
        if (maxId > 0) {
            start = album.size();
            for (int i = 0; i < album.size(); i++) {
                if (album.get(i).id() == maxId) {
                    start = i + 1;
                    break;
                }
            }
            if (start == album.size()) {
                // not in the album (deleted meanwhile): continue with the first older photo
                for (int i = 0; i < album.size(); i++) {
                    if (album.get(i).id() < maxId) {
                        start = i;
                        break;
                    }
                }
            }
        }
        start = Math.max(0, start + offset);
        int n = Math.max(0, Math.min(Math.min(limit, MAX_LIMIT), album.size() - start));
        List<TypePhoto> out = new ArrayList<>(n);
        for (PhotoRecord p : album.subList(Math.min(start, album.size()), Math.min(start, album.size()) + n)) out.add(view.photo(p, now));
        List<TypeUser> owners = List.of(users.view(me, target, now));
        if (start == 0 && n == album.size()) return new PhotosPhotos(out, owners);
        return new PhotosPhotosSlice(album.size(), out, owners);
    }

    /**
     * photos.deletePhotos: deletes the caller's own photos (album or fallback) (access_hash 0 accepted, as TDLib sends it) and returns
     * the ids actually deleted. When the current photo goes, the next one becomes current.
     */
    public List<Long> delete(UserRecord me, List<TypeInputPhoto> ids, int now) {
        List<Long> deleted = new ArrayList<>();
        long before = front(me).map(PhotoRecord::id).orElse(0L);
        for (TypeInputPhoto input : ids) {
            if (!(input instanceof InputPhoto p) || deleted.contains(p.id())) continue;
            Optional<PhotoRecord> photo = store.photos().find(p.id())
                    .filter(r -> r.ownerId() == me.id() && (r.kind().equals(PhotoRecord.PROFILE) || r.kind().equals(PhotoRecord.FALLBACK)))
                    .filter(r -> p.accessHash() == 0 || p.accessHash() == r.accessHash());
            if (photo.isEmpty()) continue;
            deleteStored(photo.get());
            deleted.add(p.id());
        }
        if (deleted.contains(before)) contacts.profileChanged(me.id(), now);
        return deleted;
    }
}
