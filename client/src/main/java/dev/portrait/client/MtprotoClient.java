package dev.portrait.client;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.Envelope;
import dev.portrait.mtproto.MsgContainer;
import dev.portrait.mtproto.MsgIds;
import dev.portrait.mtproto.PlainMessage;
import dev.portrait.mtproto.TransportPadding;
import dev.portrait.mtproto.crypto.Randoms;
import dev.portrait.mtproto.handshake.BindTempAuthKey;
import dev.portrait.mtproto.handshake.ClientHandshake;
import dev.portrait.tl.api.AuthBindTempAuthKey;
import dev.portrait.tl.TlException;
import dev.portrait.tl.TlMethod;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.api.InitConnection;
import dev.portrait.tl.api.InvokeWithLayer;
import dev.portrait.tl.mtproto.*;
import dev.portrait.transport.ClientTransport;
import dev.portrait.transport.TransportConfig;
import dev.portrait.transport.TransportError;
import dev.portrait.transport.TransportFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Portrait's Java MTProto 2.0 client: connects over any transport, makes an auth key (or reuses a saved one), and
 * runs requests: {@code client.invoke(new HelpGetConfig()).get()}. It handles salts (bad_server_salt,
 * new_session_created), clock skew (bad_msg_notification 16/17 → resend), acks, containers and gzip_packed; server
 * messages that answer nothing (updates) go to the update listener.
 */
