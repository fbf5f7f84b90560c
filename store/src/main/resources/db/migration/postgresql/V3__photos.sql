-- PostgreSQL twin of db/migration/sqlite/V3__photos.sql.
-- Uploads and photos (M4). Bytes live in the blob store; these tables say which blobs make up what.

-- An upload in progress: parts saved with upload.saveFilePart / saveBigFilePart under the uploader's account.
-- part_size is the size every part but the highest-numbered one has (0 until two parts are known); last_part and
-- last_size describe the highest-numbered part so far. total_parts: -1 while a big upload streams, 0 for small files.
CREATE TABLE uploads (
    user_id      BIGINT  NOT NULL,
    file_id      BIGINT  NOT NULL,
    big          BOOLEAN NOT NULL,
    part_size    INTEGER NOT NULL,
    last_part    INTEGER NOT NULL,
    last_size    INTEGER NOT NULL,
    total_parts  INTEGER NOT NULL,
    part_count   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, file_id)
);
CREATE INDEX uploads_updated ON uploads (updated_at);

CREATE TABLE upload_parts (
    user_id   BIGINT  NOT NULL,
    file_id   BIGINT  NOT NULL,
    part      INTEGER NOT NULL,
    size      INTEGER NOT NULL,
    blob_key  TEXT    NOT NULL,
    PRIMARY KEY (user_id, file_id, part),
    FOREIGN KEY (user_id, file_id) REFERENCES uploads (user_id, file_id) ON DELETE CASCADE
);

-- A photo and the album it belongs to. kind: 'profile' (the owner's album; the one with the highest album_order is
-- the current photo), later 'fallback', 'personal', 'suggested' (M5).
CREATE TABLE photos (
    id           BIGINT  PRIMARY KEY,
    access_hash  BIGINT  NOT NULL,
    owner_id     BIGINT  NOT NULL,
    creator_id   BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,
    album_order  BIGINT  NOT NULL,
    date         INTEGER NOT NULL,
    stripped     BYTEA,
    has_video    BOOLEAN NOT NULL DEFAULT FALSE,
    source_format TEXT   NOT NULL
);
CREATE INDEX photos_album ON photos (owner_id, kind, album_order);

CREATE TABLE photo_sizes (
    photo_id        BIGINT  NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    type            TEXT    NOT NULL,
    video           BOOLEAN NOT NULL,
    w               INTEGER NOT NULL,
    h               INTEGER NOT NULL,
    size            INTEGER NOT NULL,
    video_start_ts  DOUBLE PRECISION,
    blob_key        TEXT    NOT NULL,
    PRIMARY KEY (photo_id, type)
);
