package dev.portrait.store;

import dev.portrait.store.jdbc.JdbcAuthKeys;
import dev.portrait.store.jdbc.JdbcContacts;
import dev.portrait.store.jdbc.JdbcErasure;
import dev.portrait.store.jdbc.JdbcLoginCodes;
import dev.portrait.store.jdbc.JdbcMessages;
import dev.portrait.store.jdbc.JdbcPhotos;
import dev.portrait.store.jdbc.JdbcPrivacy;
import dev.portrait.store.jdbc.JdbcSecrets;
import dev.portrait.store.jdbc.JdbcUpdates;
import dev.portrait.store.jdbc.JdbcUploads;
import dev.portrait.store.jdbc.JdbcUsers;

import java.util.function.Supplier;

/**
 * The domain stores of both SQL engines: the same {@code jdbc/Jdbc*} classes over the engine's {@link Db}, beside a
 * blob store. Subclasses open the database (and migrate it) and close it.
 */
abstract sealed class JdbcStore implements Store permits SqliteStore, PostgresStore {
    private final Db db;
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
    private final ErasureStore erasure;

    JdbcStore(Db db, BlobStore blobs, EventStore events) {
        this.db = db;
        this.authKeys = new JdbcAuthKeys(db);
        this.users = new JdbcUsers(db);
        this.contacts = new JdbcContacts(db);
        this.privacy = new JdbcPrivacy(db);
        this.updates = new JdbcUpdates(db);
        this.loginCodes = new JdbcLoginCodes(db);
        this.events = events;
        this.secrets = new JdbcSecrets(db);
        this.uploads = new JdbcUploads(db);
        this.photos = new JdbcPhotos(db);
        this.messages = new JdbcMessages(db);
        this.blobs = blobs;
        this.erasure = new JdbcErasure(db);
    }

    /** The engine underneath, for this package's tests. */
    Db db() {
        return db;
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
    public ErasureStore erasure() {
        return erasure;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(c -> work.get());
    }
}
