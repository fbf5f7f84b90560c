package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DhGroupTest {
    private static final BigInteger P = DhGroup.PRIME;
    private static final BigInteger LOW = BigInteger.ONE.shiftLeft(1984);

    @Test
    void telegramsPrimeIsASafePrimeWithGenerator3() {
        assertThat(P.bitLength()).isEqualTo(2048);
        assertThat(DhGroup.isSafePrime(P)).isTrue();
        assertThat(P.mod(BigInteger.valueOf(3))).isEqualTo(BigInteger.TWO); // the docs' condition for g = 3
        assertThat(DhGroup.primeBytes()).hasSize(256);
        assertThatCode(() -> DhGroup.checkGroup(P, 3)).doesNotThrowAnyException();
    }

    @Test
    void publicValueRange() {
        assertThat(DhGroup.isValidPublic(LOW)).isTrue();
        assertThat(DhGroup.isValidPublic(LOW.subtract(BigInteger.ONE))).isFalse();
        assertThat(DhGroup.isValidPublic(P.subtract(LOW))).isTrue();
        assertThat(DhGroup.isValidPublic(P.subtract(LOW).add(BigInteger.ONE))).isFalse();
        assertThat(DhGroup.isValidPublic(BigInteger.ONE)).isFalse();
        assertThat(DhGroup.isValidPublic(P.subtract(BigInteger.ONE))).isFalse();
        assertThat(DhGroup.isValidPublic(P)).isFalse();
        assertThat(DhGroup.isValidPublic(BigInteger.valueOf(3).modPow(BigInteger.TEN.pow(600), P))).isTrue();
    }

    @Test
    void checkGroupRejectsBadPrimesAndGenerators() {
        assertThatThrownBy(() -> DhGroup.checkGroup(P, 2)).isInstanceOf(MtprotoException.class); // P mod 8 != 7
        assertThatThrownBy(() -> DhGroup.checkGroup(P, 8)).isInstanceOf(MtprotoException.class);
        assertThatThrownBy(() -> DhGroup.checkGroup(P.add(BigInteger.TWO), 3)).isInstanceOf(MtprotoException.class);
        assertThatThrownBy(() -> DhGroup.checkGroup(BigInteger.valueOf(23), 3)).isInstanceOf(MtprotoException.class);
    }
}
