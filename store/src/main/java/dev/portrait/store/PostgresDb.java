package dev.portrait.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL through a HikariCP pool. A transaction's connection is bound to the calling thread, so the domain
 * stores' own {@link #run} / {@link #transaction} calls inside it join it (as on {@link SqliteDb}); only the outermost
 * transaction commits.
 *
 * <p>Transactions run at SERIALIZABLE: the domain stores read then write inside a transaction (the next pts, the
 * album limit, the next message id) and relied on SQLite's single writer for that; serializable snapshot isolation
 * gives the same guarantee and reports a conflict as SQLState 40001 (or a deadlock, 40P01). The transaction is then
 * rolled back and <b>the whole work is run again</b>, a bounded number of times with a short randomized back-off.
 * Work given to {@link #transaction} (and to {@code Store.transaction}) must therefore have no effects outside the
 * database, or only ones that are harmless to repeat: it may run more than once, and only the last run counts.
 *
 * <p>{@link #run} outside a transaction uses an autocommit connection (READ COMMITTED, each statement on its own).
 */
final class PostgresDb implements Db {
    static final int DEFAULT_ATTEMPTS = 16;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final HikariDataSource pool;
    private final int maxAttempts;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();
    private final AtomicLong retries = new AtomicLong();

    /** The connection the current thread works on; {@code tx}: inside {@link #transaction}. */
    private static final class Bound {
        final Connection connection;
        final boolean tx;
        /** A statement in this transaction failed on a conflict, even if the work caught the exception. */
        boolean conflicted;

        Bound(Connection connection, boolean tx) {
            this.connection = connection;
            this.tx = tx;
        }
    }

    PostgresDb(HikariDataSource pool, int maxAttempts) {
        this.pool = pool;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public <T> T run(Work<T> work) {
        Bound b = bound.get();
        if (b != null) return joined(b, work);
        try (Connection c = pool.getConnection()) {
            Bound mine = new Bound(c, false);
            bound.set(mine);
            try {
                return work.run(c);
            } finally {
                bound.remove();
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private <T> T joined(Bound b, Work<T> work) {
        try {
            return work.run(b.connection);
        } catch (SQLException e) {
            if (b.tx && retryable(e)) b.conflicted = true;
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T transaction(Work<T> work) {
        Bound outer = bound.get();
        if (outer != null && outer.tx) return joined(outer, work);
        // Outside any transaction (or inside an autocommit run: its connection becomes transactional for a while).
        try {
            if (outer != null) return attempts(outer.connection, work, outer);
            try (Connection c = pool.getConnection()) {
                return attempts(c, work, null);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private <T> T attempts(Connection c, Work<T> work, Bound restore) throws SQLException {
        try {
            for (int attempt = 1; ; attempt++) {
                Bound b = new Bound(c, true);
                bound.set(b);
                try {
                    return once(c, work, b);
                } catch (SQLException | RuntimeException | Error e) {
                    boolean conflict = b.conflicted || retryable(e);
                    if (!conflict) throw e;
                    if (attempt >= maxAttempts) {
                        throw new StoreException("transaction gave up after " + attempt + " serialization conflicts: " + e.getMessage(), e);
                    }
                    retries.incrementAndGet();
                    backOff(attempt);
                }
            }
        } finally {
            if (restore != null) bound.set(restore);
            else bound.remove();
        }
    }

    /** One attempt: BEGIN at SERIALIZABLE, the work, COMMIT; rolled back if anything fails. */
    private static <T> T once(Connection c, Work<T> work, Bound b) throws SQLException {
        c.setAutoCommit(false);
        boolean committed = false;
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            }
            T result = work.run(c);
            // The work caught a conflict and carried on: PostgreSQL has aborted the transaction anyway, so run it again.
            if (b.conflicted) throw new SQLException("a statement of the transaction failed on a serialization conflict", SERIALIZATION_FAILURE);
            c.commit();
            committed = true;
            return result;
        } finally {
            if (committed) {
                c.setAutoCommit(true);
            } else {
                rollbackQuietly(c);
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the failure being thrown matters more; the pool discards a broken connection
                }
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure is what matters; a broken connection is discarded by the pool.
        }
    }

    /** A serialization failure or a deadlock anywhere in the cause chain: running the work again may succeed. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    String state = n.getSQLState();
                    if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) return true;
                }
            }
        }
        return false;
    }

    /** Sleeps a random 1..(2^attempt) ms, at most ~100 ms, so conflicting transactions stop meeting each other. */
    private static void backOff(int attempt) {
        long bound = Math.min(100, 1L << Math.min(attempt, 7));
        try {
            Thread.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /** Transactions re-run after a serialization failure or deadlock since the pool opened. */
    long retries() {
        return retries.get();
    }

    /** HikariCP's pool meters (hikaricp_connections_*) and the re-run transactions. */
    void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("portrait.store.retries", retries, AtomicLong::get)
                .description("transactions re-run after a serialization failure or deadlock").register(registry);
    }

    void close() {
        pool.close();
    }
}
