-- Auth keys made by key exchange. Permanent keys have expires_at = 0; temporary ones are bound to a permanent key
-- with auth.bindTempAuthKey. layer is the API layer the key's clients last announced (connections opened without
-- initConnection, e.g. for uploads, are answered in it).
CREATE TABLE auth_keys (
    auth_key_id  INTEGER PRIMARY KEY,
    auth_key     BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL DEFAULT 0,
    perm_key_id  INTEGER NOT NULL DEFAULT 0,
    layer        INTEGER NOT NULL DEFAULT 0,
    user_id      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX auth_keys_perm ON auth_keys (perm_key_id) WHERE perm_key_id <> 0;
CREATE INDEX auth_keys_user ON auth_keys (user_id) WHERE user_id <> 0;
