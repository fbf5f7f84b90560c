package dev.portrait.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Photos and their sizes, and the albums they form. */
public interface PhotoStore {
    /** Stores the photo and its sizes (whose blobs must already be durable). */
    void create(PhotoRecord photo);

    Optional<PhotoRecord> find(long id);

    /** The album of owner for kind, front first (album_order descending). */
    List<PhotoRecord> album(long ownerId, String kind);

    int albumSize(long ownerId, String kind);

    /** The front photo of each owner's album of kind, for those that have one. */
    Map<Long, PhotoRecord> fronts(Collection<Long> ownerIds, String kind);

    /** The personal photo creatorId set for each of ownerIds that has one. */
    Map<Long, PhotoRecord> personal(long creatorId, Collection<Long> ownerIds);

    /** The album_order that puts a photo in front of everything owner has of kind. */
    long nextAlbumOrder(long ownerId, String kind);

    void setAlbumOrder(long photoId, long albumOrder);

    /** Deletes the photo; returns its blobs' keys, to delete once the transaction has committed. */
    List<String> delete(long photoId);

    /** Whether any photo size points at blobKey (for collecting orphaned blobs). */
    boolean referencesBlob(String blobKey);
}
