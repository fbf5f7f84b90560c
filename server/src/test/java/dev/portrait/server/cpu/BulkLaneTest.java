package dev.portrait.server.cpu;

import dev.portrait.media.Nice;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkLaneTest {
    @Test
    void accountsTakeTurnsWhateverTheirNumberOfCallers() throws Exception {
        try (BulkLane lane = new BulkLane(1)) {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofVirtual().start(() -> lane.run(1, () -> {
                blocking.countDown();
                await(release);
            }));
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            // account 1 queues five tasks (five connections), then account 2 one: it runs second, not sixth
            List<Long> order = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 5; i++) callers.add(Thread.ofVirtual().start(() -> lane.run(1, () -> order.add(1L))));
            waitUntil(() -> lane.queued() == 5);
            callers.add(Thread.ofVirtual().start(() -> lane.run(2, () -> order.add(2L))));
            waitUntil(() -> lane.queued() == 6);
            release.countDown();
            first.join(10_000);
            for (Thread t : callers) t.join(10_000);

            assertThat(order).hasSize(6);
            assertThat(order.indexOf(2L)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theCallerGetsTheTaskExceptionAndTheLaneGoesOn() {
        try (BulkLane lane = new BulkLane(2)) {
            assertThatThrownBy(() -> lane.run(7, () -> {
                throw new IllegalArgumentException("bad frame");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad frame");
            AtomicInteger ran = new AtomicInteger();
            lane.run(7, ran::incrementAndGet);
            assertThat(ran).hasValue(1);
        }
    }

    @Test
    void itsThreadsRunAtTheLowerPriority() throws Exception {
        try (BulkLane lane = new BulkLane(1)) {
            String[] stat = new String[1];
            lane.run(1, () -> stat[0] = read("/proc/thread-self/stat"));
            int mine = nice(read("/proc/thread-self/stat"));
            assertThat(lane.lowered()).isTrue();
            assertThat(nice(stat[0])).isEqualTo(Math.min(19, mine + Nice.INCREMENT));
        }
    }

    @Test
    void closingStopsItsThreadsAndRefusesMore() {
        BulkLane lane = new BulkLane(2);
        lane.run(1, () -> { });
        assertThat(bulkThreads()).isGreaterThan(0);
        lane.close();
        assertThat(bulkThreads()).isZero();
        assertThatThrownBy(() -> lane.run(1, () -> { })).isInstanceOf(IllegalStateException.class);
    }

    private static long bulkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("portrait-bulk-") && t.isAlive()).count();
    }

    private static int nice(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(5);
        }
    }
}
