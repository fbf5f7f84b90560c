package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.tl.TlWriter;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Objects;

/** A server's RSA public key as clients know it: modulus, exponent and Telegram's fingerprint. */
public final class RsaPublicKey {
    /** MTProto's RSA blocks are 256 bytes: only 2048-bit keys fit the schemes. */
    public static final int BYTES = 256;

    private final BigInteger modulus;
    private final BigInteger exponent;
    private final long fingerprint;

    public RsaPublicKey(BigInteger modulus, BigInteger exponent) {
        if (modulus.bitLength() != 2048) throw new IllegalArgumentException("MTProto needs a 2048-bit RSA modulus");
        if (exponent.signum() <= 0) throw new IllegalArgumentException("bad RSA exponent");
        this.modulus = modulus;
        this.exponent = exponent;
        this.fingerprint = fingerprint(modulus, exponent);
    }

    /**
     * Telegram's key fingerprint: SHA-1 of the TL {@code bytes} of n and e (big-endian, unsigned), whose last 8 bytes
     * read as a little-endian long.
     */
    public static long fingerprint(BigInteger modulus, BigInteger exponent) {
        TlWriter w = new TlWriter(300);
        w.writeBytes(Bytes.toUnsigned(modulus));
        w.writeBytes(Bytes.toUnsigned(exponent));
        byte[] sha = Hashes.sha1(w.array(), 0, w.size());
        return Bytes.getLongLE(sha, 12);
    }

    /** Reads {@code -----BEGIN RSA PUBLIC KEY-----} (PKCS#1) or {@code -----BEGIN PUBLIC KEY-----} (X.509). */
    public static RsaPublicKey fromPem(String pem) {
        try {
            byte[] pkcs1 = Der.fromPem(pem, "RSA PUBLIC KEY");
            if (pkcs1 != null) {
                List<BigInteger> ints = Der.readIntegerSequence(pkcs1);
                if (ints.size() != 2) throw new IllegalArgumentException("an RSA public key has 2 integers");
                return new RsaPublicKey(ints.get(0), ints.get(1));
            }
            byte[] x509 = Der.fromPem(pem, "PUBLIC KEY");
            if (x509 == null) throw new IllegalArgumentException("no RSA public key PEM block");
            RSAPublicKey k = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(x509));
            return new RsaPublicKey(k.getModulus(), k.getPublicExponent());
        } catch (java.security.GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    public BigInteger modulus() {
        return modulus;
    }

    public BigInteger exponent() {
        return exponent;
    }

    public long fingerprint() {
        return fingerprint;
    }

    /** {@code -----BEGIN RSA PUBLIC KEY-----}, the form Telegram publishes and mtcute's addPublicKey reads. */
    public String pkcs1Pem() {
        return Der.pem("RSA PUBLIC KEY", Der.integerSequence(modulus, exponent));
    }

    /** Whether the big-endian unsigned {@code block} is below the modulus (RSA can only carry such values). */
    public boolean fits(byte[] block) {
        return block.length <= BYTES && Bytes.fromUnsigned(block).compareTo(modulus) < 0;
    }

    /** Textbook RSA: {@code m^e mod n} as exactly 256 big-endian bytes. {@code m} must be below the modulus. */
    public byte[] encryptRaw(byte[] m) {
        if (!fits(m)) throw new MtprotoException(MtprotoException.Reason.RSA_OUT_OF_RANGE, "value not below the modulus");
        return Bytes.toUnsigned(Bytes.fromUnsigned(m).modPow(exponent, modulus), BYTES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaPublicKey k && k.modulus.equals(modulus) && k.exponent.equals(exponent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modulus, exponent);
    }

    @Override
    public String toString() {
        return "RsaPublicKey[fingerprint=" + fingerprint + "]";
    }
}
