package dev.portrait.transport;

import dev.portrait.transport.Wire.Frame;
import dev.portrait.transport.Wire.Recorder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** WebSocket at /apiws with subprotocol binary on the transport port, against a real NIO server. */
class WebSocketTest {
    private static LiveServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new LiveServer(Wire.CONFIG);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierConnections() {
        server.accepted.clear();
        server.detected.clear();
    }

    @ParameterizedTest(name = "{0} obfuscated={1}")
    @CsvSource({"INTERMEDIATE, false", "INTERMEDIATE, true", "ABRIDGED, true", "PADDED_INTERMEDIATE, true",
            "FULL, false"})
    void carriesTheTransportStream(Framing framing, boolean obfuscated) throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Channel client = server.connect(true, framing, obfuscated, inbox);
        Random random = new Random(7);
        byte[][] sent = new byte[5][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = Wire.random(random, 8 << (3 * i));
            client.writeAndFlush(Wire.buf(sent[i]));
        }
        for (byte[] s : sent) {
            Object got = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(got).isInstanceOf(Frame.class);
            byte[] g = ((Frame) got).bytes();
            assertThat(Arrays.equals(Arrays.copyOf(g, s.length), s)).as("%d bytes echoed", s.length).isTrue();
        }
        Channel accepted = server.accepted.poll(5, TimeUnit.SECONDS);
        assertThat(server.detected.poll(5, TimeUnit.SECONDS))
                .isEqualTo(new TransportDetected(framing, obfuscated, true, obfuscated ? 2 : 0));
        assertThat(accepted.attr(TransportAttributes.WEBSOCKET).get()).isTrue();
        String subprotocol = client.pipeline().get(WebSocketClientProtocolHandler.class).handshaker()
                .actualSubprotocol();
        assertThat(subprotocol).isEqualTo("binary");
        client.close().sync();
    }

    @Test
    void transportErrorThenCloseFrame() throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Channel client = server.connect(true, Framing.INTERMEDIATE, true, inbox);
        client.writeAndFlush(Wire.buf(new byte[] {(byte) 0xde, (byte) 0xad, 0x40, 0x40, 0, 0, 0, 0}));
        assertThat(inbox.poll(5, TimeUnit.SECONDS)).isEqualTo(new TransportError(-404));
        assertThat(client.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void otherPathsGet404() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void upgradeAndStreamOneByteAtATime() {
        Recorder atServer = new Recorder();
        Recorder atClient = new Recorder();
        EmbeddedChannel srv = Wire.server(Wire.CONFIG, atServer);
        EmbeddedChannel client = new EmbeddedChannel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ClientTransport.installWebSocket(ch.pipeline(), java.net.URI.create("ws://localhost/apiws"),
                        Framing.PADDED_INTERMEDIATE, true, -2, Wire.CONFIG);
                ch.pipeline().addLast(atClient);
            }
        });
        byte[] payload = Wire.random(new Random(3), 1000);
        client.writeAndFlush(Wire.buf(payload));
        Wire.exchange(client, srv, true);
        assertThat(atServer.events).containsExactly(new TransportDetected(Framing.PADDED_INTERMEDIATE, true, true, -2));
        assertThat(atServer.frames()).hasSize(1);
        assertThat(atServer.frames().getFirst().hex()).startsWith(java.util.HexFormat.of().formatHex(payload));
        srv.writeAndFlush(Wire.buf(payload));
        Wire.exchange(client, srv, true);
        assertThat(atClient.frames()).hasSize(1);
        srv.checkException();
        client.checkException();
    }
}
