package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.DhGroup;
import dev.portrait.mtproto.crypto.Pq;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.mtproto.crypto.RsaLegacy;
import dev.portrait.mtproto.crypto.RsaPad;
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
import dev.portrait.tl.mtproto.PQInnerDataTempDc;
import dev.portrait.tl.mtproto.ReqDHParams;
import dev.portrait.tl.mtproto.ReqPq;
import dev.portrait.tl.mtproto.ReqPqMulti;
import dev.portrait.tl.mtproto.ResPQ;
import dev.portrait.tl.mtproto.ServerDHInnerData;
import dev.portrait.tl.mtproto.ServerDHParamsOk;
import dev.portrait.tl.mtproto.SetClientDHParams;
import dev.portrait.tl.mtproto.TypePQInnerData;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The server side of the key exchange (core.telegram.org/mtproto/auth_key), one per connection, fed the plain
 * messages in order; not thread-safe. A new req_pq/req_pq_multi starts over at any point, so clients can redo the
 * exchange on the same connection (gramjs does when its key starts with a zero byte) or make a temporary key after
 * a permanent one. req_DH_params may use RSA_PAD or the legacy RSA scheme and any of the four p_q_inner_data
 * constructors. Every check failure is a {@link MtprotoException}, after which the connection should be closed.
 */
public final class ServerHandshake {
    /** dh_gen_retry answers before the exchange is given up (each means a 2^-64 id collision or a taken id). */
    private static final int MAX_RETRIES = 5;
    /** client_DH_inner_data is ~330 bytes encrypted. */
    private static final int MAX_CLIENT_DH_BYTES = 1024;
    /** The docs ask for 0..15 bytes of padding after the hashed data; @mtproto/core sends 16 when none is needed. */
    private static final int MAX_CLIENT_DH_PADDING = 16;

    /**
     * What to answer, and the new key when this answer completes an exchange.
     *
     * @param completed non-null only with dh_gen_ok, once per exchange
     */
    public record Step(TlObject response, AuthKeyCreated completed) {
    }

    private enum State { IDLE, PQ_SENT, DH_PARAMS_SENT }

    /** p_q_inner_data in any of its four forms. */
    private record Inner(byte[] pq, byte[] p, byte[] q, Int128 nonce, Int128 serverNonce, Int256 newNonce,
                         Integer dc, Integer expiresIn) {
        static Inner of(TypePQInnerData d) {
            return switch (d) {
                case PQInnerData i -> new Inner(i.pq(), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce(), null, null);
                case PQInnerDataDc i -> new Inner(i.pq(), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce(), i.dc(), null);
                case PQInnerDataTemp i -> new Inner(i.pq(), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce(), null, i.expiresIn());
                case PQInnerDataTempDc i -> new Inner(i.pq(), i.p(), i.q(), i.nonce(), i.serverNonce(), i.newNonce(), i.dc(), i.expiresIn());
            };
        }
    }

    private final Map<Long, RsaKey> keys = new LinkedHashMap<>();
    private final List<Long> fingerprints;
    private final int dc;
    private final Clock clock;
    private final SecureRandom random;
    private final LongPredicate authKeyIdInUse;

    private State state = State.IDLE;
    private Int128 nonce;
    private Int128 serverNonce;
    private Pq pq;
    private Int256 newNonce;
    private int expiresIn;
    private int clientDc;
    private BigInteger a;
    private byte[][] tmpAesKeyIv;
    private long expectedRetryId;
    private int retries;
    private TlObject lastRequest;
    private TlObject lastResponse;

    /**
     * @param keys           the server's RSA keys; resPQ offers all of them (rotation)
     * @param dc             this server's DC id
     * @param authKeyIdInUse whether an auth_key_id already belongs to a key (the new key must not reuse one)
     */
    public ServerHandshake(List<RsaKey> keys, int dc, Clock clock, SecureRandom random, LongPredicate authKeyIdInUse) {
        if (keys.isEmpty()) throw new IllegalArgumentException("the server needs at least one RSA key");
        for (RsaKey k : keys) this.keys.put(k.fingerprint(), k);
        this.fingerprints = List.copyOf(this.keys.keySet());
        this.dc = dc;
        this.clock = clock;
        this.random = random;
        this.authKeyIdInUse = authKeyIdInUse;
    }

