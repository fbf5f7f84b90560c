package dev.portrait.media;

/**
 * Turns an uploaded image into the sizes of a Telegram profile photo. Thread-safe; called from virtual threads.
 *
 * <p>Every failure is a {@link MediaException} whose {@link MediaException#rpcError()} is the RPC error to answer
 * with; no other exception escapes {@link #profilePhoto}.
 */
public interface ImageEngine extends AutoCloseable {
    /** {@code "vips"} or {@code "java"}. */
    String name();

    /**
     * Sniffs the format, checks the header dimensions against {@code limits} before decoding, applies the EXIF
     * orientation, crops the centre square and writes the sizes {@code a}, {@code b}, {@code c} (and {@code d} when the
     * square is at least 1280 px) as JPEG, plus the stripped {@code i} bytes.
     */
    ProfilePhotoImages profilePhoto(byte[] source, ImageLimits limits) throws MediaException;

    @Override
    default void close() {}
}
