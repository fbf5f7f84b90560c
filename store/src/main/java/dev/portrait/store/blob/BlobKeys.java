package dev.portrait.store.blob;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key scheme every blob store shares: keys are made of [a-z0-9/_-] (no empty, "." or ".." segment can be
 * written), at most 200 characters, and fresh keys are {@code prefix/xx/<24 hex>} with 96 random bits, xx being the
 * first two hex digits (spreads files over 256 directories and S3 keys over 256 listing ranges).
 */
final class BlobKeys {
    static final int MAX_LENGTH = 200;
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobKeys() {
    }

    static boolean valid(String key) {
        return key != null && key.length() <= MAX_LENGTH && KEY.matcher(key).matches();
    }

    /** The key itself, or IllegalArgumentException when it is not one. */
    static String check(String key) {
        if (!valid(key)) throw new IllegalArgumentException("bad blob key " + key);
        return key;
    }

    static String newKey(String prefix) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        return prefix + "/" + id.substring(0, 2) + "/" + id;
    }
}
