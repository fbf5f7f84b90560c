package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;

import java.security.SecureRandom;

/**
 * The req_DH_params encryption older clients still use (@mtproto/core, some forks): RSA of
 * {@code SHA1(data) + data + random bytes} filling 255 bytes. The hash covers only the data, whose length only the
 * TL parse knows: the server decrypts, parses the TL object at {@link #DATA_OFFSET}, then {@link #verify}s.
 */
public final class RsaLegacy {
    public static final int LENGTH = 255;
    public static final int DATA_OFFSET = 20;
    public static final int MAX_DATA = LENGTH - DATA_OFFSET;

    private RsaLegacy() {
    }

    /** Client side. */
    public static byte[] encrypt(RsaPublicKey key, byte[] data, SecureRandom random) {
        if (data.length > MAX_DATA)
            throw new MtprotoException(Reason.RSA_DATA_TOO_LONG, data.length + " bytes, legacy RSA carries at most " + MAX_DATA);
        byte[] block = new byte[RsaPublicKey.BYTES];
        random.nextBytes(block);
        block[0] = 0; // 255 bytes in a 256-byte block: always below a 2048-bit modulus
        System.arraycopy(Hashes.sha1(data), 0, block, 1, 20);
        System.arraycopy(data, 0, block, 1 + DATA_OFFSET, data.length);
        return key.encryptRaw(block);
    }

    /** Server side: RSA, then {@link #unwrap}. Returns the 255 bytes SHA1(data) + data + padding, unverified. */
    public static byte[] decrypt(RsaKey key, byte[] encrypted) {
        return unwrap(key.decryptRaw(encrypted));
    }

    /** The 255 bytes inside an RSA-decrypted 256-byte block, whose first byte must be zero. */
    public static byte[] unwrap(byte[] decrypted) {
        if (decrypted.length != RsaPublicKey.BYTES || decrypted[0] != 0)
            throw new MtprotoException(Reason.RSA_HASH_MISMATCH, "not a legacy RSA block");
        byte[] out = new byte[LENGTH];
        System.arraycopy(decrypted, 1, out, 0, LENGTH);
        return out;
    }

    /** Whether {@code dataWithHash[0..20]} is the SHA-1 of the {@code dataLength} bytes that follow it. */
    public static boolean verify(byte[] dataWithHash, int dataLength) {
        if (dataLength < 0 || dataLength > dataWithHash.length - DATA_OFFSET) return false;
        byte[] sha = Hashes.sha1(dataWithHash, DATA_OFFSET, dataLength);
        return Bytes.equal(sha, 0, dataWithHash, 0, 20);
    }
}
