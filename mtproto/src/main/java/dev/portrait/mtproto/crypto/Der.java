package dev.portrait.mtproto.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The little DER and PEM the RSA key files need: PKCS#1 sequences of integers and PEM armour. */
final class Der {
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Der() {
    }

    /** SEQUENCE of INTEGERs (PKCS#1 RSAPublicKey is {@code SEQUENCE { n, e }}). */
    static byte[] integerSequence(BigInteger... values) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BigInteger v : values) body.writeBytes(tlv(0x02, v.toByteArray()));
        return tlv(0x30, body.toByteArray());
    }

    /** Reads a SEQUENCE of INTEGERs (other elements are rejected). */
    static List<BigInteger> readIntegerSequence(byte[] der) {
        int[] pos = {0};
        byte[] seq = read(der, pos, 0x30);
        if (pos[0] != der.length) throw new IllegalArgumentException("trailing bytes after the sequence");
        List<BigInteger> out = new ArrayList<>();
        int[] p = {0};
        while (p[0] < seq.length) out.add(new BigInteger(read(seq, p, 0x02)));
        return out;
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** The DER inside the first PEM block of {@code type}, or null when there is none. */
    static byte[] fromPem(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        if (b < 0) return null;
        int e = text.indexOf(end, b);
        if (e < 0) throw new IllegalArgumentException("unterminated PEM block " + type);
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] read(byte[] der, int[] pos, int tag) {
        int p = pos[0];
        if (p + 2 > der.length || (der[p] & 0xff) != tag) throw new IllegalArgumentException("expected DER tag " + tag);
        int len = der[p + 1] & 0xff;
        p += 2;
        if (len >= 0x80) {
            int bytes = len & 0x7f;
            if (bytes == 0 || bytes > 3 || p + bytes > der.length) throw new IllegalArgumentException("bad DER length");
            len = 0;
            for (int i = 0; i < bytes; i++) len = len << 8 | (der[p++] & 0xff);
        }
        if (len > der.length - p) throw new IllegalArgumentException("DER value overruns its input");
        byte[] v = new byte[len];
        System.arraycopy(der, p, v, 0, len);
        pos[0] = p + len;
        return v;
    }
}
