package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.AesIge;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.Hashes;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.mtproto.BindAuthKeyInner;

import java.security.SecureRandom;

/**
 * The encrypted_message of auth.bindTempAuthKey (core.telegram.org/mtproto/auth_key, Perfect Forward Secrecy): a
 * bind_auth_key_inner encrypted MTProto 1.0-style with the permanent key, proving the client holds both keys.
 * Layout: {@code perm_auth_key_id | msg_key | AES-IGE(random int128 | msg_id | seqno 0 | length | inner | 0..15 padding)}
 * with msg_key the lower 128 bits of SHA-1 of the unpadded plaintext.
 */
public final class BindTempAuthKey {
    private static final int HEADER = 32;
    private static final int MAX_MESSAGE = 1024;

    private BindTempAuthKey() {
    }

    /** Client side. {@code msgId} is the msg_id the auth.bindTempAuthKey request itself will carry. */
    public static byte[] encrypt(AuthKey perm, AuthKey temp, long nonce, long tempSessionId, int expiresAt, long msgId,
                                 SecureRandom random) {
        TlWriter w = new TlWriter(128);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        w.writeRaw(salt);
        w.writeLong(msgId);
        w.writeInt(0);
        w.writeInt(0);
        new BindAuthKeyInner(nonce, temp.id(), perm.id(), tempSessionId, expiresAt).write(w);
        int unpadded = w.size();
        byte[] pad = new byte[-unpadded & 15];
        random.nextBytes(pad);
        w.writeRaw(pad);
        byte[] plain = w.toByteArray();
        Bytes.putIntLE(plain, 28, unpadded - HEADER);
        byte[] msgKey = msgKey(plain, unpadded);
        byte[][] keyIv = keyIv(perm.key(), msgKey);
        AesIge.encrypt(keyIv[0], keyIv[1], plain, 0, plain.length);
        byte[] out = new byte[24 + plain.length];
        Bytes.putLongLE(out, 0, perm.id());
        System.arraycopy(msgKey, 0, out, 8, 16);
        System.arraycopy(plain, 0, out, 24, plain.length);
        return out;
    }

    /**
     * Server side: decrypts with the permanent key, checks msg_key, the header (msg_id of the request, seqno 0,
     * length and padding) and that the inner object binds exactly this request's keys, session, nonce and
     * expires_at. Returns the inner object; any mismatch is a {@link MtprotoException}.
     */
    public static BindAuthKeyInner verify(AuthKey perm, byte[] encryptedMessage, long expectedMsgId, long tempKeyId,
                                          long tempSessionId, long nonce, int expiresAt) {
        int len = encryptedMessage.length;
        if (len < 24 + HEADER + 16 || len > MAX_MESSAGE || ((len - 24) & 15) != 0)
            throw new MtprotoException(Reason.BAD_LENGTH, "encrypted_message of " + len + " bytes");
        if (Bytes.getLongLE(encryptedMessage, 0) != perm.id())
            throw new MtprotoException(Reason.AUTH_KEY_ID_MISMATCH, "encrypted_message is not under the permanent key");
        byte[] msgKey = new byte[16];
        System.arraycopy(encryptedMessage, 8, msgKey, 0, 16);
        byte[][] keyIv = keyIv(perm.key(), msgKey);
        byte[] plain = new byte[len - 24];
        AesIge.decrypt(keyIv[0], keyIv[1], encryptedMessage, 24, plain, 0, plain.length);
        int length = Bytes.getIntLE(plain, 28);
        if (length < 0 || length > plain.length - HEADER || plain.length - HEADER - length > 15)
            throw new MtprotoException(Reason.BAD_LENGTH, "message_data_length " + length + " in " + plain.length + " bytes");
        if (!Bytes.equal(msgKey(plain, HEADER + length), 0, msgKey, 0, 16))
            throw new MtprotoException(Reason.MSG_KEY_MISMATCH, "msg_key does not match");
        if (Bytes.getLongLE(plain, 16) != expectedMsgId)
            throw new MtprotoException(Reason.BIND_MISMATCH, "msg_id differs from the request's");
        if (Bytes.getIntLE(plain, 24) != 0) throw new MtprotoException(Reason.BIND_MISMATCH, "seqno is not 0");
        var parsed = HandshakeCrypto.parse(plain, HEADER, length,
                HandshakeCrypto.expect(BindAuthKeyInner.CONSTRUCTOR_ID, BindAuthKeyInner::readBare));
        if (parsed == null || parsed.length() != length)
            throw new MtprotoException(Reason.BAD_TL, "not a bind_auth_key_inner");
        BindAuthKeyInner inner = parsed.value();
        if (inner.nonce() != nonce) throw new MtprotoException(Reason.BIND_MISMATCH, "nonce differs");
        if (inner.tempAuthKeyId() != tempKeyId) throw new MtprotoException(Reason.BIND_MISMATCH, "temp_auth_key_id differs");
        if (inner.permAuthKeyId() != perm.id()) throw new MtprotoException(Reason.BIND_MISMATCH, "perm_auth_key_id differs");
        if (inner.tempSessionId() != tempSessionId) throw new MtprotoException(Reason.BIND_MISMATCH, "temp_session_id differs");
        if (inner.expiresAt() != expiresAt) throw new MtprotoException(Reason.BIND_MISMATCH, "expires_at differs");
        return inner;
    }

    /** MTProto 1.0 msg_key: the lower 128 bits of SHA-1 of the plaintext without padding. */
    private static byte[] msgKey(byte[] plain, int unpadded) {
        byte[] sha = Hashes.sha1(plain, 0, unpadded);
        byte[] k = new byte[16];
        System.arraycopy(sha, 4, k, 0, 16);
        return k;
    }

    /** MTProto 1.0 key derivation, client-to-server (x = 0). */
    private static byte[][] keyIv(byte[] authKey, byte[] msgKey) {
        byte[] a = Hashes.sha1(msgKey, slice(authKey, 0, 32));
        byte[] b = Hashes.sha1(slice(authKey, 32, 16), msgKey, slice(authKey, 48, 16));
        byte[] c = Hashes.sha1(slice(authKey, 64, 32), msgKey);
        byte[] d = Hashes.sha1(msgKey, slice(authKey, 96, 32));
        byte[] key = Bytes.concat(slice(a, 0, 8), slice(b, 8, 12), slice(c, 4, 12));
        byte[] iv = Bytes.concat(slice(a, 8, 12), slice(b, 0, 8), slice(c, 16, 4), slice(d, 0, 8));
        return new byte[][]{key, iv};
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }
}
