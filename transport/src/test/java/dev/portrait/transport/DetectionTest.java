package dev.portrait.transport;

import dev.portrait.transport.Wire.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-side detection from the first bytes, whatever the split; what is not a transport closes quietly. */
class DetectionTest {
    private static final HexFormat HEX = HexFormat.of();

    private final Recorder recorder = new Recorder();
    private EmbeddedChannel server;

    @BeforeEach
    void setUp() {
        CapturedLog.clear();
        server = Wire.server(Wire.CONFIG, recorder);
    }

    @AfterEach
    void nothingEscaped() {
        server.checkException();
        assertThat(CapturedLog.problems()).isEmpty();
        server.finishAndReleaseAll();
    }

    private void feedOneByteAtATime(byte[] bytes) {
        for (byte b : bytes) {
            if (!server.isOpen()) return;
            server.writeInbound(Wire.buf(b & 0xff));
        }
    }

    /** A plain client's first bytes: prefix, then one 8-byte frame. */
    private static byte[] plainStart(Framing framing, byte[] payload) {
        EmbeddedChannel client = Wire.client(framing, false, Wire.CONFIG, new Recorder());
        client.writeAndFlush(Wire.buf(payload));
        return Wire.written(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABRIDGED", "INTERMEDIATE", "PADDED_INTERMEDIATE", "FULL"})
    void plainPrefixesOneByteAtATime(String name) {
        Framing framing = Framing.valueOf(name);
        byte[] payload = HEX.parseHex("0102030405060708");
        feedOneByteAtATime(plainStart(framing, payload));
        assertThat(recorder.events).containsExactly(new TransportDetected(framing, false, false, 0));
        assertThat(recorder.frames()).hasSize(1);
        assertThat(recorder.frames().getFirst().hex()).startsWith("0102030405060708");
        assertThat(server.isOpen()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABRIDGED", "INTERMEDIATE", "PADDED_INTERMEDIATE"})
    void obfuscatedHeaderOneByteAtATime(String name) {
        Framing framing = Framing.valueOf(name);
        EmbeddedChannel client = new EmbeddedChannel();
        ClientTransport.install(client.pipeline(), framing, true, -4, Wire.CONFIG);
        client.writeAndFlush(Wire.buf(HEX.parseHex("0102030405060708")));
        byte[] bytes = Wire.written(client);
        assertThat(bytes.length).isGreaterThan(64);
        feedOneByteAtATime(bytes);
        assertThat(recorder.events).containsExactly(new TransportDetected(framing, true, false, -4));
        assertThat(server.attr(TransportAttributes.DC_ID).get()).isEqualTo(-4);
        assertThat(recorder.frames()).extracting(f -> f.hex().substring(0, 16)).containsExactly("0102030405060708");
    }

    @Test
    void headerAndFirstFramesInOneRead() {
        EmbeddedChannel client = new EmbeddedChannel();
        ClientTransport.install(client.pipeline(), Framing.INTERMEDIATE, true, 2, Wire.CONFIG);
        for (int i = 0; i < 3; i++) client.writeAndFlush(Wire.buf(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0}));
        server.writeInbound(Wire.buf(Wire.written(client)));
        assertThat(recorder.frames()).extracting(f -> f.hex().substring(0, 2)).containsExactly("00", "01", "02");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST / HTTP/1.1\r\n\r\n", "HEAD / HTTP/1.1\r\n\r\n", "OPTIONS * HTTP/1.1\r\n\r\n"})
    void otherHttpMethodsClose(String request) {
        server.writeInbound(Wire.buf(request.getBytes(StandardCharsets.US_ASCII)));
        assertThat(server.isOpen()).isFalse();
        assertThat(Wire.written(server)).isEmpty();
    }

    @Test
    void tlsCloses() {
        server.writeInbound(Wire.buf(0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03));
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void obfuscatedHeaderWithUnknownTagCloses() {
        byte[] header = obfuscatedHeaderWithTag(0x12345678, new Random(1));
        feedOneByteAtATime(header);
        assertThat(server.isOpen()).isFalse();
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void waitsForEnoughBytesBeforeDeciding() {
        server.writeInbound(Wire.buf(0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77));
        assertThat(server.isOpen()).isTrue();
        assertThat(recorder.events).isEmpty();
        server.writeInbound(Wire.buf(new byte[56]));
        assertThat(server.isOpen()).as("63 bytes: still waiting for the obfuscated2 header").isTrue();
        server.writeInbound(Wire.buf(0x00));
        assertThat(server.isOpen()).as("64 bytes of nonsense: unknown tag").isFalse();
    }

    @Test
    void webSocketDisabledClosesOnGet() {
        EmbeddedChannel ch = Wire.server(Wire.CONFIG.withWebSocket(false), new Recorder());
        ch.writeInbound(Wire.buf("GET /apiws HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void getStartsAnHttpExchange() {
        feedOneByteAtATime("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String response = new String(Wire.written(server), StandardCharsets.US_ASCII);
        assertThat(response).startsWith("HTTP/1.1 404 Not Found");
        assertThat(server.isOpen()).isFalse();
    }

    /** A client header built by hand (the documented algorithm) with any tag. */
    static byte[] obfuscatedHeaderWithTag(int tag, Random random) {
        byte[] init = new byte[64];
        do {
            random.nextBytes(init);
        } while (!Obfuscated2Header.acceptable(init));
        ByteBuffer.wrap(init).order(ByteOrder.LITTLE_ENDIAN).putInt(56, tag);
        var encryptor = AesCtr.stream(init, 8, 40);
        byte[] encrypted = AesCtr.apply(encryptor, init);
        System.arraycopy(encrypted, 56, init, 56, 8);
        return init;
    }

    @Test
    void bufferedBytesAfterDetectionAreNotLost() {
        byte[] start = plainStart(Framing.ABRIDGED, new byte[8]);
        ByteBuf all = Wire.buf(Wire.concat(start, new byte[] {0x01, 1, 2, 3}));
        server.writeInbound(all.readRetainedSlice(3));
        server.writeInbound(all);
        assertThat(recorder.frames()).extracting(Wire.Frame::hex).containsExactly("0000000000000000");
        server.writeInbound(Wire.buf(4));
        assertThat(recorder.frames()).extracting(Wire.Frame::hex).containsExactly("0000000000000000", "01020304");
    }
}
