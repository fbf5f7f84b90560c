package dev.portrait.store;

import java.util.List;

/**
 * A small change feed between processes sharing the store: the admin CLI publishes "auth key revoked" or "user
 * changed", and a running server polls and reacts (M6 replaces polling with the database's notifications).
 */
public interface EventStore {
    /** An auth key was deleted by another process; ref is its id. */
    String AUTH_KEY_REVOKED = "auth_key_revoked";

    long publish(String kind, long ref, int now);

    List<StoreEvent> after(long id, int limit);

    long lastId();

    record StoreEvent(long id, String kind, long ref, int createdAt) {
    }
}
