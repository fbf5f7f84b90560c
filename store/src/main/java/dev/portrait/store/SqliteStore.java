package dev.portrait.store;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite database in the data directory (WAL, synchronous=FULL, so an acknowledged write
 * survives a crash), schema managed by Flyway. SQLite has one writer at a time, so all statements go through one
 * connection under a lock; callers keep hot data (auth keys of live connections) in memory.
 */
public final class SqliteStore implements AuthKeyStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteStore(Connection connection) {
        this.connection = connection;
    }

    public static SqliteStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("portrait.db");
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            config.enforceForeignKeys(true);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
            Connection c = ds.getConnection();
            log.debug("store opened at {}", file);
            return new SqliteStore(c);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDir, e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T locked(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredAuthKey> findAuthKey(long authKeyId) {
        return locked(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT auth_key, created_at, expires_at, perm_key_id, layer, user_id FROM auth_keys WHERE auth_key_id = ?")) {
                st.setLong(1, authKeyId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new StoredAuthKey(authKeyId, rs.getBytes(1), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getInt(5), rs.getLong(6)));
                }
            }
        });
    }

    @Override
    public boolean insertAuthKey(StoredAuthKey k) {
        return locked(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR IGNORE INTO auth_keys (auth_key_id, auth_key, created_at, expires_at, perm_key_id, layer, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, k.id());
                st.setBytes(2, k.key());
                st.setLong(3, k.createdAt());
                st.setLong(4, k.expiresAt());
                st.setLong(5, k.permKeyId());
                st.setInt(6, k.layer());
                st.setLong(7, k.userId());
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteAuthKey(long authKeyId) {
        update("DELETE FROM auth_keys WHERE auth_key_id = ?", authKeyId);
    }

    @Override
    public void bindTempAuthKey(long tempKeyId, long permKeyId, long expiresAt) {
        locked(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE auth_keys SET perm_key_id = ?, expires_at = ? WHERE auth_key_id = ?")) {
                st.setLong(1, permKeyId);
                st.setLong(2, expiresAt);
                st.setLong(3, tempKeyId);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public void setLayer(long authKeyId, int layer) {
        locked(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE auth_keys SET layer = ? WHERE auth_key_id = ?")) {
                st.setInt(1, layer);
                st.setLong(2, authKeyId);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpiredAuthKeys(long now) {
        return locked(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM auth_keys WHERE expires_at <> 0 AND expires_at < ?")) {
                st.setLong(1, now);
                return st.executeUpdate();
            }
        });
    }

    private void update(String sql, long id) {
        locked(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, id);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        locked(c -> {
            c.close();
            return null;
        });
    }
}
