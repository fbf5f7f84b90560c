package dev.portrait.store;

import java.util.List;

/**
 * A photo and where it belongs.
 *
 * @param ownerId      whose album it is in
 * @param creatorId    who uploaded it (differs for suggested photos, M5)
 * @param kind         {@link #PROFILE}, later fallback / personal / suggested
 * @param albumOrder   larger = nearer the front; the front profile photo is the owner's current photo
 * @param stripped     the packed 'i' thumbnail
 * @param sourceFormat what was uploaded (JPEG, PNG, ...)
 * @param sizes        photo sizes then video sizes, as stored
 */
public record PhotoRecord(long id, long accessHash, long ownerId, long creatorId, String kind, long albumOrder,
                          int date, byte[] stripped, boolean hasVideo, String sourceFormat, List<PhotoSizeRecord> sizes) {
    public static final String PROFILE = "profile";

    public java.util.Optional<PhotoSizeRecord> size(String type) {
        return sizes.stream().filter(s -> s.type().equals(type)).findFirst();
    }
}
