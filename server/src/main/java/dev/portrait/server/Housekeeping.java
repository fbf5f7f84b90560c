package dev.portrait.server;

import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.EventStore;
import dev.portrait.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background work of a running server: follows the store's change feed (so `portrait session revoke` run in another
 * process closes that key's connections within a second), and hourly drops expired temporary keys and old update-log
 * entries.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Store store;
    private final AuthKeys keys;
    private final Clock clock;
    private final ServerConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });
    private long lastEvent;

    Housekeeping(Store store, AuthKeys keys, Clock clock, ServerConfig config) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.config = config;
        this.lastEvent = store.events().lastId();
    }

    void start() {
        timer.scheduleWithFixedDelay(this::followEvents, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::collect, 1, 60, TimeUnit.MINUTES);
    }

    void followEvents() {
        try {
            for (EventStore.StoreEvent e : store.events().after(lastEvent, 1000)) {
                lastEvent = e.id();
                if (EventStore.AUTH_KEY_REVOKED.equals(e.kind())) {
                    log.info("auth key {} revoked", Long.toUnsignedString(e.ref(), 16));
                    keys.evict(e.ref());
                }
            }
        } catch (RuntimeException e) {
            log.warn("following the store's events failed", e);
        }
    }

    private void collect() {
        try {
            int now = (int) (clock.millis() / 1000);
            int expired = store.authKeys().deleteExpiredAuthKeys(now);
            int trimmed = store.updates().trim(now - config.accounts().updateLogDays() * 86_400, 100);
            if (expired + trimmed > 0) log.info("collected {} expired temporary keys and {} old updates", expired, trimmed);
        } catch (RuntimeException e) {
            log.warn("housekeeping failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
