package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events between two processes sharing a store (here: two store instances, as a server and the admin CLI are). */
@OnEveryEngine
class EventStoreTest {
    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    /** Collects what a follower receives. */
    static final class Received implements EventStore.Listener {
        final BlockingQueue<EventStore.StoreEvent> events = new LinkedBlockingQueue<>();
        final AtomicInteger missed = new AtomicInteger();

        @Override
        public void event(EventStore.StoreEvent event) {
            events.add(event);
        }

        @Override
        public void missed() {
            missed.incrementAndGet();
        }

        EventStore.StoreEvent next() throws InterruptedException {
            EventStore.StoreEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }

        /** Nothing more arrives within a while (longer than a poll interval and a NOTIFY round trip). */
        void nothingMore() throws InterruptedException {
            assertThat(events.poll(Duration.ofMillis(800).toMillis(), TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void publishedEventsReachOtherProcessesOnlyOnceTheyCommit() throws Exception {
        try (Store server = engine.open(dir); Store cli = engine.open(dir)) {
            cli.events().publish(EventStore.AUTH_KEY_REVOKED, 1, 1); // before anyone follows: not delivered later
            Received got = new Received();
            try (EventStore.Following ignored = server.events().follow(got)) {
                cli.events().publish(EventStore.AUTH_KEY_REVOKED, 5, 2);
                assertThatThrownBy(() -> cli.transaction(() -> {
                    cli.events().publish(EventStore.AUTH_KEY_REVOKED, 6, 3);
                    throw new IllegalStateException("rolled back");
                })).hasMessage("rolled back");
                cli.transaction(() -> {
                    cli.events().publish(EventStore.AUTH_KEY_REVOKED, 7, 3);
                    return null;
                });
                assertThat(got.next()).isEqualTo(new EventStore.StoreEvent(EventStore.AUTH_KEY_REVOKED, 5, null));
                assertThat(got.next().ref()).isEqualTo(7);
                // a process does not hear its own events
                server.events().publish(EventStore.AUTH_KEY_REVOKED, 8, 4);
                got.nothingMore();
                // old events go (on SQLite, where they are rows; NOTIFY keeps none)
                assertThat(server.events().trim(4)).isEqualTo(engine == StoreEngine.SQLITE ? 3 : 0);
                assertThat(server.events().trim(4)).isZero();
            }
        }
    }

    @Test
    void broadcastsReachOtherNodesOnPostgresOnly() throws Exception {
        try (Store a = engine.open(dir); Store b = engine.open(dir)) {
            Received got = new Received();
            try (EventStore.Following ignored = b.events().follow(got)) {
                byte[] body = {1, 2, 3, (byte) 0xff, 0, ' '};
                a.events().broadcast(EventStore.PUSH, 42, body);
                a.events().broadcast(EventStore.AUTH_KEY_CHANGED, -7, null);
                if (engine == StoreEngine.SQLITE) {
                    assertThat(a.events().maxBodyBytes()).isZero();
                    got.nothingMore();
                    return;
                }
                EventStore.StoreEvent push = got.next();
                assertThat(push.kind()).isEqualTo(EventStore.PUSH);
                assertThat(push.ref()).isEqualTo(42);
                assertThat(push.body()).containsExactly(body);
                assertThat(got.next()).isEqualTo(new EventStore.StoreEvent(EventStore.AUTH_KEY_CHANGED, -7, null));
                // the longest body travels; a longer one arrives without its body
                int max = a.events().maxBodyBytes();
                assertThat(max).isGreaterThan(4000);
                a.events().broadcast(EventStore.PUSH, 1, new byte[max]);
                assertThat(got.next().body()).hasSize(max);
                a.events().broadcast(EventStore.PUSH, 2, new byte[max + 1]);
                EventStore.StoreEvent cut = got.next();
                assertThat(cut.ref()).isEqualTo(2);
                assertThat(cut.body()).isNull();
                assertThatThrownBy(() -> a.events().broadcast("two words", 1, null)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void followersStopWhenClosed() throws Exception {
        try (Store a = engine.open(dir); Store b = engine.open(dir)) {
            Received got = new Received();
            b.events().follow(got).close();
            a.events().publish(EventStore.AUTH_KEY_REVOKED, 1, 1);
            got.nothingMore();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .doesNotContain("store-events", "pg-listen");
        }
    }

    @Test
    void manyEventsArriveInOrder() throws Exception {
        try (Store a = engine.open(dir); Store b = engine.open(dir)) {
            Received got = new Received();
            try (EventStore.Following ignored = b.events().follow(got)) {
                for (int i = 0; i < 1500; i++) a.events().publish(EventStore.AUTH_KEY_REVOKED, i, 1);
                List<Long> refs = new java.util.ArrayList<>();
                for (int i = 0; i < 1500; i++) refs.add(got.next().ref());
                assertThat(refs).isSorted().hasSize(1500).doesNotHaveDuplicates();
            }
        }
    }
}
