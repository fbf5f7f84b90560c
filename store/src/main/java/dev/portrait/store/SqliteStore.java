package dev.portrait.store;

import dev.portrait.store.jdbc.JdbcAuthKeys;
import dev.portrait.store.jdbc.JdbcContacts;
import dev.portrait.store.jdbc.JdbcEvents;
import dev.portrait.store.jdbc.JdbcLoginCodes;
import dev.portrait.store.jdbc.JdbcPrivacy;
import dev.portrait.store.jdbc.JdbcSecrets;
import dev.portrait.store.blob.FileBlobStore;
import dev.portrait.store.jdbc.JdbcMessages;
import dev.portrait.store.jdbc.JdbcPhotos;
import dev.portrait.store.jdbc.JdbcUpdates;
import dev.portrait.store.jdbc.JdbcUploads;
import dev.portrait.store.jdbc.JdbcUsers;
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
import java.util.function.Supplier;

/**
 * The embedded store: one SQLite database in the data directory and blobs as files beside it (WAL, synchronous=FULL, so an acknowledged write
 * survives a crash), schema managed by Flyway. Other processes (the admin CLI) may open the same file at the same
 * time; SQLite serialises their writes and the busy timeout makes them wait instead of failing.
 */
public final class SqliteStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final SqliteDb db;
    private final AuthKeyStore authKeys;
    private final UserStore users;
    private final ContactStore contacts;
    private final PrivacyStore privacy;
    private final UpdateStore updates;
    private final LoginCodeStore loginCodes;
    private final EventStore events;
    private final SecretStore secrets;
    private final UploadStore uploads;
    private final PhotoStore photos;
    private final MessageStore messages;
    private final BlobStore blobs;

    private SqliteStore(SqliteDb db, BlobStore blobs) {
        this.db = db;
        this.authKeys = new JdbcAuthKeys(db);
        this.users = new JdbcUsers(db);
        this.contacts = new JdbcContacts(db);
        this.privacy = new JdbcPrivacy(db);
        this.updates = new JdbcUpdates(db);
        this.loginCodes = new JdbcLoginCodes(db);
        this.events = new JdbcEvents(db);
        this.secrets = new JdbcSecrets(db);
        this.uploads = new JdbcUploads(db);
        this.photos = new JdbcPhotos(db);
        this.messages = new JdbcMessages(db);
        this.blobs = blobs;
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
    public AuthKeyStore authKeys() {
        return authKeys;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public ContactStore contacts() {
        return contacts;
    }

    @Override
    public PrivacyStore privacy() {
        return privacy;
    }

    @Override
    public UpdateStore updates() {
        return updates;
    }

    @Override
    public LoginCodeStore loginCodes() {
        return loginCodes;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public SecretStore secrets() {
        return secrets;
    }

    @Override
    public UploadStore uploads() {
        return uploads;
    }

    @Override
    public PhotoStore photos() {
        return photos;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(c -> work.get());
    }

    @Override
    public void close() {
        db.close();
        blobs.close();
    }
}
