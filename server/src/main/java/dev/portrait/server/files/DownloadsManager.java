package dev.portrait.server.files;

import dev.portrait.server.photos.ProfilePhotos;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.InputPeerPhotoFileLocation;
import dev.portrait.tl.api.InputPhotoFileLocation;
import dev.portrait.tl.api.StorageFileJpeg;
import dev.portrait.tl.api.StorageFileMp4;
import dev.portrait.tl.api.TypeInputFileLocation;
import dev.portrait.tl.api.UploadFile;

import java.util.Optional;

/**
 * upload.getFile for photo locations. Every location is checked the way Telegram does: the photo's access_hash and
 * file_reference for inputPhotoFileLocation, the peer's access_hash for inputPeerPhotoFileLocation, and in both cases
 * whether the caller may see that photo at all (privacy rules for main photos, only its creator for a personal photo,
 * the two users of a suggestion). Chunks follow the documented offset/limit rules.
 */
public final class DownloadsManager {
    public static final int MIB = 1 << 20;

    private final Store store;
    private final UsersManager users;
    private final ProfilePhotos photos;

    public DownloadsManager(Store store, UsersManager users, ProfilePhotos photos) {
        this.store = store;
        this.users = users;
        this.photos = photos;
    }

    /** Throws OFFSET_INVALID / LIMIT_INVALID unless the range is one clients may ask for. */
    static void checkRange(boolean precise, long offset, int limit) {
        if (offset < 0 || offset % (precise ? 1024 : 4096) != 0) throw RpcException.badRequest("OFFSET_INVALID");
        if (limit <= 0 || limit > MIB) throw RpcException.badRequest("LIMIT_INVALID");
        if (precise ? limit % 1024 != 0 : (limit % 4096 != 0 || MIB % limit != 0)) throw RpcException.badRequest("LIMIT_INVALID");
        if (offset / MIB != (offset + limit - 1) / MIB) throw RpcException.badRequest("LIMIT_INVALID");
    }

    public UploadFile getFile(UserRecord me, boolean precise, TypeInputFileLocation location, long offset, int limit, int now) {
        checkRange(precise, offset, limit);
        PhotoRecord photo;
        String type;
        switch (location) {
            case InputPhotoFileLocation l -> {
                photo = store.photos().find(l.id())
                        .filter(p -> p.accessHash() == l.accessHash())
                        .orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
                photos.references().check(photo.id(), l.fileReference(), now);
                type = l.thumbSize();
            }
            case InputPeerPhotoFileLocation l -> {
                UserRecord owner = users.resolvePeer(me.id(), l.peer());
                photo = store.photos().find(l.photoId())
                        .filter(p -> p.ownerId() == owner.id())
                        .orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
                type = l.big() ? "c" : "a";
            }
            default -> throw RpcException.badRequest("LOCATION_INVALID");
        }
        UserRecord owner = users.find(photo.ownerId()).orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
        if (!photos.mayUse(me, photo, owner)) throw RpcException.badRequest("LOCATION_INVALID");
        PhotoSizeRecord size = photo.size(type).orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
        Optional<byte[]> bytes = store.blobs().read(size.blobKey(), offset, limit);
        // The photo was deleted between the lookup and the read.
        if (bytes.isEmpty()) throw RpcException.badRequest("LOCATION_INVALID");
        return new UploadFile(size.video() ? new StorageFileMp4() : new StorageFileJpeg(), photo.date(), bytes.get());
    }
}
