package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.EventStore;

import java.util.List;

public final class JdbcEvents implements EventStore {
    private final Db db;

    public JdbcEvents(Db db) {
        this.db = db;
    }

    @Override
    public long publish(String kind, long ref, int now) {
        return db.run(c -> Sql.one(c, rs -> rs.getLong(1),
                "INSERT INTO store_events (kind, ref, created_at) VALUES (?, ?, ?) RETURNING id", kind, ref, now).orElseThrow());
    }

    @Override
    public List<StoreEvent> after(long id, int limit) {
        return db.run(c -> Sql.list(c, rs -> new StoreEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)),
                "SELECT id, kind, ref, created_at FROM store_events WHERE id > ? ORDER BY id LIMIT ?", id, limit));
    }

    @Override
    public long lastId() {
        return db.run(c -> Sql.longValue(c, "SELECT COALESCE(MAX(id), 0) FROM store_events"));
    }
}
