package dev.portrait.server;

import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.users.Presence;
import dev.portrait.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the other processes sharing the store announce, applied to this node's memory: the admin CLI's revocations,
 * and (several nodes on PostgreSQL) other nodes' sign-ins, pushes and presence. Runs on the store's follower thread,
 * one event after another, so pushes keep their order.
 */
final class OtherProcesses implements EventStore.Listener {
    private static final Logger log = LoggerFactory.getLogger(OtherProcesses.class);

    private final AuthKeys keys;
    private final Presence presence;

    OtherProcesses(AuthKeys keys, Presence presence) {
        this.keys = keys;
        this.presence = presence;
    }

    @Override
    public void event(EventStore.StoreEvent e) {
        switch (e.kind()) {
            case EventStore.AUTH_KEY_REVOKED -> {
                log.info("auth key {} revoked", Long.toUnsignedString(e.ref(), 16));
                keys.evict(e.ref());
            }
            case EventStore.AUTH_KEY_CHANGED -> keys.reload(e.ref());
            case EventStore.PUSH -> keys.pushFromOtherNode(e.ref(), e.body());
            case EventStore.PRESENCE -> presence.fromOtherNode(e.ref(), e.body());
            default -> log.debug("ignoring an event of unknown kind {}", e.kind()); // a newer node's
        }
    }

    @Override
    public void missed() {
        keys.reloadAll();
    }
}
