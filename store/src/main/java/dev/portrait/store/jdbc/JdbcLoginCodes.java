package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.LoginCode;
import dev.portrait.store.LoginCodeStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcLoginCodes implements LoginCodeStore {
    private static final String COLUMNS = "phone_code_hash, phone, code, created_at, expires_at, attempts, verified";
    private final Db db;

    public JdbcLoginCodes(Db db) {
        this.db = db;
    }

    private static LoginCode row(ResultSet rs) throws SQLException {
        return new LoginCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getBoolean(7));
    }

    @Override
    public void put(LoginCode k) {
        db.run(c -> Sql.update(c, "INSERT INTO login_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.phoneCodeHash(), k.phone(), k.code(), k.createdAt(), k.expiresAt(), k.attempts(), k.verified()));
    }

    @Override
    public Optional<LoginCode> find(String phoneCodeHash) {
        return db.run(c -> Sql.one(c, JdbcLoginCodes::row, "SELECT " + COLUMNS + " FROM login_codes WHERE phone_code_hash = ?", phoneCodeHash));
    }

    @Override
    public void delete(String phoneCodeHash) {
        db.run(c -> Sql.update(c, "DELETE FROM login_codes WHERE phone_code_hash = ?", phoneCodeHash));
    }

    @Override
    public void markVerified(String phoneCodeHash) {
        db.run(c -> Sql.update(c, "UPDATE login_codes SET verified = TRUE WHERE phone_code_hash = ?", phoneCodeHash));
    }

    @Override
    public List<LoginCode> recent(int now, int limit) {
        return db.run(c -> {
            Sql.update(c, "DELETE FROM login_codes WHERE expires_at < ?", now - 86_400);
            return Sql.list(c, JdbcLoginCodes::row, "SELECT " + COLUMNS + " FROM login_codes WHERE expires_at >= ? "
                    + "ORDER BY created_at DESC, phone_code_hash LIMIT ?", now, limit);
        });
    }

    @Override
    public int recordFailure(String phone, int now, int windowSeconds) {
        return db.transaction(c -> {
            // A failure after a quiet window starts a new count.
            Sql.update(c, "INSERT INTO sign_in_failures (phone, failures, first_at, last_at) VALUES (?, 1, ?, ?) "
                    + "ON CONFLICT (phone) DO UPDATE SET "
                    + "failures = CASE WHEN sign_in_failures.last_at < ? THEN 1 ELSE sign_in_failures.failures + 1 END, "
                    + "first_at = CASE WHEN sign_in_failures.last_at < ? THEN excluded.first_at ELSE sign_in_failures.first_at END, "
                    + "last_at = excluded.last_at", phone, now, now, now - windowSeconds, now - windowSeconds);
            return (int) Sql.longValue(c, "SELECT failures FROM sign_in_failures WHERE phone = ?", phone);
        });
    }

    @Override
    public SignInFailures failures(String phone, int now, int windowSeconds) {
        return db.run(c -> Sql.one(c, rs -> new SignInFailures(rs.getInt(1), rs.getInt(2)),
                "SELECT failures, last_at FROM sign_in_failures WHERE phone = ? AND last_at >= ?", phone, now - windowSeconds)
                .orElse(new SignInFailures(0, 0)));
    }

    @Override
    public void clearFailures(String phone) {
        db.run(c -> Sql.update(c, "DELETE FROM sign_in_failures WHERE phone = ?", phone));
    }
}
