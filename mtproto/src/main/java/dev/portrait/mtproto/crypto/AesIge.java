package dev.portrait.mtproto.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * AES-256 in IGE mode, MTProto's cipher. The 32-byte IV is Telegram's: bytes 0..16 stand for the ciphertext block
 * before the first one, bytes 16..32 for the plaintext block before the first one. Thread-safe; lengths must be
 * multiples of 16. Source and destination may be the same range of one array, but must not partly overlap.
 *
 * <p>IGE is {@code y_i = E(x_i ^ y_{i-1}) ^ x_{i-1}}. Encryption runs as one CBC pass over
 * {@code x_i ^ x_{i-2}} (the CBC chain then carries exactly {@code E}'s raw output), which lets the JDK's AES-NI CBC
 * loop do the work. Decryption is inherently serial in the plaintext, so it runs block by block over ECB.
 */
public final class AesIge {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final CipherPool ECB = new CipherPool("AES/ECB/NoPadding");
    private static final CipherPool CBC = new CipherPool("AES/CBC/NoPadding");
    /** Encryption works through a scratch buffer of at most this many bytes at a time. */
    private static final int CHUNK = 16 * 1024;

    private AesIge() {
    }

    public static void encrypt(byte[] key, byte[] iv, byte[] data, int off, int len) {
        encrypt(key, iv, data, off, data, off, len);
    }

    public static void decrypt(byte[] key, byte[] iv, byte[] data, int off, int len) {
        decrypt(key, iv, data, off, data, off, len);
    }

    /** Encrypts a copy of {@code data}. */
    public static byte[] encrypt(byte[] key, byte[] iv, byte[] data) {
        byte[] out = new byte[data.length];
        encrypt(key, iv, data, 0, out, 0, data.length);
        return out;
    }

    /** Decrypts a copy of {@code data}. */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] data) {
        byte[] out = new byte[data.length];
        decrypt(key, iv, data, 0, out, 0, data.length);
        return out;
    }

    public static void encrypt(byte[] key, byte[] iv, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        if (key.length != 32) throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        encryptAnyKey(key, iv, src, srcOff, dst, dstOff, len);
    }

    public static void decrypt(byte[] key, byte[] iv, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        if (key.length != 32) throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        decryptAnyKey(key, iv, src, srcOff, dst, dstOff, len);
    }

    /** IGE over AES with any key size; the published IGE test vectors (OpenSSL's) use AES-128. */
    static void encryptAnyKey(byte[] key, byte[] iv, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        check(iv, src, srcOff, dst, dstOff, len);
        if (len == 0) return;
        // x_{i-1} and x_{i-2}, starting with the IV's plaintext half and (unused for i=1) nothing
        long xPrev0 = (long) LONG.get(iv, 16), xPrev1 = (long) LONG.get(iv, 24);
        long xPrev20 = 0, xPrev21 = 0;
        byte[] scratch = new byte[Math.min(len, CHUNK)];
        Cipher cbc = CBC.take();
        try {
            // The CBC IV is the ciphertext half of the IGE IV, so c_1 = E(x_1 ^ y_0).
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv, 0, 16));
            boolean first = true;
            for (int done = 0; done < len; done += scratch.length) {
                int n = Math.min(scratch.length, len - done);
                int s = srcOff + done;
                // p'_1 = x_1; p'_i = x_i ^ x_{i-2}
                long a0 = xPrev20, a1 = xPrev21, b0 = xPrev0, b1 = xPrev1;
                for (int i = 0; i < n; i += 16) {
                    long x0 = (long) LONG.get(src, s + i), x1 = (long) LONG.get(src, s + i + 8);
                    if (first) {
                        LONG.set(scratch, i, x0);
                        LONG.set(scratch, i + 8, x1);
                        first = false;
                    } else {
                        LONG.set(scratch, i, x0 ^ a0);
                        LONG.set(scratch, i + 8, x1 ^ a1);
                    }
                    a0 = b0;
                    a1 = b1;
                    b0 = x0;
                    b1 = x1;
                }
                cbc.update(scratch, 0, n, scratch, 0);
                // y_i = c_i ^ x_{i-1}; read x_i before writing y_i, the ranges may be the same
                int d = dstOff + done;
                for (int i = 0; i < n; i += 16) {
                    long x0 = (long) LONG.get(src, s + i), x1 = (long) LONG.get(src, s + i + 8);
                    LONG.set(dst, d + i, (long) LONG.get(scratch, i) ^ xPrev0);
                    LONG.set(dst, d + i + 8, (long) LONG.get(scratch, i + 8) ^ xPrev1);
                    xPrev20 = xPrev0;
                    xPrev21 = xPrev1;
                    xPrev0 = x0;
                    xPrev1 = x1;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed", e);
        } finally {
            CBC.give(cbc);
        }
    }

    static void decryptAnyKey(byte[] key, byte[] iv, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        check(iv, src, srcOff, dst, dstOff, len);
        if (len == 0) return;
        long yPrev0 = (long) LONG.get(iv, 0), yPrev1 = (long) LONG.get(iv, 8);
        long xPrev0 = (long) LONG.get(iv, 16), xPrev1 = (long) LONG.get(iv, 24);
        byte[] block = new byte[16];
        Cipher ecb = ECB.take();
        try {
            ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            for (int i = 0; i < len; i += 16) {
                long y0 = (long) LONG.get(src, srcOff + i), y1 = (long) LONG.get(src, srcOff + i + 8);
                LONG.set(block, 0, y0 ^ xPrev0);
                LONG.set(block, 8, y1 ^ xPrev1);
                ecb.update(block, 0, 16, block, 0);
                xPrev0 = (long) LONG.get(block, 0) ^ yPrev0;
                xPrev1 = (long) LONG.get(block, 8) ^ yPrev1;
                LONG.set(dst, dstOff + i, xPrev0);
                LONG.set(dst, dstOff + i + 8, xPrev1);
                yPrev0 = y0;
                yPrev1 = y1;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed", e);
        } finally {
            ECB.give(ecb);
        }
    }

    private static void check(byte[] iv, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        if (iv.length != 32) throw new IllegalArgumentException("IGE needs a 32-byte IV");
        if ((len & 15) != 0) throw new IllegalArgumentException("length " + len + " is not a multiple of 16");
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
    }
}
