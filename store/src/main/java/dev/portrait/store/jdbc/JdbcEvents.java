package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Events on SQLite: one server serves the file, so only other processes' events (the admin CLI's) travel, through the
 * store_events table, which a follower polls by id. SQLite's single writer commits ids in order, so nothing is
 * skipped. {@link #broadcast} has nobody to reach and does nothing.
 */
public final class JdbcEvents implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcEvents.class);
    static final long POLL_MILLIS = 250;

    private final Db db;
    /** Random per instance: its own follower skips the rows it inserted. */
    private final long origin = new java.security.SecureRandom().nextLong() | 1;

    public JdbcEvents(Db db) {
        this.db = db;
    }

    @Override
    public void publish(String kind, long ref, int now) {
        db.run(c -> Sql.update(c, "INSERT INTO store_events (kind, ref, created_at, origin) VALUES (?, ?, ?, ?)", kind, ref, now, origin));
    }

    @Override
    public void broadcast(String kind, long ref, byte[] body) {
        // one server per SQLite store: no other node to tell
    }

    @Override
    public int trim(int before) {
        return db.run(c -> Sql.update(c, "DELETE FROM store_events WHERE created_at < ?", before));
    }

    @Override
    public int maxBodyBytes() {
        return 0;
    }

    @Override
    public Following follow(Listener listener) {
        long[] last = {db.run(c -> Sql.longValue(c, "SELECT COALESCE(MAX(id), 0) FROM store_events"))};
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-events");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<Row> rows = db.run(c -> Sql.list(c, rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                        "SELECT id, kind, ref, origin FROM store_events WHERE id > ? ORDER BY id LIMIT 1000", last[0]));
                for (Row r : rows) {
                    last[0] = r.id;
                    if (r.origin != origin) Listener.deliver(listener, new StoreEvent(r.kind, r.ref, null));
                }
            } catch (RuntimeException e) {
                log.warn("reading the store's events failed", e);
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private record Row(long id, String kind, long ref, long origin) {
    }
}
