package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.AesIge;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.Hashes;
import dev.portrait.tl.Int128;
import dev.portrait.tl.Int256;
import dev.portrait.tl.TlException;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.mtproto.PQInnerData;
import dev.portrait.tl.mtproto.PQInnerDataDc;
import dev.portrait.tl.mtproto.PQInnerDataTemp;
import dev.portrait.tl.mtproto.PQInnerDataTempDc;
import dev.portrait.tl.mtproto.TypePQInnerData;

import java.util.Random;
import java.util.function.Function;

/** The formulas both sides of the key exchange share. */
final class HandshakeCrypto {
    private HandshakeCrypto() {
    }

    /** An object parsed from a buffer, and how many bytes it took (the SHA-1 of the data covers exactly those). */
    record Parsed<T>(T value, int length) {
    }

    /**
     * tmp_aes_key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0..12];
     * tmp_aes_iv = SHA1(server_nonce + new_nonce)[12..20] + SHA1(new_nonce + new_nonce) + new_nonce[0..4].
     */
    static byte[][] tmpAesKeyIv(Int128 serverNonce, Int256 newNonce) {
        byte[] nn = newNonce.toBytes();
        byte[] sn = serverNonce.toBytes();
        byte[] h1 = Hashes.sha1(nn, sn);
        byte[] h2 = Hashes.sha1(sn, nn);
        byte[] h3 = Hashes.sha1(nn, nn);
        byte[] key = new byte[32];
        System.arraycopy(h1, 0, key, 0, 20);
        System.arraycopy(h2, 0, key, 20, 12);
        byte[] iv = new byte[32];
        System.arraycopy(h2, 12, iv, 0, 8);
        System.arraycopy(h3, 0, iv, 8, 20);
        System.arraycopy(nn, 0, iv, 28, 4);
        return new byte[][]{key, iv};
    }

    /** server_salt = new_nonce[0..8] XOR server_nonce[0..8]. */
    static long serverSalt(Int256 newNonce, Int128 serverNonce) {
        return newNonce.a() ^ serverNonce.lo();
    }

    /** server_DH_params_fail's new_nonce_hash: the lower 128 bits of SHA1(new_nonce). */
    static Int128 failNonceHash(Int256 newNonce) {
        byte[] sha = Hashes.sha1(newNonce.toBytes());
        return new Int128(Bytes.getLongLE(sha, 4), Bytes.getLongLE(sha, 12));
    }

    /** AES-IGE of SHA1(data) + data + 0..15 random bytes (server_DH_inner_data, client_DH_inner_data). */
    static byte[] encryptWithHash(TlObject data, byte[][] keyIv, Random random) {
        TlWriter w = new TlWriter(512);
        w.writeRaw(new byte[20]);
        data.write(w);
        int dataLen = w.size() - 20;
        byte[] pad = new byte[-w.size() & 15];
        random.nextBytes(pad);
        w.writeRaw(pad);
        byte[] plain = w.toByteArray();
        System.arraycopy(Hashes.sha1(plain, 20, dataLen), 0, plain, 0, 20);
        AesIge.encrypt(keyIv[0], keyIv[1], plain, 0, plain.length);
        return plain;
    }

    /**
     * Decrypts what {@link #encryptWithHash} made, parses the object after the hash and checks the hash over the
     * bytes the parse took and that at most {@code maxPadding} bytes follow.
     */
    static <T> T decryptWithHash(byte[] encrypted, byte[][] keyIv, Function<TlReader, T> reader, int maxPadding) {
        if (encrypted.length < 32 || (encrypted.length & 15) != 0)
            throw new MtprotoException(Reason.BAD_LENGTH, "encrypted data of " + encrypted.length + " bytes");
        byte[] plain = AesIge.decrypt(keyIv[0], keyIv[1], encrypted);
        Parsed<T> p = parse(plain, 20, plain.length - 20, reader);
        if (p == null) throw new MtprotoException(Reason.BAD_TL, "encrypted data does not parse");
        int padding = plain.length - 20 - p.length();
        if (padding > maxPadding) throw new MtprotoException(Reason.BAD_PADDING, padding + " bytes after the data");
        if (!Bytes.equal(Hashes.sha1(plain, 20, p.length()), 0, plain, 0, 20))
            throw new MtprotoException(Reason.HASH_MISMATCH, "SHA-1 of the encrypted data does not verify");
        return p.value();
    }

    /** Parses with {@code reader} from {@code buf[off, off+len)}; null when the bytes are not such an object. */
    static <T> Parsed<T> parse(byte[] buf, int off, int len, Function<TlReader, T> reader) {
        try {
            TlReader r = new TlReader(buf, off, len);
            T v = reader.apply(r);
            return new Parsed<>(v, r.position() - off);
        } catch (TlException | MtprotoException e) {
            return null;
        }
    }

    /** Reads one of the four p_q_inner_data constructors (and nothing else: no gzip_packed, no other types). */
    static TypePQInnerData readPqInnerData(TlReader r) {
        int id = r.readInt();
        return switch (id) {
            case PQInnerData.CONSTRUCTOR_ID -> PQInnerData.readBare(r);
            case PQInnerDataDc.CONSTRUCTOR_ID -> PQInnerDataDc.readBare(r);
            case PQInnerDataTemp.CONSTRUCTOR_ID -> PQInnerDataTemp.readBare(r);
            case PQInnerDataTempDc.CONSTRUCTOR_ID -> PQInnerDataTempDc.readBare(r);
            default -> throw new MtprotoException(Reason.BAD_TL, "not a p_q_inner_data: " + Integer.toHexString(id));
        };
    }

    /** A reader of exactly one bare constructor, after checking its id. */
    static <T> Function<TlReader, T> expect(int constructorId, Function<TlReader, T> readBare) {
        return r -> {
            int id = r.readInt();
            if (id != constructorId) throw new MtprotoException(Reason.BAD_TL, "unexpected constructor " + Integer.toHexString(id));
            return readBare.apply(r);
        };
    }
}
