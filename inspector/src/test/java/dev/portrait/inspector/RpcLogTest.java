package dev.portrait.inspector;

import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.NearestDc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The RPC log's ring: calls logged at once from many threads, newest first, never more than its capacity. */
class RpcLogTest {
    private static RpcCall call(long account, RpcException error) {
        return new RpcCall(System.currentTimeMillis(), account, 0x0123_4567_89ab_cdefL, 7, 228, "127.0.0.1", "abridged",
                new HelpGetNearestDc(), error == null ? new NearestDc("NL", 2, 2) : null, error, 1000, null);
    }

    @Test
    void manyWritersLeaveTheNewestEntriesInOrder() throws Exception {
        RpcLog log = new RpcLog(100);
        int threads = 8;
        int each = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long account = t;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) log.add(call(account, null));
            }));
        }
        go.countDown();
        for (Thread w : writers) w.join();

        List<RpcLog.Entry> all = log.find(null, null, null, 0, 1000);
        assertThat(all).hasSize(100);
        assertThat(all).extracting(RpcLog.Entry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .first().isEqualTo((long) threads * each);
        assertThat(all.getLast().id()).isEqualTo((long) threads * each - 99);
        assertThat(log.size()).isEqualTo(100);
        assertThat(log.sizeAndChars()[0]).isEqualTo(100);
    }

    @Test
    void aCallsJsonIsCutAtTheLimitAndBytesAreShortened() {
        List<dev.portrait.tl.api.TypeUser> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) many.add(new dev.portrait.tl.api.UserEmpty(i));
        assertThat(RpcLog.json(many)).isEqualTo("{\"_\":\"cut\",\"chars\":" + RpcLog.MAX_JSON_CHARS + "}");
        assertThat(RpcLog.json(many.subList(0, 2))).isEqualTo("[{\"_\":\"userEmpty\",\"id\":\"0\"},{\"_\":\"userEmpty\",\"id\":\"1\"}]");
        String part = RpcLog.json(new dev.portrait.tl.api.UploadSaveFilePart(5, 0, new byte[512 * 1024]));
        assertThat(part).contains("\"bytes\":\"" + "00".repeat(RpcLog.SHOWN_BYTES) + "\u2026 (524288 bytes)\"");
        assertThat(RpcLog.json(Boolean.TRUE)).isEqualTo("true");
        assertThat(RpcLog.json(42L)).isEqualTo("\"42\"");
    }

    @Test
    void filtersPagingAndClear() {
        RpcLog log = new RpcLog(10);
        for (int i = 0; i < 15; i++) log.add(call(i % 3, i % 5 == 0 ? RpcException.badRequest("PEER_ID_INVALID") : null));
        assertThat(log.find(null, null, null, 0, 100)).extracting(RpcLog.Entry::id)
                .containsExactly(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);
        assertThat(log.find(1L, null, null, 0, 100)).extracting(RpcLog.Entry::id).containsExactly(14L, 11L, 8L);
        assertThat(log.find(null, "nearest", "peer_id", 0, 100)).extracting(RpcLog.Entry::id).containsExactly(11L, 6L);
        assertThat(log.find(null, null, "false", 12, 2)).extracting(RpcLog.Entry::id).containsExactly(10L, 9L);
        assertThat(log.find(null, "getConfig", null, 0, 100)).isEmpty();
        assertThat(log.find(null, null, null, 0, 1).getFirst().transport()).isEqualTo("abridged");
        log.clear();
        assertThat(log.size()).isZero();
        log.add(call(0, null));
        assertThat(log.find(null, null, null, 0, 100)).extracting(RpcLog.Entry::id).containsExactly(16L);
    }
}
