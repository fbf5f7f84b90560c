package dev.portrait.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection shared under a lock: SQLite has one writer at a time anyway, and a single connection keeps
 * prepared state warm. The lock is re-entrant, so a transaction's nested calls run on it; only the outermost
 * {@link #transaction} commits.
 */
final class SqliteDb implements Db {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private int depth;

    SqliteDb(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T run(Work<T> work) {
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
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            if (depth > 0) {
                depth++;
                try {
                    return work.run(connection);
                } finally {
                    depth--;
                }
            }
            connection.setAutoCommit(false);
            depth = 1;
            boolean committed = false;
            try {
                T result = work.run(connection);
                connection.commit();
                committed = true;
                return result;
            } finally {
                depth = 0;
                if (!committed) rollbackQuietly();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what matters; the connection rolls back when autocommit is restored anyway.
        }
    }

    void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
