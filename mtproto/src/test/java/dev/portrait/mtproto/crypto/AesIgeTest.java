package dev.portrait.mtproto.crypto;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.Random;

import static dev.portrait.mtproto.Fixtures.hex;
import static dev.portrait.mtproto.Fixtures.hexVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesIgeTest {
    /** OpenSSL's test/igetest.c, first vector (AES-128; IGE itself does not depend on the key size). */
    @Test
    void openSslVector() {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] plain = new byte[32];
        byte[] expected = hex("1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb");
        byte[] out = new byte[32];
        AesIge.encryptAnyKey(key, iv, plain, 0, out, 0, 32);
        assertThat(out).isEqualTo(expected);
        AesIge.decryptAnyKey(key, iv, expected, 0, out, 0, 32);
        assertThat(out).isEqualTo(plain);
    }

    /** AES-256-IGE as gramjs computes it (its own pure-JS AES). */
    @Test
    void gramjsVector() {
        byte[] key = hexVector("igeKey"), iv = hexVector("igeIv"), plain = hexVector("igePlain"), cipher = hexVector("igeCipher");
        assertThat(AesIge.encrypt(key, iv, plain)).isEqualTo(cipher);
        assertThat(AesIge.decrypt(key, iv, cipher)).isEqualTo(plain);
    }

    record Case(byte[] key, byte[] iv, byte[] data) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<byte[]> key = Arbitraries.bytes().array(byte[].class).ofSize(32);
        // up to past two encryption chunks, to cross the chunk boundary
        Arbitrary<byte[]> data = Arbitraries.integers().between(0, 2100).map(blocks -> {
            byte[] d = new byte[blocks * 16];
            new Random(blocks).nextBytes(d);
            return d;
        });
        return Combinators.combine(key, key, data).as(Case::new);
    }

    @Property(tries = 60)
    void matchesTheTextbookDefinition(@ForAll("cases") Case c) throws Exception {
        byte[] expected = reference(c.key(), c.iv(), c.data());
        assertThat(AesIge.encrypt(c.key(), c.iv(), c.data())).isEqualTo(expected);
        assertThat(AesIge.decrypt(c.key(), c.iv(), expected)).isEqualTo(c.data());
    }

    @Property(tries = 30)
    void inPlaceAndAtOffsets(@ForAll("cases") Case c) {
        byte[] expected = AesIge.encrypt(c.key(), c.iv(), c.data());
        byte[] buf = new byte[c.data().length + 7];
        System.arraycopy(c.data(), 0, buf, 5, c.data().length);
        AesIge.encrypt(c.key(), c.iv(), buf, 5, c.data().length);
        assertThat(Arrays.copyOfRange(buf, 5, 5 + c.data().length)).isEqualTo(expected);
        AesIge.decrypt(c.key(), c.iv(), buf, 5, c.data().length);
        assertThat(Arrays.copyOfRange(buf, 5, 5 + c.data().length)).isEqualTo(c.data());
    }

    @Test
    void rejectsPartialBlocksAndWrongSizes() {
        assertThatThrownBy(() -> AesIge.encrypt(new byte[32], new byte[32], new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.encrypt(new byte[16], new byte[32], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.decrypt(new byte[32], new byte[16], new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    /** y_i = E(x_i ^ y_{i-1}) ^ x_{i-1}, one block at a time, bytes at a time. */
    private static byte[] reference(byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] yPrev = Arrays.copyOfRange(iv, 0, 16), xPrev = Arrays.copyOfRange(iv, 16, 32);
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 16) {
            byte[] x = Arrays.copyOfRange(data, i, i + 16);
            byte[] in = new byte[16];
            for (int j = 0; j < 16; j++) in[j] = (byte) (x[j] ^ yPrev[j]);
            byte[] e = ecb.doFinal(in);
            for (int j = 0; j < 16; j++) out[i + j] = (byte) (e[j] ^ xPrev[j]);
            yPrev = Arrays.copyOfRange(out, i, i + 16);
            xPrev = x;
        }
        return out;
    }
}
