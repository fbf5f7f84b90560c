package dev.portrait.store;

import java.util.function.Supplier;

/**
 * Everything Portrait persists, one interface per domain. The embedded implementation is {@link SqliteStore}; a
 * PostgreSQL one (M6) implements the same interfaces, so RPC handlers never see which engine runs.
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

    /** The bytes behind uploads and photos. */
    BlobStore blobs();

    /** Runs work atomically across domain stores (e.g. create an account and sign the key in). */
    <T> T transaction(Supplier<T> work);

    @Override
    void close();
}
