package dev.portrait.server;

import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.users.Presence;
import dev.portrait.store.EventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the other processes sharing the store announce, applied to this node's memory: the admin CLI's revocations,
 * and (several nodes on PostgreSQL) other nodes' sign-ins, pushes and presence. Runs on the store's follower thread,
 * one event after another, so pushes keep their order.
 */
final class OtherProcesses implements EventStore.Listener {
    private static final Logger log = LoggerFactory.getLogger(OtherProcesses.class);
    private static final java.util.Set<String> KINDS = java.util.Set.of(EventStore.AUTH_KEY_REVOKED, EventStore.AUTH_KEY_CHANGED,
            EventStore.PUSH, EventStore.PRESENCE);

    private final AuthKeys keys;
    private final Presence presence;
    private final MeterRegistry meters;
    private final Counter missed;

    OtherProcesses(AuthKeys keys, Presence presence, MeterRegistry meters) {
        this.keys = keys;
        this.presence = presence;
        this.meters = meters;
        this.missed = Counter.builder("portrait.events.missed")
                .description("times the events of other processes may have been missed (lost LISTEN connection)").register(meters);
    }

    @Override
    public void event(EventStore.StoreEvent e) {
        Counter.builder("portrait.events.received").description("events from other nodes and the admin CLI, by kind")
                .tag("kind", KINDS.contains(e.kind()) ? e.kind() : "unknown").register(meters).increment();
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
        missed.increment();
        keys.reloadAll();
    }
}
