package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.LoggedUpdate;
import dev.portrait.store.UpdateStore;
import dev.portrait.store.UpdatesState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

public final class JdbcUpdates implements UpdateStore {
    private static final String COLUMNS = "user_id, pts, pts_count, seq, date, body";
    private static final String UNSEEN = "user_id = ? AND ((pts_count > 0 AND pts > ?) OR (pts_count = 0 AND date > ?))";
    private final Db db;

    public JdbcUpdates(Db db) {
        this.db = db;
    }

    private static LoggedUpdate row(ResultSet rs) throws SQLException {
        return new LoggedUpdate(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getBytes(6));
    }

    private static UpdatesState state(Connection c, long userId) throws SQLException {
        return Sql.one(c, rs -> new UpdatesState(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                "SELECT pts, qts, seq, date FROM updates_state WHERE user_id = ?", userId).orElse(UpdatesState.EMPTY);
    }

    @Override
    public UpdatesState state(long userId) {
        return db.run(c -> state(c, userId));
    }

    @Override
    public UpdatesState start(long userId, int now) {
        return db.transaction(c -> {
            Sql.update(c, "INSERT INTO updates_state (user_id, date) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING", userId, now);
            return state(c, userId);
        });
    }

    @Override
    public LoggedUpdate append(long userId, int ptsCount, java.util.function.IntFunction<byte[]> bodyAtPts, int now) {
        return db.transaction(c -> {
            UpdatesState s = state(c, userId);
            int pts = s.pts() + ptsCount;
            int seq = ptsCount > 0 ? s.seq() : s.seq() + 1;
            int date = Math.max(now, s.date() + 1);
            byte[] body = bodyAtPts.apply(pts);
            Sql.update(c, "INSERT INTO updates_state (user_id, pts, qts, seq, date) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (user_id) DO UPDATE SET pts = excluded.pts, seq = excluded.seq, date = excluded.date",
                    userId, pts, s.qts(), seq, date);
            Sql.update(c, "INSERT INTO updates_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    userId, pts, ptsCount, seq, date, body);
            return new LoggedUpdate(userId, pts, ptsCount, seq, date, body);
        });
    }

    @Override
    public List<LoggedUpdate> after(long userId, int pts, int date, int limit) {
        return db.run(c -> Sql.list(c, JdbcUpdates::row, "SELECT " + COLUMNS + " FROM updates_log WHERE " + UNSEEN
                + " ORDER BY date LIMIT ?", userId, pts, date, limit));
    }

    @Override
    public int countAfter(long userId, int pts, int date) {
        return db.run(c -> (int) Sql.longValue(c, "SELECT COUNT(*) FROM updates_log WHERE " + UNSEEN, userId, pts, date));
    }

    @Override
    public UpdatesState trimmedUpTo(long userId) {
        return db.run(c -> Sql.one(c, rs -> new UpdatesState(rs.getInt(1), 0, 0, rs.getInt(2)),
                "SELECT trimmed_pts, trimmed_date FROM updates_state WHERE user_id = ?", userId).orElse(UpdatesState.EMPTY));
    }

    @Override
    public int trim(int before, int keepLast) {
        return db.transaction(c -> {
            // Per account: the cut is the date of the keepLast-th newest entry, or `before`, whichever is older.
            String doomed = "SELECT l.user_id, l.date, l.pts FROM updates_log l WHERE l.date < ? AND "
                    + "(SELECT COUNT(*) FROM updates_log n WHERE n.user_id = l.user_id AND n.date > l.date) >= ?";
            List<long[]> rows = Sql.list(c, rs -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}, doomed, before, keepLast);
            for (long[] r : rows) {
                // CASE rather than SQLite's two-argument MAX (PostgreSQL spells it GREATEST): the same SQL on both engines
                Sql.update(c, "UPDATE updates_state SET trimmed_date = CASE WHEN trimmed_date < ? THEN ? ELSE trimmed_date END, "
                        + "trimmed_pts = CASE WHEN trimmed_pts < ? THEN ? ELSE trimmed_pts END WHERE user_id = ?",
                        r[1], r[1], r[2], r[2], r[0]);
                Sql.update(c, "DELETE FROM updates_log WHERE user_id = ? AND date = ?", r[0], r[1]);
            }
            return rows.size();
        });
    }
}
