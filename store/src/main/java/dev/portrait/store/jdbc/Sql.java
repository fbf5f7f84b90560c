package dev.portrait.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: bind parameters positionally, map rows. */
final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
        return st;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args)) {
            return st.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, Row<T> row, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, Row<T> row, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    /** At most this many ids go in one IN list (SQLite's bound-parameter limit is far above it). */
    static final int IN_CHUNK = 500;

    /**
     * A query over many ids: sql has {@code %s} where the IN list's markers go; it runs once per {@link #IN_CHUNK}
     * ids, bound after args, and the rows of every run are returned together.
     */
    static <T> List<T> listIn(Connection c, Row<T> row, String sql, java.util.Collection<Long> ids, Object... args) throws SQLException {
        List<T> out = new ArrayList<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            Object[] bound = java.util.Arrays.copyOf(args, args.length + chunk.size());
            for (int i = 0; i < chunk.size(); i++) bound[args.length + i] = chunk.get(i);
            out.addAll(list(c, row, String.format(sql, String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))), bound));
        }
        return out;
    }

    static long longValue(Connection c, String sql, Object... args) throws SQLException {
        return one(c, rs -> rs.getLong(1), sql, args).orElse(0L);
    }
}
