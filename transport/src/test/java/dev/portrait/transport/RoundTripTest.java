package dev.portrait.transport;

import dev.portrait.transport.Wire.Frame;
import dev.portrait.transport.Wire.Recorder;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every framing, plain and obfuscated, through a client pipeline into a server pipeline and back. */
class RoundTripTest {
    /** Around the abridged 1-byte/4-byte length boundary (126, 127 words) and a few larger sizes. */
    private static final int[] SIZES = {4, 8, 64, 504, 508, 512, 1024, 4096, 70_000};

    static Stream<Arguments> transports() {
        List<Arguments> all = new ArrayList<>();
        for (Framing f : Framing.values()) {
            all.add(Arguments.of(f, false));
            if (f.obfuscatable()) all.add(Arguments.of(f, true));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} obfuscated={1}")
    @MethodSource("transports")
    void framesBothWays(Framing framing, boolean obfuscated) {
        roundTrip(framing, obfuscated, false);
    }

    @ParameterizedTest(name = "{0} obfuscated={1}")
    @MethodSource("transports")
    void framesBothWaysOneByteAtATime(Framing framing, boolean obfuscated) {
        roundTrip(framing, obfuscated, true);
    }

    private static void roundTrip(Framing framing, boolean obfuscated, boolean split) {
        Random random = new Random(framing.ordinal() * 2L + (obfuscated ? 1 : 0));
        Recorder atServer = new Recorder();
        Recorder atClient = new Recorder();
        EmbeddedChannel server = Wire.server(Wire.CONFIG, atServer);
        EmbeddedChannel client = Wire.client(framing, obfuscated, Wire.CONFIG, atClient);

        List<byte[]> up = new ArrayList<>();
        for (int size : SIZES) {
            if (split && size > 4096) continue;
            byte[] p = Wire.random(random, size);
            up.add(p);
            client.writeAndFlush(Wire.buf(p));
        }
        Wire.exchange(client, server, split);

        assertThat(atServer.events).first().isEqualTo(new TransportDetected(framing, obfuscated, false,
                obfuscated ? 2 : 0));
        assertThat(server.attr(TransportAttributes.FRAMING).get()).isEqualTo(framing);
        assertThat(server.attr(TransportAttributes.OBFUSCATED).get()).isEqualTo(obfuscated);
        assertThat(server.attr(TransportAttributes.DC_ID).get()).isEqualTo(obfuscated ? 2 : null);
        assertPayloads(framing, atServer.frames(), up);

        // A 4-byte frame from the server is a transport error to the client, so the downlink starts at 8.
        List<byte[]> down = new ArrayList<>();
        for (int size : SIZES) {
            if (size == 4 || split && size > 4096) continue;
            byte[] p = Wire.random(random, size);
            down.add(p);
            server.writeAndFlush(Wire.buf(p));
        }
        Wire.exchange(client, server, split);
        assertPayloads(framing, atClient.frames(), down);

        assertThat(server.isOpen()).isTrue();
        assertThat(client.isOpen()).isTrue();
        server.checkException();
        client.checkException();
        assertThat(server.finishAndReleaseAll()).isFalse();
        assertThat(client.finishAndReleaseAll()).isFalse();
    }

    /** Padded intermediate leaves up to 12 padding bytes after the payload; the others deliver it exactly. */
    static void assertPayloads(Framing framing, List<Frame> got, List<byte[]> sent) {
        assertThat(got.stream().map(f -> f.bytes().length).toList()).as("frame sizes")
                .hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            byte[] g = got.get(i).bytes();
            byte[] s = sent.get(i);
            assertThat(got.get(i).quickAck()).isFalse();
            if (framing == Framing.PADDED_INTERMEDIATE) {
                assertThat(g.length - s.length).as("padding left").isBetween(0, 12);
                assertThat(g.length % 4).isZero();
                g = Arrays.copyOf(g, s.length);
            }
            assertThat(Arrays.equals(g, s)).as("frame %d (%d bytes) intact", i, s.length).isTrue();
        }
    }
}
