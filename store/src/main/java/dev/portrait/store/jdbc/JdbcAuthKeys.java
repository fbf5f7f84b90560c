package dev.portrait.store.jdbc;

import dev.portrait.store.AuthKeyStore;
import dev.portrait.store.Db;
import dev.portrait.store.StoredAuthKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcAuthKeys implements AuthKeyStore {
    private static final String COLUMNS = "auth_key_id, auth_key, created_at, expires_at, perm_key_id, layer, user_id";
    private final Db db;

    public JdbcAuthKeys(Db db) {
        this.db = db;
    }

    private static StoredAuthKey row(ResultSet rs) throws SQLException {
        return new StoredAuthKey(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getLong(7));
    }

    @Override
    public Optional<StoredAuthKey> findAuthKey(long authKeyId) {
        return db.run(c -> Sql.one(c, JdbcAuthKeys::row, "SELECT " + COLUMNS + " FROM auth_keys WHERE auth_key_id = ?", authKeyId));
    }

    @Override
    public boolean insertAuthKey(StoredAuthKey k) {
        return db.run(c -> Sql.update(c, "INSERT INTO auth_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                k.id(), k.key(), k.createdAt(), k.expiresAt(), k.permKeyId(), k.layer(), k.userId()) == 1);
    }

    @Override
    public void deleteAuthKey(long authKeyId) {
        db.run(c -> Sql.update(c, "DELETE FROM auth_keys WHERE auth_key_id = ?", authKeyId));
    }

    @Override
    public void bindTempAuthKey(long tempKeyId, long permKeyId, long expiresAt) {
        db.run(c -> Sql.update(c, "UPDATE auth_keys SET perm_key_id = ?, expires_at = ? WHERE auth_key_id = ?", permKeyId, expiresAt, tempKeyId));
    }

    @Override
    public void setLayer(long authKeyId, int layer) {
        db.run(c -> Sql.update(c, "UPDATE auth_keys SET layer = ? WHERE auth_key_id = ?", layer, authKeyId));
    }

    @Override
    public void setUser(long authKeyId, long userId) {
        db.run(c -> Sql.update(c, "UPDATE auth_keys SET user_id = ? WHERE auth_key_id = ?", userId, authKeyId));
    }

    @Override
    public List<StoredAuthKey> list(long userId) {
        return db.run(c -> userId == 0
                ? Sql.list(c, JdbcAuthKeys::row, "SELECT " + COLUMNS + " FROM auth_keys ORDER BY created_at, auth_key_id")
                : Sql.list(c, JdbcAuthKeys::row, "SELECT " + COLUMNS + " FROM auth_keys WHERE user_id = ? ORDER BY created_at, auth_key_id", userId));
    }

    @Override
    public int deleteExpiredAuthKeys(long now) {
        return db.run(c -> Sql.update(c, "DELETE FROM auth_keys WHERE expires_at <> 0 AND expires_at < ?", now));
    }
}
