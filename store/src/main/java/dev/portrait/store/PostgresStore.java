package dev.portrait.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portrait.store.blob.FileBlobStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metadata store on PostgreSQL: the same {@code jdbc/Jdbc*} classes as {@link SqliteStore}, over a pooled
 * {@link PostgresDb} (transactions at SERIALIZABLE, re-run on serialization failures), schema managed by Flyway from
 * {@code db/migration/postgresql} (the same versions as the SQLite migrations), with any blob store. Events between
 * nodes travel by NOTIFY / LISTEN ({@link PostgresEvents}).
 */
public final class PostgresStore extends JdbcStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    /** Connections per store (one server process) unless the URL says {@code poolSize=N}. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private final PostgresDb db;

    private PostgresStore(PostgresDb db, BlobStore blobs, Location where) {
        super(db, blobs, new PostgresEvents(db, where));
        this.db = db;
    }

    /**
     * Where a PostgreSQL store lives, parsed from a store URL.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?...} without user and password
     * @param user     null to leave it to the JDBC URL / driver defaults
     * @param password null likewise
     * @param poolSize connections in the pool
     */
    public record Location(String jdbcUrl, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Location[" + Stores.redact(jdbcUrl) + ", user=" + user + ", poolSize=" + poolSize + "]";
        }

        /**
         * {@code postgres://user:password@host:port/database?param=value} (also {@code postgresql://}; user, password
         * and port optional; several {@code host:port} separated by commas) or a driver URL
         * {@code jdbc:postgresql://host:port/database?user=...&password=...}. Query parameters go to the driver
         * (e.g. {@code sslmode=require}), except {@code poolSize}, which sizes the connection pool.
         */
        public static Location parse(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            String rest;
            boolean jdbc = lower.startsWith("jdbc:postgresql://");
            if (jdbc) rest = url.substring("jdbc:postgresql://".length());
            else if (lower.startsWith("postgresql://")) rest = url.substring("postgresql://".length());
            else if (lower.startsWith("postgres://")) rest = url.substring("postgres://".length());
            else throw new IllegalArgumentException("not a PostgreSQL URL: " + Stores.redact(url));

            int q = rest.indexOf('?');
            String query = q < 0 ? "" : rest.substring(q + 1);
            String beforeQuery = q < 0 ? rest : rest.substring(0, q);
            int slash = beforeQuery.indexOf('/');
            String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
            String database = slash < 0 ? "" : beforeQuery.substring(slash + 1);
            String user = null;
            String password = null;
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                if (jdbc) throw new IllegalArgumentException("a jdbc:postgresql URL gives user and password as parameters: " + Stores.redact(url));
                String info = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            if (authority.isEmpty()) authority = "localhost";
            if (!jdbc && database.isEmpty()) throw new IllegalArgumentException("no database name in " + Stores.redact(url));

            int poolSize = DEFAULT_POOL_SIZE;
            List<String> params = new ArrayList<>();
            for (String p : query.split("&")) {
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                String name = decode(eq < 0 ? p : p.substring(0, eq));
                if (name.equals("poolSize")) {
                    try {
                        poolSize = Integer.parseInt(eq < 0 ? "" : p.substring(eq + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("poolSize must be a number in " + Stores.redact(url));
                    }
                    if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1 in " + Stores.redact(url));
                } else {
                    params.add(p);
                }
            }
            String jdbcUrl = "jdbc:postgresql://" + authority + "/" + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
            return new Location(jdbcUrl, user, password, poolSize);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /** Opens (and migrates) the database at url; blobs are files under blobDir. */
    public static PostgresStore open(String url, Path blobDir) {
        return open(Location.parse(url), new FileBlobStore(blobDir));
    }

    /** Opens (and migrates) the database at where, with the given blob store; closing the store closes it. */
    public static PostgresStore open(Location where, BlobStore blobStore) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("portrait-pg");
        config.setJdbcUrl(where.jdbcUrl());
        if (where.user() != null) config.setUsername(where.user());
        if (where.password() != null) config.setPassword(where.password());
        config.setMaximumPoolSize(where.poolSize());
        // Grow on demand: a server idles with a couple of connections, the admin CLI with one.
        config.setMinimumIdle(Math.min(2, where.poolSize()));
        config.setAutoCommit(true);
        // Fail fast at start when the database is unreachable or the credentials are wrong.
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + Stores.redact(where.jdbcUrl()), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql").load().migrate();
            log.debug("store opened at {}", Stores.redact(where.jdbcUrl()));
            return new PostgresStore(new PostgresDb(pool, PostgresDb.DEFAULT_ATTEMPTS), blobStore, where);
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof StoreException ? e : new StoreException("cannot open the store at " + Stores.redact(where.jdbcUrl()), e);
        }
    }

    /** Transactions re-run after a serialization failure or deadlock since the store opened. */
    public long retries() {
        return db.retries();
    }

    @Override
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        db.bindMetrics(registry);
    }

    @Override
    public void close() {
        db.close();
        blobs().close();
    }
}
