package dev.portrait.server;

import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background work of a running server: every minute forgets auth keys and sessions idle for {@link #IDLE_SECONDS}
 * without a connection (they stay in the store); every ten minutes collects uploads nobody finished; hourly
 * drops expired temporary keys, old update-log entries, day-old store events and blobs no metadata points at (left
 * by a crash between writing a blob and committing its row).
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    /**
     * How long a session without a connection, and then a key without sessions, stays in memory: long past the 300 s
     * in which a message may be re-sent, so retiring one can never let a replay through; a client back later gets
     * new_session_created, as from Telegram after a long absence.
     */
    static final long IDLE_SECONDS = 15 * 60;

    private final Store store;
    private final AuthKeys authKeys;
    private final Clock clock;
    private final ServerConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });

    Housekeeping(Store store, AuthKeys authKeys, Clock clock, ServerConfig config) {
        this.store = store;
        this.authKeys = authKeys;
        this.clock = clock;
        this.config = config;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::collect, 1, 60, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(this::expireUploads, 10, 10, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(this::retireIdleKeys, 1, 1, TimeUnit.MINUTES);
    }

    private void retireIdleKeys() {
        try {
            int retired = authKeys.retireIdle(clock.millis() / 1000, IDLE_SECONDS);
            if (retired > 0) log.debug("retired {} idle auth keys from memory", retired);
        } catch (RuntimeException e) {
            log.warn("retiring idle auth keys failed", e);
        }
    }

    private void collect() {
        try {
            int now = (int) (clock.millis() / 1000);
            int expired = store.authKeys().deleteExpiredAuthKeys(now);
            int trimmed = store.updates().trim(now - config.accounts().updateLogDays() * 86_400, 100);
            store.events().trim(now - 86_400); // followers read them within a second
            if (expired + trimmed > 0) log.info("collected {} expired temporary keys and {} old updates", expired, trimmed);
            int orphans = collectOrphanBlobs(clock.instant().minus(java.time.Duration.ofHours(1)));
            if (orphans > 0) log.info("collected {} orphaned blobs", orphans);
        } catch (RuntimeException e) {
            log.warn("housekeeping failed", e);
        }
    }

    void expireUploads() {
        try {
            int now = (int) (clock.millis() / 1000);
            int parts = 0;
            while (true) {
                java.util.List<String> keys = store.uploads().expire(now - config.media().uploadTtlSeconds(), 500);
                store.blobs().deleteAll(keys);
                parts += keys.size();
                if (keys.isEmpty()) break;
            }
            if (parts > 0) log.info("collected {} parts of abandoned uploads", parts);
        } catch (RuntimeException e) {
            log.warn("collecting uploads failed", e);
        }
    }

    /** Deletes blobs written before the given time that neither an upload part nor a photo size points at. */
    int collectOrphanBlobs(java.time.Instant before) {
        int n = 0;
        for (String prefix : new String[]{"parts", "photos"}) {
            java.util.List<String> candidates;
            try (var keys = store.blobs().keysWrittenBefore(prefix, before)) {
                candidates = keys.toList();
            }
            for (String key : candidates) {
                boolean used = prefix.equals("parts") ? store.uploads().referencesBlob(key) : store.photos().referencesBlob(key);
                if (!used && store.blobs().delete(key)) n++;
            }
        }
        return n;
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