    public Step handle(TlObject request) {
        // the docs: a query repeated with exactly the same parameters (its answer was lost) gets the same answer
        if (lastRequest != null && lastRequest.equals(request)) return new Step(lastResponse, null);
        try {
            Step step = switch (request) {
                case ReqPqMulti r -> resPq(r.nonce());
                case ReqPq r -> resPq(r.nonce());
                case ReqDHParams r -> serverDhParams(r);
                case SetClientDHParams r -> dhGen(r);
                default -> throw new MtprotoException(Reason.UNEXPECTED_MESSAGE, request.tlName() + " during the key exchange");
            };
            lastRequest = request;
            lastResponse = step.response();
            return step;
        } catch (MtprotoException e) {
            reset();
            throw e;
        }
    }

    private Step resPq(Int128 clientNonce) {
        reset();
        nonce = clientNonce;
        serverNonce = new Int128(random.nextLong(), random.nextLong());
        pq = Pq.generate(random);
        state = State.PQ_SENT;
        return new Step(new ResPQ(nonce, serverNonce, pq.pqBytes(), fingerprints), null);
    }

    private Step serverDhParams(ReqDHParams r) {
        expect(State.PQ_SENT, r);
        checkNonces(r.nonce(), r.serverNonce());
        RsaKey key = keys.get(r.publicKeyFingerprint());
        if (key == null) throw new MtprotoException(Reason.UNKNOWN_FINGERPRINT, "no key with fingerprint " + r.publicKeyFingerprint());
        checkPq(r.p(), r.q(), null);

        Inner inner = Inner.of(decryptInnerData(key, r.encryptedData()));
        checkNonces(inner.nonce(), inner.serverNonce());
        checkPq(inner.p(), inner.q(), inner.pq());
        if (inner.expiresIn() != null && inner.expiresIn() <= 0)
            throw new MtprotoException(Reason.BAD_TL, "temporary key with expires_in " + inner.expiresIn());
        newNonce = inner.newNonce();
        expiresIn = inner.expiresIn() == null ? 0 : inner.expiresIn();
        // dc is the client's belief about where it connects; clients differ (test DCs +10000, media DCs negative),
        // so it is reported, not enforced
        clientDc = inner.dc() == null ? dc : inner.dc();

        BigInteger gA;
        do {
            a = DhGroup.randomExponent(random);
            gA = BigInteger.valueOf(DhGroup.G).modPow(a, DhGroup.PRIME);
        } while (!DhGroup.isValidPublic(gA));
        tmpAesKeyIv = HandshakeCrypto.tmpAesKeyIv(serverNonce, newNonce);
        ServerDHInnerData answer = new ServerDHInnerData(nonce, serverNonce, DhGroup.G, DhGroup.primeBytes(),
                Bytes.toUnsigned(gA, 256), (int) clock.instant().getEpochSecond());
        byte[] encrypted = HandshakeCrypto.encryptWithHash(answer, tmpAesKeyIv, random);
        state = State.DH_PARAMS_SENT;
        expectedRetryId = 0;
        retries = 0;
        return new Step(new ServerDHParamsOk(nonce, serverNonce, encrypted), null);
    }

    /**
     * One RSA decryption, then whichever scheme verifies: RSA_PAD (its SHA-256 decides) or legacy RSA (the SHA-1
     * of the TL object that parses at offset 20). A false match has probability 2^-256 or 2^-160.
     */
    private TypePQInnerData decryptInnerData(RsaKey key, byte[] encrypted) {
        if (encrypted.length == 0 || encrypted.length > 256)
            throw new MtprotoException(Reason.RSA_OUT_OF_RANGE, "encrypted_data of " + encrypted.length + " bytes");
        byte[] raw = key.decryptRaw(encrypted);
        byte[] padded = null;
        try {
            padded = RsaPad.unpad(raw);
        } catch (MtprotoException notRsaPad) {
            // fall through to the legacy scheme
        }
        if (padded != null) {
            var p = HandshakeCrypto.parse(padded, 0, padded.length, HandshakeCrypto::readPqInnerData);
            if (p == null) throw new MtprotoException(Reason.BAD_TL, "RSA_PAD data is not a p_q_inner_data");
            return p.value();
        }
        if (raw[0] == 0) {
            byte[] legacy = RsaLegacy.unwrap(raw);
            var p = HandshakeCrypto.parse(legacy, RsaLegacy.DATA_OFFSET, RsaLegacy.MAX_DATA, HandshakeCrypto::readPqInnerData);
            if (p != null && RsaLegacy.verify(legacy, p.length())) return p.value();
        }
        throw new MtprotoException(Reason.RSA_HASH_MISMATCH, "encrypted_data verifies under neither RSA_PAD nor legacy RSA");
    }

