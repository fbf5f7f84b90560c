package dev.portrait.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Events on PostgreSQL: NOTIFY on one channel, LISTEN on a connection of the follower's own (outside the pool, which
 * it would otherwise hold forever). NOTIFY is transactional — sent when the transaction commits, never when it rolls
 * back, and in commit order — which is exactly what "delivered if and when it commits" asks for.
 *
 * <p>A payload is one line of text (PostgreSQL allows under 8000 bytes): {@code origin kind ref body}, the body in
 * base64 or {@code -}. The origin is random per store instance, so a node skips its own events.
 */
final class PostgresEvents implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresEvents.class);
    static final String CHANNEL = "portrait_events";
    /** PostgreSQL's payload limit is 8000 bytes; the rest of the line takes well under 100. */
    private static final int MAX_BODY = (7900 / 4) * 3;
    /** A follower checks its quiet connection this often, so a dead one is noticed and replaced. */
    private static final int CHECK_MILLIS = 10_000;
    /** How long follow() waits for its LISTEN (the connection's own timeout is 10 s). */
    private static final int FIRST_LISTEN_WAIT_SECONDS = 15;

    private final Db db;
    private final PostgresStore.Location where;
    private final String origin;

    PostgresEvents(Db db, PostgresStore.Location where) {
        this.db = db;
        this.where = where;
        this.origin = Long.toHexString(new SecureRandom().nextLong() | Long.MIN_VALUE);
    }

    @Override
    public void publish(String kind, long ref, int now) {
        send(kind, ref, null);
    }

    @Override
    public void broadcast(String kind, long ref, byte[] body) {
        send(kind, ref, body != null && body.length > MAX_BODY ? null : body);
    }

    /** NOTIFY keeps nothing. */
    @Override
    public int trim(int before) {
        return 0;
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY;
    }

    private void send(String kind, long ref, byte[] body) {
        if (kind.isEmpty() || kind.indexOf(' ') >= 0) throw new IllegalArgumentException("bad event kind: " + kind);
        String payload = origin + " " + kind + " " + ref + " " + (body == null ? "-" : Base64.getEncoder().encodeToString(body));
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, payload);
                ps.execute();
            }
            return null;
        });
    }

    /** The event in a payload, or null for this instance's own events and for lines it cannot read. */
    StoreEvent parse(String payload) {
        String[] f = payload.split(" ", -1);
        if (f.length != 4) return null;
        if (f[0].equals(origin)) return null;
        try {
            return new StoreEvent(f[1], Long.parseLong(f[2]), f[3].equals("-") ? null : Base64.getDecoder().decode(f[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Following follow(Listener listener) {
        Follower f = new Follower(listener);
        f.thread.start();
        // "From now on" means once LISTEN runs: wait for it, so that nothing committed after this returns goes unheard.
        boolean listening;
        try {
            listening = f.firstListen.await(FIRST_LISTEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening = false;
        }
        if (!listening && f.followWaiting.compareAndSet(true, false))
            log.warn("not listening for other nodes' events yet; the listener will be told it may have missed some");
        return f;
    }

    private final class Follower implements Following {
        private final Listener listener;
        private final Thread thread;
        private volatile boolean closed;
        private volatile Connection connection;
        /** Counted down by the first LISTEN. */
        final CountDownLatch firstListen = new CountDownLatch(1);
        /** True while follow() waits for the first LISTEN; whoever turns it false first decides whether that was late. */
        final AtomicBoolean followWaiting = new AtomicBoolean(true);
        private boolean listenedOnce;

        Follower(Listener listener) {
            this.listener = listener;
            this.thread = Thread.ofPlatform().daemon().name("pg-listen").unstarted(this::loop);
        }

        private void loop() {
            // Until the first LISTEN succeeds, and after any failure, events may have gone by unheard.
            boolean mayHaveMissed = false;
            int failures = 0;
            while (!closed) {
                try (Connection c = connect()) {
                    connection = c;
                    try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + CHANNEL);
                    }
                    // follow() gave up waiting before this first LISTEN: events may have gone by since it returned
                    if (!listenedOnce && !followWaiting.compareAndSet(true, false)) mayHaveMissed = true;
                    listenedOnce = true;
                    firstListen.countDown();
                    if (mayHaveMissed) {
                        log.info("listening for other nodes' events again");
                        listener.missed();
                    }
                    failures = 0;
                    listen(c);
                } catch (SQLException | RuntimeException e) {
                    if (closed) break;
                    mayHaveMissed = true;
                    failures++;
                    log.warn("listening for other nodes' events failed ({}); retrying", e.getMessage());
                    try {
                        Thread.sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
                    } catch (InterruptedException ie) {
                        break;
                    }
                } finally {
                    connection = null;
                }
            }
        }

        private void listen(Connection c) throws SQLException {
            PGConnection pg = c.unwrap(PGConnection.class);
            long lastCheck = System.nanoTime();
            while (!closed) {
                PGNotification[] ns = pg.getNotifications(500);
                if (ns != null) {
                    for (PGNotification n : ns) {
                        StoreEvent e = parse(n.getParameter());
                        if (e != null) Listener.deliver(listener, e);
                    }
                }
                if (System.nanoTime() - lastCheck > CHECK_MILLIS * 1_000_000L) {
                    try (Statement st = c.createStatement()) {
                        st.setQueryTimeout(5);
                        st.execute("SELECT 1");
                    }
                    lastCheck = System.nanoTime();
                }
            }
        }

        private Connection connect() throws SQLException {
            Properties p = new Properties();
            if (where.user() != null) p.setProperty("user", where.user());
            if (where.password() != null) p.setProperty("password", where.password());
            p.setProperty("ApplicationName", "portrait-listen");
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("connectTimeout", "10");
            return DriverManager.getConnection(where.jdbcUrl(), p);
        }

        @Override
        public void close() {
            closed = true;
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
