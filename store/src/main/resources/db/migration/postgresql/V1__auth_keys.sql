-- PostgreSQL twin of db/migration/sqlite/V1__auth_keys.sql: same tables, columns and indexes, in PostgreSQL types
-- (64-bit ids → BIGINT, BLOB → BYTEA). Keep the two in step: a change is a new version in both directories.

-- Auth keys made by key exchange. Permanent keys have expires_at = 0; temporary ones are bound to a permanent key
-- with auth.bindTempAuthKey. layer is the API layer the key's clients last announced (connections opened without
-- initConnection, e.g. for uploads, are answered in it).
CREATE TABLE auth_keys (
    auth_key_id  BIGINT  PRIMARY KEY,
    auth_key     BYTEA   NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL DEFAULT 0,
    perm_key_id  BIGINT  NOT NULL DEFAULT 0,
    layer        INTEGER NOT NULL DEFAULT 0,
    user_id      BIGINT  NOT NULL DEFAULT 0
);

CREATE INDEX auth_keys_perm ON auth_keys (perm_key_id) WHERE perm_key_id <> 0;
CREATE INDEX auth_keys_user ON auth_keys (user_id) WHERE user_id <> 0;
