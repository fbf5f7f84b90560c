package dev.portrait.transport;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AesCtrTest {
    private static final HexFormat HEX = HexFormat.of();

    /** NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt, fed in two uneven pieces (the stream keeps its place). */
    @Test
    void nistVector() {
        byte[] source = HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
                + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        Cipher ctr = AesCtr.stream(source, 0, 32);
        byte[] plain = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        byte[] first = AesCtr.apply(ctr, java.util.Arrays.copyOfRange(plain, 0, 21));
        byte[] rest = AesCtr.apply(ctr, java.util.Arrays.copyOfRange(plain, 21, plain.length));
        assertThat(HEX.formatHex(first) + HEX.formatHex(rest)).isEqualTo(
                "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
                + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6");
    }
}
