-- What a key's client said in initConnection and where it connected from (M9): the inspector's sessions, like
-- Telegram's authorizations. client_at = 0 until the client sends initConnection.
ALTER TABLE auth_keys ADD COLUMN api_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE auth_keys ADD COLUMN device_model TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN system_version TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN system_lang_code TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN lang_code TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN transport TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_keys ADD COLUMN client_at BIGINT NOT NULL DEFAULT 0;
