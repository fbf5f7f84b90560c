package dev.portrait.mtproto.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 and SHA-256 over concatenated parts, the way every MTProto formula writes them. */
public final class Hashes {
    private Hashes() {
    }

    public static MessageDigest sha1() {
        return digest("SHA-1");
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    /** SHA-1 of the concatenation of {@code parts}. */
    public static byte[] sha1(byte[]... parts) {
        MessageDigest md = sha1();
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest md = sha256();
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    /** SHA-1 of {@code b[off, off+len)}. */
    public static byte[] sha1(byte[] b, int off, int len) {
        MessageDigest md = sha1();
        md.update(b, off, len);
        return md.digest();
    }

    /** SHA-256 of {@code b[off, off+len)}. */
    public static byte[] sha256(byte[] b, int off, int len) {
        MessageDigest md = sha256();
        md.update(b, off, len);
        return md.digest();
    }

    /** SHA-256 of {@code a[aOff, aOff+aLen) + b[bOff, bOff+bLen)}. */
    public static byte[] sha256(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        MessageDigest md = sha256();
        md.update(a, aOff, aLen);
        md.update(b, bOff, bLen);
        return md.digest();
    }

    /** SHA-1 of {@code a[aOff, aOff+aLen) + b[bOff, bOff+bLen)}. */
    public static byte[] sha1(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        MessageDigest md = sha1();
        md.update(a, aOff, aLen);
        md.update(b, bOff, bLen);
        return md.digest();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }
}
