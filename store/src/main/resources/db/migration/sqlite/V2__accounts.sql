-- Accounts (M3): people and bots, address books, privacy rules, sign-in codes, update logs, and the change feed
-- the admin CLI uses to tell a running server about its writes.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    phone         TEXT UNIQUE,
    first_name    TEXT    NOT NULL,
    last_name     TEXT    NOT NULL DEFAULT '',
    username      TEXT,
    username_key  TEXT UNIQUE,
    about         TEXT    NOT NULL DEFAULT '',
    premium       BOOLEAN NOT NULL DEFAULT FALSE,
    bot           BOOLEAN NOT NULL DEFAULT FALSE,
    bot_owner_id  INTEGER NOT NULL DEFAULT 0,
    bot_secret    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL DEFAULT 0
);
-- User ids start at 1,000,000 so they look like ids and never collide with small test constants.
INSERT INTO sqlite_sequence (name, seq) VALUES ('users', 999999);
CREATE INDEX users_bot_owner ON users (bot_owner_id) WHERE bot_owner_id <> 0;

CREATE TABLE contacts (
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_name  TEXT    NOT NULL,
    last_name   TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (owner_id, user_id)
);
CREATE INDEX contacts_user ON contacts (user_id);

CREATE TABLE privacy_rules (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    privacy_key  TEXT    NOT NULL,
    rules        BLOB    NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, privacy_key)
);

CREATE TABLE login_codes (
    phone_code_hash  TEXT PRIMARY KEY,
    phone            TEXT    NOT NULL,
    code             TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    verified         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX login_codes_phone ON login_codes (phone);

CREATE TABLE sign_in_failures (
    phone     TEXT PRIMARY KEY,
    failures  INTEGER NOT NULL,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL
);

CREATE TABLE updates_state (
    user_id       INTEGER PRIMARY KEY,
    pts           INTEGER NOT NULL DEFAULT 0,
    qts           INTEGER NOT NULL DEFAULT 0,
    seq           INTEGER NOT NULL DEFAULT 0,
    date          INTEGER NOT NULL DEFAULT 0,
    trimmed_pts   INTEGER NOT NULL DEFAULT 0,
    trimmed_date  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE updates_log (
    user_id    INTEGER NOT NULL,
    date       INTEGER NOT NULL,
    pts        INTEGER NOT NULL,
    pts_count  INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    body       BLOB    NOT NULL,
    PRIMARY KEY (user_id, date)
);

CREATE TABLE store_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL,
    ref         INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE server_secrets (
    name   TEXT PRIMARY KEY,
    value  BLOB NOT NULL
);
