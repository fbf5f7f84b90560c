package dev.portrait.store;

import dev.portrait.store.blob.FileBlobStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The embedded store: one SQLite database in the data directory and blobs as files beside it (WAL, synchronous=FULL, so an acknowledged write
 * survives a crash), schema managed by Flyway. Other processes (the admin CLI) may open the same file at the same
 * time; SQLite serialises their writes and the busy timeout makes them wait instead of failing.
 */
public final class SqliteStore extends JdbcStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final SqliteDb db;

    private SqliteStore(SqliteDb db, BlobStore blobs) {
        super(db, blobs, new dev.portrait.store.jdbc.JdbcEvents(db));
        this.db = db;
    }

    /** The embedded store with blob files under dataDir/blobs. */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, null);
    }

    /** SQLite in dataDir with the given blob store (null: files under dataDir/blobs); closing the store closes it. */
    public static SqliteStore open(Path dataDir, BlobStore blobStore) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("portrait.db");
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            config.enforceForeignKeys(true);
            // BEGIN IMMEDIATE: a transaction takes the write lock up front, so two processes never deadlock upgrading.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
            Connection c = ds.getConnection();
            log.debug("store opened at {}", file);
            return new SqliteStore(new SqliteDb(c), blobStore != null ? blobStore : new FileBlobStore(dataDir.resolve("blobs")));
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDir, e);
        }
    }

    @Override
    public void close() {
        db.close();
        blobs().close();
    }
}
