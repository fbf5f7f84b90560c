package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.MessageRecord;
import dev.portrait.store.MessageStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

public final class JdbcMessages implements MessageStore {
    private static final String COLUMNS = "user_id, id, peer_id, peer_msg_id, out, from_id, date, action, photo_id";
    private final Db db;

    public JdbcMessages(Db db) {
        this.db = db;
    }

    private static MessageRecord row(ResultSet rs) throws SQLException {
        long photo = rs.getLong(9);
        Long photoId = rs.wasNull() ? null : photo;
        return new MessageRecord(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getBoolean(5), rs.getLong(6),
                rs.getInt(7), rs.getString(8), photoId);
    }

    private static int nextId(Connection c, long userId) throws SQLException {
        Sql.update(c, "INSERT INTO message_boxes (user_id, last_id) VALUES (?, 1) "
                + "ON CONFLICT (user_id) DO UPDATE SET last_id = message_boxes.last_id + 1", userId);
        return (int) Sql.longValue(c, "SELECT last_id FROM message_boxes WHERE user_id = ?", userId);
    }

    @Override
    public List<MessageRecord> sendService(long fromId, long toId, String action, Long photoId, int date) {
        return db.transaction(c -> {
            int outId = nextId(c, fromId);
            int inId = nextId(c, toId);
            MessageRecord out = new MessageRecord(fromId, outId, toId, inId, true, fromId, date, action, photoId);
            MessageRecord in = new MessageRecord(toId, inId, fromId, outId, false, fromId, date, action, photoId);
            for (MessageRecord m : List.of(out, in)) {
                Sql.update(c, "INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        m.userId(), m.id(), m.peerId(), m.peerMsgId(), m.out(), m.fromId(), m.date(), m.action(), m.photoId());
            }
            return List.of(out, in);
        });
    }

    @Override
    public List<MessageRecord> chat(long userId, long peerId, int maxId, int minId) {
        return db.run(c -> Sql.list(c, JdbcMessages::row, "SELECT " + COLUMNS + " FROM messages WHERE user_id = ? AND peer_id = ? "
                + "AND (? <= 0 OR id < ?) AND (? <= 0 OR id > ?) ORDER BY id DESC", userId, peerId, maxId, maxId, minId, minId));
    }

    @Override
    public List<MessageRecord> find(long userId, Collection<Integer> ids) {
        return db.run(c -> {
            List<MessageRecord> out = new ArrayList<>();
            for (int id : ids) {
                Sql.one(c, JdbcMessages::row, "SELECT " + COLUMNS + " FROM messages WHERE user_id = ? AND id = ?", userId, id)
                        .ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public void delete(long userId, Collection<Integer> ids) {
        db.transaction(c -> {
            for (int id : ids) {
                Sql.update(c, "UPDATE messages SET peer_msg_id = 0 WHERE peer_id = ? AND peer_msg_id = ?", userId, id);
                Sql.update(c, "DELETE FROM messages WHERE user_id = ? AND id = ?", userId, id);
            }
            return null;
        });
    }

    @Override
    public boolean referencesPhoto(long photoId) {
        return db.run(c -> Sql.one(c, rs -> true, "SELECT 1 FROM messages WHERE photo_id = ? LIMIT 1", photoId).isPresent());
    }
}
