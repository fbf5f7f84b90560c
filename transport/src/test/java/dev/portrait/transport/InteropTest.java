package dev.portrait.transport;

import dev.portrait.transport.Wire.Recorder;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server against byte streams made by other implementations' transport code (gramjs and mtcute, recorded in
 * interop-vectors.properties), so that client and server here cannot agree on a shared mistake.
 */
class InteropTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String FIRST = "1111111111111111";

    private static Properties vectors() throws IOException {
        Properties p = new Properties();
        try (InputStream in = InteropTest.class.getResourceAsStream("/interop-vectors.properties")) {
            p.load(in);
        }
        return p;
    }

    private static String second() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 600; i++) s.append(String.format("%02x", i & 0xff));
        return s.toString();
    }

    @ParameterizedTest
    @CsvSource({"gramjs.obfuscatedAbridged, ABRIDGED, true", "mtcute.obfuscatedIntermediate, INTERMEDIATE, true",
            "mtcute.obfuscatedPaddedIntermediate, PADDED_INTERMEDIATE, true", "gramjs.full, FULL, false"})
    void serverReadsAndAnswersOtherClients(String vector, Framing framing, boolean obfuscated) throws IOException {
        Properties v = vectors();
        Recorder recorder = new Recorder();
        EmbeddedChannel server = Wire.server(Wire.CONFIG, recorder);
        byte[] stream = HEX.parseHex(v.getProperty(vector + ".clientStream"));
        for (int at = 0; at < stream.length; at += 7) {
            server.writeInbound(Wire.buf(java.util.Arrays.copyOfRange(stream, at, Math.min(stream.length, at + 7))));
        }
        assertThat(recorder.events).singleElement()
                .extracting(e -> ((TransportDetected) e).framing(), e -> ((TransportDetected) e).obfuscated())
                .containsExactly(framing, obfuscated);
        assertThat(recorder.frames()).hasSize(2);
        assertThat(recorder.frames().get(0).hex()).startsWith(FIRST);
        assertThat(recorder.frames().get(1).hex()).startsWith(second());
        if (framing != Framing.PADDED_INTERMEDIATE) {
            assertThat(recorder.frames().get(0).hex()).isEqualTo(FIRST);
            assertThat(recorder.frames().get(1).hex()).isEqualTo(second());
        }
        if (!obfuscated) return;

        server.writeAndFlush(Wire.buf(HEX.parseHex("2222222222222222")));
        byte[] sent = Wire.written(server);
        byte[] plain = HEX.parseHex(v.getProperty(vector + ".serverFrame"));
        byte[] expected = HEX.parseHex(v.getProperty(vector + ".serverCiphertext"));
        if (framing != Framing.PADDED_INTERMEDIATE) {
            assertThat(HEX.formatHex(sent)).isEqualTo(HEX.formatHex(expected));
        } else {
            // Same keystream: what the client decrypts from our bytes is a padded frame of the same payload.
            byte[] seen = new byte[12];
            for (int i = 0; i < 12; i++) seen[i] = (byte) (sent[i] ^ expected[i] ^ plain[i]);
            int length = java.nio.ByteBuffer.wrap(seen).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0);
            assertThat(length).isBetween(8, 23);
            assertThat(sent).hasSize(4 + length);
            assertThat(HEX.formatHex(seen, 4, 12)).isEqualTo("2222222222222222");
        }
    }
}
