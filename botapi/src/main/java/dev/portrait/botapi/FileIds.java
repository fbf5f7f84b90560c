package dev.portrait.botapi;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The Bot API's file_id and file_unique_id for a photo size, opaque URL-safe base64 without padding, as Telegram's:
 * <ul>
 * <li>file_id: a version byte, the bot it was given to, the photo's id, the size type and 12 bytes of HMAC-SHA256
 * under a server secret over all of that. It finds the size and can be neither forged nor used by another bot
 * ("Bad Request: invalid file_id"); whether the bot may still see the photo is checked when it is used.</li>
 * <li>file_unique_id: the photo's id and the size type only, the same for every bot and over time; it cannot be used
 * to download (the download path carries it, but the download checks the bot's right to the photo again).</li>
 * </ul>
 */
final class FileIds {
    private static final byte VERSION = 1;
    private static final byte PHOTO_SIZE = 1;
    private static final int MAC_BYTES = 12;
    private static final int FILE_ID_BYTES = 2 + 8 + 8 + 1 + MAC_BYTES;
    private static final int UNIQUE_BYTES = 1 + 8 + 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A photo size a file_id names. */
    record PhotoSizeRef(long photoId, String type) {
    }

    private final byte[] secret;

    FileIds(byte[] secret) {
        this.secret = secret.clone();
    }

    String fileId(long botId, long photoId, String type) {
        ByteBuffer b = ByteBuffer.allocate(FILE_ID_BYTES);
        b.put(VERSION).put(PHOTO_SIZE).putLong(botId).putLong(photoId).put(typeByte(type));
        b.put(mac(b.array(), FILE_ID_BYTES - MAC_BYTES));
        return ENCODER.encodeToString(b.array());
    }

    static String uniqueId(long photoId, String type) {
        return ENCODER.encodeToString(ByteBuffer.allocate(UNIQUE_BYTES).put(PHOTO_SIZE).putLong(photoId).put(typeByte(type)).array());
    }

    /** The size a file_id names, when it is one this server gave to this bot. */
    Optional<PhotoSizeRef> parse(long botId, String fileId) {
        byte[] raw = decode(fileId);
        if (raw == null || raw.length != FILE_ID_BYTES || raw[0] != VERSION || raw[1] != PHOTO_SIZE) return Optional.empty();
        byte[] expected = mac(raw, FILE_ID_BYTES - MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, FILE_ID_BYTES - MAC_BYTES, FILE_ID_BYTES))) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(raw, 2, FILE_ID_BYTES - 2);
        if (b.getLong() != botId) return Optional.empty();
        long photoId = b.getLong();
        return type(b.get()).map(t -> new PhotoSizeRef(photoId, t));
    }

    /** The size a file_unique_id names (what a file_path carries). */
    static Optional<PhotoSizeRef> parseUnique(String uniqueId) {
        byte[] raw = decode(uniqueId);
        if (raw == null || raw.length != UNIQUE_BYTES || raw[0] != PHOTO_SIZE) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(raw, 1, UNIQUE_BYTES - 1);
        long photoId = b.getLong();
        return type(b.get()).map(t -> new PhotoSizeRef(photoId, t));
    }

    private static byte[] decode(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) return null;
        try {
            return DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte typeByte(String type) {
        if (type.length() != 1 || type.charAt(0) < 'a' || type.charAt(0) > 'z') throw new IllegalArgumentException("size type " + type);
        return (byte) type.charAt(0);
    }

    private static Optional<String> type(byte b) {
        return b >= 'a' && b <= 'z' ? Optional.of(String.valueOf((char) b)) : Optional.empty();
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            m.update(data, 0, length);
            return Arrays.copyOf(m.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
