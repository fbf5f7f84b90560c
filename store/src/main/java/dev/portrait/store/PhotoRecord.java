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
 * @param markup       the TL-serialized videoSizeEmojiMarkup / videoSizeStickerMarkup of an emoji avatar, else null
 */
public record PhotoRecord(long id, long accessHash, long ownerId, long creatorId, String kind, long albumOrder,
                          int date, byte[] stripped, boolean hasVideo, String sourceFormat, List<PhotoSizeRecord> sizes,
                          byte[] markup) {
    /** In the owner's album; the front one is the owner's main photo. */
    public static final String PROFILE = "profile";
    /** The owner's public photo, for viewers the privacy rules keep from the main one; outside the album. */
    public static final String FALLBACK = "fallback";
    /** Set by creatorId for ownerId, seen only by creatorId. */
    public static final String PERSONAL = "personal";
    /** Suggested by creatorId to ownerId in a service message. */
    public static final String SUGGESTED = "suggested";

    public PhotoRecord(long id, long accessHash, long ownerId, long creatorId, String kind, long albumOrder, int date,
                       byte[] stripped, boolean hasVideo, String sourceFormat, List<PhotoSizeRecord> sizes) {
        this(id, accessHash, ownerId, creatorId, kind, albumOrder, date, stripped, hasVideo, sourceFormat, sizes, null);
    }

    public java.util.Optional<PhotoSizeRecord> size(String type) {
        return sizes.stream().filter(s -> s.type().equals(type)).findFirst();
    }
}
