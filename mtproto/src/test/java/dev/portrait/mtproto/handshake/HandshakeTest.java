package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.Fixtures;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.PlainMessage;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.DhGroup;
import dev.portrait.mtproto.crypto.Pq;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.mtproto.crypto.RsaLegacy;
import dev.portrait.mtproto.crypto.RsaPad;
import dev.portrait.mtproto.handshake.ClientHandshake.InnerData;
import dev.portrait.mtproto.handshake.ClientHandshake.Options;
import dev.portrait.mtproto.handshake.ClientHandshake.RsaScheme;
import dev.portrait.tl.Int128;
import dev.portrait.tl.Int256;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.mtproto.ClientDHInnerData;
import dev.portrait.tl.mtproto.DhGenFail;
import dev.portrait.tl.mtproto.DhGenOk;
import dev.portrait.tl.mtproto.DhGenRetry;
import dev.portrait.tl.mtproto.PQInnerData;
import dev.portrait.tl.mtproto.PQInnerDataDc;
import dev.portrait.tl.mtproto.PQInnerDataTemp;
import dev.portrait.tl.mtproto.Ping;
import dev.portrait.tl.mtproto.ReqDHParams;
import dev.portrait.tl.mtproto.ReqPq;
import dev.portrait.tl.mtproto.ReqPqMulti;
import dev.portrait.tl.mtproto.ResPQ;
import dev.portrait.tl.mtproto.ServerDHInnerData;
import dev.portrait.tl.mtproto.ServerDHParamsOk;
import dev.portrait.tl.mtproto.SetClientDHParams;
import dev.portrait.tl.mtproto.TypePQInnerData;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Key exchanges between ClientHandshake and ServerHandshake, every message through PlainMessage bytes. */
class HandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RsaKey KEY1 = Fixtures.key1();
    private static final RsaKey KEY2 = Fixtures.key2();
    private static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);
    private static final Clock SERVER_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The client's clock runs 100 s behind the server's. */
    private static final Clock CLIENT_CLOCK = Clock.fixed(NOW.minusSeconds(100), ZoneOffset.UTC);
    private static final int DC = 2;

    private final Set<Long> usedIds = new HashSet<>();

    private record Outcome(ClientHandshake.Result client, AuthKeyCreated server) {
    }

    private ServerHandshake server(LongPredicate inUse) {
        return new ServerHandshake(List.of(KEY1, KEY2), DC, SERVER_CLOCK, RANDOM, inUse);
    }

    private ServerHandshake server() {
        return server(usedIds::contains);
    }

    private static ClientHandshake client(Options o) {
        return new ClientHandshake(List.of(KEY1.publicKey()), o, CLIENT_CLOCK, RANDOM);
    }

    /** What the other side parses from the bytes of a plain message. */
    private static TlObject wire(TlObject o) {
        byte[] packet = PlainMessage.encode(4, o);
        return PlainMessage.decode(packet, 0, packet.length).body();
    }

    private static Outcome run(ServerHandshake server, ClientHandshake client) {
        TlObject request = client.start();
        AuthKeyCreated created = null;
        for (int i = 0; i < 20; i++) {
            ServerHandshake.Step s = server.handle(wire(request));
            if (s.completed() != null) {
                assertThat(created).isNull();
                created = s.completed();
            }
            ClientHandshake.Step c = client.handle(wire(s.response()));
            if (c.completed() != null) return new Outcome(c.completed(), created);
            request = c.request();
        }
        return fail("the exchange did not finish");
    }

    static Stream<Arguments> everyInnerDataAndScheme() {
        List<Arguments> all = new ArrayList<>();
        for (InnerData d : InnerData.values()) for (RsaScheme s : RsaScheme.values()) all.add(Arguments.of(d, s));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyInnerDataAndScheme")
    void completes(InnerData innerData, RsaScheme scheme) {
        boolean temp = innerData == InnerData.PQ_INNER_DATA_TEMP || innerData == InnerData.PQ_INNER_DATA_TEMP_DC;
        boolean hasDc = innerData == InnerData.PQ_INNER_DATA_DC || innerData == InnerData.PQ_INNER_DATA_TEMP_DC;
        Options o = new Options(-DC, temp ? 3600 : 0, innerData, scheme);
        Outcome out = run(server(), client(o));
        assertThat(out.server()).isNotNull();
        assertThat(out.client().key()).isEqualTo(out.server().key());
        assertThat(out.client().key().key()).hasSize(256);
        assertThat(out.client().serverSalt()).isEqualTo(out.server().serverSalt());
        assertThat(out.server().expiresIn()).isEqualTo(temp ? 3600 : 0);
        assertThat(out.client().expiresIn()).isEqualTo(temp ? 3600 : 0);
        assertThat(out.server().temporary()).isEqualTo(temp);
        assertThat(out.server().dc()).isEqualTo(hasDc ? -DC : DC);
        assertThat(out.client().serverTimeOffset()).isEqualTo(100);
        // the salt is new_nonce[0..8] XOR server_nonce[0..8]
        assertThat(out.server().serverSalt() ^ out.server().newNonce().a()).isNotZero();
    }

    @Test
    void keyRotationAnyOfferedKeyWorks() {
        ClientHandshake c = new ClientHandshake(List.of(KEY2.publicKey()), Options.permanent(DC), CLIENT_CLOCK, RANDOM);
        Outcome out = run(server(), c);
        assertThat(out.client().key()).isEqualTo(out.server().key());
    }

    @Test
    void clientWithoutAnyOfferedKeyStops() {
        ServerHandshake s = new ServerHandshake(List.of(KEY2), DC, SERVER_CLOCK, RANDOM, id -> false);
        ClientHandshake c = client(Options.permanent(DC));
        TlObject res = s.handle(wire(c.start())).response();
        assertReason(() -> c.handle(res), Reason.UNKNOWN_FINGERPRINT);
    }

    /** A client redoes the exchange on the same connection (gramjs, after a key with a leading zero byte). */
    @Test
    void secondExchangeOnTheSameConnection() {
        ServerHandshake s = server();
        Outcome first = run(s, client(Options.permanent(DC)));
        Outcome second = run(s, client(Options.temporary(DC, 86400)));
        assertThat(second.client().key()).isEqualTo(second.server().key()).isNotEqualTo(first.server().key());
        assertThat(second.server().expiresIn()).isEqualTo(86400);
        // and starting over in the middle of one
        ClientHandshake abandoned = client(Options.permanent(DC));
        s.handle(wire(abandoned.start()));
        Outcome third = run(s, client(Options.permanent(DC)));
        assertThat(third.client().key()).isEqualTo(third.server().key());
    }

    @Test
    void reqPqWorksToo() {
        ServerHandshake s = server();
        TlObject res = s.handle(new ReqPq(new Int128(5, 6))).response();
        assertThat(res).isInstanceOf(ResPQ.class);
        assertThat(((ResPQ) res).serverPublicKeyFingerprints()).containsExactly(KEY1.fingerprint(), KEY2.fingerprint());
        assertThat(Pq.fromBigEndian(((ResPQ) res).pq())).isPositive();
    }

    /** A taken auth_key_id makes the server answer dh_gen_retry; the client retries with retry_id = aux_hash. */
    @Test
    void retryWhenTheKeyIdIsTaken() {
        List<Long> asked = new ArrayList<>();
        ServerHandshake s = server(id -> {
            asked.add(id);
            return asked.size() == 1; // the first key's id is "taken"
        });
        Outcome out = run(s, client(Options.permanent(DC)));
        assertThat(asked).hasSize(2);
        assertThat(out.server().key().id()).isEqualTo(asked.get(1)).isNotEqualTo(asked.get(0));
        assertThat(out.client().key()).isEqualTo(out.server().key());
    }

    @Test
    void endlessCollisionsEndInDhGenFail() {
        ClientHandshake c = client(Options.permanent(DC));
        ServerHandshake s = server(id -> true);
        assertReason(() -> run(s, c), Reason.KEY_EXCHANGE_FAILED);
    }

    /** The docs: a query repeated exactly (its answer was lost) is answered the same way. */
    @Test
    void identicalRepeatGetsTheSameAnswer() {
        ServerHandshake s = server();
        ClientHandshake c = client(Options.permanent(DC));
        ReqPqMulti req = c.start();
        TlObject res = s.handle(wire(req)).response();
        assertThat(s.handle(wire(req)).response()).isEqualTo(res);
        TlObject dhReq = c.handle(res).request();
        TlObject dhRes = s.handle(wire(dhReq)).response();
        assertThat(s.handle(wire(dhReq)).response()).isEqualTo(dhRes);
        TlObject setReq = c.handle(dhRes).request();
        ServerHandshake.Step ok = s.handle(wire(setReq));
        assertThat(ok.completed()).isNotNull();
        ServerHandshake.Step again = s.handle(wire(setReq));
        assertThat(again.response()).isEqualTo(ok.response());
        assertThat(again.completed()).isNull(); // the key is reported once
        assertThat(c.handle(again.response()).completed().key()).isEqualTo(ok.completed().key());
    }

    // ---- the server's checks ----

    @Test
    void outOfOrderAndForeignMessages() {
        assertReason(() -> server().handle(new SetClientDHParams(new Int128(1, 1), new Int128(2, 2), new byte[32])), Reason.UNEXPECTED_MESSAGE);
        assertReason(() -> server().handle(new ReqDHParams(new Int128(1, 1), new Int128(2, 2), new byte[4], new byte[4], 1, new byte[256])), Reason.UNEXPECTED_MESSAGE);
        assertReason(() -> server().handle(new Ping(1)), Reason.UNEXPECTED_MESSAGE);
        // set_client_DH_params right after resPQ
        ServerHandshake s = server();
        ResPQ res = (ResPQ) s.handle(new ReqPqMulti(new Int128(1, 1))).response();
        assertReason(() -> s.handle(new SetClientDHParams(res.nonce(), res.serverNonce(), new byte[32])), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void reqDhParamsChecks() {
        record Tamper(String what, Reason reason, java.util.function.UnaryOperator<ReqDHParams> change) {
        }
        List<Tamper> tampers = List.of(
                new Tamper("nonce", Reason.NONCE_MISMATCH, r -> new ReqDHParams(new Int128(r.nonce().lo() + 1, r.nonce().hi()), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint(), r.encryptedData())),
                new Tamper("server_nonce", Reason.NONCE_MISMATCH, r -> new ReqDHParams(r.nonce(), new Int128(r.serverNonce().lo(), r.serverNonce().hi() ^ 1), r.p(), r.q(), r.publicKeyFingerprint(), r.encryptedData())),
                new Tamper("fingerprint", Reason.UNKNOWN_FINGERPRINT, r -> new ReqDHParams(r.nonce(), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint() + 1, r.encryptedData())),
                new Tamper("p", Reason.PQ_MISMATCH, r -> new ReqDHParams(r.nonce(), r.serverNonce(), r.q(), r.p(), r.publicKeyFingerprint(), r.encryptedData())),
                new Tamper("data", Reason.RSA_HASH_MISMATCH, r -> {
                    byte[] e = r.encryptedData().clone();
                    e[200] ^= 1;
                    return new ReqDHParams(r.nonce(), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint(), e);
                }),
                new Tamper("data above the modulus", Reason.RSA_OUT_OF_RANGE, r -> new ReqDHParams(r.nonce(), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint(), filled(256, 0xff))),
                new Tamper("data too long", Reason.RSA_OUT_OF_RANGE, r -> new ReqDHParams(r.nonce(), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint(), new byte[257])),
                new Tamper("no data", Reason.RSA_OUT_OF_RANGE, r -> new ReqDHParams(r.nonce(), r.serverNonce(), r.p(), r.q(), r.publicKeyFingerprint(), new byte[0])));
        for (Tamper t : tampers) {
            for (RsaScheme scheme : RsaScheme.values()) {
                ServerHandshake s = server();
                ClientHandshake c = client(Options.permanent(DC).with(scheme));
                ResPQ res = (ResPQ) s.handle(c.start()).response();
                ReqDHParams req = (ReqDHParams) c.handle(res).request();
                assertThatThrownBy(() -> s.handle(t.change().apply(req))).as(t.what() + " " + scheme)
                        .isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(t.reason()));
                // the exchange is over: the state does not accept the genuine request afterwards
                assertReason(() -> s.handle(req), Reason.UNEXPECTED_MESSAGE);
            }
        }
    }

    /** Encrypted inner data that contradicts the request, under both schemes. */
    @Test
    void innerDataChecks() {
        for (boolean legacy : new boolean[]{false, true}) {
            assertInner(legacy, i -> new PQInnerData(i.pq(), i.p(), i.q(), new Int128(9, 9), i.serverNonce(), i.newNonce()), Reason.NONCE_MISMATCH);
            assertInner(legacy, i -> new PQInnerData(i.pq(), i.p(), i.q(), i.nonce(), new Int128(9, 9), i.newNonce()), Reason.NONCE_MISMATCH);
            assertInner(legacy, i -> new PQInnerData(Pq.bigEndian(Pq.fromBigEndian(i.pq()) + 2), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce()), Reason.PQ_MISMATCH);
            assertInner(legacy, i -> new PQInnerData(i.pq(), i.q(), i.p(), i.nonce(), i.serverNonce(), i.newNonce()), Reason.PQ_MISMATCH);
            assertInner(legacy, i -> new PQInnerDataTemp(i.pq(), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce(), 0), Reason.BAD_TL);
            // not a p_q_inner_data at all
            assertInner(legacy, i -> new Ping(5), legacy ? Reason.RSA_HASH_MISMATCH : Reason.BAD_TL);
        }
    }

    /** p, q and pq with leading zero bytes are the same numbers. */
    @Test
    void leadingZerosInPAndQ() {
        ManualClient m = new ManualClient(server());
        PQInnerDataDc inner = new PQInnerDataDc(Bytes.concat(new byte[1], m.pqBytes), Bytes.concat(new byte[3], m.pq.pBytes()),
                Bytes.concat(new byte[4], m.pq.qBytes()), m.nonce, m.serverNonce, m.newNonce, DC);
        assertThat(m.reqDhParams(inner, false, Bytes.concat(new byte[2], m.pq.pBytes()), m.pq.qBytes())).isInstanceOf(ServerDHParamsOk.class);
    }

    @Test
    void gBChecksEndInDhGenFail() {
        BigInteger p = DhGroup.PRIME;
        for (BigInteger gB : List.of(BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE), p, BigInteger.ONE.shiftLeft(1983))) {
            ManualClient m = new ManualClient(server());
            m.dhParamsOk();
            assertThat(m.setClientDh(gB, 0)).as("g_b = %s", gB).isInstanceOf(DhGenFail.class);
        }
    }

    @Test
    void wrongRetryIdEndsInDhGenFail() {
        ManualClient m = new ManualClient(server());
        m.dhParamsOk();
        assertThat(m.setClientDh(m.validGB(), 12345)).isInstanceOf(DhGenFail.class);
        // and the exchange is over
        assertReason(() -> m.setClientDh(m.validGB(), 0), Reason.UNEXPECTED_MESSAGE);
    }

    @Test
    void aValidManualExchangeFinishes() {
        ManualClient m = new ManualClient(server());
        m.dhParamsOk();
        assertThat(m.setClientDh(m.validGB(), 0)).isInstanceOf(DhGenOk.class);
    }

    @Test
    void setClientDhParamsChecks() {
        ManualClient m = new ManualClient(server());
        m.dhParamsOk();
        SetClientDHParams good = m.clientDhParams(m.validGB(), 0);
        byte[] tampered = good.encryptedData().clone();
        tampered[40] ^= 1;
        assertThatThrownBy(() -> m.server.handle(new SetClientDHParams(good.nonce(), good.serverNonce(), tampered)))
                .isInstanceOf(MtprotoException.class);

        ManualClient m2 = new ManualClient(server());
        m2.dhParamsOk();
        SetClientDHParams g2 = m2.clientDhParams(m2.validGB(), 0);
        assertReason(() -> m2.server.handle(new SetClientDHParams(new Int128(0, 0), g2.serverNonce(), g2.encryptedData())), Reason.NONCE_MISMATCH);

        ManualClient m3 = new ManualClient(server());
        m3.dhParamsOk();
        SetClientDHParams g3 = m3.clientDhParams(m3.validGB(), 0);
        assertReason(() -> m3.server.handle(new SetClientDHParams(g3.nonce(), g3.serverNonce(), Arrays.copyOf(g3.encryptedData(), 17))), Reason.BAD_LENGTH);

        // client_DH_inner_data whose inner nonce differs
        ManualClient m4 = new ManualClient(server());
        m4.dhParamsOk();
        ClientDHInnerData inner = new ClientDHInnerData(new Int128(7, 7), m4.serverNonce, 0, Bytes.toUnsigned(m4.validGB(), 256));
        byte[] enc = HandshakeCrypto.encryptWithHash(inner, m4.tmpKeyIv(), RANDOM);
        assertReason(() -> m4.server.handle(new SetClientDHParams(m4.nonce, m4.serverNonce, enc)), Reason.NONCE_MISMATCH);
    }

    /** Random encrypted_data in either encrypted step only ever fails with MtprotoException (or dh_gen_fail). */
    @Property(tries = 150)
    void garbageEncryptedDataOnlyFailsWithMtprotoException(@ForAll @Size(max = 300) byte[] data, @ForAll boolean secondStep) {
        ManualClient m = new ManualClient(server());
        if (!secondStep) {
            try {
                m.server.handle(new ReqDHParams(m.nonce, m.serverNonce, m.pq.pBytes(), m.pq.qBytes(), KEY1.fingerprint(), data));
                fail("accepted garbage");
            } catch (MtprotoException expected) {
                return;
            }
        }
        m.dhParamsOk();
        try {
            assertThat(m.server.handle(new SetClientDHParams(m.nonce, m.serverNonce, data)).response()).isInstanceOf(DhGenFail.class);
        } catch (MtprotoException expected) {
            // fine
        }
    }

    // ---- the client's checks ----

    @Test
    void clientChecksTheServer() {
        // resPQ for another nonce
        ClientHandshake c1 = client(Options.permanent(DC));
        c1.start();
        assertReason(() -> c1.handle(new ResPQ(new Int128(1, 2), new Int128(3, 4), new Pq(3, 5).pqBytes(), List.of(KEY1.fingerprint()))), Reason.NONCE_MISMATCH);

        // a tampered encrypted answer
        ServerHandshake s2 = server();
        ClientHandshake c2 = client(Options.permanent(DC));
        TlObject dh = s2.handle(c2.handle(s2.handle(c2.start()).response()).request()).response();
        ServerDHParamsOk ok = (ServerDHParamsOk) dh;
        byte[] e = ok.encryptedAnswer().clone();
        e[e.length - 40] ^= 1;
        assertThatThrownBy(() -> c2.handle(new ServerDHParamsOk(ok.nonce(), ok.serverNonce(), e))).isInstanceOf(MtprotoException.class);

        // dh_gen_ok with a wrong hash, and a dh_gen_retry with a wrong hash
        for (boolean retry : new boolean[]{false, true}) {
            ServerHandshake s3 = server();
            ClientHandshake c3 = client(Options.permanent(DC));
            TlObject set = c3.handle(s3.handle(c3.handle(s3.handle(c3.start()).response()).request()).response()).request();
            DhGenOk genOk = (DhGenOk) s3.handle(set).response();
            Int128 bad = new Int128(genOk.newNonceHash1().lo() ^ 1, genOk.newNonceHash1().hi());
            TlObject answer = retry ? new DhGenRetry(genOk.nonce(), genOk.serverNonce(), bad) : new DhGenOk(genOk.nonce(), genOk.serverNonce(), bad);
            assertReason(() -> c3.handle(answer), Reason.NEW_NONCE_HASH_MISMATCH);
        }
    }

    /** A server sending g_a outside the safe range is refused (the test reads new_nonce with the server's key). */
    @Test
    void clientChecksGA() {
        ClientHandshake c = client(Options.permanent(DC));
        ServerHandshake s = server();
        ResPQ res = (ResPQ) s.handle(c.start()).response();
        ReqDHParams req = (ReqDHParams) c.handle(res).request();
        TypePQInnerData inner = HandshakeCrypto.readPqInnerData(new dev.portrait.tl.TlReader(RsaPad.decrypt(KEY1, req.encryptedData())));
        Int256 newNonce = ((PQInnerDataDc) inner).newNonce();
        ServerDHInnerData bad = new ServerDHInnerData(res.nonce(), res.serverNonce(), 3, DhGroup.primeBytes(), new byte[]{2},
                (int) NOW.getEpochSecond());
        byte[] enc = HandshakeCrypto.encryptWithHash(bad, HandshakeCrypto.tmpAesKeyIv(res.serverNonce(), newNonce), RANDOM);
        assertReason(() -> c.handle(new ServerDHParamsOk(res.nonce(), res.serverNonce(), enc)), Reason.BAD_DH_PARAMS);
    }

    @Test
    void optionsValidate() {
        assertThatThrownBy(() -> new Options(DC, 0, InnerData.PQ_INNER_DATA_TEMP, RsaScheme.RSA_PAD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Options(DC, 60, InnerData.PQ_INNER_DATA_DC, RsaScheme.RSA_PAD)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    private void assertInner(boolean legacy, java.util.function.Function<PQInnerData, TlObject> change, Reason reason) {
        ManualClient m = new ManualClient(server());
        PQInnerData genuine = new PQInnerData(m.pqBytes, m.pq.pBytes(), m.pq.qBytes(), m.nonce, m.serverNonce, m.newNonce);
        TlObject inner = change.apply(genuine);
        assertThatThrownBy(() -> m.reqDhParams(inner, legacy, m.pq.pBytes(), m.pq.qBytes())).isInstanceOfSatisfying(
                MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** A client whose every message the test writes by hand, to send what ClientHandshake never would. */
    private static final class ManualClient {
        final ServerHandshake server;
        final Int128 nonce = new Int128(RANDOM.nextLong(), RANDOM.nextLong());
        final Int256 newNonce = new Int256(RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong(), RANDOM.nextLong());
        final Int128 serverNonce;
        final byte[] pqBytes;
        final Pq pq;
        BigInteger gA;

        ManualClient(ServerHandshake server) {
            this.server = server;
            ResPQ res = (ResPQ) server.handle(new ReqPqMulti(nonce)).response();
            serverNonce = res.serverNonce();
            pqBytes = res.pq();
            pq = Pq.factorize(Pq.fromBigEndian(pqBytes));
        }

        TlObject reqDhParams(TlObject inner, boolean legacy, byte[] p, byte[] q) {
            byte[] data = inner.toByteArray();
            byte[] enc = legacy ? RsaLegacy.encrypt(KEY1.publicKey(), data, RANDOM) : RsaPad.encrypt(KEY1.publicKey(), data, RANDOM);
            return server.handle(new ReqDHParams(nonce, serverNonce, p, q, KEY1.fingerprint(), enc)).response();
        }

        void dhParamsOk() {
            TlObject r = reqDhParams(new PQInnerData(pqBytes, pq.pBytes(), pq.qBytes(), nonce, serverNonce, newNonce), false,
                    pq.pBytes(), pq.qBytes());
            ServerDHInnerData inner = HandshakeCrypto.decryptWithHash(((ServerDHParamsOk) r).encryptedAnswer(), tmpKeyIv(),
                    HandshakeCrypto.expect(ServerDHInnerData.CONSTRUCTOR_ID, ServerDHInnerData::readBare), 15);
            assertThat(inner.g()).isEqualTo(3);
            assertThat(inner.dhPrime()).isEqualTo(DhGroup.primeBytes());
            assertThat(inner.serverTime()).isEqualTo((int) NOW.getEpochSecond());
            gA = Bytes.fromUnsigned(inner.gA());
            assertThat(DhGroup.isValidPublic(gA)).isTrue();
        }

        byte[][] tmpKeyIv() {
            return HandshakeCrypto.tmpAesKeyIv(serverNonce, newNonce);
        }

        BigInteger validGB() {
            return BigInteger.valueOf(3).modPow(DhGroup.randomExponent(RANDOM), DhGroup.PRIME);
        }

        SetClientDHParams clientDhParams(BigInteger gB, long retryId) {
            ClientDHInnerData inner = new ClientDHInnerData(nonce, serverNonce, retryId, Bytes.toUnsigned(gB));
            return new SetClientDHParams(nonce, serverNonce, HandshakeCrypto.encryptWithHash(inner, tmpKeyIv(), RANDOM));
        }

        TlObject setClientDh(BigInteger gB, long retryId) {
            return server.handle(clientDhParams(gB, retryId)).response();
        }
    }

}
