package dev.portrait.mtproto;

import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.AesIge;
import dev.portrait.mtproto.crypto.Bytes;

import java.security.MessageDigest;
import java.util.Objects;
import java.util.Random;

/**
 * MTProto 2.0 encrypted messages (core.telegram.org/mtproto/description):
 * {@code auth_key_id (8) | msg_key (16) | AES-IGE(salt | session_id | msg_id | seq_no | length | data | padding)}.
 * x = 0 for client-to-server messages and 8 for server-to-client ones selects which parts of the key are used.
 */
public final class Envelope {
    /** auth_key_id + msg_key. */
    public static final int OUTER_HEADER = 24;
    /** salt, session_id, msg_id, seq_no, message_data_length. */
    public static final int INNER_HEADER = 32;
    public static final int MIN_PADDING = 12;
    public static final int MAX_PADDING = 1024;

    private Envelope() {
    }

    /**
     * A decrypted message.
     *
     * @param quickAckToken what a quick ack of this message returns: the first 32 bits of msg_key_large
     *                      (little-endian) with the top bit set
     */
    public record Message(long salt, long sessionId, long msgId, int seqNo, byte[] body, int quickAckToken) {
    }

    /** The auth_key_id a packet starts with (0 for plain messages). */
    public static long authKeyId(byte[] packet, int off) {
        Objects.checkFromIndexSize(off, 8, packet.length);
        return Bytes.getLongLE(packet, off);
    }

    public static byte[] encrypt(AuthKey key, boolean fromServer, long salt, long sessionId, long msgId, int seqNo,
                                 byte[] body, int off, int len, Random random) {
        Objects.checkFromIndexSize(off, len, body.length);
        int x = fromServer ? 8 : 0;
        int unpadded = INNER_HEADER + len;
        // 12..27 bytes reach the next block; a few random extra blocks blur the length a little
        int padding = MIN_PADDING + (-(unpadded + MIN_PADDING) & 15) + 16 * random.nextInt(4);
        int plainLen = unpadded + padding;
        byte[] out = new byte[OUTER_HEADER + plainLen];
        int p = OUTER_HEADER;
        Bytes.putLongLE(out, p, salt);
        Bytes.putLongLE(out, p + 8, sessionId);
        Bytes.putLongLE(out, p + 16, msgId);
        Bytes.putIntLE(out, p + 24, seqNo);
        Bytes.putIntLE(out, p + 28, len);
        System.arraycopy(body, off, out, p + INNER_HEADER, len);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, out, p + unpadded, padding);

        byte[] k = key.bytes();
        byte[] msgKeyLarge = msgKeyLarge(k, x, out, p, plainLen);
        Bytes.putLongLE(out, 0, key.id());
        System.arraycopy(msgKeyLarge, 8, out, 8, 16);
        byte[][] keyIv = aesKeyIv(k, x, out, 8);
        AesIge.encrypt(keyIv[0], keyIv[1], out, p, plainLen);
        return out;
    }

    /**
     * Decrypts and checks a packet: the key id, the length (a whole number of blocks), msg_key against the
     * plaintext (in constant time), message_data_length and 12..1024 bytes of padding. session_id, salt, msg_id and
     * seq_no are the caller's to check. Any failure is a {@link MtprotoException}.
     */
    public static Message decrypt(AuthKey key, boolean fromServer, byte[] packet, int off, int len) {
        Objects.checkFromIndexSize(off, len, packet.length);
        int plainLen = len - OUTER_HEADER;
        if (plainLen < INNER_HEADER + MIN_PADDING)
            throw new MtprotoException(Reason.BAD_LENGTH, "encrypted message of " + len + " bytes");
        if ((plainLen & 15) != 0)
            throw new MtprotoException(Reason.BAD_LENGTH, "encrypted data of " + plainLen + " bytes is not whole blocks");
        if (Bytes.getLongLE(packet, off) != key.id())
            throw new MtprotoException(Reason.AUTH_KEY_ID_MISMATCH, "message for another auth key");
        int x = fromServer ? 8 : 0;
        byte[] k = key.bytes();
        byte[][] keyIv = aesKeyIv(k, x, packet, off + 8);
        byte[] plain = new byte[plainLen];
        AesIge.decrypt(keyIv[0], keyIv[1], packet, off + OUTER_HEADER, plain, 0, plainLen);
        byte[] msgKeyLarge = msgKeyLarge(k, x, plain, 0, plainLen);
        // msg_key first, before any field of the plaintext is looked at
        if (!Bytes.equal(msgKeyLarge, 8, packet, off + 8, 16))
            throw new MtprotoException(Reason.MSG_KEY_MISMATCH, "msg_key does not match");
        int length = Bytes.getIntLE(plain, 28);
        if (length < 0 || length > plainLen - INNER_HEADER - MIN_PADDING)
            throw new MtprotoException(Reason.BAD_LENGTH, "message_data_length " + length + " in " + plainLen + " bytes");
        int padding = plainLen - INNER_HEADER - length;
        if (padding > MAX_PADDING) throw new MtprotoException(Reason.BAD_PADDING, padding + " bytes of padding");
        byte[] body = new byte[length];
        System.arraycopy(plain, INNER_HEADER, body, 0, length);
        int quickAck = Bytes.getIntLE(msgKeyLarge, 0) | 0x80000000;
        return new Message(Bytes.getLongLE(plain, 0), Bytes.getLongLE(plain, 8), Bytes.getLongLE(plain, 16),
                Bytes.getIntLE(plain, 24), body, quickAck);
    }

    /** msg_key_large = SHA256(substr(auth_key, 88+x, 32) + plaintext); msg_key is its bytes 8..24. */
    private static byte[] msgKeyLarge(byte[] authKey, int x, byte[] plain, int off, int len) {
        MessageDigest md = sha256();
        md.update(authKey, 88 + x, 32);
        md.update(plain, off, len);
        return md.digest();
    }

    /**
     * sha256_a = SHA256(msg_key + substr(auth_key, x, 36)); sha256_b = SHA256(substr(auth_key, 40+x, 36) + msg_key);
     * aes_key = a[0..8] + b[8..24] + a[24..32]; aes_iv = b[0..8] + a[8..24] + b[24..32].
     */
    private static byte[][] aesKeyIv(byte[] authKey, int x, byte[] msgKey, int msgKeyOff) {
        MessageDigest md = sha256();
        md.update(msgKey, msgKeyOff, 16);
        md.update(authKey, x, 36);
        byte[] a = md.digest();
        md.update(authKey, 40 + x, 36);
        md.update(msgKey, msgKeyOff, 16);
        byte[] b = md.digest();
        byte[] aesKey = new byte[32];
        System.arraycopy(a, 0, aesKey, 0, 8);
        System.arraycopy(b, 8, aesKey, 8, 16);
        System.arraycopy(a, 24, aesKey, 24, 8);
        byte[] aesIv = new byte[32];
        System.arraycopy(b, 0, aesIv, 0, 8);
        System.arraycopy(a, 8, aesIv, 8, 16);
        System.arraycopy(b, 24, aesIv, 24, 8);
        return new byte[][]{aesKey, aesIv};
    }

    private static MessageDigest sha256() {
        return dev.portrait.mtproto.crypto.Hashes.sha256();
    }
}
