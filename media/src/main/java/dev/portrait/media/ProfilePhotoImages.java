package dev.portrait.media;

import java.util.List;

/**
 * The result of {@link ImageEngine#profilePhoto}.
 *
 * @param sourceFormat the detected input format
 * @param sizes        {@code a}, {@code b}, {@code c}[, {@code d}] in that order; all square
 * @param stripped     the packed {@code i} bytes ({@code 0x01}, height, width, JPEG scan data) of an 8×8 picture, what
 *                     Telegram puts in {@code userProfilePhoto.stripped_thumb}; {@link StrippedThumbnail#expand} makes
 *                     it a JPEG again
 */
public record ProfilePhotoImages(ImageFormat sourceFormat, List<SizedJpeg> sizes, byte[] stripped) {
    public ProfilePhotoImages {
        sizes = List.copyOf(sizes);
    }
}
