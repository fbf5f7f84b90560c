package dev.portrait.server.net;

import dev.portrait.mtproto.Envelope;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.PlainMessage;
import dev.portrait.mtproto.TransportPadding;
import dev.portrait.mtproto.handshake.AuthKeyCreated;
import dev.portrait.mtproto.handshake.ServerHandshake;
import dev.portrait.server.cpu.BulkLane;
import dev.portrait.server.session.AuthKeyState;
import dev.portrait.server.session.ServerLink;
import dev.portrait.transport.QuickAck;
import dev.portrait.transport.TransportDetected;
import dev.portrait.transport.TransportError;
import dev.portrait.transport.TransportFrame;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last handler of a connection's pipeline. The event loop only copies each transport frame into a queue; the
 * frames are then processed in order on a virtual thread (handshake crypto, decryption, dispatch), so nothing slow
 * ever runs on an event loop; big frames (upload parts) are decrypted in the {@link BulkLane}. When the queue holds too many bytes the connection stops reading until it drains.
 */
public final class MtprotoConnection extends ChannelInboundHandlerAdapter implements ServerLink {
    private static final Logger log = LoggerFactory.getLogger(MtprotoConnection.class);
    /** Bytes of unprocessed frames above which reading pauses (backpressure on a fast sender). */
    static final int MAX_QUEUED_BYTES = 8 << 20;

    private final ServerContext server;
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedBytes = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile ChannelHandlerContext ctx;
    /** Plain (key exchange) messages one connection may send: room for several exchanges, not for a CPU drain. */
    static final int MAX_PLAIN_MESSAGES = 48;

    private ServerHandshake handshake;
    private int plainMessages;
    private ScheduledFuture<?> disconnect;
    private String address = "";
    private volatile String transport = "";

    private record Frame(byte[] data, boolean quickAck) {
    }

    public MtprotoConnection(ServerContext server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) address = a.getAddress().getHostAddress();
        if (!server.connectionOpened(address)) {
            log.debug("too many connections from {}", address);
            ctx.writeAndFlush(new TransportError(-429));
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof TransportDetected t) {
            transport = t.describe();
            server.transportDetected(t);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (disconnect != null) disconnect.cancel(false);
        server.connectionClosed(address);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TransportFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(frame.payload());
        } finally {
            frame.release();
        }
        queue.add(new Frame(data, frame.quickAck()));
        if (queuedBytes.addAndGet(data.length) > MAX_QUEUED_BYTES) ctx.channel().config().setAutoRead(false);
        drain();
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) return;
        Thread.ofVirtual().name("conn-", 0).start(() -> {
            try {
                Frame f;
                while ((f = queue.poll()) != null) {
                    if (queuedBytes.addAndGet(-f.data().length) <= MAX_QUEUED_BYTES / 2 && !ctx.channel().config().isAutoRead())
                        ctx.channel().config().setAutoRead(true);
                    if (ctx.channel().isActive()) process(f);
                }
            } finally {
                draining.set(false);
            }
            if (!queue.isEmpty()) drain();
        });
    }

    private void process(Frame f) {
        byte[] packet = f.data();
        try {
            if (packet.length < 8) {
                close();
                return;
            }
            long authKeyId = Envelope.authKeyId(packet, 0);
            if (authKeyId == 0) {
                plain(packet);
            } else {
                encrypted(authKeyId, packet, f.quickAck());
            }
        } catch (MtprotoException e) {
            log.debug("{}: {}", address, e.getMessage());
            fail(-404);
        } catch (RuntimeException e) {
            log.warn("{}: connection failed", address, e);
            close();
        }
    }

    private void plain(byte[] packet) {
        if (++plainMessages > MAX_PLAIN_MESSAGES) {
            log.debug("{}: too many key exchange messages", address);
            fail(-429);
            return;
        }
        PlainMessage m = PlainMessage.decode(packet, 0, packet.length);
        if (handshake == null) handshake = server.newHandshake();
        ServerHandshake.Step step;
        try (AddressLimits.Slot slot = server.keyExchangeSlot(address)) {
            if (slot == null) {
                log.debug("{}: no key exchange turn came free", address);
                fail(-429);
                return;
            }
            if (!isOpen()) return; // gave up while waiting: its turn goes to the next connection
            step = handshake.handle(m.body());
        }
        if (step.completed() != null) {
            AuthKeyCreated k = step.completed();
            server.authKeys().created(k.key(), k.serverSalt(), k.expiresIn(), server.now());
            server.processor().keyCreated(k.key().id(), k.expiresIn() > 0, k.expiresIn(), this);
        }
        write(PlainMessage.encode(server.msgIds().next(true), step.response()));
    }

    private void encrypted(long authKeyId, byte[] packet, boolean quickAck) {
        AuthKeyState key = server.authKeys().find(authKeyId, server.now());
        if (key == null) {
            log.debug("{}: unknown auth key {}", address, Long.toUnsignedString(authKeyId, 16));
            fail(-404);
            return;
        }
        if (packet.length >= BulkLane.BULK_BYTES) {
            // keys not yet signed in are accounts of their own (negative, apart from user ids)
            long account = key.userId() != 0 ? key.userId() : key.id() | Long.MIN_VALUE;
            server.bulkLane().run(account, () -> handle(key, packet, quickAck));
        } else {
            handle(key, packet, quickAck);
        }
    }

    private void handle(AuthKeyState key, byte[] packet, boolean quickAck) {
        Envelope.Message m = Envelope.decrypt(key.key(), false, packet, 0, TransportPadding.encryptedLength(packet.length));
        if (quickAck) ctx.writeAndFlush(new QuickAck(m.quickAckToken()));
        server.processor().onMessage(this, key, m);
    }

    @Override
    public void write(byte[] packet) {
        ChannelHandlerContext c = ctx;
        if (c != null && c.channel().isActive()) c.writeAndFlush(Unpooled.wrappedBuffer(packet));
    }

    @Override
    public void fail(int transportError) {
        ChannelHandlerContext c = ctx;
        if (c != null && c.channel().isActive()) c.writeAndFlush(new TransportError(transportError));
    }

    @Override
    public void close() {
        ChannelHandlerContext c = ctx;
        if (c != null) c.close();
    }

    @Override
    public boolean isOpen() {
        ChannelHandlerContext c = ctx;
        return c != null && c.channel().isActive();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public void disconnectAfter(int seconds) {
        ChannelHandlerContext c = ctx;
        if (c == null) return;
        c.executor().execute(() -> {
            if (disconnect != null) disconnect.cancel(false);
            disconnect = seconds <= 0 ? null : c.executor().schedule(() -> {
                log.debug("{}: no ping within {} s, closing", address, seconds);
                c.close();
            }, seconds, TimeUnit.SECONDS);
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", address, cause.toString());
        ctx.close();
    }
}
