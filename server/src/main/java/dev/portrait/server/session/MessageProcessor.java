package dev.portrait.server.session;

import dev.portrait.mtproto.Envelope;
import dev.portrait.mtproto.MsgContainer;
import dev.portrait.mtproto.MsgIds;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.CallDropped;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcDispatcher;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.store.ClientInfo;
import dev.portrait.tl.TlException;
import dev.portrait.tl.TlMethod;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.api.InitConnection;
import dev.portrait.tl.api.InvokeAfterMsg;
import dev.portrait.tl.api.InvokeAfterMsgs;
import dev.portrait.tl.api.InvokeWithLayer;
import dev.portrait.tl.api.InvokeWithoutUpdates;
import dev.portrait.tl.mtproto.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * What the server does with each decrypted client message: session creation and salt checks, msg_id/seqno checks,
 * containers and gzip, the service messages (acks, pings, salts, state and resend requests, session and key
 * destruction) and RPC calls, which are unwrapped (invokeWithLayer, initConnection, invokeWithoutUpdates,
 * invokeAfterMsg(s)) and run on virtual threads. Runs on the connection's own virtual thread, never an event loop.
 */
public final class MessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int GZIP_PACKED = TlReader.GZIP_PACKED;
    /** Bytes of finished results a session keeps for re-sent requests (see ResultCache). */
    static final long RESULT_CACHE_BYTES = 2 << 20;
    /** Results larger than this are sent gzip_packed when that makes them smaller. */
    static final int GZIP_THRESHOLD = 1024;
    /** invokeAfterMsg waits at most this long for the earlier request. */
    static final long AFTER_MSG_WAIT_SECONDS = 30;

    private final ServerConfig config;
    private final Clock clock;
    private final ServerSalts salts;
    private final AuthKeys keys;
    private final MsgIds msgIds;
    private final RpcDispatcher dispatcher;
    private final ExecutorService rpcExecutor;

    public MessageProcessor(ServerConfig config, Clock clock, ServerSalts salts, AuthKeys keys, MsgIds msgIds,
                            RpcDispatcher dispatcher, ExecutorService rpcExecutor) {
        this.config = config;
        this.clock = clock;
        this.salts = salts;
        this.keys = keys;
        this.msgIds = msgIds;
        this.dispatcher = dispatcher;
        this.rpcExecutor = rpcExecutor;
    }

    private long now() {
        return clock.millis() / 1000;
    }

    /**
     * The session a message belongs to, created (with new_session_created) on first use, and again after it was
     * retired for idleness (AuthKeys.retireIdle), as Telegram forgets sessions nobody uses.
     */
    private Session session(AuthKeyState key, long sessionId, long firstMsgId, ServerLink link) {
        long now = now();
        Session s = key.session(sessionId);
        if (s != null && !s.idle().touch(now)) s = null;
        if (s == null) {
            Session created = new Session(sessionId, key, msgIds, () -> salts.current(now()),
                    new ResultCache(1024, config.resultCacheTtl().toSeconds(), RESULT_CACHE_BYTES), now);
            s = key.putIfAbsent(created);
            s.attach(link);
            if (s == created) {
                s.send(body(new NewSessionCreated(firstMsgId, RANDOM.nextLong(), salts.current(now()))), false, false);
                service(key, sessionId, link, "new_session_created", "first_msg_id " + firstMsgId);
            }
        }
        s.attach(link);
        return s;
    }

    public void onMessage(ServerLink link, AuthKeyState key, Envelope.Message m) {
        long now = now();
        Session s = session(key, m.sessionId(), m.msgId(), link);
        int timeError = MsgIdWindow.checkTime(m.msgId(), now);
        if (timeError != MsgIdWindow.OK) {
            badMsg(s, m.msgId(), m.seqNo(), timeError);
            return;
        }
        if (!salts.valid(m.salt(), now) && !key.handshakeSaltValid(m.salt(), now)) {
            s.send(body(new BadServerSalt(m.msgId(), m.seqNo(), 48, salts.current(now))), false, true);
            service(key, s.id(), link, "bad_server_salt", "bad_msg_id " + m.msgId());
            return;
        }
        handle(link, s, m.msgId(), m.seqNo(), m.body(), true, now);
    }

    private void handle(ServerLink link, Session s, long msgId, int seqNo, byte[] body, boolean outer, long now) {
        if (body.length < 4) {
            badMsg(s, msgId, seqNo, MsgIdWindow.BAD_CONTAINER);
            return;
        }
        int ctor = new TlReader(body).readInt();
        if (ctor == MsgContainer.CONSTRUCTOR_ID) {
            if (!outer) {
                badMsg(s, msgId, seqNo, MsgIdWindow.BAD_CONTAINER);
                return;
            }
            int r = s.received().accept(msgId, seqNo, false, now);
            if (r != MsgIdWindow.OK) {
                if (r != MsgIdWindow.DUPLICATE) badMsg(s, msgId, seqNo, r);
                return;
            }
            container(link, s, msgId, seqNo, body, now);
            return;
        }
        // gzip_packed is judged by what it holds: its parity rule is that of the message inside
        byte[] plain = body;
        int inner = ctor;
        boolean unreadable = false;
        if (ctor == GZIP_PACKED) {
            try {
                TlReader unpacked = new TlReader(body);
                unpacked.readInt();
                TlReader gz = unpacked.gzipped();
                plain = new byte[gz.remaining()];
                gz.readRaw(plain, 0, plain.length);
                inner = new TlReader(plain).readInt();
            } catch (TlException e) {
                log.debug("bad gzip_packed {} on session {}: {}", msgId, s.id(), e.getMessage());
                unreadable = true;
            }
        }
        int r = s.received().accept(msgId, seqNo, mustBeOdd(inner), now);
        if (r == MsgIdWindow.DUPLICATE) {
            resendResult(s, msgId);
            return;
        }
        if (r != MsgIdWindow.OK) {
            badMsg(s, msgId, seqNo, r);
            return;
        }
        if (unreadable) {
            rpcError(s, msgId, 400, "INPUT_REQUEST_INVALID");
            return;
        }
        try {
            message(link, s, msgId, plain, now);
        } catch (TlException e) {
            log.debug("bad message {} on session {}: {}", msgId, s.id(), e.getMessage());
            rpcError(s, msgId, 400, "INPUT_REQUEST_INVALID");
        }
    }

    private void container(ServerLink link, Session s, long containerId, int containerSeqNo, byte[] body, long now) {
        try {
            for (MsgContainer.Message m : MsgContainer.decode(body, containerId))
                handle(link, s, m.msgId(), m.seqNo(), m.body(), false, now);
        } catch (TlException e) {
            badMsg(s, containerId, containerSeqNo, MsgIdWindow.BAD_CONTAINER);
        }
        s.flushAcks();
    }

    /**
     * Whether a message must carry an odd seqno (error 35 otherwise): RPC queries, that is anything that is not one of
     * MTProto's own service messages. The service messages (ping, ping_delay_disconnect, get_future_salts,
     * msgs_state_req, msg_resend_req, rpc_drop_answer, destroy_session, destroy_auth_key, msgs_ack, http_wait, ...)
     * are taken with either parity, as Telegram takes them: TDLib and MadelineProto send them with even seqnos,
     * Telegram Desktop, mtcute and gramjs (its pings) with odd ones (docs/decisions.md, M10). Containers are checked
     * by the caller, also with either parity.
     */
    static boolean mustBeOdd(int ctor) {
        return !MtProtoRegistry.knows(ctor);
    }

    private void message(ServerLink link, Session s, long msgId, byte[] body, long now) {
        int ctor = new TlReader(body).readInt();
        if (MtProtoRegistry.knows(ctor)) {
            // service messages are answered at once (pong, future_salts, ...): the answer is their acknowledgment
            service(link, s, msgId, MtProtoRegistry.readObject(new TlReader(body)), now);
        } else {
            s.ack(msgId);
            rpc(s, msgId, body, now);
        }
    }

    private void service(ServerLink link, Session s, long msgId, TlObject o, long now) {
        switch (o) {
            // The server does not retransmit over TCP; an ack only lets the cached copies of delivered results go.
            case MsgsAck a -> s.acknowledged(a.msgIds());
            case Ping p -> s.send(body(new Pong(msgId, p.pingId())), false, true);
            case PingDelayDisconnect p -> {
                link.disconnectAfter(p.disconnectDelay());
                s.send(body(new Pong(msgId, p.pingId())), false, true);
            }
            case GetFutureSalts g -> {
                List<FutureSalt> list = new ArrayList<>();
                for (ServerSalts.FutureSalt f : salts.future(now, g.num()))
                    list.add(new FutureSalt(f.validSince(), f.validUntil(), f.salt()));
                s.send(body(new FutureSalts(msgId, (int) now, list)), false, true);
            }
            case MsgsStateReq q -> s.send(body(new MsgsStateInfo(msgId, states(s, q.msgIds(), now))), false, true);
            case MsgResendReq q -> {
                for (long id : q.msgIds()) resendResult(s, id);
            }
            case DestroySession d -> {
                TlObject res = s.authKey().removeSession(d.sessionId()) != null && d.sessionId() != s.id()
                        ? new DestroySessionOk(d.sessionId()) : new DestroySessionNone(d.sessionId());
                s.send(body(res), false, true);
            }
            case DestroyAuthKey ignored -> {
                s.send(rpcResult(msgId, body(new DestroyAuthKeyOk())), true, true);
                keys.destroy(s.authKey().id());
            }
            case RpcDropAnswer d -> {
                ResultCache.Entry e = s.results().get(d.reqMsgId());
                TlObject res = e == null ? new RpcAnswerUnknown()
                        : e.result().isDone() ? new RpcAnswerDropped(d.reqMsgId(), 0, 0) : new RpcAnswerDroppedRunning();
                s.results().drop(d.reqMsgId());
                s.send(rpcResult(msgId, body(res)), true, true);
            }
            case MsgsAllInfo ignored -> {
                // informational
            }
            case MsgsStateInfo ignored -> {
                // a client's answer to a msgs_state_req; the server sends none, so it is informational
            }
            case HttpWait ignored -> {
                // long polling belongs to the HTTP transport, which Portrait does not serve: nothing to wait for
            }
            case MsgDetailedInfo ignored -> {
                // informational
            }
            case MsgNewDetailedInfo ignored -> {
                // informational
            }
            default -> rpcError(s, msgId, 400, "INPUT_METHOD_INVALID");
        }
    }

    /** msgs_state_info: one status byte per asked msg_id, as the docs define them. */
    private static byte[] states(Session s, List<Long> ids, long now) {
        byte[] info = new byte[ids.size()];
        for (int i = 0; i < info.length; i++) {
            long id = ids.get(i);
            int st;
            if (s.received().contains(id)) {
                st = 4 | 8;
                ResultCache.Entry e = s.results().get(id);
                if (e != null) st |= 32;
            } else if (s.received().forgotten(id) || MsgIdWindow.checkTime(id, now) == MsgIdWindow.TOO_LOW) {
                st = 1;
            } else if (MsgIdWindow.checkTime(id, now) == MsgIdWindow.TOO_HIGH) {
                st = 3;
            } else {
                st = 2;
            }
            info[i] = (byte) st;
        }
        return info;
    }

    private void rpc(Session s, long msgId, byte[] body, long now) {
        TlObject parsed;
        try {
            int ctor = new TlReader(body).readInt();
            if (!ApiRegistry.knows(ctor)) {
                rpcError(s, msgId, 400, "INPUT_METHOD_INVALID");
                return;
            }
            parsed = ApiRegistry.readObject(new TlReader(body));
        } catch (TlException e) {
            log.debug("unreadable request {}: {}", msgId, e.getMessage());
            rpcError(s, msgId, 400, "INPUT_REQUEST_INVALID");
            return;
        }
        if (!(parsed instanceof TlMethod<?> method)) {
            rpcError(s, msgId, 400, "INPUT_METHOD_INVALID");
            return;
        }
        List<Long> after = new ArrayList<>();
        TlMethod<?> q = method;
        while (true) {
            switch (q) {
                case InvokeWithLayer w -> {
                    keys.announceLayer(s.authKey(), w.layer());
                    q = w.query();
                }
                case InitConnection i -> {
                    keys.announceClient(s.authKey(), client(i, s.link(), now));
                    q = i.query();
                }
                case InvokeWithoutUpdates w -> {
                    s.noUpdates(true);
                    q = w.query();
                }
                case InvokeAfterMsg a -> {
                    after.add(a.msgId());
                    q = a.query();
                }
                case InvokeAfterMsgs a -> {
                    after.addAll(a.msgIds());
                    q = a.query();
                }
                default -> {
                    run(s, msgId, method, q, after, now);
                    return;
                }
            }
        }
    }

    /** Longest string kept of what a client says about itself (Telegram's apps send a few dozen characters). */
    private static final int CLIENT_TEXT_MAX = 128;

    private static ClientInfo client(InitConnection i, ServerLink link, long now) {
        return new ClientInfo(i.apiId(), clip(i.deviceModel()), clip(i.systemVersion()), clip(i.appVersion()),
                clip(i.systemLangCode()), clip(i.langCode()), link == null ? "" : link.address(),
                link == null ? "" : link.transport(), now);
    }

    private static String clip(String text) {
        return text.length() <= CLIENT_TEXT_MAX ? text : text.substring(0, CLIENT_TEXT_MAX);
    }

    private void run(Session s, long msgId, TlMethod<?> outer, TlMethod<?> query, List<Long> after, long now) {
        CompletableFuture<byte[]> done = s.results().start(msgId, now);
        if (done == null) return;
        AuthKeyState key = s.authKey();
        String address = s.link() == null ? "" : s.link().address();
        RpcContext ctx = new Context(key, s, msgId, address);
        rpcExecutor.execute(() -> {
            byte[] reply;
            try {
                for (long id : after) {
                    ResultCache.Entry e = s.results().get(id);
                    if (e != null) e.result().get(AFTER_MSG_WAIT_SECONDS, TimeUnit.SECONDS);
                }
                Object result = dispatcher.dispatch(ctx, query);
                TlWriter w = new TlWriter().layer(key.schemaLayer());
                outer.writeResult(w, result);
                reply = rpcResult(msgId, w.toByteArray(), !(result instanceof dev.portrait.tl.api.UploadFile));
            } catch (RpcException e) {
                reply = rpcResult(msgId, body(new RpcError(e.code(), e.getMessage())));
            } catch (CallDropped e) {
                s.results().drop(msgId); // a resend of this msg_id runs it again
                done.complete(new byte[0]);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = rpcResult(msgId, body(new RpcError(500, "INTERNAL")));
            } catch (Exception e) {
                log.error("{} failed", query.tlName(), e);
                reply = rpcResult(msgId, body(new RpcError(500, "INTERNAL")));
            }
            s.results().finish(msgId, done, reply, now());
            s.send(reply, true, true);
        });
    }

    private void resendResult(Session s, long msgId) {
        ResultCache.Entry e = s.results().get(msgId);
        if (ResultCache.resendable(e)) s.send(e.result().join(), true, true);
    }

    private void rpcError(Session s, long msgId, int code, String message) {
        s.send(rpcResult(msgId, body(new RpcError(code, message))), true, true);
    }

    private void badMsg(Session s, long msgId, int seqNo, int code) {
        s.send(body(new BadMsgNotification(msgId, seqNo, code)), false, true);
        service(s.authKey(), s.id(), s.link(), "bad_msg_notification", "bad_msg_id " + msgId + ", error_code " + code);
    }

    /** A new auth key made by a key exchange on this link (for the inspector's log). */
    public void keyCreated(long authKeyId, boolean temporary, int expiresIn, ServerLink link) {
        if (!dispatcher.heard()) return;
        dispatcher.service(new ServiceEvent(System.currentTimeMillis(), 0, authKeyId, 0, link == null ? "" : link.address(),
                link == null ? "" : link.transport(), "new_auth_key", temporary ? "temporary, expires in " + expiresIn + " s" : "permanent"));
    }

    private void service(AuthKeyState key, long sessionId, ServerLink link, String kind, String detail) {
        if (!dispatcher.heard()) return;
        dispatcher.service(new ServiceEvent(System.currentTimeMillis(), key.userId(), key.id(), sessionId,
                link == null ? "" : link.address(), link == null ? "" : link.transport(), kind, detail));
    }

    static byte[] body(TlObject o) {
        TlWriter w = new TlWriter(64);
        o.write(w);
        return w.toByteArray();
    }

    /** rpc_result#f35c6d01 req_msg_id:long result:Object, the result gzip_packed when large and compressible. */
    static byte[] rpcResult(long reqMsgId, byte[] result) {
        return rpcResult(reqMsgId, result, true);
    }

    /**
     * As {@link #rpcResult(long, byte[])}; {@code mayCompress} false sends the result as it is. File chunks
     * (upload.file) hold JPEG / MP4 bytes that deflate cannot shrink: trying cost more CPU than the rest of an
     * upload.getFile call, on the server and again on the client.
     */
    static byte[] rpcResult(long reqMsgId, byte[] result, boolean mayCompress) {
        byte[] payload = result;
        if (mayCompress && result.length > GZIP_THRESHOLD) {
            byte[] packed = gzip(result);
            if (packed.length + 8 < result.length) {
                TlWriter p = new TlWriter(packed.length + 8);
                p.writeInt(GZIP_PACKED);
                p.writeBytes(packed);
                payload = p.toByteArray();
            }
        }
        TlWriter w = new TlWriter(payload.length + 12);
        w.writeInt(MsgContainer.RPC_RESULT);
        w.writeLong(reqMsgId);
        w.writeRaw(payload);
        return w.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The per-call context handlers see. */
    private final class Context implements RpcContext {
        private final AuthKeyState key;
        private final Session session;
        private final long msgId;
        private final String address;

        Context(AuthKeyState key, Session session, long msgId, String address) {
            this.key = key;
            this.session = session;
            this.msgId = msgId;
            this.address = address;
        }

        @Override
        public long msgId() {
            return msgId;
        }

        @Override
        public long authKeyId() {
            return key.id();
        }

        @Override
        public long sessionId() {
            return session.id();
        }

        @Override
        public int layer() {
            return key.schemaLayer();
        }

        @Override
        public long userId() {
            return key.userId();
        }

        @Override
        public String clientAddress() {
            return address;
        }

        @Override
        public String transport() {
            ServerLink link = session.link();
            return link == null ? "" : link.transport();
        }

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public int now() {
            return (int) MessageProcessor.this.now();
        }

        @Override
        public void disconnect() {
            ServerLink link = session.link();
            if (link != null) link.close();
        }
    }
}
