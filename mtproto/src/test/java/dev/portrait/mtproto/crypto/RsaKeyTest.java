package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.Fixtures;
import dev.portrait.mtproto.MtprotoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaKeyTest {
    private static final BigInteger E = BigInteger.valueOf(65537);

    /** Telegram's production keys with the fingerprints gramjs ships for them (telegram/crypto/RSA.js). */
    @Test
    void telegramFingerprints() {
        BigInteger n1 = new BigInteger("29379598170669337022986177149456128565388431120058863768162556424047512191330847455146576344487764408661701890505066208632169112269581063774293102577308490531282748465986139880977280302242772832972539403531316010870401287642763009136156734339538042419388722777357134487746169093539093850251243897188928735903389451772730245253062963384108812842079887538976360465290946139638691491496062099570836476454855996319192747663615955633778034897140982517446405334423701359108810182097749467210509584293428076654573384828809574217079944388301239431309115013843331317877374435868468779972014486325557807783825502498215169806323");
        assertThat(new RsaPublicKey(n1, E).fingerprint()).isEqualTo(-3414540481677951611L);
        BigInteger n2 = new BigInteger("25342889448840415564971689590713473206898847759084779052582026594546022463853940585885215951168491965708222649399180603818074200620463776135424884632162512403163793083921641631564740959529419359595852941166848940585952337613333022396096584117954892216031229237302943701877588456738335398602461675225081791820393153757504952636234951323237820036543581047826906120927972487366805292115792231423684261262330394324750785450942589751755390156647751460719351439969059949569615302809050721500330239005077889855323917509948255722081644689442127297605422579707142646660768825302832201908302295573257427896031830742328565032949");
        assertThat(new RsaPublicKey(n2, E).fingerprint()).isEqualTo(-5595554452916591101L);
    }

    /** mtcute's parsePublicKey (TL bytes from its own ASN.1 parser) agrees on our PEM. */
    @Test
    void mtcuteFingerprint() {
        RsaPublicKey pub = RsaPublicKey.fromPem(Fixtures.key1().publicPkcs1Pem());
        assertThat(HexFormat.of().toHexDigits(pub.fingerprint())).isEqualTo(Fixtures.vector("mtcuteFingerprintHex"));
        assertThat(pub).isEqualTo(Fixtures.key1().publicKey());
    }

    @Test
    void pemForms() {
        String pkcs1 = Fixtures.key1().publicPkcs1Pem();
        assertThat(pkcs1).startsWith("-----BEGIN RSA PUBLIC KEY-----\n").endsWith("-----END RSA PUBLIC KEY-----\n");
        assertThat(Fixtures.key2().exponent()).isEqualTo(E);
        assertThat(Fixtures.key2().modulus().bitLength()).isEqualTo(2048);
        // PKCS#1 private key in, PKCS#8 out, same key
        RsaKey again = RsaKey.fromPem(Fixtures.key2().privatePem());
        assertThat(again.fingerprint()).isEqualTo(Fixtures.key2().fingerprint());
        assertThatThrownBy(() -> RsaKey.fromPem("nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generateSaveLoad(@TempDir Path dir) throws Exception {
        RsaKey k = RsaKey.generate(new SecureRandom());
        assertThat(k.modulus().bitLength()).isEqualTo(2048);
        assertThat(k.exponent()).isEqualTo(E);
        assertThat(k.fingerprint() >>> 60).isNotZero();
        Path file = dir.resolve("keys/server.rsa.pem");
        k.save(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        RsaKey loaded = RsaKey.load(file);
        assertThat(loaded.fingerprint()).isEqualTo(k.fingerprint());
        byte[] m = new byte[256];
        m[5] = 42;
        assertThat(loaded.decryptRaw(k.publicKey().encryptRaw(m))).isEqualTo(m);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void rawRsaRoundTripAndRange() {
        RsaKey k = Fixtures.key1();
        byte[] m = new byte[256];
        new SecureRandom().nextBytes(m);
        m[0] = 0x11;
        byte[] c = k.publicKey().encryptRaw(m);
        assertThat(c).hasSize(256);
        assertThat(k.decryptRaw(c)).isEqualTo(m);
        // a short block (leading zeros dropped by a client) is the same number
        byte[] small = new byte[256];
        small[255] = 7;
        byte[] cs = k.publicKey().encryptRaw(small);
        byte[] stripped = Bytes.toUnsigned(Bytes.fromUnsigned(cs));
        assertThat(k.decryptRaw(stripped)).isEqualTo(small);
        // values at or above the modulus are refused
        byte[] n = Bytes.toUnsigned(k.modulus(), 256);
        assertThatThrownBy(() -> k.decryptRaw(n)).isInstanceOfSatisfying(MtprotoException.class,
                e -> assertThat(e.reason()).isEqualTo(MtprotoException.Reason.RSA_OUT_OF_RANGE));
        byte[] ones = new byte[256];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThatThrownBy(() -> k.decryptRaw(ones)).isInstanceOf(MtprotoException.class);
        assertThatThrownBy(() -> k.decryptRaw(new byte[257])).isInstanceOf(MtprotoException.class);
        assertThatThrownBy(() -> k.publicKey().encryptRaw(n)).isInstanceOf(MtprotoException.class);
    }
}
