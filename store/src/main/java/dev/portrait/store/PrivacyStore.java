package dev.portrait.store;

import java.util.Optional;

/** Privacy rules per account and key ("profile_photo", "phone_number", ...), kept as TL-serialized rule vectors. */
public interface PrivacyStore {
    Optional<byte[]> rules(long userId, String key);

    void put(long userId, String key, byte[] rules, int now);
}
