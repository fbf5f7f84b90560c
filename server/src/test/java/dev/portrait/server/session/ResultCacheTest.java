package dev.portrait.server.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCacheTest {
    private static void run(ResultCache c, long msgId, int bytes, long now) {
        CompletableFuture<byte[]> f = c.start(msgId, now);
        assertThat(f).isNotNull();
        c.finish(msgId, f, new byte[bytes], now);
    }

    @Test
    void finishedResultsAreKeptWithinTheirBytesOldestGoingFirst() {
        ResultCache c = new ResultCache(1024, 300, 2_000);
        run(c, 1, 800, 0);
        run(c, 2, 800, 0);
        assertThat(c.bytes()).isEqualTo(1_600);
        run(c, 3, 800, 0);
        assertThat(c.get(1)).as("the oldest went").isNull();
        assertThat(c.get(2)).isNotNull();
        assertThat(c.get(3)).isNotNull();
        assertThat(c.bytes()).isEqualTo(1_600);
        assertThat(c.start(2, 0)).as("a known msg_id does not run again").isNull();
    }

    @Test
    void runningRequestsStayWhateverTheBudget() {
        ResultCache c = new ResultCache(2, 300, 100);
        CompletableFuture<byte[]> running = c.start(1, 0);
        run(c, 2, 500, 0);
        run(c, 3, 50, 0);
        assertThat(c.get(1)).as("still running").isNotNull();
        assertThat(c.get(2)).as("over the budget, finished").isNull();
        assertThat(c.get(3)).isNotNull();
        c.finish(1, running, new byte[10], 0);
        assertThat(c.get(1).result()).isDone();
        assertThat(c.bytes()).isEqualTo(60);
    }

    @Test
    void resultsAgeOutEvenWithoutNewRequests() {
        ResultCache c = new ResultCache(1024, 300, 1 << 20);
        run(c, 1, 100, 0);
        run(c, 2, 100, 200);
        c.evictExpired(301);
        assertThat(c.get(1)).isNull();
        assertThat(c.get(2)).isNotNull();
        assertThat(c.bytes()).isEqualTo(100);
        assertThat(c.drop(2)).isTrue();
        assertThat(c.bytes()).isZero();
        assertThat(c.size()).isZero();
    }
}
