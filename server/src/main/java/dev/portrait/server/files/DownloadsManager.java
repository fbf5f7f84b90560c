package dev.portrait.server.files;

import dev.portrait.mtproto.crypto.Hashes;
import dev.portrait.server.photos.ProfilePhotos;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.LegacyForms;
import dev.portrait.tl.api.FileHash;
import dev.portrait.tl.api.InputFileLocation;
import dev.portrait.tl.api.InputPeerPhotoFileLocation;
import dev.portrait.tl.api.InputPhotoFileLocation;
import dev.portrait.tl.api.InputPhotoLegacyFileLocation;
import dev.portrait.tl.api.StorageFileJpeg;
import dev.portrait.tl.api.StorageFileMp4;
import dev.portrait.tl.api.TypeFileHash;
import dev.portrait.tl.api.TypeInputFileLocation;
import dev.portrait.tl.api.UploadFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * upload.getFile and upload.getFileHashes for photo locations. Every location is checked the way Telegram does: the
 * photo's access_hash and file_reference for inputPhotoFileLocation (and for what older clients send:
 * inputFileLocation, which names the photo by volume_id with its access_hash as the secret, and
 * inputPhotoLegacyFileLocation), the peer's access_hash for inputPeerPhotoFileLocation, and in every case whether
 * the caller may see that photo at all (privacy rules for main photos, only its creator for a personal photo, the two
 * users of a suggestion). Chunks follow the documented offset/limit rules.
 */
public final class DownloadsManager {
    public static final int MIB = 1 << 20;
    /** upload.getFileHashes covers the file in chunks of this size (the 128 KB Telegram's CDN hashes use). */
    public static final int HASH_CHUNK = 128 * 1024;
    /** Hashes per upload.getFileHashes answer: 1 MB, the most one upload.getFile may ask for. */
    public static final int HASHES_PER_CALL = MIB / HASH_CHUNK;

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
        Located l = locate(me, location, now);
        Optional<byte[]> bytes = store.blobs().read(l.size().blobKey(), offset, limit);
        // The photo was deleted between the lookup and the read.
        if (bytes.isEmpty()) throw RpcException.badRequest("LOCATION_INVALID");
        return new UploadFile(l.size().video() ? new StorageFileMp4() : new StorageFileJpeg(), l.photo().date(), bytes.get());
    }

    /**
     * upload.getFileHashes: SHA-256 of the file's consecutive {@link #HASH_CHUNK}-byte chunks, from the chunk holding
     * offset, at most {@link #HASHES_PER_CALL} of them (one getFile window); the last chunk of the file may be
     * shorter. Past the end: none. The location is checked as getFile checks it.
     */
    public List<TypeFileHash> fileHashes(UserRecord me, TypeInputFileLocation location, long offset, int now) {
        if (offset < 0) throw RpcException.badRequest("OFFSET_INVALID");
        Located l = locate(me, location, now);
        long start = offset - offset % HASH_CHUNK;
        if (start >= l.size().size()) return List.of();
        int length = (int) Math.min((long) HASHES_PER_CALL * HASH_CHUNK, l.size().size() - start);
        byte[] bytes = store.blobs().read(l.size().blobKey(), start, length)
                .orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
        List<TypeFileHash> hashes = new ArrayList<>(HASHES_PER_CALL);
        for (int at = 0; at < bytes.length; at += HASH_CHUNK) {
            int n = Math.min(HASH_CHUNK, bytes.length - at);
            hashes.add(new FileHash(start + at, n, Hashes.sha256(bytes, at, n)));
        }
        return hashes;
    }

    /** A photo size a location names, after the checks every download makes. */
    private record Located(PhotoRecord photo, PhotoSizeRecord size) {
    }

    private Located locate(UserRecord me, TypeInputFileLocation location, int now) {
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
            case InputPhotoLegacyFileLocation l -> {
                // what a client that kept a photo from a layer before 128 sends (TDLib's old file ids): the photo by
                // id, access_hash and file_reference, the size by its FileLocation
                photo = store.photos().find(l.id())
                        .filter(p -> p.accessHash() == l.accessHash() && l.volumeId() == p.id())
                        .orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
                photos.references().check(photo.id(), l.fileReference(), now);
                type = LegacyForms.sizeType(l.localId());
                if (type == null) throw RpcException.badRequest("LOCATION_INVALID");
            }
            case InputFileLocation l -> {
                // layers before 128 name a size by its FileLocation: the photo's id and the type's letter
                // (LegacyForms), with the photo's access_hash as the secret
                photo = store.photos().find(l.volumeId())
                        .filter(p -> p.accessHash() == l.secret())
                        .orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
                photos.references().check(photo.id(), l.fileReference(), now);
                type = LegacyForms.sizeType(l.localId());
                if (type == null) throw RpcException.badRequest("LOCATION_INVALID");
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
        PhotoSizeRecord size = readable(me, photo, type).orElseThrow(() -> RpcException.badRequest("LOCATION_INVALID"));
        return new Located(photo, size);
    }

    /**
     * The size of a photo that {@code me} may read now (privacy rules for main photos, only its creator for a personal
     * photo, the two users of a suggestion), or empty: what every download checks once it has found the photo.
     */
    public Optional<PhotoSizeRecord> readable(UserRecord me, PhotoRecord photo, String type) {
        Optional<UserRecord> owner = users.find(photo.ownerId());
        if (owner.isEmpty() || !photos.mayUse(me, photo, owner.get())) return Optional.empty();
        return photo.size(type);
    }
}
