package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test plumbing: client and server pipelines on EmbeddedChannels, bytes moved between them by hand. */
final class Wire {
    static final TransportConfig CONFIG = TransportConfig.defaults().withFrameTimeout(Duration.ofSeconds(30));

    private Wire() {
    }

    /** A received frame, copied out of its (released) buffer as hex (so that frames compare by value). */
    record Frame(String hex, boolean quickAck) {
        Frame(byte[] bytes, boolean quickAck) {
            this(HexFormat.of().formatHex(bytes), quickAck);
        }

        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }
    }

    /** Last handler: keeps what arrives (frames copied and released) and the user events. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TransportFrame f) {
                received.add(new Frame(ByteBufUtil.getBytes(f.payload()), f.quickAck()));
                f.release();
            } else {
                received.add(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        List<Frame> frames() {
            return received.stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
        }
    }

    static EmbeddedChannel server(TransportConfig config, Recorder recorder) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ServerTransport.install(ch.pipeline(), config);
        ch.pipeline().addLast(recorder);
        return ch;
    }

    static EmbeddedChannel client(Framing framing, boolean obfuscated, TransportConfig config, Recorder recorder) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ClientTransport.install(ch.pipeline(), framing, obfuscated, 2, config);
        ch.pipeline().addLast(recorder);
        return ch;
    }

    /** Moves everything {@code from} has written into {@code to}, optionally one byte per read. */
    static boolean pump(EmbeddedChannel from, EmbeddedChannel to, boolean split) {
        boolean moved = false;
        for (Object o; (o = from.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            moved = true;
            if (!to.isOpen()) {
                b.release();
                continue;
            }
            if (split) {
                while (b.isReadable() && to.isOpen()) to.writeInbound(b.readRetainedSlice(1));
                b.release();
            } else {
                to.writeInbound(b);
            }
        }
        return moved;
    }

    /** Pumps both ways until neither side has anything left to send. */
    static void exchange(EmbeddedChannel client, EmbeddedChannel server, boolean split) {
        boolean moved;
        do {
            moved = pump(client, server, split) | pump(server, client, split);
        } while (moved);
    }

    /** Everything {@code ch} has written, as one array. */
    static byte[] written(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        return ByteBufUtil.getBytes(all);
    }

    static byte[] random(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static ByteBuf buf(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    static ByteBuf buf(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return Unpooled.wrappedBuffer(b);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
