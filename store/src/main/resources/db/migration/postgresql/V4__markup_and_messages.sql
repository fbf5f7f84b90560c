-- PostgreSQL twin of db/migration/sqlite/V4__markup_and_messages.sql.
-- M5: emoji / sticker avatars, personal, fallback and suggested photos, and the service messages that carry
-- profile-photo suggestions in private chats.

-- The videoSizeEmojiMarkup / videoSizeStickerMarkup of an emoji avatar, TL-serialized (latest layer); NULL otherwise.
ALTER TABLE photos ADD COLUMN markup BYTEA;
-- kind 'personal': owner_id = the user it is shown for, creator_id = the only viewer who sees it (one per pair).
-- kind 'suggested': owner_id = the user it was suggested to, creator_id = who suggested it.
-- kind 'fallback': the owner's public photo, outside the album (one per owner).
CREATE INDEX photos_creator ON photos (creator_id, kind, owner_id);

-- Each account's message box: ids are per account, as in Telegram's private chats.
CREATE TABLE message_boxes (
    user_id  BIGINT  PRIMARY KEY,
    last_id  INTEGER NOT NULL
);

-- One row per copy: the sender's (out) and the recipient's, each with its own id, pointing at each other.
CREATE TABLE messages (
    user_id      BIGINT  NOT NULL,
    id           INTEGER NOT NULL,
    peer_id      BIGINT  NOT NULL,
    peer_msg_id  INTEGER NOT NULL,
    out          BOOLEAN NOT NULL,
    from_id      BIGINT  NOT NULL,
    date         INTEGER NOT NULL,
    action       TEXT    NOT NULL,
    photo_id     BIGINT,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX messages_chat ON messages (user_id, peer_id, id);
CREATE INDEX messages_photo ON messages (photo_id);
