package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.PrivacyStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class JdbcPrivacy implements PrivacyStore {
    private final Db db;

    public JdbcPrivacy(Db db) {
        this.db = db;
    }

    @Override
    public Optional<byte[]> rules(long userId, String key) {
        return db.run(c -> Sql.one(c, rs -> rs.getBytes(1), "SELECT rules FROM privacy_rules WHERE user_id = ? AND privacy_key = ?", userId, key));
    }

    @Override
    public Map<Long, byte[]> rules(Collection<Long> userIds, String key) {
        if (userIds.isEmpty()) return Map.of();
        Map<Long, byte[]> out = new HashMap<>();
        for (var r : db.run(c -> Sql.listIn(c, rs -> Map.entry(rs.getLong(1), rs.getBytes(2)),
                "SELECT user_id, rules FROM privacy_rules WHERE privacy_key = ? AND user_id IN (%s)", userIds, key))) {
            out.put(r.getKey(), r.getValue());
        }
        return out;
    }

    @Override
    public void put(long userId, String key, byte[] rules, int now) {
        db.run(c -> Sql.update(c, "INSERT INTO privacy_rules (user_id, privacy_key, rules, updated_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (user_id, privacy_key) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at",
                userId, key, rules, now));
    }
}
