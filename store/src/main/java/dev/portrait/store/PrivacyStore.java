package dev.portrait.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Privacy rules per account and key ("profile_photo", "phone_number", ...), kept as TL-serialized rule vectors. */
public interface PrivacyStore {
    Optional<byte[]> rules(long userId, String key);

    /** The rules of each of these users that has set key, by user id. */
    Map<Long, byte[]> rules(Collection<Long> userIds, String key);

    void put(long userId, String key, byte[] rules, int now);
}
