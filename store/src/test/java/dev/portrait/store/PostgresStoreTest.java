package dev.portrait.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only PostgreSQL has: concurrent writers. Conflicting transactions are re-run (serializable isolation + retry)
 * so that what SQLite's single writer guaranteed still holds; the schema history matches SQLite's.
 */
@ExtendWith(TestPostgres.Lifecycle.class)
class PostgresStoreTest {
    @TempDir
    Path dir;

    private PostgresStore open() {
        return (PostgresStore) StoreEngine.POSTGRES.open(dir);
    }

    /** Runs task on n threads at once; returns what each returned or threw. */
    private static List<Object> race(int n, Function<Integer, Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return task.apply(worker);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Makes the first attempt of each of n transactions wait for the others (later attempts go straight through). */
    private static final class Rendezvous {
        private final CyclicBarrier barrier;
        private final ConcurrentHashMap<Thread, Boolean> met = new ConcurrentHashMap<>();

        Rendezvous(int n) {
            barrier = new CyclicBarrier(n);
        }

        void meet() {
            if (met.putIfAbsent(Thread.currentThread(), true) != null) return;
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void twoTransactionsAppendingToOneUpdateLogAreBothKept() throws Exception {
        try (PostgresStore store = open()) {
            store.updates().append(9, 1, new byte[]{0}, 1000);
            // Both read pts 1 and then meet, so both try to write pts 2: one commits, the other is re-run and writes 3.
            Rendezvous both = new Rendezvous(2);
            List<Object> results = race(2, w -> store.updates().append(9, 1, pts -> {
                both.meet();
                return new byte[]{(byte) (10 + w)};
            }, 1000));
            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(LoggedUpdate.class));
            assertThat(results).extracting(r -> ((LoggedUpdate) r).pts()).containsExactlyInAnyOrder(2, 3);
            assertThat(store.retries()).isPositive();
            assertThat(store.updates().state(9).pts()).isEqualTo(3);
            assertThat(store.updates().after(9, 0, 0, 10)).extracting(LoggedUpdate::pts).containsExactly(1, 2, 3);
        }
    }

    @Test
    void manyConcurrentAppendsLoseNothing() throws Exception {
        try (PostgresStore store = open()) {
            int threads = 4;
            int each = 15;
            race(threads, w -> {
                for (int i = 0; i < each; i++) store.updates().append(7, 1, new byte[]{(byte) w.intValue()}, 1000);
                return null;
            });
            List<LoggedUpdate> log = store.updates().after(7, 0, 0, 1000);
            assertThat(log).extracting(LoggedUpdate::pts).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, threads * each).boxed().toList());
            // dates strictly increase and the state is the last entry
            for (int i = 1; i < log.size(); i++) assertThat(log.get(i).date()).isGreaterThan(log.get(i - 1).date());
            assertThat(store.updates().state(7)).isEqualTo(new UpdatesState(threads * each, 0, 0, log.getLast().date()));
        }
    }

    private static PhotoRecord photo(long id, long owner, long order) {
        return new PhotoRecord(id, id * 7, owner, owner, PhotoRecord.PROFILE, order, 1000, null, false, "JPEG",
                List.of(new PhotoSizeRecord("a", false, 160, 160, 300, null, "photos/x/" + id + "a")));
    }

