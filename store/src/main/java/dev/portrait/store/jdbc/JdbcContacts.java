package dev.portrait.store.jdbc;

import dev.portrait.store.ContactRecord;
import dev.portrait.store.ContactStore;
import dev.portrait.store.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class JdbcContacts implements ContactStore {
    private static final String COLUMNS = "owner_id, user_id, first_name, last_name, phone, added_at";
    private final Db db;

    public JdbcContacts(Db db) {
        this.db = db;
    }

    private static ContactRecord row(ResultSet rs) throws SQLException {
        return new ContactRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6));
    }

    @Override
    public boolean put(ContactRecord k) {
        return db.transaction(c -> {
            int renamed = Sql.update(c, "UPDATE contacts SET first_name = ?, last_name = ?, phone = ? WHERE owner_id = ? AND user_id = ?",
                    k.firstName(), k.lastName(), k.phone(), k.ownerId(), k.userId());
            if (renamed > 0) return false;
            Sql.update(c, "INSERT INTO contacts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    k.ownerId(), k.userId(), k.firstName(), k.lastName(), k.phone(), k.addedAt());
            return true;
        });
    }

    @Override
    public boolean delete(long ownerId, long userId) {
        return db.run(c -> Sql.update(c, "DELETE FROM contacts WHERE owner_id = ? AND user_id = ?", ownerId, userId) > 0);
    }

    @Override
    public Optional<ContactRecord> find(long ownerId, long userId) {
        return db.run(c -> Sql.one(c, JdbcContacts::row, "SELECT " + COLUMNS + " FROM contacts WHERE owner_id = ? AND user_id = ?", ownerId, userId));
    }

    @Override
    public Map<Long, ContactRecord> find(long ownerId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return Map.of();
        Map<Long, ContactRecord> out = new HashMap<>();
        for (ContactRecord k : db.run(c -> Sql.listIn(c, JdbcContacts::row,
                "SELECT " + COLUMNS + " FROM contacts WHERE owner_id = ? AND user_id IN (%s)", userIds, ownerId))) {
            out.put(k.userId(), k);
        }
        return out;
    }

    @Override
    public Set<Long> ownersAmong(Collection<Long> ownerIds, long userId) {
        if (ownerIds.isEmpty()) return Set.of();
        return new HashSet<>(db.run(c -> Sql.listIn(c, rs -> rs.getLong(1),
                "SELECT owner_id FROM contacts WHERE user_id = ? AND owner_id IN (%s)", ownerIds, userId)));
    }

    @Override
    public List<ContactRecord> list(long ownerId) {
        return db.run(c -> Sql.list(c, JdbcContacts::row, "SELECT " + COLUMNS + " FROM contacts WHERE owner_id = ? ORDER BY user_id", ownerId));
    }

    @Override
    public List<Long> ownersOf(long userId) {
        return db.run(c -> Sql.list(c, rs -> rs.getLong(1), "SELECT owner_id FROM contacts WHERE user_id = ? ORDER BY owner_id", userId));
    }
}
