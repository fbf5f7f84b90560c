package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;

import javax.crypto.Cipher;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Set;

/**
 * A server RSA-2048 key (e = 65537): decrypts the client's req_DH_params block. Stored as a PKCS#8 PEM file readable
 * only by its owner; PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa -traditional} writes) loads too.
 */
public final class RsaKey {
    private final RSAPrivateCrtKey privateKey;
    private final RsaPublicKey publicKey;

    private RsaKey(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new RsaPublicKey(privateKey.getModulus(), privateKey.getPublicExponent());
    }

    /**
     * A new key. Keys whose fingerprint (as an unsigned 64-bit number) has a zero top hex digit are skipped:
     * mtcute and @mtproto/core look keys up by the fingerprint's hex string, with leading zeros on one side and
     * without on the other, so they could never find such a key.
     */
    public static RsaKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            while (true) {
                RsaKey k = new RsaKey((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
                if (k.fingerprint() >>> 60 != 0) return k;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** Reads a PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) PEM text. */
    public static RsaKey fromPem(String pem) {
        byte[] der = Der.fromPem(pem, "PRIVATE KEY");
        if (der == null) {
            byte[] pkcs1 = Der.fromPem(pem, "RSA PRIVATE KEY");
            if (pkcs1 == null) throw new IllegalArgumentException("no RSA private key PEM block");
            der = Der.pkcs1ToPkcs8(pkcs1);
        }
        try {
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey k))
                throw new IllegalArgumentException("the RSA key lacks its CRT parameters");
            return new RsaKey(k);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key", e);
        }
    }

    public static RsaKey load(Path file) throws IOException {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the key as PKCS#8 PEM, atomically, with permissions 0600 where the file system has them. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            tmp = Files.createTempFile(dir, ".rsa", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            tmp = Files.createTempFile(dir, ".rsa", ".tmp");
        }
        try {
            Files.writeString(tmp, privatePem(), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
    public String privatePem() {
        return Der.pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public RsaPublicKey publicKey() {
        return publicKey;
    }

    public long fingerprint() {
        return publicKey.fingerprint();
    }

    public BigInteger modulus() {
        return publicKey.modulus();
    }

    public BigInteger exponent() {
        return publicKey.exponent();
    }

    /** {@code -----BEGIN RSA PUBLIC KEY-----}, to give to clients. */
    public String publicPkcs1Pem() {
        return publicKey.pkcs1Pem();
    }

    /**
     * Textbook RSA decryption {@code c^d mod n} as exactly 256 big-endian bytes. {@code c} is big-endian unsigned,
     * at most 256 bytes (some clients drop leading zeros) and must be below the modulus. Runs through the JDK's
     * RSA, which uses CRT with blinding, since {@code c} is chosen by whoever connects.
     */
    public byte[] decryptRaw(byte[] c) {
        if (c.length == 0 || !publicKey.fits(c))
            throw new MtprotoException(MtprotoException.Reason.RSA_OUT_OF_RANGE, "RSA block not below the modulus");
        byte[] block = c.length == RsaPublicKey.BYTES ? c : Bytes.toUnsigned(Bytes.fromUnsigned(c), RsaPublicKey.BYTES);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
            rsa.init(Cipher.DECRYPT_MODE, privateKey);
            byte[] m = rsa.doFinal(block);
            return m.length == RsaPublicKey.BYTES ? m : Bytes.toUnsigned(Bytes.fromUnsigned(m), RsaPublicKey.BYTES);
        } catch (GeneralSecurityException e) {
            throw new MtprotoException(MtprotoException.Reason.RSA_OUT_OF_RANGE, "RSA decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "RsaKey[fingerprint=" + fingerprint() + "]";
    }
}
