package dev.portrait.mtproto.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/** Byte-level helpers shared by the MTProto formulas: little-endian fields, big-endian numbers, XOR. */
public final class Bytes {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    public static long getLongLE(byte[] b, int off) {
        return (long) LE_LONG.get(b, off);
    }

    public static void putLongLE(byte[] b, int off, long v) {
        LE_LONG.set(b, off, v);
    }

    public static int getIntLE(byte[] b, int off) {
        return (int) LE_INT.get(b, off);
    }

    public static void putIntLE(byte[] b, int off, int v) {
        LE_INT.set(b, off, v);
    }

    /** {@code v} as exactly {@code length} big-endian unsigned bytes (left-padded with zeros). */
    public static byte[] toUnsigned(BigInteger v, int length) {
        if (v.signum() < 0 || v.bitLength() > length * 8)
            throw new IllegalArgumentException("value does not fit in " + length + " bytes");
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return out;
    }

    /** {@code v} as its shortest big-endian unsigned bytes (one zero byte for 0). */
    public static byte[] toUnsigned(BigInteger v) {
        return toUnsigned(v, Math.max(1, (v.bitLength() + 7) / 8));
    }

    /** Big-endian unsigned bytes as a non-negative number. */
    public static BigInteger fromUnsigned(byte[] b) {
        return new BigInteger(1, b);
    }

    /** {@code a XOR b}, both of the same length. */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("lengths differ");
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    /** A reversed copy. */
    public static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[b.length - 1 - i];
        return out;
    }

    /** Concatenation of {@code parts}. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Constant-time comparison of {@code a[aOff, aOff+len)} and {@code b[bOff, bOff+len)}. */
    public static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) diff |= a[aOff + i] ^ b[bOff + i];
        return diff == 0;
    }

    /** Constant-time comparison of two whole arrays (lengths are not secret). */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
