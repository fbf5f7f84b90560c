package dev.portrait.store;

import java.util.List;
import java.util.Optional;

/** Upload parts per account: (user, file_id, part) → blob. One account never sees another's parts. */
public interface UploadStore {
    Optional<UploadState> find(long userId, long fileId);

    /**
     * Records part (replacing an earlier copy of the same part) and the upload's new state, atomically with the
     * caller's transaction; the stored part count is recounted, whatever state says. Returns the blob key of the replaced copy, if there was one.
     */
    Optional<String> putPart(UploadState state, int part, int size, String blobKey);

    /** The saved parts in part order. */
    List<UploadedPart> parts(long userId, long fileId);

    /** Forgets the upload; returns the blob keys of its parts, to delete once the transaction has committed. */
    List<String> delete(long userId, long fileId);

    /** Forgets up to limit uploads not touched since before; returns their parts' blob keys. */
    List<String> expire(int before, int limit);

    /** Whether any upload part points at blobKey (for collecting orphaned blobs). */
    boolean referencesBlob(String blobKey);
}
