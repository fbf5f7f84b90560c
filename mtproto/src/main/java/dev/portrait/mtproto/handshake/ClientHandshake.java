package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.DhGroup;
import dev.portrait.mtproto.crypto.Pq;
import dev.portrait.mtproto.crypto.RsaLegacy;
import dev.portrait.mtproto.crypto.RsaPad;
import dev.portrait.mtproto.crypto.RsaPublicKey;
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
import dev.portrait.tl.mtproto.ReqPqMulti;
import dev.portrait.tl.mtproto.ResPQ;
import dev.portrait.tl.mtproto.ServerDHInnerData;
import dev.portrait.tl.mtproto.ServerDHParamsFail;
import dev.portrait.tl.mtproto.ServerDHParamsOk;
import dev.portrait.tl.mtproto.SetClientDHParams;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The client side of the key exchange, for Portrait's own client and tests: {@link #start()} gives req_pq_multi,
 * then each server answer fed to {@link #handle} gives the next request, until dh_gen_ok gives the {@link Result}.
 * Verifies everything a careful client should: nonces, the answer's SHA-1, the DH group, g_a and g_b, and the
 * new_nonce hashes. Not thread-safe.
 */
public final class ClientHandshake {
    /** Which p_q_inner_data constructor to send. */
    public enum InnerData { PQ_INNER_DATA, PQ_INNER_DATA_DC, PQ_INNER_DATA_TEMP, PQ_INNER_DATA_TEMP_DC }

    /** How to encrypt req_DH_params: MTProto 2.0's RSA_PAD or the older SHA-1 + data + padding. */
    public enum RsaScheme { RSA_PAD, LEGACY }

    /** What kind of key to make and how. Temporary inner data needs expiresIn &gt; 0, permanent inner data 0. */
    public record Options(int dc, int expiresIn, InnerData innerData, RsaScheme rsa) {
        public Options {
            boolean temp = innerData == InnerData.PQ_INNER_DATA_TEMP || innerData == InnerData.PQ_INNER_DATA_TEMP_DC;
            if (temp != (expiresIn > 0)) throw new IllegalArgumentException(innerData + " with expires_in " + expiresIn);
        }

        /** A permanent key the modern way: p_q_inner_data_dc under RSA_PAD. */
        public static Options permanent(int dc) {
            return new Options(dc, 0, InnerData.PQ_INNER_DATA_DC, RsaScheme.RSA_PAD);
        }

        /** A temporary key (PFS): p_q_inner_data_temp_dc under RSA_PAD. */
        public static Options temporary(int dc, int expiresIn) {
            return new Options(dc, expiresIn, InnerData.PQ_INNER_DATA_TEMP_DC, RsaScheme.RSA_PAD);
        }

        public Options with(InnerData d) {
            return new Options(dc, expiresIn, d, rsa);
        }

        public Options with(RsaScheme s) {
            return new Options(dc, expiresIn, innerData, s);
        }
    }

    /**
     * @param serverTimeOffset server_time minus the client's clock, in seconds (to correct msg_ids)
     * @param expiresIn        0 for a permanent key
     */
    public record Result(AuthKey key, long serverSalt, int serverTimeOffset, int expiresIn) {
    }

    /** The next request to send, or (with dh_gen_ok) the result. */
    public record Step(TlObject request, Result completed) {
    }

    private enum State { IDLE, PQ_REQUESTED, DH_REQUESTED, DH_SET, DONE }

    private final List<RsaPublicKey> serverKeys;
    private final Options options;
    private final Clock clock;
    private final SecureRandom random;

    private State state = State.IDLE;
    private Int128 nonce;
    private Int128 serverNonce;
    private Int256 newNonce;
    private BigInteger dhPrime;
    private int g;
    private BigInteger gA;
    private byte[][] tmpAesKeyIv;
    private int timeOffset;
    private AuthKey attemptKey;

    public ClientHandshake(List<RsaPublicKey> serverKeys, Options options, Clock clock, SecureRandom random) {
        if (serverKeys.isEmpty()) throw new IllegalArgumentException("no server keys");
        this.serverKeys = List.copyOf(serverKeys);
        this.options = options;
        this.clock = clock;
        this.random = random;
    }

    /** req_pq_multi with a fresh nonce (also to start over). */
    public ReqPqMulti start() {
        nonce = new Int128(random.nextLong(), random.nextLong());
        state = State.PQ_REQUESTED;
        return new ReqPqMulti(nonce);
    }

    public Step handle(TlObject response) {
        return switch (state) {
            case PQ_REQUESTED -> new Step(onResPq(as(ResPQ.class, response)), null);
            case DH_REQUESTED -> new Step(onServerDhParams(response), null);
            case DH_SET -> onDhGen(response);
            case IDLE, DONE -> throw new MtprotoException(Reason.UNEXPECTED_MESSAGE, response.tlName() + " in state " + state);
        };
    }

    private ReqDHParams onResPq(ResPQ res) {
        if (!nonce.equals(res.nonce())) throw new MtprotoException(Reason.NONCE_MISMATCH, "resPQ nonce differs");
        RsaPublicKey key = null;
        long fingerprint = 0;
        for (long fp : res.serverPublicKeyFingerprints()) {
            for (RsaPublicKey k : serverKeys) {
                if (key == null && k.fingerprint() == fp) {
                    key = k;
                    fingerprint = fp;
                }
            }
        }
        if (key == null) throw new MtprotoException(Reason.UNKNOWN_FINGERPRINT, "the server offers none of our keys");
        long pqValue = Pq.fromBigEndian(res.pq());
        Pq pq;
        try {
            pq = Pq.factorize(pqValue);
        } catch (IllegalArgumentException e) {
            throw new MtprotoException(Reason.PQ_MISMATCH, "cannot factor pq: " + e.getMessage(), e);
        }
        serverNonce = res.serverNonce();
        byte[] nn = new byte[32];
        random.nextBytes(nn);
        newNonce = Int256.fromBytes(nn);
        byte[] p = pq.pBytes(), q = pq.qBytes(), pqBytes = res.pq();
        TlObject inner = switch (options.innerData()) {
            case PQ_INNER_DATA -> new PQInnerData(pqBytes, p, q, nonce, serverNonce, newNonce);
            case PQ_INNER_DATA_DC -> new PQInnerDataDc(pqBytes, p, q, nonce, serverNonce, newNonce, options.dc());
            case PQ_INNER_DATA_TEMP -> new PQInnerDataTemp(pqBytes, p, q, nonce, serverNonce, newNonce, options.expiresIn());
            case PQ_INNER_DATA_TEMP_DC ->
                    new PQInnerDataTempDc(pqBytes, p, q, nonce, serverNonce, newNonce, options.dc(), options.expiresIn());
        };
        byte[] data = inner.toByteArray();
        byte[] encrypted = options.rsa() == RsaScheme.RSA_PAD
                ? RsaPad.encrypt(key, data, random)
                : RsaLegacy.encrypt(key, data, random);
        state = State.DH_REQUESTED;
        return new ReqDHParams(nonce, serverNonce, p, q, fingerprint, encrypted);
    }

    private SetClientDHParams onServerDhParams(TlObject response) {
        if (response instanceof ServerDHParamsFail fail) {
            checkNonces(fail.nonce(), fail.serverNonce());
            if (!HandshakeCrypto.failNonceHash(newNonce).equals(fail.newNonceHash()))
                throw new MtprotoException(Reason.NEW_NONCE_HASH_MISMATCH, "server_DH_params_fail hash differs");
            throw new MtprotoException(Reason.KEY_EXCHANGE_FAILED, "server_DH_params_fail");
        }
        ServerDHParamsOk ok = as(ServerDHParamsOk.class, response);
        checkNonces(ok.nonce(), ok.serverNonce());
        tmpAesKeyIv = HandshakeCrypto.tmpAesKeyIv(serverNonce, newNonce);
        ServerDHInnerData inner = HandshakeCrypto.decryptWithHash(ok.encryptedAnswer(), tmpAesKeyIv,
                HandshakeCrypto.expect(ServerDHInnerData.CONSTRUCTOR_ID, ServerDHInnerData::readBare), 15);
        checkNonces(inner.nonce(), inner.serverNonce());
        dhPrime = Bytes.fromUnsigned(inner.dhPrime());
        g = inner.g();
        DhGroup.checkGroup(dhPrime, g);
        gA = Bytes.fromUnsigned(inner.gA());
        if (inner.gA().length > 256 || !DhGroup.isValidPublic(gA, dhPrime))
            throw new MtprotoException(Reason.BAD_DH_PARAMS, "g_a out of range");
        timeOffset = (int) (inner.serverTime() - clock.instant().getEpochSecond());
        state = State.DH_SET;
        return clientDhParams(0);
    }

    /** A new b, g_b = g^b and the key g_a^b, sent as client_DH_inner_data. */
    private SetClientDHParams clientDhParams(long retryId) {
        BigInteger gB, b;
        do {
            b = DhGroup.randomExponent(random);
            gB = BigInteger.valueOf(g).modPow(b, dhPrime);
        } while (!DhGroup.isValidPublic(gB, dhPrime));
        attemptKey = new AuthKey(Bytes.toUnsigned(gA.modPow(b, dhPrime), 256));
        ClientDHInnerData inner = new ClientDHInnerData(nonce, serverNonce, retryId, Bytes.toUnsigned(gB, 256));
        return new SetClientDHParams(nonce, serverNonce, HandshakeCrypto.encryptWithHash(inner, tmpAesKeyIv, random));
    }

    private Step onDhGen(TlObject response) {
        switch (response) {
            case DhGenOk ok -> {
                checkNonces(ok.nonce(), ok.serverNonce());
                checkHash(ok.newNonceHash1(), 1);
                state = State.DONE;
                return new Step(null, new Result(attemptKey, HandshakeCrypto.serverSalt(newNonce, serverNonce),
                        timeOffset, options.expiresIn()));
            }
            case DhGenRetry retry -> {
                checkNonces(retry.nonce(), retry.serverNonce());
                checkHash(retry.newNonceHash2(), 2);
                return new Step(clientDhParams(attemptKey.auxHash()), null);
            }
            case DhGenFail fail -> {
                checkNonces(fail.nonce(), fail.serverNonce());
                checkHash(fail.newNonceHash3(), 3);
                throw new MtprotoException(Reason.KEY_EXCHANGE_FAILED, "dh_gen_fail");
            }
            default -> throw new MtprotoException(Reason.UNEXPECTED_MESSAGE, response.tlName() + " instead of dh_gen_*");
        }
    }

    private void checkHash(Int128 got, int n) {
        if (!attemptKey.newNonceHash(n, newNonce).equals(got))
            throw new MtprotoException(Reason.NEW_NONCE_HASH_MISMATCH, "new_nonce_hash" + n + " differs");
    }

    private void checkNonces(Int128 n, Int128 sn) {
        if (!nonce.equals(n)) throw new MtprotoException(Reason.NONCE_MISMATCH, "nonce differs");
        if (!serverNonce.equals(sn)) throw new MtprotoException(Reason.NONCE_MISMATCH, "server_nonce differs");
    }

    private static <T> T as(Class<T> type, TlObject o) {
        if (!type.isInstance(o)) throw new MtprotoException(Reason.UNEXPECTED_MESSAGE, "expected " + type.getSimpleName() + ", got " + o.tlName());
        return type.cast(o);
    }
}
