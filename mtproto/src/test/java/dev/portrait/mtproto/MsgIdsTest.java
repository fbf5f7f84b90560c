package dev.portrait.mtproto;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

class MsgIdsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L, 250_000_000);

    @Test
    void timeAndLowBits() {
        MsgIds ids = new MsgIds(Clock.fixed(NOW, ZoneOffset.UTC));
        long response = ids.next(true);
        long initiated = ids.next(false);
        long client = ids.nextClient();
        assertThat(response & 3).isEqualTo(1);
        assertThat(initiated & 3).isEqualTo(3);
        assertThat(client & 3).isZero();
        assertThat(response >>> 32).isEqualTo(1_700_000_000L);
        assertThat(response & 0xffffffffL).isBetween(0x40000000L - 4, 0x40000000L + 4); // a quarter second
        assertThat(initiated).isGreaterThan(response);
        assertThat(client).isGreaterThan(initiated);
        assertThat(MsgIds.seconds(response)).isEqualTo(1_700_000_000L);
    }

    /** A frozen clock still yields strictly increasing ids, from many threads at once. */
    @Test
    void strictlyIncreasingAcrossThreads() throws Exception {
        MsgIds ids = new MsgIds(Clock.fixed(NOW, ZoneOffset.UTC));
        ConcurrentLinkedQueue<List<Long>> perThread = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean response = t % 2 == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) mine.add(ids.next(response));
                perThread.add(mine);
            }));
        }
        for (Thread t : threads) t.join();
        Set<Long> all = new HashSet<>();
        for (List<Long> mine : perThread) {
            for (int i = 1; i < mine.size(); i++) assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
            all.addAll(mine);
        }
        assertThat(all).hasSize(40_000);
        assertThat(all).allMatch(id -> (id & 1) == 1);
    }

    @Test
    void clientIdChecks() {
        long now = MsgIds.fromTime(NOW);
        assertThat(MsgIds.checkClient(now & ~3L, NOW)).isZero();
        assertThat(MsgIds.checkClient((now & ~3L) | 2, NOW)).isEqualTo(18);
        assertThat(MsgIds.checkClient(MsgIds.fromTime(NOW.minusSeconds(299)) & ~3L, NOW)).isZero();
        assertThat(MsgIds.checkClient(MsgIds.fromTime(NOW.minusSeconds(301)) & ~3L, NOW)).isEqualTo(16);
        assertThat(MsgIds.checkClient(MsgIds.fromTime(NOW.plusSeconds(29)) & ~3L, NOW)).isZero();
        assertThat(MsgIds.checkClient(MsgIds.fromTime(NOW.plusSeconds(31)) & ~3L, NOW)).isEqualTo(17);
    }

    @Test
    void serverIdChecks() {
        MsgIds ids = new MsgIds(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(MsgIds.isValidServerId(ids.next(true), NOW)).isTrue();
        assertThat(MsgIds.isValidServerId(ids.nextClient(), NOW)).isFalse();
        assertThat(MsgIds.isValidServerId(ids.next(false), NOW.plusSeconds(40))).isFalse();
    }
}