public final class MtprotoClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MtprotoClient.class);
    private static final int RPC_ERROR = RpcError.CONSTRUCTOR_ID;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientOptions options;
    private final EventLoopGroup group;
    private final Channel channel;
    private final LinkedBlockingQueue<Object> plainInbox = new LinkedBlockingQueue<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final List<Long> acksOwed = new ArrayList<>();
    private final long sessionId = RANDOM.nextLong();
    /** Per-client generator for padding, so clients in one process do not queue on one SecureRandom. */
    private final SecureRandom random = Randoms.newGenerator();
    private volatile Consumer<TlObject> updateListener = u -> { };
    private volatile AuthKey authKey;
    private volatile long salt;
    private volatile int timeOffset;
    private volatile MsgIds msgIds;
    private volatile boolean initialized;
    private volatile Throwable closedBy;
    private int contentSent;

    /** A request waiting for its answer; kept so it can be re-sent (new msg_id) after bad_server_salt and the like. */
    private record Pending(TlMethod<?> method, byte[] body, CompletableFuture<Object> result) {
    }

    private MtprotoClient(ClientOptions options, EventLoopGroup group, Channel channel) {
        this.options = options;
        this.group = group;
        this.channel = channel;
    }

    /** Connects; makes a new auth key when {@code saved} is null. Blocks until ready. */
    public static MtprotoClient connect(ClientOptions options, ClientSession saved) throws IOException, InterruptedException {
        return connect(options, saved, 0);
    }

    /**
     * Connects with a new temporary key (perfect forward secrecy) valid for {@code expiresIn} seconds and binds it to
     * the permanent key of {@code permanent} with auth.bindTempAuthKey. Blocks until bound.
     */
    public static MtprotoClient connectTemporary(ClientOptions options, ClientSession permanent, int expiresIn) throws Exception {
        MtprotoClient c = connect(options, null, expiresIn);
        try {
            await(c.bindTempAuthKey(new AuthKey(permanent.authKey()), (int) (System.currentTimeMillis() / 1000) + expiresIn));
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    private static MtprotoClient connect(ClientOptions options, ClientSession saved, int tempExpiresIn) throws IOException, InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        MtprotoClient[] holder = new MtprotoClient[1];
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.timeout().toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (options.webSocket()) {
                                ClientTransport.installWebSocket(ch.pipeline(),
                                        java.net.URI.create("ws://" + options.host() + ":" + options.port() + "/apiws"),
                                        options.framing(), options.obfuscated(), options.dcId(), TransportConfig.defaults());
                            } else {
                                ClientTransport.install(ch.pipeline(), options.framing(), options.obfuscated(), options.dcId(),
                                        TransportConfig.defaults());
                            }
                            ch.pipeline().addLast("client", new Inbound(holder));
                        }
                    });
            Channel ch = (options.localHost() == null ? b.connect(options.host(), options.port())
                    : b.connect(new InetSocketAddress(options.host(), options.port()), new InetSocketAddress(options.localHost(), 0)))
                    .sync().channel();
            MtprotoClient client = new MtprotoClient(options, group, ch);
            holder[0] = client;
            if (saved != null) {
                client.authKey = new AuthKey(saved.authKey());
                client.salt = saved.serverSalt();
                client.timeOffset = saved.timeOffset();
            } else {
                client.handshake(tempExpiresIn);
            }
            client.msgIds = new MsgIds(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(client.timeOffset)));
            return client;
        } catch (IOException | InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private void handshake(int expiresIn) throws IOException, InterruptedException {
        ClientHandshake.Options hsOptions = expiresIn == 0 ? ClientHandshake.Options.permanent(options.dcId())
                : ClientHandshake.Options.temporary(options.dcId(), expiresIn);
        ClientHandshake hs = new ClientHandshake(options.serverKeys(), hsOptions, Clock.systemUTC(), RANDOM);
        MsgIds plainIds = new MsgIds();
        TlObject request = hs.start();
        while (true) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(PlainMessage.encode(plainIds.nextClient(), request)));
            Object in = plainInbox.poll(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (in == null) throw new IOException("key exchange timed out");
            if (in instanceof Throwable t) throw new IOException("key exchange failed: " + t.getMessage(), t);
            byte[] packet = (byte[]) in;
            PlainMessage m = PlainMessage.decode(packet, 0, packet.length);
            ClientHandshake.Step step = hs.handle(m.body());
            if (step.completed() != null) {
                authKey = step.completed().key();
                salt = step.completed().serverSalt();
                timeOffset = step.completed().serverTimeOffset();
                return;
            }
            request = step.request();
        }
    }

    public ClientSession session() {
        return new ClientSession(options.dcId(), authKey.key(), salt, timeOffset);
    }

    public AuthKey authKey() {
        return authKey;
    }

    public long sessionId() {
        return sessionId;
    }

    /** Receives server messages that answer no request (updates). Called on the client's I/O thread. */
    public void onUpdate(Consumer<TlObject> listener) {
        this.updateListener = listener;
    }

    /** Sends a request; the first one goes wrapped in invokeWithLayer(initConnection(...)). */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> invoke(TlMethod<R> method) {
        TlMethod<?> wire = method;
        if (!initialized) {
            initialized = true;
            wire = new InvokeWithLayer(options.layer(), new InitConnection(1, "Portrait Java client",
                    System.getProperty("os.name", "JVM"), "0.1", "en", "", "en", null, null, method));
        }
        TlWriter w = new TlWriter().layer(dev.portrait.tl.TlLayers.schemaLayerFor(options.layer()));
        wire.write(w);
        CompletableFuture<Object> f = new CompletableFuture<>();
        Pending p = new Pending(method, w.toByteArray(), f);
        send(p);
        return (CompletableFuture<R>) f.orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** auth.bindTempAuthKey: its encrypted_message must carry the msg_id of the request itself. */
    public CompletableFuture<Boolean> bindTempAuthKey(AuthKey perm, int expiresAt) {
        long nonce = RANDOM.nextLong();
        CompletableFuture<Object> f = new CompletableFuture<>();
        sendLock.lock();
        try {
            long id = msgIds.nextClient();
            byte[] encrypted = BindTempAuthKey.encrypt(perm, authKey, nonce, sessionId, expiresAt, id, RANDOM);
            AuthBindTempAuthKey m = new AuthBindTempAuthKey(perm.id(), nonce, expiresAt, encrypted);
            TlWriter w = new TlWriter();
            m.write(w);
            Pending p = new Pending(m, w.toByteArray(), f);
            pending.put(id, p);
            byte[] packet = Envelope.encrypt(authKey, false, salt, sessionId, id, 2 * contentSent++ + 1, p.body(), 0, p.body().length, random);
            channel.writeAndFlush(Unpooled.wrappedBuffer(packet));
        } finally {
            sendLock.unlock();
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Boolean> typed = (CompletableFuture<Boolean>) (CompletableFuture<?>) f;
        return typed.orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends raw service messages (ping, get_future_salts, ...) whose answers arrive as updates. For tests. */
    public void sendService(TlObject message, boolean contentRelated) {
        TlWriter w = new TlWriter();
        message.write(w);
        sendBodies(List.of(w.toByteArray()), contentRelated, null);
    }

    private void send(Pending p) {
        Throwable closed = closedBy;
        if (closed != null) {
            p.result().completeExceptionally(closed);
            return;
        }
        sendBodies(List.of(p.body()), true, p);
    }

    private void sendBodies(List<byte[]> bodies, boolean contentRelated, Pending p) {
        sendLock.lock();
        try {
            List<MsgContainer.Message> all = new ArrayList<>();
            if (!acksOwed.isEmpty()) {
                TlWriter w = new TlWriter();
                new MsgsAck(new ArrayList<>(acksOwed)).write(w);
                acksOwed.clear();
                all.add(new MsgContainer.Message(msgIds.nextClient(), 2 * contentSent, w.toByteArray()));
            }
            for (byte[] b : bodies) {
                long id = msgIds.nextClient();
                int seq = contentRelated ? 2 * contentSent++ + 1 : 2 * contentSent;
                all.add(new MsgContainer.Message(id, seq, b));
                if (p != null) pending.put(id, p);
            }
            MsgContainer.Message single = all.size() == 1 ? all.get(0)
                    : new MsgContainer.Message(msgIds.nextClient(), 2 * contentSent, MsgContainer.encode(all));
            byte[] packet = Envelope.encrypt(authKey, false, salt, sessionId, single.msgId(), single.seqNo(),
                    single.body(), 0, single.body().length, random);
            channel.writeAndFlush(Unpooled.wrappedBuffer(packet));
        } finally {
            sendLock.unlock();
        }
    }

    /** Re-sends a request under a new msg_id (after a bad salt, a clock or seqno complaint). */
    private void resend(long badMsgId) {
        Pending p = pending.remove(badMsgId);
        if (p != null && !p.result().isDone()) send(p);
    }

    private void onEncrypted(byte[] packet) {
        Envelope.Message m = Envelope.decrypt(authKey, true, packet, 0, TransportPadding.encryptedLength(packet.length));
        if (m.sessionId() != sessionId) {
            log.debug("message for another session {}", m.sessionId());
            return;
        }
        handle(m.msgId(), m.seqNo(), m.body());
        boolean owe;
        sendLock.lock();
        try {
            owe = acksOwed.size() >= 16;
        } finally {
            sendLock.unlock();
        }
        if (owe) sendBodies(List.of(), false, null);
    }

    private void handle(long msgId, int seqNo, byte[] body) {
        TlReader r = new TlReader(body);
        int ctor = r.readInt();
        if ((seqNo & 1) == 1) {
            sendLock.lock();
            try {
                acksOwed.add(msgId);
            } finally {
                sendLock.unlock();
            }
        }
        switch (ctor) {
            case MsgContainer.CONSTRUCTOR_ID -> {
                for (MsgContainer.Message m : MsgContainer.decode(body, msgId)) handle(m.msgId(), m.seqNo(), m.body());
            }
            case MsgContainer.RPC_RESULT -> rpcResult(r);
            case TlReader.GZIP_PACKED -> {
                TlReader inner = r.gzipped();
                handle(msgId, seqNo & ~1, inner.readRaw(inner.remaining()));
            }
            default -> service(msgId, MtProtoRegistry.knows(ctor) ? MtProtoRegistry.readObject(new TlReader(body))
                    : ApiRegistry.readObject(new TlReader(body)));
        }
    }

    private void rpcResult(TlReader r) {
        long reqMsgId = r.readLong();
        Pending p = pending.remove(reqMsgId);
        if (p == null) {
            log.debug("rpc_result for unknown request {}", reqMsgId);
            return;
        }
        int inner = r.peekInt();
        if (inner == RPC_ERROR) {
            RpcError e = (RpcError) MtProtoRegistry.readObject(r);
            p.result().completeExceptionally(new RpcErrorException(e.errorCode(), e.errorMessage()));
            return;
        }
        try {
            p.result().complete(p.method().readResult(r));
        } catch (TlException e) {
            p.result().completeExceptionally(e);
        }
    }

    private void service(long serverMsgId, TlObject o) {
        switch (o) {
            case BadServerSalt b -> {
                salt = b.newServerSalt();
                resendAll(b.badMsgId());
            }
            case BadMsgNotification b -> {
                if (b.errorCode() == 16 || b.errorCode() == 17) {
                    // the server's clock is in the notification's own msg_id
                    timeOffset = (int) ((serverMsgId >>> 32) - System.currentTimeMillis() / 1000);
                    msgIds = new MsgIds(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(timeOffset)));
                }
                if (b.errorCode() == 16 || b.errorCode() == 17 || b.errorCode() == 32 || b.errorCode() == 33) {
                    resendAll(b.badMsgId());
                } else {
                    failAll(b.badMsgId(), new IOException("bad_msg_notification " + b.errorCode()));
                }
            }
            case NewSessionCreated n -> salt = n.serverSalt();
            case MsgsAck ignored -> {
                // acknowledgments of our requests need no action
            }
            default -> updateListener.accept(o);
        }
    }

    /** A bad msg_id may be a container's: resend every request it held, or the single request itself. */
    private void resendAll(long badMsgId) {
        if (pending.containsKey(badMsgId)) {
            resend(badMsgId);
            return;
        }
        // requests sent inside a container share no id with it: resend everything still waiting
        for (Long id : new ArrayList<>(pending.keySet())) resend(id);
    }

    private void failAll(long badMsgId, Throwable t) {
        Pending p = pending.remove(badMsgId);
        if (p != null) p.result().completeExceptionally(t);
    }

    private void closed(Throwable why) {
        closedBy = why;
        plainInbox.add(why);
        for (Long id : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) p.result().completeExceptionally(why);
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    /** Closes the connection and stops its event loop, waiting a bounded time for each (a stuck loop cannot hang it). */
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Waits for a future's value, turning its failure into the cause. */
    public static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        }
    }

    private static final class Inbound extends SimpleChannelInboundHandler<Object> {
        private final MtprotoClient[] holder;

        Inbound(MtprotoClient[] holder) {
            super(false);
            this.holder = holder;
        }

        private MtprotoClient client() {
            return holder[0];
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            try {
                MtprotoClient c = client();
                if (msg instanceof TransportError e) {
                    if (c != null) c.closed(new IOException("transport error " + e.code()));
                    return;
                }
                if (!(msg instanceof TransportFrame f)) return;
                byte[] packet = ByteBufUtil.getBytes(f.payload());
                if (c == null) return;
                if (packet.length >= 8 && Envelope.authKeyId(packet, 0) == 0) {
                    c.plainInbox.add(packet);
                } else if (c.authKey != null) {
                    c.onEncrypted(packet);
                }
            } catch (RuntimeException e) {
                log.debug("bad server message: {}", e.toString());
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            MtprotoClient c = client();
            if (c != null) c.closed(new IOException("connection closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            MtprotoClient c = client();
            if (c != null) c.closed(cause);
            ctx.close();
        }
    }
}
