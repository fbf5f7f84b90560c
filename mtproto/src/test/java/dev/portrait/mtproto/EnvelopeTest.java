package dev.portrait.mtproto;

import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.AesIge;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.Hashes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

import static dev.portrait.mtproto.Fixtures.hexVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {
    private static final Random RANDOM = new SecureRandom();
    private static final AuthKey KEY = new AuthKey(hexVector("authKey"));

    /** gramjs's MTProtoState.encryptMessageData (client to server) decrypts here. */
    @Test
    void decryptsGramjs() {
        byte[] packet = hexVector("envelopePacket");
        assertThat(Envelope.authKeyId(packet, 0)).isEqualTo(KEY.id());
        Envelope.Message m = Envelope.decrypt(KEY, false, packet, 0, packet.length);
        assertThat(m.salt()).isEqualTo(1234567890123456789L);
        assertThat(m.sessionId()).isEqualTo(-987654321987654321L);
        assertThat(m.msgId()).isEqualTo(7000000000000000004L);
        assertThat(m.seqNo()).isEqualTo(3);
        assertThat(m.body()).isEqualTo(hexVector("envelopeBody"));
        assertThat(m.quickAckToken()).isNegative();
        // the direction is part of the key derivation
        assertThatThrownBy(() -> Envelope.decrypt(KEY, true, packet, 0, packet.length)).isInstanceOfSatisfying(
                MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MSG_KEY_MISMATCH));
    }

    /** A server-to-client message made with mtcute's key derivation and AES-IGE. */
    @Test
    void decryptsServerMessageMadeWithMtcute() {
        byte[] packet = hexVector("serverEnvelopePacket");
        Envelope.Message m = Envelope.decrypt(KEY, true, packet, 0, packet.length);
        assertThat(m.salt()).isEqualTo(-42);
        assertThat(m.sessionId()).isEqualTo(777);
        assertThat(m.msgId()).isEqualTo(7100000000000000001L);
        assertThat(m.seqNo()).isEqualTo(1);
        assertThat(m.body()).isEqualTo(hexVector("serverEnvelopeBody"));
    }

    @Property(tries = 200)
    void roundTrip(@ForAll @Size(max = 3000) byte[] body, @ForAll boolean fromServer, @ForAll long salt,
                   @ForAll long session, @ForAll long msgId, @ForAll int seqNo) {
        byte[] framed = new byte[body.length + 10];
        System.arraycopy(body, 0, framed, 3, body.length);
        byte[] packet = Envelope.encrypt(KEY, fromServer, salt, session, msgId, seqNo, framed, 3, body.length, RANDOM);
        int padding = packet.length - Envelope.OUTER_HEADER - Envelope.INNER_HEADER - body.length;
        assertThat(padding).isBetween(Envelope.MIN_PADDING, Envelope.MAX_PADDING);
        assertThat((packet.length - Envelope.OUTER_HEADER) % 16).isZero();
        Envelope.Message m = Envelope.decrypt(KEY, fromServer, packet, 0, packet.length);
        assertThat(m).usingRecursiveComparison().ignoringFields("quickAckToken")
                .isEqualTo(new Envelope.Message(salt, session, msgId, seqNo, body, 0));
    }

    @Test
    void everyTamperedByteIsRejected() {
        byte[] body = new byte[64];
        RANDOM.nextBytes(body);
        byte[] packet = Envelope.encrypt(KEY, false, 1, 2, 3, 4, body, 0, body.length, RANDOM);
        for (int i = 0; i < packet.length; i++) {
            for (int bit : new int[]{0x01, 0x80}) {
                byte[] t = packet.clone();
                t[i] ^= (byte) bit;
                assertThatThrownBy(() -> Envelope.decrypt(KEY, false, t, 0, t.length)).isInstanceOf(MtprotoException.class);
            }
        }
        // and truncation or extension
        for (int len : new int[]{0, 8, 24, 55, 56, packet.length - 16, packet.length - 1}) {
            assertThatThrownBy(() -> Envelope.decrypt(KEY, false, packet, 0, len)).isInstanceOf(MtprotoException.class);
        }
        byte[] longer = Arrays.copyOf(packet, packet.length + 16);
        assertThatThrownBy(() -> Envelope.decrypt(KEY, false, longer, 0, longer.length)).isInstanceOf(MtprotoException.class);
    }

    @Test
    void wrongKey() {
        byte[] packet = Envelope.encrypt(KEY, true, 1, 2, 3, 4, new byte[16], 0, 16, RANDOM);
        byte[] other = hexVector("authKey");
        other[100] ^= 1;
        assertThatThrownBy(() -> Envelope.decrypt(new AuthKey(other), true, packet, 0, packet.length))
                .isInstanceOfSatisfying(MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH_KEY_ID_MISMATCH));
    }

    /** Correct msg_key, wrong lengths inside: each one of the docs' checks on its own. */
    @Test
    void lengthAndPaddingChecks() {
        // message_data_length past the end
        assertReason(craft(64, 64 - 32 - 12 + 4), Reason.BAD_LENGTH);
        // negative message_data_length
        assertReason(craft(64, -4), Reason.BAD_LENGTH);
        // padding below 12 bytes
        assertReason(craft(64, 64 - 32 - 8), Reason.BAD_LENGTH);
        // padding above 1024 bytes
        assertReason(craft(32 + 1040, 0), Reason.BAD_PADDING);
        // the limits themselves pass
        assertThat(decrypt(craft(64, 64 - 32 - 12)).body()).hasSize(20);
        assertThat(decrypt(craft(32 + 1024 + 16, 16)).body()).hasSize(16);
    }

    /** Random bytes, with or without a matching auth_key_id, only ever fail with MtprotoException. */
    @Property(tries = 1000)
    void garbageOnlyFailsWithMtprotoException(@ForAll @Size(max = 400) byte[] packet, @ForAll boolean ourKeyId,
                                              @ForAll @IntRange(min = 0, max = 3) int alignment) {
        byte[] p = packet;
        if (alignment > 0 && p.length > 24) p = Arrays.copyOf(p, 24 + (p.length - 24) / 16 * 16);
        if (ourKeyId && p.length >= 8) Bytes.putLongLE(p, 0, KEY.id());
        byte[] fp = p;
        assertThatThrownBy(() -> Envelope.decrypt(KEY, false, fp, 0, fp.length)).isInstanceOf(MtprotoException.class);
    }

    private static Envelope.Message decrypt(byte[] packet) {
        return Envelope.decrypt(KEY, false, packet, 0, packet.length);
    }

    private static void assertReason(byte[] packet, Reason reason) {
        assertThatThrownBy(() -> decrypt(packet)).isInstanceOfSatisfying(MtprotoException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /**
     * A client-to-server packet of {@code plainLen} plaintext bytes claiming {@code dataLength}, with a valid
     * msg_key: the docs' formulas written out again independently of Envelope.
     */
    private static byte[] craft(int plainLen, int dataLength) {
        byte[] plain = new byte[plainLen];
        RANDOM.nextBytes(plain);
        Bytes.putIntLE(plain, 28, dataLength);
        byte[] k = KEY.key();
        byte[] msgKey = Arrays.copyOfRange(Hashes.sha256(Arrays.copyOfRange(k, 88, 120), plain), 8, 24);
        byte[] a = Hashes.sha256(msgKey, Arrays.copyOfRange(k, 0, 36));
        byte[] b = Hashes.sha256(Arrays.copyOfRange(k, 40, 76), msgKey);
        byte[] aesKey = Bytes.concat(Arrays.copyOfRange(a, 0, 8), Arrays.copyOfRange(b, 8, 24), Arrays.copyOfRange(a, 24, 32));
        byte[] aesIv = Bytes.concat(Arrays.copyOfRange(b, 0, 8), Arrays.copyOfRange(a, 8, 24), Arrays.copyOfRange(b, 24, 32));
        byte[] id = new byte[8];
        Bytes.putLongLE(id, 0, KEY.id());
        return Bytes.concat(id, msgKey, AesIge.encrypt(aesKey, aesIv, plain));
    }
}
