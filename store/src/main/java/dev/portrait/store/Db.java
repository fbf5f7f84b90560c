package dev.portrait.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Access to one SQL database. {@link #run} executes on the current transaction's connection when called inside
 * {@link #transaction}, so domain stores compose into one atomic write without knowing about each other.
 */
public interface Db {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T run(Work<T> work);

    /** Runs work atomically: everything it writes through this Db commits together or not at all. */
    <T> T transaction(Work<T> work);
}
