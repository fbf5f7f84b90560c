package dev.portrait.store;

/**
 * One stored rendition of a photo.
 *
 * @param video        a videoSize ('u', 'p') rather than a photoSize
 * @param size         the exact byte count of the blob
 * @param videoStartTs video sizes only, else null
 */
public record PhotoSizeRecord(String type, boolean video, int w, int h, int size, Double videoStartTs, String blobKey) {
}
