package dev.portrait.transport;

import dev.portrait.transport.Wire.Frame;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Client and server transports over real TCP sockets. */
class EndToEndTest {

    @Test
    void obfuscatedPaddedIntermediateWithQuickAcksOverTcp() throws Exception {
        CapturedLog.clear();
        try (LiveServer server = new LiveServer(Wire.CONFIG)) {
            BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
            Channel client = server.connect(false, Framing.PADDED_INTERMEDIATE, true, inbox);
            Random random = new Random(11);
            byte[][] sent = new byte[40][];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = Wire.random(random, 4 * (2 + random.nextInt(i % 10 == 0 ? 300_000 : 300)));
                client.write(new TransportFrame(Wire.buf(sent[i]), i % 3 == 0));
            }
            client.flush();
            for (int i = 0; i < sent.length; i++) {
                if (i % 3 == 0) assertThat(inbox.poll(5, TimeUnit.SECONDS)).isEqualTo(new QuickAck(0x8badcafe));
                Object got = inbox.poll(5, TimeUnit.SECONDS);
                assertThat(got).isInstanceOf(Frame.class);
                byte[] g = ((Frame) got).bytes();
                assertThat(g.length - sent[i].length).isBetween(0, 24);
                assertThat(Arrays.equals(Arrays.copyOf(g, sent[i].length), sent[i])).as("frame %d", i).isTrue();
            }
            assertThat(server.detected.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new TransportDetected(Framing.PADDED_INTERMEDIATE, true, false, 2));
            client.writeAndFlush(Wire.buf(new byte[] {(byte) 0xde, (byte) 0xad, 0x40, 0x40, 0, 0, 0, 0}));
            assertThat(inbox.poll(5, TimeUnit.SECONDS)).isEqualTo(new TransportError(-404));
            assertThat(client.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(CapturedLog.problems()).isEmpty();
    }
}
