package dev.portrait.store.jdbc;

import dev.portrait.store.ConflictException;
import dev.portrait.store.Db;
import dev.portrait.store.NewUser;
import dev.portrait.store.UserRecord;
import dev.portrait.store.UserStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class JdbcUsers implements UserStore {
    private static final String COLUMNS = "id, phone, first_name, last_name, username, about, premium, bot, bot_owner_id, "
            + "bot_secret, created_at, updated_at, last_seen_at, deleted";
    private final Db db;

    public JdbcUsers(Db db) {
        this.db = db;
    }

    private static UserRecord row(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getLong(9), rs.getString(10), rs.getInt(11),
                rs.getInt(12), rs.getInt(13), rs.getBoolean(14));
    }

    static String usernameKey(String username) {
        return username == null || username.isEmpty() ? null : username.toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<UserRecord> find(long id) {
        return db.run(c -> Sql.one(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id));
    }

    @Override
    public List<UserRecord> find(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.run(c -> Sql.listIn(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE id IN (%s)", ids));
    }

    @Override
    public Optional<UserRecord> findByPhone(String phone) {
        return db.run(c -> Sql.one(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE phone = ?", phone));
    }

    @Override
    public Optional<UserRecord> findByUsername(String username) {
        return db.run(c -> Sql.one(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE username_key = ?", usernameKey(username)));
    }

    @Override
    public UserRecord create(NewUser u, int now) {
        return db.transaction(c -> {
            if (u.phone() != null && Sql.one(c, rs -> 1, "SELECT 1 FROM users WHERE phone = ?", u.phone()).isPresent()) {
                throw new ConflictException("phone");
            }
            String key = usernameKey(u.username());
            if (key != null && Sql.one(c, rs -> 1, "SELECT 1 FROM users WHERE username_key = ?", key).isPresent()) {
                throw new ConflictException("username");
            }
            long id = Sql.one(c, rs -> rs.getLong(1), "INSERT INTO users (phone, first_name, last_name, username, username_key, about, premium, bot, "
                            + "bot_owner_id, bot_secret, created_at, updated_at, last_seen_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, 0) RETURNING id",
                    u.phone(), u.firstName(), u.lastName(), u.username(), key, u.premium(), u.bot(), u.botOwnerId(),
                    u.botSecret(), now, now).orElseThrow();
            return Sql.one(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE id = ?", id).orElseThrow();
        });
    }

    @Override
    public void updateName(long id, String firstName, String lastName, int now) {
        db.run(c -> Sql.update(c, "UPDATE users SET first_name = ?, last_name = ?, updated_at = ? WHERE id = ?", firstName, lastName, now, id));
    }

    @Override
    public void updateUsername(long id, String username, int now) {
        db.transaction(c -> {
            String key = usernameKey(username);
            if (key != null && Sql.one(c, rs -> 1, "SELECT 1 FROM users WHERE username_key = ? AND id <> ?", key, id).isPresent()) {
                throw new ConflictException("username");
            }
            return Sql.update(c, "UPDATE users SET username = ?, username_key = ?, updated_at = ? WHERE id = ?",
                    key == null ? null : username, key, now, id);
        });
    }

    @Override
    public void updateAbout(long id, String about, int now) {
        db.run(c -> Sql.update(c, "UPDATE users SET about = ?, updated_at = ? WHERE id = ?", about, now, id));
    }

    @Override
    public void updatePremium(long id, boolean premium, int now) {
        db.run(c -> Sql.update(c, "UPDATE users SET premium = ?, updated_at = ? WHERE id = ?", premium, now, id));
    }

    @Override
    public void updateLastSeen(long id, int now) {
        db.run(c -> Sql.update(c, "UPDATE users SET last_seen_at = ? WHERE id = ?", now, id));
    }

    @Override
    public List<UserRecord> list(int offset, int limit) {
        return db.run(c -> Sql.list(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE deleted = FALSE ORDER BY id LIMIT ? OFFSET ?", limit, offset));
    }

    @Override
    public List<UserRecord> botsOwnedBy(long ownerId) {
        return db.run(c -> Sql.list(c, JdbcUsers::row, "SELECT " + COLUMNS + " FROM users WHERE bot_owner_id = ? AND bot = TRUE AND deleted = FALSE ORDER BY id", ownerId));
    }
}
