package dev.portrait.store;

/**
 * Events between processes sharing the store: the admin CLI tells running servers that it revoked a key, and (on
 * PostgreSQL, where several server nodes share one store) each node tells the others what its sessions need to hear
 * about: a key signed in or out, an update to push, a user's presence.
 *
 * <p>Events are hints for live processes, not a log: whatever they announce is already in the store (or, for pushes,
 * in the update log that getDifference reads), so a process that starts later loses nothing by not seeing them.
 */
public interface EventStore {
    /** An auth key was deleted; ref is its id. Followers close its connections. */
    String AUTH_KEY_REVOKED = "auth_key_revoked";
    /** An auth key signed in or out, or was bound to a permanent key; ref is its id. Followers reload it. */
    String AUTH_KEY_CHANGED = "auth_key_changed";
    /** An update for the live sessions of account ref; body: the session to skip (8 bytes) and the TL object. */
    String PUSH = "push";
    /** Account ref's online status; body: the time it lapses (4 bytes, 0 = offline). */
    String PRESENCE = "presence";

    /**
     * Tells the servers following this store, on every engine (on SQLite through a table they poll): for processes
     * that are not servers, such as the admin CLI. Inside a store transaction it is delivered if and when the
     * transaction commits.
     */
    void publish(String kind, long ref, int now);

    /**
     * Tells the other server nodes sharing this store (PostgreSQL); nothing on SQLite, which one server serves. Inside
     * a store transaction it is delivered if and when the transaction commits. A body longer than
     * {@link #maxBodyBytes()} is not carried: followers get the event with a null body.
     */
    void broadcast(String kind, long ref, byte[] body);

    /** Forgets events published before the given time (where they are kept at all); returns how many. */
    int trim(int before);

    /** The longest body {@link #broadcast} carries. */
    int maxBodyBytes();

    /**
     * Delivers the events other processes publish or broadcast from now on, on a thread of its own, until the returned
     * handle is closed. A process never receives its own events.
     */
    Following follow(Listener listener);

    interface Listener {
        void event(StoreEvent event);

        /** Events may have been lost (the connection to the database broke and is back): reload what is cached. */
        void missed();

        /** Hands an event to the listener from a follower's thread, which a failing listener must not stop. */
        static void deliver(Listener listener, StoreEvent event) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(EventStore.class)
                        .warn("handling the store event {} {} failed", event.kind(), event.ref(), e);
            }
        }
    }

    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /** body is null when the event carries none or it was too long to carry. */
    record StoreEvent(String kind, long ref, byte[] body) {
    }
}
