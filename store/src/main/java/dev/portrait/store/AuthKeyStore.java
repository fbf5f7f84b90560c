package dev.portrait.store;

import java.util.Optional;

/** Auth keys and what hangs off them: binding of temporary keys, the announced layer, the signed-in user. */
public interface AuthKeyStore {
    Optional<StoredAuthKey> findAuthKey(long authKeyId);

    /** Stores a new key; false when the id is already taken (the key exchange then answers dh_gen_retry). */
    boolean insertAuthKey(StoredAuthKey key);

    void deleteAuthKey(long authKeyId);

    void bindTempAuthKey(long tempKeyId, long permKeyId, long expiresAt);

    void setLayer(long authKeyId, int layer);

    /** Records what the key's client said in initConnection and where it came from. */
    void setClient(long authKeyId, ClientInfo client);

    /** Marks the key signed in as userId (0 = signed out). */
    void setUser(long authKeyId, long userId);

    /** All keys, or only those signed in as userId when it is not 0 (for `portrait session list`). */
    java.util.List<StoredAuthKey> list(long userId);

    /** Removes temporary keys that expired before {@code now}; returns how many. */
    int deleteExpiredAuthKeys(long now);
}
