package dev.portrait.server;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.MsgIds;
import dev.portrait.mtproto.PlainMessage;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.tl.Int128;
import dev.portrait.tl.api.Config;
import dev.portrait.tl.api.HelpGetConfig;
import dev.portrait.tl.mtproto.ReqPqMulti;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile and broken peers: the server answers with the transport's error or closes, and keeps serving others. */
class ServerRobustnessTest {
    @TempDir
    Path dir;
    PortraitServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        port = ServerProtocolTest.freePort();
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void assertStillServes() throws Exception {
        ClientOptions o = ClientOptions.of("127.0.0.1", port, server.keys().stream().map(RsaKey::publicKey).toList());
        try (MtprotoClient c = MtprotoClient.connect(o, null)) {
            assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
        }
    }

    private Socket intermediate() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(new byte[]{(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee});
        return s;
    }

    private static void frame(OutputStream out, byte[] payload) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).array());
        out.write(payload);
        out.flush();
    }

    /** Reads intermediate frames until a 4-byte one (a transport error) or the end of the stream. */
    private static Integer transportError(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            while (true) {
                int len = Integer.reverseBytes(d.readInt());
                byte[] body = d.readNBytes(len);
                if (len == 4) return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /** A connection that has had its req_pq_multi answered (so the server has counted it). */
    private Socket answeredConnection() throws IOException {
        Socket s = intermediate();
        frame(s.getOutputStream(), PlainMessage.encode(new MsgIds().nextClient(), new ReqPqMulti(new Int128(1, 2))));
        DataInputStream d = new DataInputStream(s.getInputStream());
        int len = Integer.reverseBytes(d.readInt());
        assertThat(len).as("res_pq, not a transport error").isGreaterThan(4);
        d.readNBytes(len);
        return s;
    }

    @Test
    void garbageConnectionsLeaveTheServerUp() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                byte[] junk = new byte[1 + r.nextInt(2048)];
                r.nextBytes(junk);
                if (i % 3 == 0) junk[0] = (byte) 0xef;
                if (i % 3 == 1) System.arraycopy(new byte[]{(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}, 0, junk, 0, Math.min(4, junk.length));
                s.getOutputStream().write(junk);
                s.getOutputStream().flush();
            } catch (IOException ignored) {
                // the server may close first: that is fine
            }
        }
        assertStillServes();
    }

    @Test
    void encryptedGarbageUnderAnUnknownKeyGets404() throws Exception {
        try (Socket s = intermediate()) {
            byte[] packet = new byte[24 + 64];
            new Random(1).nextBytes(packet);
            frame(s.getOutputStream(), packet);
            assertThat(transportError(s.getInputStream())).isEqualTo(-404);
        }
        assertStillServes();
    }

    @Test
    void anAddressOverItsConnectionLimitGets429WhileAnotherAddressIsServed() throws Exception {
        server.close();
        port = ServerProtocolTest.freePort();
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port)
                .withMaxConnectionsPerAddress(2));
        // Each child channel becomes active on its own event loop, so two sockets opened back to back may be counted
        // in either order: the first two are counted for sure once each has had its key-exchange answer.
        try (Socket first = answeredConnection(); Socket second = answeredConnection(); Socket third = intermediate()) {
            assertThat(transportError(third.getInputStream())).as("third connection from 127.0.0.1").isEqualTo(-429);
            ClientOptions other = ClientOptions.of("127.0.0.1", port, server.keys().stream().map(RsaKey::publicKey).toList())
                    .withLocalHost("127.0.0.2");
            try (MtprotoClient c = MtprotoClient.connect(other, null)) {
                assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).as("a client on 127.0.0.2").isEqualTo(2);
            }
        }
    }

    @Test
    void aFloodOfKeyExchangesOnOneConnectionIsCut() throws Exception {
        try (Socket s = intermediate()) {
            MsgIds ids = new MsgIds();
            Random r = new Random(3);
            for (int i = 0; i < 60; i++) {
                frame(s.getOutputStream(), PlainMessage.encode(ids.nextClient(), new ReqPqMulti(new Int128(r.nextLong(), r.nextLong()))));
            }
            assertThat(transportError(s.getInputStream())).isEqualTo(-429);
        }
        assertStillServes();
    }

    @Test
    void truncatedAndOversizedFramesClose() throws Exception {
        try (Socket s = intermediate()) {
            // a frame claiming 1 GB: closed as soon as the length is read
            s.getOutputStream().write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 30).array());
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket s = intermediate()) {
            // a plain message shorter than its header
            frame(s.getOutputStream(), new byte[12]);
            assertThat(transportError(s.getInputStream())).isIn(null, -404);
        }
        assertStillServes();
    }
}
