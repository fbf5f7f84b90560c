package dev.portrait.store;

/**
 * An auth key as stored.
 *
 * @param id auth_key_id (lower 64 bits of the key's SHA-1)
 * @param key the 256-byte key
 * @param createdAt unix time of the key exchange
 * @param expiresAt unix time a temporary key expires, 0 for a permanent key
 * @param permKeyId for a temporary key bound with auth.bindTempAuthKey, its permanent key; else 0
 * @param layer the API layer its clients last announced, 0 when none yet
 * @param userId the signed-in account, 0 when none
 * @param client what its client last said in initConnection, null when nothing yet
 */
public record StoredAuthKey(long id, byte[] key, long createdAt, long expiresAt, long permKeyId, int layer, long userId,
                            ClientInfo client) {
    public StoredAuthKey(long id, byte[] key, long createdAt, long expiresAt, long permKeyId, int layer, long userId) {
        this(id, key, createdAt, expiresAt, permKeyId, layer, userId, null);
    }

    public boolean temporary() {
        return expiresAt != 0;
    }
}
