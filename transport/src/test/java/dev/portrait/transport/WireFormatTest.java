package dev.portrait.transport;

import dev.portrait.transport.Wire.Frame;
import dev.portrait.transport.Wire.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact bytes each framing puts on the wire and reads from it, both sides, quick acks and errors included. */
class WireFormatTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int TOKEN = 0x12345678;

    private final Recorder recorder = new Recorder();

    private EmbeddedChannel server(String hexPrefix) {
        EmbeddedChannel ch = Wire.server(Wire.CONFIG, recorder);
        if (!hexPrefix.isEmpty()) ch.writeInbound(hex(hexPrefix));
        return ch;
    }

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HEX.parseHex(hex.replace(" ", "")));
    }

    private static String out(EmbeddedChannel ch) {
        return HEX.formatHex(Wire.written(ch));
    }

    private static String repeat(String hexByte, int n) {
        return hexByte.repeat(n);
    }

    static byte[] fullFrame(int seq, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(payload.length + 12).putInt(seq).put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, payload.length + 8);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    // ---- abridged

    @Test
    void abridgedServerReadsShortAndLongLengthsAndQuickAckRequests() {
        EmbeddedChannel ch = server("ef");
        ch.writeInbound(hex("01 aabbccdd"));
        ch.writeInbound(hex("81 11223344"));
        ch.writeInbound(hex("7f 7f0000" + repeat("ab", 508)));
        ch.writeInbound(hex("ff 800000" + repeat("cd", 512)));
        assertThat(recorder.frames()).extracting(f -> HEX.formatHex(f.bytes()), Frame::quickAck).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aabbccdd", false),
                org.assertj.core.groups.Tuple.tuple("11223344", true),
                org.assertj.core.groups.Tuple.tuple(repeat("ab", 508), false),
                org.assertj.core.groups.Tuple.tuple(repeat("cd", 512), true));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void abridgedServerWrites() {
        EmbeddedChannel ch = server("ef");
        ch.writeAndFlush(hex("0102030405060708"));
        assertThat(out(ch)).isEqualTo("02" + "0102030405060708");
        ch.writeAndFlush(hex(repeat("ee", 504)));
        assertThat(out(ch)).isEqualTo("7e" + repeat("ee", 504));
        ch.writeAndFlush(hex(repeat("ee", 508)));
        assertThat(out(ch)).isEqualTo("7f7f0000" + repeat("ee", 508));
        ch.writeAndFlush(new QuickAck(TOKEN));
        assertThat(out(ch)).as("token big-endian with the high bit set").isEqualTo("92345678");
        assertThat(ch.writeAndFlush(hex("010203")).cause()).as("not a multiple of 4").isNotNull();
        assertThat(ch.isOpen()).isTrue();
        ch.writeAndFlush(new TransportError(-404));
        assertThat(out(ch)).isEqualTo("01" + "6cfeffff");
        assertThat(ch.isOpen()).as("closed after a transport error").isFalse();
    }

    @Test
    void abridgedClient() {
        Recorder atClient = new Recorder();
        EmbeddedChannel ch = Wire.client(Framing.ABRIDGED, false, Wire.CONFIG, atClient);
        assertThat(out(ch)).isEqualTo("ef");
        ch.writeAndFlush(new TransportFrame(hex("01020304"), true));
        ch.writeAndFlush(hex(repeat("aa", 508)));
        ch.writeAndFlush(new TransportFrame(hex(repeat("bb", 508)), true));
        assertThat(out(ch)).isEqualTo("81" + "01020304" + "7f7f0000" + repeat("aa", 508) + "ff7f0000" + repeat("bb", 508));
        ch.writeInbound(hex("92345678" + "02 0102030405060708" + "01 6cfeffff"));
        assertThat(atClient.received).containsExactly(new QuickAck(0x92345678),
                new Frame(HEX.parseHex("0102030405060708"), false), new TransportError(-404));
        atClient.received.clear();
    }

    // ---- intermediate and padded intermediate

    @Test
    void intermediateServer() {
        EmbeddedChannel ch = server("eeeeeeee");
        ch.writeInbound(hex("08000000 0102030405060708 04000080 aabbccdd"));
        assertThat(recorder.frames()).extracting(f -> HEX.formatHex(f.bytes()), Frame::quickAck).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0102030405060708", false),
                org.assertj.core.groups.Tuple.tuple("aabbccdd", true));
        ch.writeAndFlush(hex("0102030405060708"));
        assertThat(out(ch)).isEqualTo("08000000" + "0102030405060708");
        ch.writeAndFlush(new QuickAck(TOKEN));
        assertThat(out(ch)).as("token little-endian with the high bit set").isEqualTo("78563492");
        ch.writeAndFlush(new TransportError(404));
        assertThat(out(ch)).isEqualTo("04000000" + "6cfeffff");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void intermediateClient() {
        Recorder atClient = new Recorder();
        EmbeddedChannel ch = Wire.client(Framing.INTERMEDIATE, false, Wire.CONFIG, atClient);
        assertThat(out(ch)).isEqualTo("eeeeeeee");
        ch.writeAndFlush(new TransportFrame(hex("01020304"), true));
        assertThat(out(ch)).isEqualTo("04000080" + "01020304");
        ch.writeInbound(hex("78563492" + "08000000 0102030405060708" + "04000000 6cfeffff"));
        assertThat(atClient.received).containsExactly(new QuickAck(0x92345678),
                new Frame(HEX.parseHex("0102030405060708"), false), new TransportError(-404));
    }

    @Test
    void paddedIntermediateServerPadsPayloadsButNotErrorsOrQuickAcks() {
        EmbeddedChannel ch = server("dddddddd");
        ch.writeInbound(hex("0b000000 0102030405060708 aabbcc 0e000080 11223344 55667788 99aabbccddee"));
        assertThat(recorder.frames()).extracting(f -> HEX.formatHex(f.bytes()), Frame::quickAck).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0102030405060708", false),
                org.assertj.core.groups.Tuple.tuple("1122334455667788" + "99aabbcc", true));
        int[] seen = new int[16];
        for (int i = 0; i < 400; i++) {
            ch.writeAndFlush(hex("0102030405060708"));
            ByteBuffer b = ByteBuffer.wrap(Wire.written(ch)).order(ByteOrder.LITTLE_ENDIAN);
            int length = b.getInt();
            assertThat(length).isBetween(8, 23);
            assertThat(b.remaining()).isEqualTo(length);
            assertThat(HEX.formatHex(b.array(), 4, 12)).isEqualTo("0102030405060708");
            seen[length - 8]++;
        }
        assertThat(seen).as("every padding length 0..15 occurs").doesNotContain(0);
        ch.writeAndFlush(new QuickAck(TOKEN));
        assertThat(out(ch)).isEqualTo("78563492");
        ch.writeAndFlush(new TransportError(-429));
        assertThat(out(ch)).isEqualTo("04000000" + "53feffff");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void paddedIntermediateClientReadsBothQuickAckForms() {
        Recorder atClient = new Recorder();
        EmbeddedChannel ch = Wire.client(Framing.PADDED_INTERMEDIATE, false, Wire.CONFIG, atClient);
        assertThat(out(ch)).isEqualTo("dddddddd");
        ch.writeInbound(hex("78563492" + "0e000000 ffffffff 78563492 aabbccddeeff" + "0b000000 0102030405060708 010203"
                + "06000000 6cfeffff 0000"));
        assertThat(atClient.received).containsExactly(new QuickAck(0x92345678), new QuickAck(0x92345678),
                new Frame(HEX.parseHex("0102030405060708"), false), new TransportError(-404));
    }

    // ---- full

    @Test
    void fullServerChecksAndCountsSequenceNumbers() {
        EmbeddedChannel ch = server("");
        ch.writeInbound(Wire.buf(fullFrame(0, HEX.parseHex("0102030405060708"))));
        ch.writeInbound(Wire.buf(fullFrame(1, HEX.parseHex("1112131415161718"))));
        assertThat(recorder.frames()).extracting(f -> HEX.formatHex(f.bytes()))
                .containsExactly("0102030405060708", "1112131415161718");
        ch.writeAndFlush(hex("aabbccdd"));
        ch.writeAndFlush(hex("eeff0011"));
        assertThat(out(ch)).isEqualTo(HEX.formatHex(fullFrame(0, HEX.parseHex("aabbccdd")))
                + HEX.formatHex(fullFrame(1, HEX.parseHex("eeff0011"))));
        ch.writeAndFlush(new QuickAck(TOKEN));
        assertThat(out(ch)).as("no quick acks in full").isEmpty();
        ch.writeAndFlush(new TransportError(-404));
        assertThat(out(ch)).isEqualTo(HEX.formatHex(fullFrame(2, HEX.parseHex("6cfeffff"))));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void fullClient() {
        Recorder atClient = new Recorder();
        EmbeddedChannel ch = Wire.client(Framing.FULL, false, Wire.CONFIG, atClient);
        assertThat(out(ch)).as("no prefix").isEmpty();
        ch.writeAndFlush(new TransportFrame(hex("01020304"), true));
        ch.writeAndFlush(hex("05060708"));
        assertThat(out(ch)).isEqualTo(HEX.formatHex(fullFrame(0, HEX.parseHex("01020304")))
                + HEX.formatHex(fullFrame(1, HEX.parseHex("05060708"))));
        ch.writeInbound(Wire.buf(Wire.concat(fullFrame(0, HEX.parseHex("0102030405060708")),
                fullFrame(1, HEX.parseHex("6cfeffff")))));
        assertThat(atClient.received).containsExactly(new Frame(HEX.parseHex("0102030405060708"), false),
                new TransportError(-404));
    }

    @Test
    void fullCrcMismatchCloses() {
        EmbeddedChannel ch = server("");
        byte[] frame = fullFrame(0, HEX.parseHex("0102030405060708"));
        frame[10] ^= 1;
        ch.writeInbound(Wire.buf(frame));
        assertThat(recorder.frames()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.checkException();
    }

    @Test
    void fullSequenceGapCloses() {
        EmbeddedChannel ch = server("");
        ch.writeInbound(Wire.buf(fullFrame(0, HEX.parseHex("01020304"))));
        ch.writeInbound(Wire.buf(fullFrame(2, HEX.parseHex("05060708"))));
        assertThat(recorder.frames()).hasSize(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void fullRepeatedSequenceCloses() {
        EmbeddedChannel ch = server("");
        ch.writeInbound(Wire.buf(fullFrame(0, HEX.parseHex("01020304"))));
        ch.writeInbound(Wire.buf(fullFrame(0, HEX.parseHex("05060708"))));
        assertThat(recorder.frames()).hasSize(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void fullClientRejectsServerSequenceNotStartingAtZero() {
        Recorder atClient = new Recorder();
        EmbeddedChannel ch = Wire.client(Framing.FULL, false, Wire.CONFIG, atClient);
        ch.writeInbound(Wire.buf(fullFrame(1, HEX.parseHex("0102030405060708"))));
        assertThat(atClient.received).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    // ---- transport errors over every framing, plain and obfuscated

    @ParameterizedTest
    @EnumSource(Framing.class)
    void transportErrorReachesTheClientAndClosesTheServer(Framing framing) {
        for (boolean obfuscated : new boolean[] {false, true}) {
            if (obfuscated && !framing.obfuscatable()) continue;
            Recorder atServer = new Recorder();
            Recorder atClient = new Recorder();
            EmbeddedChannel server = Wire.server(Wire.CONFIG, atServer);
            EmbeddedChannel client = Wire.client(framing, obfuscated, Wire.CONFIG, atClient);
            client.writeAndFlush(Wire.buf(new byte[16]));
            Wire.exchange(client, server, false);
            assertThat(atServer.frames()).hasSize(1);
            server.writeAndFlush(new TransportError(TransportError.AUTH_KEY_NOT_FOUND));
            assertThat(server.isOpen()).isFalse();
            Wire.exchange(client, server, false);
            assertThat(atClient.received).containsExactly(new TransportError(-404));
        }
    }

    @Test
    void quickAckRoundTripsOnEveryFramingThatHasIt() {
        for (Framing framing : Framing.values()) {
            for (boolean obfuscated : new boolean[] {false, true}) {
                if (obfuscated && !framing.obfuscatable()) continue;
                Recorder atServer = new Recorder();
                Recorder atClient = new Recorder();
                EmbeddedChannel server = Wire.server(Wire.CONFIG, atServer);
                EmbeddedChannel client = Wire.client(framing, obfuscated, Wire.CONFIG, atClient);
                client.writeAndFlush(new TransportFrame(Wire.buf(new byte[32]), true));
                Wire.exchange(client, server, true);
                boolean supported = framing != Framing.FULL;
                assertThat(atServer.frames()).extracting(Frame::quickAck).as(framing + " " + obfuscated)
                        .containsExactly(supported);
                server.writeAndFlush(new QuickAck(0x0badcafe));
                Wire.exchange(client, server, true);
                assertThat(atClient.received).as(framing + " " + obfuscated)
                        .isEqualTo(supported ? java.util.List.of(new QuickAck(0x8badcafe)) : java.util.List.of());
                assertThat(server.isOpen()).isTrue();
            }
        }
    }

    @Test
    void writesBeforeDetectionWaitForTheFraming() {
        EmbeddedChannel ch = Wire.server(Wire.CONFIG, recorder);
        ch.writeAndFlush(new TransportError(TransportError.FLOOD));
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(hex("eeeeeeee"));
        assertThat(out(ch)).isEqualTo("04000000" + "53feffff");
        assertThat(ch.isOpen()).isFalse();
    }
}
