package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.tl.mtproto.BindAuthKeyInner;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static dev.portrait.mtproto.Fixtures.hexVector;
import static dev.portrait.mtproto.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindTempAuthKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AuthKey PERM = new AuthKey(hexVector("authKey"));
    private static final AuthKey TEMP = new AuthKey(hexVector("bindTempKey"));
    private static final long MSG_ID = 7100000000000000000L;
    private static final long NONCE = -1234567890123L;
    private static final long SESSION = 5555555555555L;
    private static final int EXPIRES_AT = 1750086400;

    /** The binding message as mtcute builds it (session-connection.js) verifies here. */
    @Test
    void verifiesMtcute() {
        assertThat(Long.parseLong(vector("bindMsgId"))).isEqualTo(MSG_ID);
        BindAuthKeyInner inner = BindTempAuthKey.verify(PERM, hexVector("bindEncryptedMessage"), MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT);
        assertThat(inner).isEqualTo(new BindAuthKeyInner(NONCE, TEMP.id(), PERM.id(), SESSION, EXPIRES_AT));
    }

    @Test
    void roundTrip() {
        byte[] enc = BindTempAuthKey.encrypt(PERM, TEMP, NONCE, SESSION, EXPIRES_AT, MSG_ID, RANDOM);
        assertThat(BindTempAuthKey.verify(PERM, enc, MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT).tempAuthKeyId()).isEqualTo(TEMP.id());
    }

    @Test
    void mismatches() {
        byte[] enc = BindTempAuthKey.encrypt(PERM, TEMP, NONCE, SESSION, EXPIRES_AT, MSG_ID, RANDOM);
        assertReason(() -> BindTempAuthKey.verify(PERM, enc, MSG_ID + 4, TEMP.id(), SESSION, NONCE, EXPIRES_AT), Reason.BIND_MISMATCH);
        assertReason(() -> BindTempAuthKey.verify(PERM, enc, MSG_ID, TEMP.id() + 1, SESSION, NONCE, EXPIRES_AT), Reason.BIND_MISMATCH);
        assertReason(() -> BindTempAuthKey.verify(PERM, enc, MSG_ID, TEMP.id(), SESSION + 1, NONCE, EXPIRES_AT), Reason.BIND_MISMATCH);
        assertReason(() -> BindTempAuthKey.verify(PERM, enc, MSG_ID, TEMP.id(), SESSION, NONCE + 1, EXPIRES_AT), Reason.BIND_MISMATCH);
        assertReason(() -> BindTempAuthKey.verify(PERM, enc, MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT + 1), Reason.BIND_MISMATCH);
        // encrypted with the temporary key instead of the permanent one
        byte[] wrongKey = BindTempAuthKey.encrypt(TEMP, TEMP, NONCE, SESSION, EXPIRES_AT, MSG_ID, RANDOM);
        assertReason(() -> BindTempAuthKey.verify(PERM, wrongKey, MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT), Reason.AUTH_KEY_ID_MISMATCH);
        for (int i = 0; i < enc.length; i++) {
            byte[] t = enc.clone();
            t[i] ^= 0x10;
            assertThatThrownBy(() -> BindTempAuthKey.verify(PERM, t, MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT))
                    .isInstanceOf(MtprotoException.class);
        }
        assertReason(() -> BindTempAuthKey.verify(PERM, new byte[40], MSG_ID, TEMP.id(), SESSION, NONCE, EXPIRES_AT), Reason.BAD_LENGTH);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
