package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;

import java.security.SecureRandom;

/**
 * RSA_PAD, the req_DH_params encryption of MTProto 2.0 (core.telegram.org/mtproto/auth_key, 4.1): the data is padded
 * to 192 bytes, reversed, hashed with a random temp_key, AES-IGE encrypted under temp_key, and temp_key travels
 * XORed with the hash of that ciphertext, the whole 256 bytes under RSA.
 */
public final class RsaPad {
    public static final int MAX_DATA = 144;
    public static final int PADDED = 192;
    private static final byte[] ZERO_IV = new byte[32];

    private RsaPad() {
    }

    /** Client side. */
    public static byte[] encrypt(RsaPublicKey key, byte[] data, SecureRandom random) {
        if (data.length > MAX_DATA)
            throw new MtprotoException(Reason.RSA_DATA_TOO_LONG, data.length + " bytes, RSA_PAD carries at most " + MAX_DATA);
        byte[] dataWithPadding = new byte[PADDED];
        random.nextBytes(dataWithPadding);
        System.arraycopy(data, 0, dataWithPadding, 0, data.length);
        byte[] reversed = Bytes.reverse(dataWithPadding);
        while (true) {
            byte[] tempKey = new byte[32];
            random.nextBytes(tempKey);
            byte[] dataWithHash = Bytes.concat(reversed, Hashes.sha256(tempKey, dataWithPadding));
            byte[] aesEncrypted = AesIge.encrypt(tempKey, ZERO_IV, dataWithHash);
            byte[] tempKeyXor = Bytes.xor(tempKey, Hashes.sha256(aesEncrypted));
            byte[] keyAesEncrypted = Bytes.concat(tempKeyXor, aesEncrypted);
            // about 1 in 4 blocks is not below the modulus: the docs say to start over with a new temp_key
            if (key.fits(keyAesEncrypted)) return key.encryptRaw(keyAesEncrypted);
        }
    }

    /** Server side: RSA, then {@link #unpad}. Returns data_with_padding (192 bytes: the TL data, then random bytes). */
    public static byte[] decrypt(RsaKey key, byte[] encrypted) {
        return unpad(key.decryptRaw(encrypted));
    }

    /**
     * Undoes the padding of an RSA-decrypted 256-byte block: recovers temp_key, decrypts, and checks
     * SHA-256(temp_key + data_with_padding). Fails with {@link Reason#RSA_HASH_MISMATCH} otherwise.
     */
    public static byte[] unpad(byte[] keyAesEncrypted) {
        if (keyAesEncrypted.length != RsaPublicKey.BYTES)
            throw new MtprotoException(Reason.RSA_OUT_OF_RANGE, "RSA_PAD block of " + keyAesEncrypted.length + " bytes");
        byte[] aesEncrypted = new byte[224];
        System.arraycopy(keyAesEncrypted, 32, aesEncrypted, 0, 224);
        byte[] aesHash = Hashes.sha256(aesEncrypted);
        byte[] tempKey = new byte[32];
        for (int i = 0; i < 32; i++) tempKey[i] = (byte) (keyAesEncrypted[i] ^ aesHash[i]);
        byte[] dataWithHash = AesIge.decrypt(tempKey, ZERO_IV, aesEncrypted);
        byte[] dataWithPadding = new byte[PADDED];
        for (int i = 0; i < PADDED; i++) dataWithPadding[i] = dataWithHash[PADDED - 1 - i];
        byte[] expected = Hashes.sha256(tempKey, dataWithPadding);
        if (!Bytes.equal(expected, 0, dataWithHash, PADDED, 32))
            throw new MtprotoException(Reason.RSA_HASH_MISMATCH, "RSA_PAD hash does not verify");
        return dataWithPadding;
    }
}
