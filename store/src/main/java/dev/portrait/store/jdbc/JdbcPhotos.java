package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.PhotoStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class JdbcPhotos implements PhotoStore {
    private static final String COLUMNS = "id, access_hash, owner_id, creator_id, kind, album_order, date, stripped, has_video, source_format, markup";
    private static final String SIZE_COLUMNS = "photo_id, type, video, w, h, size, video_start_ts, blob_key";
    private final Db db;

    public JdbcPhotos(Db db) {
        this.db = db;
    }

    private static PhotoRecord row(ResultSet rs) throws SQLException {
        return new PhotoRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                rs.getInt(7), rs.getBytes(8), rs.getBoolean(9), rs.getString(10), List.of(), rs.getBytes(11));
    }

    private static PhotoSizeRecord sizeRow(ResultSet rs) throws SQLException {
        double ts = rs.getDouble(7);
        Double start = rs.wasNull() ? null : ts;
        return new PhotoSizeRecord(rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), start, rs.getString(8));
    }

    /**
     * The front of each owner's album of a kind, for many owners in one query (a window function: SQLite 3.25+ and
     * PostgreSQL): FRONTS + a WHERE over photos + FRONT_ROWS.
     */
    private static final String FRONTS = "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS
            + ", ROW_NUMBER() OVER (PARTITION BY owner_id ORDER BY album_order DESC, id DESC) AS front FROM photos ";
    private static final String FRONT_ROWS = ") ranked WHERE front = 1";

    private static Map<Long, PhotoRecord> byOwner(Connection c, List<PhotoRecord> photos) throws SQLException {
        Map<Long, PhotoRecord> out = new LinkedHashMap<>();
        for (PhotoRecord p : withSizes(c, photos)) out.put(p.ownerId(), p);
        return out;
    }

    /** Attaches sizes to photos with one query; photos keep their order. */
    private static List<PhotoRecord> withSizes(Connection c, List<PhotoRecord> photos) throws SQLException {
        if (photos.isEmpty()) return photos;
        Map<Long, List<PhotoSizeRecord>> sizes = new HashMap<>();
        List<Long> ids = photos.stream().map(PhotoRecord::id).toList();
        // photo sizes first (a, b, c, d, i by type), then video sizes: the order photo.sizes / video_sizes list them in
        for (var r : Sql.listIn(c, rs -> Map.entry(rs.getLong(1), sizeRow(rs)),
                "SELECT " + SIZE_COLUMNS + " FROM photo_sizes WHERE photo_id IN (%s) ORDER BY photo_id, video, w, type", ids)) {
            sizes.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(r.getValue());
        }
        List<PhotoRecord> out = new ArrayList<>(photos.size());
        for (PhotoRecord p : photos) {
            out.add(new PhotoRecord(p.id(), p.accessHash(), p.ownerId(), p.creatorId(), p.kind(), p.albumOrder(), p.date(),
                    p.stripped(), p.hasVideo(), p.sourceFormat(), List.copyOf(sizes.getOrDefault(p.id(), List.of())), p.markup()));
        }
        return out;
    }

    @Override
    public void create(PhotoRecord p) {
        db.transaction(c -> {
            Sql.update(c, "INSERT INTO photos (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.id(), p.accessHash(), p.ownerId(), p.creatorId(), p.kind(), p.albumOrder(), p.date(), p.stripped(),
                    p.hasVideo(), p.sourceFormat(), p.markup());
            for (PhotoSizeRecord s : p.sizes()) {
                Sql.update(c, "INSERT INTO photo_sizes (" + SIZE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        p.id(), s.type(), s.video(), s.w(), s.h(), s.size(), s.videoStartTs(), s.blobKey());
            }
            return null;
        });
    }

    @Override
    public Optional<PhotoRecord> find(long id) {
        return db.run(c -> {
            Optional<PhotoRecord> p = Sql.one(c, JdbcPhotos::row, "SELECT " + COLUMNS + " FROM photos WHERE id = ?", id);
            return p.isEmpty() ? p : Optional.of(withSizes(c, List.of(p.get())).getFirst());
        });
    }

    @Override
    public List<PhotoRecord> album(long ownerId, String kind) {
        return db.run(c -> withSizes(c, Sql.list(c, JdbcPhotos::row,
                "SELECT " + COLUMNS + " FROM photos WHERE owner_id = ? AND kind = ? ORDER BY album_order DESC, id DESC", ownerId, kind)));
    }

    @Override
    public int albumSize(long ownerId, String kind) {
        return db.run(c -> (int) Sql.longValue(c, "SELECT COUNT(*) FROM photos WHERE owner_id = ? AND kind = ?", ownerId, kind));
    }

    @Override
    public Map<Long, PhotoRecord> fronts(Collection<Long> ownerIds, String kind) {
        if (ownerIds.isEmpty()) return Map.of();
        return db.run(c -> byOwner(c, Sql.listIn(c, JdbcPhotos::row, FRONTS + "WHERE kind = ? AND owner_id IN (%s)" + FRONT_ROWS,
                ownerIds, kind)));
    }

    @Override
    public Map<Long, PhotoRecord> personal(long creatorId, Collection<Long> ownerIds) {
        if (ownerIds.isEmpty()) return Map.of();
        return db.run(c -> byOwner(c, Sql.listIn(c, JdbcPhotos::row,
                FRONTS + "WHERE creator_id = ? AND kind = ? AND owner_id IN (%s)" + FRONT_ROWS, ownerIds, creatorId, PhotoRecord.PERSONAL)));
    }

    @Override
    public long nextAlbumOrder(long ownerId, String kind) {
        return db.run(c -> Sql.longValue(c, "SELECT COALESCE(MAX(album_order), 0) + 1 FROM photos WHERE owner_id = ? AND kind = ?", ownerId, kind));
    }

    @Override
    public void setAlbumOrder(long photoId, long albumOrder) {
        db.run(c -> Sql.update(c, "UPDATE photos SET album_order = ? WHERE id = ?", albumOrder, photoId));
    }

    @Override
    public List<String> delete(long photoId) {
        return db.transaction(c -> {
            List<String> keys = Sql.list(c, rs -> rs.getString(1), "SELECT blob_key FROM photo_sizes WHERE photo_id = ?", photoId);
            Sql.update(c, "DELETE FROM photo_sizes WHERE photo_id = ?", photoId);
            Sql.update(c, "DELETE FROM photos WHERE id = ?", photoId);
            return keys;
        });
    }

    @Override
    public boolean referencesBlob(String blobKey) {
        return db.run(c -> Sql.one(c, rs -> true, "SELECT 1 FROM photo_sizes WHERE blob_key = ? LIMIT 1", blobKey).isPresent());
    }
}
