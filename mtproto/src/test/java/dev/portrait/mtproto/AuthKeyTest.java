package dev.portrait.mtproto;

import dev.portrait.tl.Int256;
import org.junit.jupiter.api.Test;

import static dev.portrait.mtproto.Fixtures.hexVector;
import static dev.portrait.mtproto.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthKeyTest {
    /** gramjs's AuthKey computes the same id, aux hash and new_nonce_hash1. */
    @Test
    void matchesGramjs() {
        AuthKey k = new AuthKey(hexVector("authKey"));
        assertThat(k.id()).isEqualTo(Long.parseLong(vector("authKeyId")));
        assertThat(k.auxHash()).isEqualTo(Long.parseLong(vector("auxHash")));
        Int256 newNonce = Int256.fromBytes(hexVector("newNonce"));
        assertThat(k.newNonceHash(1, newNonce).toBytes()).isEqualTo(hexVector("newNonceHash1"));
        assertThat(k.newNonceHash(2, newNonce)).isNotEqualTo(k.newNonceHash(1, newNonce));
    }

    @Test
    void keyIsCopied() {
        byte[] raw = hexVector("authKey");
        AuthKey k = new AuthKey(raw);
        raw[0] ^= 1;
        assertThat(k.key()).isNotEqualTo(raw);
        k.key()[1] ^= 1;
        assertThat(k).isEqualTo(new AuthKey(hexVector("authKey")));
        assertThat(k.toString()).doesNotContain(vector("authKey").substring(0, 16));
        assertThatThrownBy(() -> new AuthKey(new byte[255])).isInstanceOf(IllegalArgumentException.class);
    }
}
