package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.UploadState;
import dev.portrait.store.UploadStore;
import dev.portrait.store.UploadedPart;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class JdbcUploads implements UploadStore {
    private static final String COLUMNS = "user_id, file_id, big, part_size, last_part, last_size, total_parts, part_count, updated_at";
    private final Db db;

    public JdbcUploads(Db db) {
        this.db = db;
    }

    private static UploadState row(ResultSet rs) throws SQLException {
        return new UploadState(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                rs.getInt(7), rs.getInt(8), rs.getInt(9));
    }

    @Override
    public Optional<UploadState> find(long userId, long fileId) {
        return db.run(c -> Sql.one(c, JdbcUploads::row, "SELECT " + COLUMNS + " FROM uploads WHERE user_id = ? AND file_id = ?", userId, fileId));
    }

    @Override
    public Optional<String> putPart(UploadState s, int part, int size, String blobKey) {
        return db.transaction(c -> {
            Sql.update(c, "INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (user_id, file_id) DO UPDATE SET big = excluded.big, part_size = excluded.part_size, "
                            + "last_part = excluded.last_part, last_size = excluded.last_size, total_parts = excluded.total_parts, "
                            + "part_count = excluded.part_count, updated_at = excluded.updated_at",
                    s.userId(), s.fileId(), s.big(), s.partSize(), s.lastPart(), s.lastSize(), s.totalParts(), s.partCount(), s.updatedAt());
            Optional<String> old = Sql.one(c, rs -> rs.getString(1),
                    "SELECT blob_key FROM upload_parts WHERE user_id = ? AND file_id = ? AND part = ?", s.userId(), s.fileId(), part);
            if (old.isPresent()) {
                Sql.update(c, "UPDATE upload_parts SET size = ?, blob_key = ? WHERE user_id = ? AND file_id = ? AND part = ?",
                        size, blobKey, s.userId(), s.fileId(), part);
            } else {
                Sql.update(c, "INSERT INTO upload_parts (user_id, file_id, part, size, blob_key) VALUES (?, ?, ?, ?, ?)",
                        s.userId(), s.fileId(), part, size, blobKey);
            }
            Sql.update(c, "UPDATE uploads SET part_count = (SELECT COUNT(*) FROM upload_parts WHERE user_id = ? AND file_id = ?) "
                    + "WHERE user_id = ? AND file_id = ?", s.userId(), s.fileId(), s.userId(), s.fileId());
            return old;
        });
    }

    @Override
    public List<UploadedPart> parts(long userId, long fileId) {
        return db.run(c -> Sql.list(c, rs -> new UploadedPart(rs.getInt(1), rs.getInt(2), rs.getString(3)),
                "SELECT part, size, blob_key FROM upload_parts WHERE user_id = ? AND file_id = ? ORDER BY part", userId, fileId));
    }

    @Override
    public List<String> delete(long userId, long fileId) {
        return db.transaction(c -> {
            List<String> keys = Sql.list(c, rs -> rs.getString(1),
                    "SELECT blob_key FROM upload_parts WHERE user_id = ? AND file_id = ?", userId, fileId);
            Sql.update(c, "DELETE FROM upload_parts WHERE user_id = ? AND file_id = ?", userId, fileId);
            Sql.update(c, "DELETE FROM uploads WHERE user_id = ? AND file_id = ?", userId, fileId);
            return keys;
        });
    }

    @Override
    public List<String> expire(int before, int limit) {
        return db.transaction(c -> {
            List<long[]> stale = Sql.list(c, rs -> new long[]{rs.getLong(1), rs.getLong(2)},
                    "SELECT user_id, file_id FROM uploads WHERE updated_at < ? ORDER BY updated_at LIMIT ?", before, limit);
            List<String> keys = new ArrayList<>();
            for (long[] u : stale) keys.addAll(delete(u[0], u[1]));
            return keys;
        });
    }

    @Override
    public boolean referencesBlob(String blobKey) {
        return db.run(c -> Sql.one(c, rs -> true, "SELECT 1 FROM upload_parts WHERE blob_key = ? LIMIT 1", blobKey).isPresent());
    }
}
