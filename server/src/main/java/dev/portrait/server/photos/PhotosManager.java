package dev.portrait.server.photos;

import dev.portrait.media.ImageEngine;
import dev.portrait.media.ImageLimits;
import dev.portrait.media.MediaException;
import dev.portrait.media.ProfilePhotoImages;
import dev.portrait.media.SizedJpeg;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.contacts.ContactsManager;
import dev.portrait.server.files.UploadsManager;
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
import dev.portrait.tl.api.TypeInputFile;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Profile photos: making them from uploads, choosing the current one, listing and deleting them. A new photo's sizes
 * are written to the blob store first and the photo row committed last, so a photo is visible only once all its
 * sizes are durable; a crash in between leaves only unreferenced blobs, which housekeeping collects.
 */
public final class PhotosManager {
    private static final Logger log = LoggerFactory.getLogger(PhotosManager.class);
    /** photos.getUserPhotos returns at most this many per call. */
    public static final int MAX_LIMIT = 100;

    private final Store store;
    private final UsersManager users;
    private final ProfilePhotos view;
    private final UploadsManager uploads;
    private final ContactsManager contacts;
    private final ImageEngine engine;
    private final ServerConfig.Media config;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastId = new AtomicLong();
    /** Image processing is CPU-bound and memory-hungry: at most one per core at a time. */
    private final Semaphore processing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public PhotosManager(Store store, UsersManager users, ProfilePhotos view, UploadsManager uploads, ContactsManager contacts,
                         ImageEngine engine, ServerConfig.Media config) {
        this.store = store;
        this.users = users;
        this.view = view;
        this.uploads = uploads;
        this.contacts = contacts;
        this.engine = engine;
        this.config = config;
    }

    public ImageEngine engine() {
        return engine;
    }

