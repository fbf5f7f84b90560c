package dev.portrait.store;

import java.util.function.Supplier;

/**
 * Everything Portrait persists, one interface per domain. The embedded implementation is {@link SqliteStore};
 * {@link PostgresStore} implements the same interfaces over the same SQL, so RPC handlers never see which engine runs.
 * {@link Stores#open} picks one from the configuration.
 */
public interface Store extends AutoCloseable {
    AuthKeyStore authKeys();

    UserStore users();

    ContactStore contacts();

    PrivacyStore privacy();

    UpdateStore updates();

    LoginCodeStore loginCodes();

    EventStore events();

    SecretStore secrets();

    UploadStore uploads();

    PhotoStore photos();

    /** Messages of private chats (service messages that suggest profile photos). */
    MessageStore messages();

    /** Deleting an account, or every account (a test suite's reset). */
    ErasureStore erasure();

    /** The bytes behind uploads and photos. */
    BlobStore blobs();

    /**
     * Runs work atomically across domain stores (e.g. create an account and sign the key in). On PostgreSQL the work
     * is run again when the transaction hits a serialization conflict, so it must not have effects outside the store
     * that are wrong to repeat (collect such effects in the work, clear them at its start, apply them after).
     */
    <T> T transaction(Supplier<T> work);

    @Override
    void close();

    /** Registers the store's own meters (PostgreSQL: the connection pool, transactions re-run on conflicts). */
    default void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    }
}