    @Test
    void twoUploadsRacingTheAlbumLimitLetOnlyOneIn() throws Exception {
        try (PostgresStore store = open()) {
            int limit = 1;
            AtomicInteger runs = new AtomicInteger();
            Rendezvous both = new Rendezvous(2);
            // PhotosManager.install: check the album's room and add the photo in one transaction (nested store calls)
            List<Object> results = race(2, w -> store.transaction(() -> {
                runs.incrementAndGet();
                if (store.photos().albumSize(5, PhotoRecord.PROFILE) >= limit) throw new IllegalStateException("ALBUM_PHOTOS_TOO_MANY");
                both.meet();
                PhotoRecord p = photo(100 + w, 5, store.photos().nextAlbumOrder(5, PhotoRecord.PROFILE));
                store.photos().create(p);
                return p;
            }));
            assertThat(results).filteredOn(r -> r instanceof PhotoRecord).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof IllegalStateException e && e.getMessage().equals("ALBUM_PHOTOS_TOO_MANY")).hasSize(1);
            assertThat(store.photos().albumSize(5, PhotoRecord.PROFILE)).isEqualTo(1);
            // the loser's whole work ran again and saw the winner's photo
            assertThat(runs.get()).isGreaterThanOrEqualTo(3);
            assertThat(store.retries()).isPositive();
        }
    }

    @Test
    void concurrentSuggestionsNumberEachBoxWithoutGaps() throws Exception {
        try (PostgresStore store = open()) {
            race(4, w -> {
                for (int i = 0; i < 5; i++) store.messages().sendService(100 + w, 1, MessageRecord.SUGGEST_PROFILE_PHOTO, null, 1000);
                return null;
            });
            List<MessageRecord> inbox = new ArrayList<>();
            for (int w = 0; w < 4; w++) inbox.addAll(store.messages().chat(1, 100 + w, 0, 0));
            assertThat(inbox).extracting(MessageRecord::id).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        }
    }

    @Test
    void otherFailuresAreNotRetriedAndNestedWorkRollsBackWithTheOuter() {
        try (PostgresStore store = open()) {
            AtomicInteger runs = new AtomicInteger();
            assertThatThrownBy(() -> store.transaction(() -> {
                runs.incrementAndGet();
                store.users().create(NewUser.person("15550009", "Nested", ""), 1);
                store.contacts().put(new ContactRecord(1, 2, "No", "", "", 1)); // no such users: a foreign-key failure
                return null;
            })).isInstanceOf(StoreException.class);
            assertThat(runs.get()).isEqualTo(1);
            assertThat(store.users().findByPhone("15550009")).isEmpty();
            assertThat(store.retries()).isZero();
        }
    }

    private static List<String> history(Flyway flyway) {
        return Arrays.stream(flyway.info().applied()).map(MigrationInfo::getVersion).map(v -> "V" + v).toList();
    }

    @Test
    void flywayHistoryListsTheSameVersionsAsSqlite() {
        String url = StoreEngine.POSTGRES.storeUrl(dir);
        Path sqliteDir = dir.resolve("sqlite");
        try (Store pg = Stores.open(url, dir); Store lite = Stores.open("sqlite", sqliteDir)) {
            assertThat(pg).isInstanceOf(PostgresStore.class);
            assertThat(lite).isInstanceOf(SqliteStore.class);
        }
        PostgresStore.Location where = PostgresStore.Location.parse(url);
        Flyway pgFlyway = Flyway.configure().dataSource(where.jdbcUrl(), where.user(), where.password())
                .locations("classpath:db/migration/postgresql").load();
        Flyway liteFlyway = Flyway.configure().dataSource("jdbc:sqlite:" + sqliteDir.resolve("portrait.db"), null, null)
                .locations("classpath:db/migration/sqlite").load();
        assertThat(history(pgFlyway)).containsExactly("V1", "V2", "V3", "V4", "V5", "V6", "V7");
        assertThat(Arrays.stream(pgFlyway.info().applied()).map(MigrationInfo::getDescription).toList())
                .containsExactly("auth keys", "accounts", "photos", "markup and messages", "event origin", "auth key clients",
                        "deleted accounts")
                .isEqualTo(Arrays.stream(liteFlyway.info().applied()).map(MigrationInfo::getDescription).toList());
        assertThat(history(liteFlyway)).isEqualTo(history(pgFlyway));
        assertThat(pgFlyway.info().pending()).isEmpty();
    }

    @Test
    void sixtyFourBitValuesRoundTrip() {
        try (PostgresStore store = open()) {
            long big = Long.MIN_VALUE + 12345;
            store.authKeys().insertAuthKey(new StoredAuthKey(big, new byte[256], Long.MAX_VALUE, 0, Long.MAX_VALUE - 1, 201, Long.MAX_VALUE - 2));
            assertThat(store.authKeys().findAuthKey(big).orElseThrow())
                    .extracting(StoredAuthKey::createdAt, StoredAuthKey::permKeyId, StoredAuthKey::userId)
                    .containsExactly(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 2);
            PhotoRecord p = new PhotoRecord(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 5, Long.MIN_VALUE + 5, PhotoRecord.PROFILE,
                    Long.MAX_VALUE - 9, Integer.MAX_VALUE, new byte[]{1}, true, "MP4",
                    List.of(new PhotoSizeRecord("u", true, 800, 800, 123456, 1.25, "photos/x/u")), new byte[]{4, 2});
            store.photos().create(p);
            PhotoRecord back = store.photos().find(Long.MAX_VALUE).orElseThrow();
            assertThat(back.accessHash()).isEqualTo(Long.MIN_VALUE);
            assertThat(back.albumOrder()).isEqualTo(Long.MAX_VALUE - 9);
            assertThat(back.creatorId()).isEqualTo(Long.MIN_VALUE + 5);
            assertThat(back.markup()).containsExactly(4, 2);
            assertThat(back.sizes().getFirst().videoStartTs()).isEqualTo(1.25);
            store.uploads().putPart(new UploadState(Long.MAX_VALUE, Long.MIN_VALUE, true, 0, 0, 5, -1, 1, 50), 0, 5, "parts/x/1");
            assertThat(store.uploads().find(Long.MAX_VALUE, Long.MIN_VALUE)).isPresent();
        }
    }

    @Test
    void aFollowerWhoseConnectionDiesReconnectsAndSaysEventsMayBeMissed() throws Exception {
        try (PostgresStore a = open(); PostgresStore b = open()) {
            EventStoreTest.Received got = new EventStoreTest.Received();
            try (EventStore.Following ignored = b.events().follow(got)) {
                a.events().publish(EventStore.AUTH_KEY_REVOKED, 1, 1);
                assertThat(got.next().ref()).isEqualTo(1);
                // what a database restart or a dropped connection looks like to the follower
                long killed = terminateListeners(a);
                assertThat(killed).isPositive();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (got.missed.get() == 0 && System.nanoTime() < deadline) Thread.sleep(50);
                assertThat(got.missed.get()).isEqualTo(1);
                a.events().publish(EventStore.AUTH_KEY_REVOKED, 2, 2);
                assertThat(got.next().ref()).isEqualTo(2);
            }
        }
    }

    private static long terminateListeners(PostgresStore store) {
        return store.db().run(c -> {
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'portrait-listen' AND datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