    /** Photo ids grow with time, as Telegram's do, so max_id paging by id works. */
    private long newPhotoId() {
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

    /** photos.uploadProfilePhoto with a still image: process, store, make it the owner's current photo. */
    public PhotosPhoto uploadStill(UserRecord me, UserRecord owner, TypeInputFile file, long sessionId, int now) {
        if (file == null) throw RpcException.badRequest("PHOTO_FILE_MISSING");
        if (store.photos().albumSize(owner.id(), PhotoRecord.PROFILE) >= config.albumLimit()) {
            throw RpcException.badRequest("ALBUM_PHOTOS_TOO_MANY");
        }
        UploadsManager.Upload upload = uploads.find(me.id(), me.premium(), file)
                .orElseThrow(() -> RpcException.badRequest("PHOTO_FILE_MISSING"));
        if (upload.size() > config.maxPhotoBytes()) throw RpcException.badRequest("IMAGE_PROCESS_FAILED");
        ProfilePhotoImages images = process(upload, UploadsManager.md5(file));

        long id = newPhotoId();
        List<PhotoSizeRecord> sizes = new ArrayList<>();
        try {
            for (SizedJpeg s : images.sizes()) {
                String key = store.blobs().newKey("photos");
                sizes.add(new PhotoSizeRecord(s.type(), false, s.width(), s.height(), s.jpeg().length, null, key));
                store.blobs().put(key, s.jpeg());
            }
            PhotoRecord created = store.transaction(() -> {
                // checked again inside the transaction: two uploads racing must not both pass the limit
                if (store.photos().albumSize(owner.id(), PhotoRecord.PROFILE) >= config.albumLimit()) {
                    throw RpcException.badRequest("ALBUM_PHOTOS_TOO_MANY");
                }
                PhotoRecord p = new PhotoRecord(id, random.nextLong(), owner.id(), me.id(), PhotoRecord.PROFILE,
                        store.photos().nextAlbumOrder(owner.id(), PhotoRecord.PROFILE), now, images.stripped(), false,
                        images.sourceFormat().name(), sizes);
                store.photos().create(p);
                return p;
            });
            uploads.discard(upload);
            log.info("user {} has a new profile photo {} ({} from {}, {} bytes, engine {})", owner.id(), id,
                    sizes.stream().map(PhotoSizeRecord::type).toList(), images.sourceFormat(), upload.size(), engine.name());
            contacts.profileChanged(owner.id(), sessionId, now);
            return result(me, owner, view.photo(created, now), now);
        } catch (RuntimeException e) {
            for (PhotoSizeRecord s : sizes) store.blobs().delete(s.blobKey());
            throw e;
        }
    }

    /** Reads and processes under the per-core permit, so memory holds at most one source per core. */
    private ProfilePhotoImages process(UploadsManager.Upload upload, String md5) {
        processing.acquireUninterruptibly();
        try {
            byte[] source = uploads.read(upload, md5);
            return engine.profilePhoto(source, new ImageLimits(config.maxPhotoPixels(), 160, 10.0));
        } catch (MediaException e) {
            log.debug("image refused: {} ({})", e.rpcError(), e.getMessage());
            throw RpcException.badRequest(e.rpcError());
        } finally {
            processing.release();
        }
    }

    /** photos.updateProfilePhoto: one of owner's photos becomes current; inputPhotoEmpty deletes the current one. */
    public PhotosPhoto update(UserRecord me, UserRecord owner, TypeInputPhoto id, long sessionId, int now) {
        TypePhoto result = switch (id) {
            case InputPhotoEmpty e -> {
                Optional<PhotoRecord> current = front(owner);
                if (current.isEmpty()) yield new PhotoEmpty(0);
                deleteStored(current.get());
                yield front(owner).<TypePhoto>map(p -> view.photo(p, now)).orElse(new PhotoEmpty(0));
            }
            case InputPhoto p -> {
                PhotoRecord photo = store.photos().find(p.id())
                        .filter(r -> r.ownerId() == owner.id() && r.kind().equals(PhotoRecord.PROFILE) && r.accessHash() == p.accessHash())
                        .orElseThrow(() -> RpcException.badRequest("PHOTO_ID_INVALID"));
                view.references().check(photo.id(), p.fileReference(), now);
                store.transaction(() -> {
                    store.photos().setAlbumOrder(photo.id(), store.photos().nextAlbumOrder(owner.id(), PhotoRecord.PROFILE));
                    return null;
                });
                yield view.photo(photo, now);
            }
        };
        contacts.profileChanged(owner.id(), sessionId, now);
        return result(me, owner, result, now);
    }

    private Optional<PhotoRecord> front(UserRecord owner) {
        return Optional.ofNullable(store.photos().fronts(List.of(owner.id()), PhotoRecord.PROFILE).get(owner.id()));
    }

    private void deleteStored(PhotoRecord p) {
        List<String> keys = store.transaction(() -> store.photos().delete(p.id()));
        for (String key : keys) store.blobs().delete(key);
    }

    /**
     * photos.getUserPhotos: the album front first. max_id > 0 starts after that photo (so max_id = X, offset = -1,
     * limit = 1 returns X itself, the documented file-reference refresh); offset skips further; limit is capped.
     */
    public TypePhotosPhotos userPhotos(UserRecord me, UserRecord target, int offset, long maxId, int limit, int now) {
        if (maxId < 0) throw RpcException.badRequest("MAX_ID_INVALID");
        List<PhotoRecord> album = view.mayView(me, target) ? store.photos().album(target.id(), PhotoRecord.PROFILE) : List.of();
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
     * photos.deletePhotos: deletes the caller's own photos (access_hash 0 accepted, as TDLib sends it) and returns
     * the ids actually deleted. When the current photo goes, the next one becomes current.
     */
    public List<Long> delete(UserRecord me, List<TypeInputPhoto> ids, long sessionId, int now) {
        List<Long> deleted = new ArrayList<>();
        long before = front(me).map(PhotoRecord::id).orElse(0L);
        for (TypeInputPhoto input : ids) {
            if (!(input instanceof InputPhoto p) || deleted.contains(p.id())) continue;
            Optional<PhotoRecord> photo = store.photos().find(p.id())
                    .filter(r -> r.ownerId() == me.id() && r.kind().equals(PhotoRecord.PROFILE))
                    .filter(r -> p.accessHash() == 0 || p.accessHash() == r.accessHash());
            if (photo.isEmpty()) continue;
            deleteStored(photo.get());
            deleted.add(p.id());
        }
        if (deleted.contains(before)) contacts.profileChanged(me.id(), sessionId, now);
        return deleted;
    }
}
