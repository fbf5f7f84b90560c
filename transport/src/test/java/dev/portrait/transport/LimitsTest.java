package dev.portrait.transport;

import dev.portrait.transport.Wire.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Frame limit, frame timeout and write-buffer limits. */
class LimitsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int LIMIT = 1024;
    private static final TransportConfig CONFIG = Wire.CONFIG.withMaxFrameLength(LIMIT)
            .withFrameTimeout(Duration.ofSeconds(30));

    private final Recorder recorder = new Recorder();
    private final TrackingAllocator allocator = new TrackingAllocator();
    private EmbeddedChannel server;

    @BeforeEach
    void setUp() {
        CapturedLog.clear();
        server = new EmbeddedChannel();
        server.freezeTime();
        server.config().setAllocator(allocator);
        ServerTransport.install(server.pipeline(), CONFIG);
        server.pipeline().addLast(recorder);
    }

    @AfterEach
    void nothingEscaped() {
        server.checkException();
        assertThat(CapturedLog.problems()).isEmpty();
        server.finishAndReleaseAll();
    }

    private void in(String hex) {
        server.writeInbound(Wire.buf(HEX.parseHex(hex.replace(" ", ""))));
    }

    private void in(byte[] bytes) {
        server.writeInbound(Wire.buf(bytes));
    }

    private void advance(long seconds) {
        server.advanceTimeBy(seconds, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
    }

    // ---- frame limit

    @Test
    void abridgedAtTheLimitPassesAboveCloses() {
        in("ef 7f000100");
        in(new byte[LIMIT]);
        assertThat(recorder.frames()).hasSize(1);
        in("7f010100");
        assertThat(server.isOpen()).isFalse();
        assertThat(recorder.frames()).hasSize(1);
    }

    @Test
    void intermediateAboveTheLimitClosesBeforeBuffering() {
        in("eeeeeeee ffffff7f 00000000");
        assertThat(server.isOpen()).isFalse();
        assertThat(allocator.largest()).isLessThan(64);
    }

    @Test
    void paddedIntermediateAboveTheLimitCloses() {
        in("dddddddd 01040000");
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void fullAboveTheLimitCloses() {
        in("0d040000 00000000");
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void obfuscatedAboveTheLimitCloses() {
        EmbeddedChannel client = new EmbeddedChannel();
        ClientTransport.install(client.pipeline(), Framing.INTERMEDIATE, true, CONFIG);
        client.writeAndFlush(Wire.buf(new byte[LIMIT]));
        in(Wire.written(client));
        assertThat(recorder.frames()).hasSize(1);
        client.writeAndFlush(Wire.buf(new byte[LIMIT + 4]));
        byte[] next = Wire.written(client);
        in(java.util.Arrays.copyOf(next, 8));
        assertThat(server.isOpen()).isFalse();
        assertThat(allocator.largest()).isLessThanOrEqualTo(2 * LIMIT);
    }

    @Test
    void clientRejectsOversizedFramesToo() {
        Recorder atClient = new Recorder();
        EmbeddedChannel client = Wire.client(Framing.INTERMEDIATE, false, CONFIG, atClient);
        client.writeInbound(Wire.buf(HEX.parseHex("01040000")));
        assertThat(client.isOpen()).isFalse();
        assertThat(atClient.received).isEmpty();
    }

    // ---- frame timeout

    @Test
    void partialFrameClosesAfterTheTimeout() {
        in("eeeeeeee 64000000 0102030405");
        advance(29);
        assertThat(server.isOpen()).isTrue();
        advance(2);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void tricklingBytesDoesNotExtendTheDeadline() {
        in("eeeeeeee 64000000");
        for (int i = 0; i < 3; i++) {
            advance(9);
            in("00");
            assertThat(server.isOpen()).isTrue();
        }
        advance(4);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void completedFramesRestartTheClock() {
        in("eeeeeeee 04000000 01020304 04000000 01");
        for (int i = 0; i < 10; i++) {
            advance(20);
            // completes the pending frame and starts the next one in the same read
            in("020304 04000000 01");
        }
        assertThat(server.isOpen()).isTrue();
        assertThat(recorder.frames()).hasSize(11);
        advance(31);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void idleBetweenFramesIsNotLimited() {
        in("eeeeeeee 04000000 01020304");
        advance(3600);
        assertThat(server.isOpen()).isTrue();
        in("04000000 05060708");
        assertThat(recorder.frames()).hasSize(2);
    }

    @Test
    void silentConnectionClosesAfterTheTimeout() {
        advance(29);
        assertThat(server.isOpen()).isTrue();
        advance(2);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void partialTransportHeaderCloses() {
        in("0102");
        advance(31);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void incompleteWebSocketUpgradeCloses() {
        in("GET /apiws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        advance(31);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void partialWebSocketFrameCloses() {
        EmbeddedChannel client = new EmbeddedChannel(new io.netty.channel.ChannelInitializer<>() {
            @Override
            protected void initChannel(io.netty.channel.Channel ch) {
                ClientTransport.installWebSocket(ch.pipeline(), java.net.URI.create("ws://x/apiws"),
                        Framing.INTERMEDIATE, false, 0, CONFIG);
            }
        });
        client.writeAndFlush(Wire.buf(new byte[8]));
        Wire.exchange(client, server, false);
        assertThat(recorder.frames()).hasSize(1);
        advance(3600);
        assertThat(server.isOpen()).as("resting between WebSocket frames").isTrue();
        client.writeAndFlush(Wire.buf(new byte[8]));
        byte[] next = Wire.written(client);
        // The first 2 bytes of a WebSocket frame: the decoder consumes them, so nothing stays buffered.
        in(java.util.Arrays.copyOf(next, 2));
        advance(29);
        assertThat(server.isOpen()).isTrue();
        advance(2);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void pausedReadingStopsTheClock() {
        in("eeeeeeee 64000000 01");
        server.config().setAutoRead(false);
        advance(300);
        assertThat(server.isOpen()).isTrue();
        server.config().setAutoRead(true);
        advance(31);
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void clientPartialFrameClosesAfterTheTimeout() {
        EmbeddedChannel client = Wire.client(Framing.ABRIDGED, false, CONFIG, new Recorder());
        client.writeInbound(Wire.buf(HEX.parseHex("0201")));
        client.advanceTimeBy(31, TimeUnit.SECONDS);
        client.runScheduledPendingTasks();
        assertThat(client.isOpen()).isFalse();
    }

    // ---- write buffer

    @Test
    void waterMarksDriveWritability() {
        TransportConfig config = CONFIG.withWriteBufferWaterMark(1024, 4096).withMaxPendingWriteBytes(16384);
        EmbeddedChannel ch = Wire.server(config, new Recorder());
        ch.writeInbound(Wire.buf(HEX.parseHex("eeeeeeee")));
        assertThat(ch.isWritable()).isTrue();
        ch.write(Wire.buf(new byte[5000]));
        assertThat(ch.isWritable()).isFalse();
        ch.flush();
        assertThat(ch.isWritable()).isTrue();
        Wire.written(ch);
    }

    @Test
    void peerThatDoesNotReadIsClosed() {
        TransportConfig config = CONFIG.withWriteBufferWaterMark(1024, 4096).withMaxPendingWriteBytes(16384);
        EmbeddedChannel ch = Wire.server(config, new Recorder());
        ch.writeInbound(Wire.buf(HEX.parseHex("eeeeeeee")));
        // EmbeddedChannel only drains on flush: unflushed writes are what a peer that stopped reading leaves behind.
        ChannelFuture last = null;
        int written = 0;
        while (ch.isOpen() && written < 100) {
            last = ch.write(Wire.buf(new byte[1000]));
            written++;
        }
        assertThat(ch.isOpen()).isFalse();
        // Accepted writes (all but the last) hold at most the limit plus one message; Netty counts ~100 bytes of
        // bookkeeping per queued message on top of its size, hence fewer than 16384 / 1004 + 1 of them.
        assertThat((written - 1) * 1004).isBetween(16384 - 3 * 1004, 16384 + 1004);
        assertThat(last.cause()).hasMessageContaining("not reading");
        ch.checkException();
    }

    @Test
    void bufferedBytesNeverExceedOneFrame() {
        in("eeeeeeee 00040000");
        byte[] chunk = new byte[100];
        for (int i = 0; i < 10; i++) in(chunk);
        assertThat(recorder.frames()).isEmpty();
        in(new byte[24]);
        assertThat(recorder.frames()).hasSize(1);
        assertThat(allocator.largest()).isLessThanOrEqualTo(2 * LIMIT);
        ByteBuf unused = server.alloc().buffer(1);
        unused.release();
    }
}
