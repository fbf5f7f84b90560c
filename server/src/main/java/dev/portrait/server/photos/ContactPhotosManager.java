package dev.portrait.server.photos;

import dev.portrait.server.messages.MessagesManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.PhotoEmpty;
import dev.portrait.tl.api.PhotosPhoto;
import dev.portrait.tl.api.TypeInputUser;
import dev.portrait.tl.api.UpdateUser;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * photos.uploadContactProfilePhoto: personal photos (set by a user for one of their contacts, seen only by that user)
 * and suggested photos (sent to the other user in a service message, which they may install as their own).
 */
public final class ContactPhotosManager {
    private final Store store;
    private final UsersManager users;
    private final ProfilePhotos view;
    private final PhotoFactory factory;
    private final PhotosManager photos;
    private final MessagesManager messages;
    private final UpdatesManager updates;
    private final SecureRandom random = new SecureRandom();

    public ContactPhotosManager(Store store, UsersManager users, ProfilePhotos view, PhotoFactory factory, PhotosManager photos,
                                MessagesManager messages, UpdatesManager updates) {
        this.store = store;
        this.users = users;
        this.view = view;
        this.factory = factory;
        this.photos = photos;
        this.messages = messages;
        this.updates = updates;
    }

    public PhotosPhoto upload(UserRecord me, TypeInputUser userId, boolean suggest, boolean save, PhotoFactory.Media media, int now) {
        UserRecord target = users.resolve(me.id(), userId);
        // Not for oneself, and not for bots (TDLib refuses both before asking).
        if (target.id() == me.id() || target.bot()) throw RpcException.badRequest("USER_ID_INVALID");
        return suggest ? suggest(me, target, media, now) : personal(me, target, save, media, now);
    }

    private PhotosPhoto suggest(UserRecord me, UserRecord target, PhotoFactory.Media media, int now) {
        PhotoFactory.Made made = factory.make(me, media);
        PhotoRecord photo = new PhotoRecord(photos.newPhotoId(), random.nextLong(), target.id(), me.id(), PhotoRecord.SUGGESTED,
                0, now, made.stripped(), made.hasVideo(), made.sourceFormat(), made.sizes(), made.markup());
        try {
            messages.suggest(me, target, photo, now);
        } catch (RuntimeException e) {
            factory.discard(made);
            throw e;
        }
        factory.committed(made);
        return new PhotosPhoto(view.photo(photo, now), users.views(me, List.of(target.id()), now));
    }

    /**
     * Sets (media given) or removes (no media and {@code save}, as TDLib and tdesktop send it) the personal photo
     * me shows for target; only a contact can have one.
     */
    private PhotosPhoto personal(UserRecord me, UserRecord target, boolean save, PhotoFactory.Media media, int now) {
        if (store.contacts().find(me.id(), target.id()).isEmpty()) throw RpcException.badRequest("CONTACT_MISSING");
        if (media.empty() && !save) throw RpcException.badRequest("PHOTO_FILE_MISSING");
        PhotoFactory.Made made = media.empty() ? null : factory.make(me, media);
        PhotoRecord created = made == null ? null : new PhotoRecord(photos.newPhotoId(), random.nextLong(), target.id(),
                me.id(), PhotoRecord.PERSONAL, 1, now, made.stripped(), made.hasVideo(), made.sourceFormat(), made.sizes(),
                made.markup());
        List<String> doomed = new ArrayList<>();
        try {
            store.transaction(() -> {
                doomed.clear(); // a transaction may be re-run (PostgreSQL serialization retries)
                view.personal(me, target).ifPresent(old -> doomed.addAll(store.photos().delete(old.id())));
                if (created != null) store.photos().create(created);
                return null;
            });
        } catch (RuntimeException e) {
            if (made != null) factory.discard(made);
            throw e;
        }
        if (made != null) factory.committed(made);
        store.blobs().deleteAll(doomed);
        // Only my view of target changed: my sessions learn it (the calling one too, to keep its seq).
        updates.deliver(me.id(), new UpdateUser(target.id()), 0, now);
        return new PhotosPhoto(created == null ? new PhotoEmpty(0) : view.photo(created, now),
                users.views(me, List.of(target.id()), now));
    }
}
