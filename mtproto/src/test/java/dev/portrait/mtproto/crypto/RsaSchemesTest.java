package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.Fixtures;
import dev.portrait.mtproto.MtprotoException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;

import static dev.portrait.mtproto.Fixtures.hexVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RSA_PAD and the legacy scheme. */
class RsaSchemesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RsaKey key = Fixtures.key1();

    @Test
    void rsaPadRoundTrip() {
        for (int len : new int[]{0, 1, 96, 144}) {
            byte[] data = new byte[len];
            RANDOM.nextBytes(data);
            byte[] enc = RsaPad.encrypt(key.publicKey(), data, RANDOM);
            assertThat(enc).hasSize(256);
            byte[] padded = RsaPad.decrypt(key, enc);
            assertThat(padded).hasSize(192);
            assertThat(Arrays.copyOf(padded, len)).isEqualTo(data);
        }
    }

    @Test
    void rsaPadRefusesLongData() {
        assertThatThrownBy(() -> RsaPad.encrypt(key.publicKey(), new byte[145], RANDOM))
                .isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(MtprotoException.Reason.RSA_DATA_TOO_LONG));
    }

    /** gramjs's RSA_PAD code (transcribed with its own IGE and helpers) decrypts here. */
    @Test
    void rsaPadFromGramjs() {
        assertThat(RsaPad.decrypt(key, hexVector("rsaPadCipher"))).isEqualTo(hexVector("rsaPadDataWithPadding"));
    }

    /** Any changed byte of the RSA block, or of the block under RSA, fails the check. */
    @Test
    void rsaPadTampering() {
        byte[] enc = RsaPad.encrypt(key.publicKey(), new byte[100], RANDOM);
        byte[] inner = key.decryptRaw(enc);
        for (int i = 0; i < 256; i += 5) {
            byte[] t = enc.clone();
            t[i] ^= 0x40;
            assertThatThrownBy(() -> RsaPad.decrypt(key, t)).isInstanceOf(MtprotoException.class);
            byte[] u = inner.clone();
            u[i] ^= 1;
            assertThatThrownBy(() -> RsaPad.unpad(u)).isInstanceOfSatisfying(MtprotoException.class,
                    e -> assertThat(e.reason()).isEqualTo(MtprotoException.Reason.RSA_HASH_MISMATCH));
        }
        assertThatThrownBy(() -> RsaPad.decrypt(key, Bytes.toUnsigned(key.modulus().add(java.math.BigInteger.ONE), 256)))
                .isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(MtprotoException.Reason.RSA_OUT_OF_RANGE));
    }

    @Test
    void legacyRoundTrip() {
        byte[] data = new byte[96];
        RANDOM.nextBytes(data);
        byte[] dec = RsaLegacy.decrypt(key, RsaLegacy.encrypt(key.publicKey(), data, RANDOM));
        assertThat(dec).hasSize(255);
        assertThat(Arrays.copyOfRange(dec, 20, 116)).isEqualTo(data);
        assertThat(RsaLegacy.verify(dec, 96)).isTrue();
        assertThat(RsaLegacy.verify(dec, 92)).isFalse();
        assertThat(RsaLegacy.verify(dec, 236)).isFalse();
        assertThat(RsaLegacy.verify(dec, -1)).isFalse();
        assertThatThrownBy(() -> RsaLegacy.encrypt(key.publicKey(), new byte[236], RANDOM)).isInstanceOf(MtprotoException.class);
    }

    /** gramjs's own telegram/crypto/RSA.js encrypt() (the legacy scheme) decrypts here. */
    @Test
    void legacyFromGramjs() {
        byte[] data = hexVector("legacyData");
        byte[] dec = RsaLegacy.decrypt(key, hexVector("legacyCipher"));
        assertThat(Arrays.copyOfRange(dec, 20, 20 + data.length)).isEqualTo(data);
        assertThat(RsaLegacy.verify(dec, data.length)).isTrue();
    }

    @Test
    void legacyTampering() {
        byte[] dec = RsaLegacy.decrypt(key, RsaLegacy.encrypt(key.publicKey(), new byte[40], RANDOM));
        for (int i = 0; i < 60; i++) {
            byte[] t = dec.clone();
            t[i] ^= 1;
            assertThat(RsaLegacy.verify(t, 40)).isFalse();
        }
        // an RSA_PAD block is not a legacy one
        byte[] padBlock = key.decryptRaw(RsaPad.encrypt(key.publicKey(), new byte[40], RANDOM));
        if (padBlock[0] != 0) {
            assertThatThrownBy(() -> RsaLegacy.unwrap(padBlock)).isInstanceOf(MtprotoException.class);
        } else {
            assertThat(RsaLegacy.verify(RsaLegacy.unwrap(padBlock), 40)).isFalse();
        }
    }
}
