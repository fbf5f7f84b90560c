package dev.portrait.mtproto;

import dev.portrait.mtproto.crypto.RsaKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Properties;

/** Test keys and the cross-check vectors computed with gramjs and mtcute (src/test/resources/xcheck). */
public final class Fixtures {
    private static final RsaKey KEY1 = RsaKey.fromPem(resource("/keys/test-key-1.pem"));
    private static final RsaKey KEY2 = RsaKey.fromPem(resource("/keys/test-key-2-pkcs1.pem"));
    private static final Properties VECTORS = new Properties();

    static {
        try (InputStream in = Fixtures.class.getResourceAsStream("/xcheck/gramjs-mtcute.properties")) {
            VECTORS.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixtures() {
    }

    /** PKCS#8, the key the JS vectors were made for. */
    public static RsaKey key1() {
        return KEY1;
    }

    /** PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
    public static RsaKey key2() {
        return KEY2;
    }

    public static String vector(String name) {
        String v = VECTORS.getProperty(name);
        if (v == null) throw new IllegalArgumentException("no vector " + name);
        return v;
    }

    public static byte[] hexVector(String name) {
        return hex(vector(name));
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
