package dev.portrait.server.session;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.Envelope;
import dev.portrait.mtproto.MsgContainer;
import dev.portrait.mtproto.MsgIds;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.RpcDispatcher;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.store.SqliteStore;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.NearestDc;
import dev.portrait.tl.mtproto.BadMsgNotification;
import dev.portrait.tl.mtproto.BadServerSalt;
import dev.portrait.tl.mtproto.MtProtoRegistry;
import dev.portrait.tl.mtproto.NewSessionCreated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The session layer on its own: decrypted messages in, encrypted packets out (decrypted again here to look at). */
class MessageProcessorTest {
    static final long NOW = 1_700_000_000L;
    @TempDir
    Path dir;
    SqliteStore store;
    ExecutorService rpc = Executors.newVirtualThreadPerTaskExecutor();
    AtomicInteger executed = new AtomicInteger();
    MessageProcessor processor;
    ServerSalts salts = new ServerSalts(new byte[32]);
    AuthKeys keys;
    AuthKeyState key;
    Link link = new Link();
    MsgIds clientIds = new MsgIds(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    /** Records what the server writes, decrypting it with the key. */
    final class Link implements ServerLink {
        final LinkedBlockingQueue<TlObject> received = new LinkedBlockingQueue<>();
        volatile boolean open = true;

        @Override
        public void write(byte[] packet) {
            Envelope.Message m = Envelope.decrypt(key.key(), true, packet, 0, packet.length);
            unpack(m.msgId(), m.body());
        }

        /** The server msg_ids of the rpc_results received, for acks. */
        final List<Long> resultMsgIds = new java.util.concurrent.CopyOnWriteArrayList<>();

        void unpack(long msgId, byte[] body) {
            TlReader r = new TlReader(body);
            int id = r.readInt();
            if (id == MsgContainer.CONSTRUCTOR_ID) {
                for (MsgContainer.Message m : MsgContainer.decode(body, Long.MAX_VALUE)) unpack(m.msgId(), m.body());
            } else if (id == MsgContainer.RPC_RESULT) {
                resultMsgIds.add(msgId);
                r.readLong();
                received.add(MtProtoRegistry.knows(r.peekInt()) ? MtProtoRegistry.readObject(r)
                        : dev.portrait.tl.api.ApiRegistry.readObject(r));
            } else {
                received.add(MtProtoRegistry.readObject(new TlReader(body)));
            }
        }

        final List<Long> acked = new ArrayList<>();

        /** The next server message other than an ack (acks are collected in {@link #acked}). */
        TlObject next() throws InterruptedException {
            while (true) {
                TlObject o = received.poll(10, TimeUnit.SECONDS);
                assertThat(o).as("a server message").isNotNull();
                if (o instanceof dev.portrait.tl.mtproto.MsgsAck a) acked.addAll(a.msgIds());
                else return o;
            }
        }

        @Override
        public void fail(int transportError) {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String address() {
            return "test";
        }

        @Override
        public void disconnectAfter(int seconds) {
        }
    }

    @BeforeEach
    void setUp() {
        store = SqliteStore.open(dir);
        keys = new AuthKeys(store.authKeys(), store.events());
        byte[] k = new byte[256];
        new SecureRandom().nextBytes(k);
        AuthKey authKey = new AuthKey(k);
        keys.created(authKey, 0, 0, NOW);
        key = keys.find(authKey.id(), NOW);
        RpcRegistry registry = new RpcRegistry().on(HelpGetNearestDc.class, RpcRegistry.Access.ANYONE, (ctx, m) -> {
            executed.incrementAndGet();
            return new NearestDc("XX", 2, 2);
        });
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        processor = new MessageProcessor(ServerConfig.defaults(dir), clock, salts, keys, new MsgIds(clock),
                new RpcDispatcher(registry, id -> false), rpc);
    }

    @AfterEach
    void tearDown() {
        rpc.shutdownNow();
        store.close();
    }

    static byte[] body(TlObject o) {
        TlWriter w = new TlWriter();
        o.write(w);
        return w.toByteArray();
    }

    Envelope.Message message(long salt, long msgId, int seqNo, TlObject o) {
        return new Envelope.Message(salt, 42, msgId, seqNo, body(o), 0);
    }

    @Test
    void aRequestResentWithTheSameMsgIdRunsOnce() throws Exception {
        long salt = salts.current(NOW);
        long id = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, id, 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        List<TlObject> answers = new ArrayList<>();
        answers.add(link.next());
        processor.onMessage(link, key, message(salt, id, 1, new HelpGetNearestDc()));
        answers.add(link.next());
        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(new NearestDc("XX", 2, 2)));
        assertThat(executed.get()).isEqualTo(1);
        assertThat(link.acked).contains(id);
    }

    @Test
    void idleSessionsWithoutAConnectionAndThenTheirKeysAreRetiredAndComeBackOnTheNextMessage() throws Exception {
        long salt = salts.current(NOW);
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        keys.rememberSignedIn(key, 777);
        assertThat(keys.signedInUsers()).isEqualTo(1);

        assertThat(keys.retireIdle(NOW + 3600, 900)).as("its connection is open").isZero();
        assertThat(key.sessions()).hasSize(1);
        link.open = false;
        assertThat(keys.retireIdle(NOW + 600, 900)).as("used 10 minutes ago").isZero();
        assertThat(key.sessions()).hasSize(1);
        assertThat(keys.retireIdle(NOW + 3600, 900)).as("closed and idle for an hour").isEqualTo(1);
        assertThat(key.sessions()).isEmpty();
        assertThat(keys.liveCount()).isZero();
        assertThat(keys.signedInUsers()).as("the push index forgets it too").isZero();
        assertThat(key.idle().touch(NOW + 3600)).as("a retired key is never used again").isFalse();

        // the next message under the key loads it from the store; its session is new again
        AuthKeyState again = keys.find(key.id(), NOW);
        assertThat(again).isNotNull().isNotSameAs(key);
        assertThat(keys.liveCount()).isEqualTo(1);
        key = again;
        link.open = true;
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 3, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
    }

    @Test
    void aKeyKeepsAtMostMaxSessionsAndRetiresTheLongestUnused() throws Exception {
        long salt = salts.current(NOW);
        int n = AuthKeyState.MAX_SESSIONS + 50;
        for (int i = 0; i < n; i++) {
            // a new session id per message, as a hostile client may send
            processor.onMessage(link, key, new Envelope.Message(salt, 1000 + i, clientIds.nextClient(), 1, body(new HelpGetNearestDc()), 0));
            assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
            assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        }
        assertThat(key.sessions()).hasSize(AuthKeyState.MAX_SESSIONS);
        assertThat(key.sessions()).extracting(Session::id).as("the newest stay")
                .contains(1000L + n - 1).doesNotContain(1000L);
    }

    @Test
    void idleIsEitherRetiredBeforeAUseOrUsedAndKept() {
        Idle idle = new Idle(100);
        assertThat(idle.retire(100)).as("used at the cutoff").isFalse();
        assertThat(idle.touch(200)).isTrue();
        assertThat(idle.retire(150)).isFalse();
        assertThat(idle.touch(150)).as("an older time does not move it back").isTrue();
        assertThat(idle.retire(201)).isTrue();
        assertThat(idle.retired()).isTrue();
        assertThat(idle.touch(300)).isFalse();
        assertThat(idle.retire(0)).as("retired stays retired").isTrue();
    }

    @Test
    void anAcknowledgedResultIsLetGoButItsRequestStillRunsOnce() throws Exception {
        long salt = salts.current(NOW);
        long id = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, id, 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        Session session = key.session(42);
        assertThat(session.results().bytes()).as("the result is kept for a re-send").isPositive();

        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 2,
                new dev.portrait.tl.mtproto.MsgsAck(List.copyOf(link.resultMsgIds))));
        assertThat(session.results().bytes()).as("acknowledged: let go").isZero();
        processor.onMessage(link, key, message(salt, id, 1, new HelpGetNearestDc()));
        long asked = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, asked, 3, new dev.portrait.tl.mtproto.MsgsStateReq(List.of(id))));
        dev.portrait.tl.mtproto.MsgsStateInfo info = (dev.portrait.tl.mtproto.MsgsStateInfo) link.next();
        assertThat(info.info()).as("still known as answered").containsExactly(4 | 8 | 32);
        assertThat(executed.get()).as("the re-sent msg_id did not run again").isEqualTo(1);
    }

    @Test
    void aWrongSaltGetsBadServerSaltWithTheRightOne() throws Exception {
        long id = clientIds.nextClient();
        processor.onMessage(link, key, message(12345, id, 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        BadServerSalt bad = (BadServerSalt) link.next();
        assertThat(bad.badMsgId()).isEqualTo(id);
        assertThat(bad.errorCode()).isEqualTo(48);
        assertThat(bad.newServerSalt()).isEqualTo(salts.current(NOW));
        assertThat(executed.get()).isZero();
    }

    @Test
    void msgIdsOutsideTheTimeWindowOrWithBadBitsAreRefused() throws Exception {
        long salt = salts.current(NOW);
        long tooOld = (NOW - 400) << 32;
        long tooNew = (NOW + 60) << 32;
        processor.onMessage(link, key, message(salt, tooOld, 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(16);
        processor.onMessage(link, key, message(salt, tooNew, 1, new HelpGetNearestDc()));
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(17);
        processor.onMessage(link, key, message(salt, clientIds.nextClient() | 2, 1, new HelpGetNearestDc()));
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(18);
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 2, new HelpGetNearestDc()));
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(35);
        assertThat(executed.get()).isZero();
    }

    @Test
    void gzipPackedRequestsAndContainersAreUnpacked() throws Exception {
        long salt = salts.current(NOW);
        byte[] request = body(new HelpGetNearestDc());
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(request);
        }
        TlWriter packed = new TlWriter();
        packed.writeInt(TlReader.GZIP_PACKED);
        packed.writeBytes(bos.toByteArray());
        // a container holding the gzip_packed request and a plain one
        long a = clientIds.nextClient();
        long b = clientIds.nextClient();
        long container = clientIds.nextClient();
        TlWriter c = new TlWriter();
        c.writeInt(MsgContainer.CONSTRUCTOR_ID);
        c.writeInt(2);
        for (long[] m : new long[][]{{a, 1}, {b, 3}}) {
            byte[] inner = m[0] == a ? packed.toByteArray() : request;
            c.writeLong(m[0]);
            c.writeInt((int) m[1]);
            c.writeInt(inner.length);
            c.writeRaw(inner);
        }
        processor.onMessage(link, key, new Envelope.Message(salt, 42, container, 4, c.toByteArray(), 0));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        assertThat(executed.get()).isEqualTo(2);
    }

    @Test
    void invokeAfterMsgWaitsForTheEarlierRequest() throws Exception {
        long salt = salts.current(NOW);
        long first = clientIds.nextClient();
        long second = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, first, 1, new HelpGetNearestDc()));
        processor.onMessage(link, key, message(salt, second, 3,
                new dev.portrait.tl.api.InvokeAfterMsg(first, new HelpGetNearestDc())));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        assertThat(executed.get()).isEqualTo(2);
    }

    @Test
    void destroySessionAnswersOkForAnotherLiveSessionAndNoneOtherwise() throws Exception {
        long salt = salts.current(NOW);
        processor.onMessage(link, key, new Envelope.Message(salt, 7, clientIds.nextClient(), 1, body(new HelpGetNearestDc()), 0));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 1, new dev.portrait.tl.mtproto.DestroySession(7)));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new dev.portrait.tl.mtproto.DestroySessionOk(7));
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 3, new dev.portrait.tl.mtproto.DestroySession(7)));
        assertThat(link.next()).isEqualTo(new dev.portrait.tl.mtproto.DestroySessionNone(7));
    }

    @Test
    void largeResultsAreSentGzipPacked() {
        byte[] result = new byte[5000];
        java.util.Arrays.fill(result, (byte) 7);
        byte[] body = MessageProcessor.rpcResult(99, result);
        assertThat(body.length).isLessThan(500);
        TlReader r = new TlReader(body);
        assertThat(r.readInt()).isEqualTo(MsgContainer.RPC_RESULT);
        assertThat(r.readLong()).isEqualTo(99);
        assertThat(r.readInt()).isEqualTo(TlReader.GZIP_PACKED);
        TlReader inner = r.gzipped();
        assertThat(inner.readRaw(inner.remaining())).isEqualTo(result);
        // small results go as they are, and so do file chunks however large
        assertThat(MessageProcessor.rpcResult(99, new byte[]{1, 2, 3, 4})).hasSize(16);
        assertThat(MessageProcessor.rpcResult(99, result, false)).hasSize(12 + result.length);
    }

    @Test
    void msgsStateReqReportsWhatTheServerKnows() throws Exception {
        long salt = salts.current(NOW);
        long known = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, known, 1, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        link.next();
        long unknown = clientIds.nextClient();
        long future = (NOW + 100) << 32;
        long ancient = (NOW - 1000) << 32;
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 3,
                new dev.portrait.tl.mtproto.MsgsStateReq(List.of(known, unknown, future, ancient))));
        dev.portrait.tl.mtproto.MsgsStateInfo info = (dev.portrait.tl.mtproto.MsgsStateInfo) link.next();
        assertThat(info.info()).containsExactly(4 | 8 | 32, 2, 3, 1);
    }

    @Test
    void destroyAuthKeyForgetsTheKey() throws Exception {
        long salt = salts.current(NOW);
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 1, new dev.portrait.tl.mtproto.DestroyAuthKey()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isInstanceOf(dev.portrait.tl.mtproto.DestroyAuthKeyOk.class);
        assertThat(store.authKeys().findAuthKey(key.id())).isEmpty();
    }
    /**
     * Service messages are taken with either seqno parity, as Telegram takes them (docs/decisions.md, M10): TDLib
     * and MadelineProto send them even, Telegram Desktop and mtcute odd. Queries keep the odd rule.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void serviceMessagesAreTakenWithEitherSeqnoParity(boolean odd) throws Exception {
        long salt = salts.current(NOW);
        int[] sent = {0}; // content-related messages sent so far, as a client counts them
        java.util.function.IntSupplier query = () -> 2 * sent[0]++ + 1;
        java.util.function.IntSupplier service = () -> odd ? 2 * sent[0]++ + 1 : 2 * sent[0];
        long first = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, first, query.getAsInt(), new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(link.next()).isEqualTo(new NearestDc("XX", 2, 2));
        List<TlObject> messages = List.of(
                new dev.portrait.tl.mtproto.Ping(1),
                new dev.portrait.tl.mtproto.PingDelayDisconnect(2, 75),
                new dev.portrait.tl.mtproto.GetFutureSalts(2),
                new dev.portrait.tl.mtproto.MsgsStateReq(List.of(first)),
                new dev.portrait.tl.mtproto.MsgResendReq(List.of(first)),
                new dev.portrait.tl.mtproto.RpcDropAnswer(first),
                new dev.portrait.tl.mtproto.DestroySession(99),
                new dev.portrait.tl.mtproto.MsgsAck(List.of(1L << 32)),
                new dev.portrait.tl.mtproto.HttpWait(0, 0, 0),
                new dev.portrait.tl.mtproto.MsgsStateInfo(1L << 32, new byte[]{1}));
        for (TlObject o : messages)
            processor.onMessage(link, key, message(salt, clientIds.nextClient(), service.getAsInt(), o));
        // a gzip_packed ping is judged by the ping inside
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(body(new dev.portrait.tl.mtproto.Ping(3)));
        }
        TlWriter packed = new TlWriter();
        packed.writeInt(TlReader.GZIP_PACKED);
        packed.writeBytes(bos.toByteArray());
        processor.onMessage(link, key, new Envelope.Message(salt, 42, clientIds.nextClient(), service.getAsInt(), packed.toByteArray(), 0));
        long last = clientIds.nextClient();
        processor.onMessage(link, key, message(salt, last, query.getAsInt(), new HelpGetNearestDc()));

        List<TlObject> got = new ArrayList<>();
        int nearest = 0;
        while (nearest < 2) { // the first answer re-sent for msg_resend_req, the last
            TlObject o = link.next();
            got.add(o);
            if (o instanceof NearestDc) nearest++;
        }
        assertThat(got).noneMatch(o -> o instanceof BadMsgNotification);
        assertThat(got).filteredOn(o -> o instanceof dev.portrait.tl.mtproto.Pong).hasSize(3);
        assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOf(dev.portrait.tl.mtproto.FutureSalts.class));
        assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOf(dev.portrait.tl.mtproto.MsgsStateInfo.class));
        assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOf(dev.portrait.tl.mtproto.RpcAnswerDropped.class));
        assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOf(dev.portrait.tl.mtproto.DestroySessionNone.class));
        assertThat(got).noneMatch(o -> o instanceof dev.portrait.tl.mtproto.RpcError);
        assertThat(executed.get()).isEqualTo(2);

        // destroy_auth_key too (TDLib sends it even)
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), service.getAsInt(), new dev.portrait.tl.mtproto.DestroyAuthKey()));
        assertThat(link.next()).isInstanceOf(dev.portrait.tl.mtproto.DestroyAuthKeyOk.class);
    }

    @Test
    void aQueryWithAnEvenSeqnoGetsError35EvenGzipPacked() throws Exception {
        long salt = salts.current(NOW);
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 0, new HelpGetNearestDc()));
        assertThat(link.next()).isInstanceOf(NewSessionCreated.class);
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(35);
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(body(new HelpGetNearestDc()));
        }
        TlWriter packed = new TlWriter();
        packed.writeInt(TlReader.GZIP_PACKED);
        packed.writeBytes(bos.toByteArray());
        processor.onMessage(link, key, new Envelope.Message(salt, 42, clientIds.nextClient(), 0, packed.toByteArray(), 0));
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(35);
        // wrapped (invokeAfterMsg, invokeWithLayer, initConnection, ...) it is still a query
        processor.onMessage(link, key, message(salt, clientIds.nextClient(), 0,
                new dev.portrait.tl.api.InvokeAfterMsg(1L << 32, new HelpGetNearestDc())));
        assertThat(((BadMsgNotification) link.next()).errorCode()).isEqualTo(35);
        assertThat(executed.get()).isZero();
    }
}