    private Step dhGen(SetClientDHParams r) {
        expect(State.DH_PARAMS_SENT, r);
        checkNonces(r.nonce(), r.serverNonce());
        if (r.encryptedData().length > MAX_CLIENT_DH_BYTES)
            throw new MtprotoException(Reason.BAD_LENGTH, "encrypted_data of " + r.encryptedData().length + " bytes");
        ClientDHInnerData inner = HandshakeCrypto.decryptWithHash(r.encryptedData(), tmpAesKeyIv,
                HandshakeCrypto.expect(ClientDHInnerData.CONSTRUCTOR_ID, ClientDHInnerData::readBare), MAX_CLIENT_DH_PADDING);
        checkNonces(inner.nonce(), inner.serverNonce());

        byte[] gBBytes = inner.gB();
        BigInteger gB = Bytes.fromUnsigned(gBBytes);
        AuthKey key = new AuthKey(Bytes.toUnsigned(gB.mod(DhGroup.PRIME).modPow(a, DhGroup.PRIME), 256));
        Int128 n = nonce, sn = serverNonce;
        // A verified message with an unusable g_b or the wrong retry_id: the docs' dh_gen_fail, and start over.
        if (gBBytes.length > 256 || !DhGroup.isValidPublic(gB) || inner.retryId() != expectedRetryId || retries >= MAX_RETRIES) {
            Int256 nn = newNonce;
            reset();
            return new Step(new DhGenFail(n, sn, key.newNonceHash(3, nn)), null);
        }
        // auth_key_id 0 would read as a plain message; an id in use must not be shared: dh_gen_retry, new b
        if (key.id() == 0 || authKeyIdInUse.test(key.id())) {
            retries++;
            expectedRetryId = key.auxHash();
            return new Step(new DhGenRetry(n, sn, key.newNonceHash(2, newNonce)), null);
        }
        AuthKeyCreated created = new AuthKeyCreated(key, HandshakeCrypto.serverSalt(newNonce, serverNonce),
                expiresIn, clientDc, newNonce);
        Step step = new Step(new DhGenOk(n, sn, key.newNonceHash(1, newNonce)), created);
        reset();
        return step;
    }

    private void expect(State s, TlObject request) {
        if (state != s) throw new MtprotoException(Reason.UNEXPECTED_MESSAGE, request.tlName() + " in state " + state);
    }

    private void checkNonces(Int128 n, Int128 sn) {
        if (!nonce.equals(n)) throw new MtprotoException(Reason.NONCE_MISMATCH, "nonce differs");
        if (!serverNonce.equals(sn)) throw new MtprotoException(Reason.NONCE_MISMATCH, "server_nonce differs");
    }

    /** p and q (and pq when given) must be ours; compared as numbers since clients differ in leading zeros. */
    private void checkPq(byte[] p, byte[] q, byte[] innerPq) {
        long gotP = Pq.fromBigEndian(p);
        long gotQ = Pq.fromBigEndian(q);
        // the values go into the message: a client that factors wrongly (seen once in ~3,600 gramjs exchanges) shows how
        if (gotP != pq.p() || gotQ != pq.q())
            throw new MtprotoException(Reason.PQ_MISMATCH, "p=" + gotP + " q=" + gotQ + " are not the factors of pq=" + pq.pq());
        if (innerPq != null && Pq.fromBigEndian(innerPq) != pq.pq())
            throw new MtprotoException(Reason.PQ_MISMATCH, "pq differs from resPQ's");
    }

    private void reset() {
        state = State.IDLE;
        nonce = serverNonce = null;
        pq = null;
        newNonce = null;
        a = null;
        tmpAesKeyIv = null;
        expectedRetryId = 0;
        retries = 0;
        lastRequest = lastResponse = null;
    }
}
