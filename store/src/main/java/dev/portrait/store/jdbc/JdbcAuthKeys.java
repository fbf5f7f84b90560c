package dev.portrait.store.jdbc;

import dev.portrait.store.AuthKeyStore;
import dev.portrait.store.ClientInfo;
import dev.portrait.store.Db;
import dev.portrait.store.StoredAuthKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcAuthKeys implements AuthKeyStore {
    private static final String COLUMNS = "auth_key_id, auth_key, created_at, expires_at, perm_key_id, layer, user_id";
    private static final String CLIENT = "api_id, device_model, system_version, app_version, system_lang_code, lang_code, "
            + "ip, transport, client_at";
    private static final String SELECT = "SELECT " + COLUMNS + ", " + CLIENT + " FROM auth_keys ";
    private final Db db;

    public JdbcAuthKeys(Db db) {
        this.db = db;
    }

    private static StoredAuthKey row(ResultSet rs) throws SQLException {
        long clientAt = rs.getLong(16);
        ClientInfo client = clientAt == 0 ? null : new ClientInfo(rs.getInt(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), clientAt);
        return new StoredAuthKey(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getInt(6),
                rs.getLong(7), client);
    }

    @Override
    public Optional<StoredAuthKey> findAuthKey(long authKeyId) {
        return db.run(c -> Sql.one(c, JdbcAuthKeys::row, SELECT + "WHERE auth_key_id = ?", authKeyId));
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
    public void setClient(long authKeyId, ClientInfo k) {
        db.run(c -> Sql.update(c, "UPDATE auth_keys SET api_id = ?, device_model = ?, system_version = ?, app_version = ?, "
                        + "system_lang_code = ?, lang_code = ?, ip = ?, transport = ?, client_at = ? WHERE auth_key_id = ?",
                k.apiId(), k.deviceModel(), k.systemVersion(), k.appVersion(), k.systemLangCode(), k.langCode(), k.ip(),
                k.transport(), k.at(), authKeyId));
    }

    @Override
    public void setUser(long authKeyId, long userId) {
        db.run(c -> Sql.update(c, "UPDATE auth_keys SET user_id = ? WHERE auth_key_id = ?", userId, authKeyId));
    }

    @Override
    public List<StoredAuthKey> list(long userId) {
        return db.run(c -> userId == 0
                ? Sql.list(c, JdbcAuthKeys::row, SELECT + "ORDER BY created_at, auth_key_id")
                : Sql.list(c, JdbcAuthKeys::row, SELECT + "WHERE user_id = ? ORDER BY created_at, auth_key_id", userId));
    }

    @Override
    public int deleteExpiredAuthKeys(long now) {
        return db.run(c -> Sql.update(c, "DELETE FROM auth_keys WHERE expires_at <> 0 AND expires_at < ?", now));
    }
}
