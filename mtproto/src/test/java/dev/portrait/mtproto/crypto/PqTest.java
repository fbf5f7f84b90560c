package dev.portrait.mtproto.crypto;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

import static dev.portrait.mtproto.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PqTest {
    /** The worked example of core.telegram.org/mtproto/samples-auth_key. */
    @Test
    void docsExample() {
        long pq = Pq.fromBigEndian(hex("17ed48941a08f981"));
        Pq f = Pq.factorize(pq);
        assertThat(f.p()).isEqualTo(0x494C553BL);
        assertThat(f.q()).isEqualTo(0x53911073L);
        assertThat(f.pBytes()).isEqualTo(hex("494c553b"));
        assertThat(f.qBytes()).isEqualTo(hex("53911073"));
    }

    @Test
    void generatedProductsStayBelow2To63AndFactorFast() {
        SecureRandom r = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            Pq pq = Pq.generate(r);
            assertThat(pq.p()).isLessThan(pq.q());
            assertThat(BigInteger.valueOf(pq.p()).isProbablePrime(40)).isTrue();
            assertThat(BigInteger.valueOf(pq.q()).isProbablePrime(40)).isTrue();
            assertThat(pq.pq()).isPositive();
            assertThat(pq.pqBytes()).hasSize(8);
            assertThat(pq.pqBytes()[0]).isPositive(); // a signed reader sees a positive number
            assertThat(Pq.factorize(pq.pq())).isEqualTo(pq);
        }
    }

    @Property(tries = 300)
    void factorsProductsOfPrimesOfAnySize(@ForAll @IntRange(min = 2, max = 31) int bitsP,
                                          @ForAll @IntRange(min = 2, max = 31) int bitsQ, @ForAll long seed) {
        Random r = new Random(seed);
        long a = BigInteger.probablePrime(bitsP, r).longValueExact();
        long b = BigInteger.probablePrime(bitsQ, r).longValueExact();
        if (a == b) return;
        Pq f = Pq.factorize(a * b);
        assertThat(f.p()).isEqualTo(Math.min(a, b));
        assertThat(f.q()).isEqualTo(Math.max(a, b));
    }

    @Test
    void bigFactorsNearTheLimit() {
        long a = 3037000493L; // the largest prime below sqrt(2^63)
        long b = 3037000453L;
        assertThat(Pq.factorize(a * b)).isEqualTo(new Pq(b, a));
    }

    @Test
    void rejectsPrimesAndTinyNumbers() {
        assertThatThrownBy(() -> Pq.factorize(2147483647L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pq.factorize(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigEndianNumbers() {
        assertThat(Pq.fromBigEndian(hex("0000494c553b"))).isEqualTo(0x494C553BL);
        assertThat(Pq.fromBigEndian(hex("7fffffffffffffff"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Pq.fromBigEndian(hex("8000000000000000"))).isEqualTo(-1);
        assertThat(Pq.fromBigEndian(hex("010000000000000000"))).isEqualTo(-1);
        assertThat(Pq.fromBigEndian(new byte[0])).isZero();
        assertThat(Pq.bigEndian(0x494C553BL)).isEqualTo(hex("494c553b"));
    }
}
