package dev.portrait.mtproto;

import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.tl.Int128;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.mtproto.DhGenOk;
import dev.portrait.tl.mtproto.PQInnerData;
import dev.portrait.tl.mtproto.ReqDHParams;
import dev.portrait.tl.mtproto.ReqPq;
import dev.portrait.tl.mtproto.ReqPqMulti;
import dev.portrait.tl.mtproto.ResPQ;
import dev.portrait.tl.mtproto.ServerDHParamsOk;
import dev.portrait.tl.mtproto.SetClientDHParams;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainMessageTest {
    private static final ReqPqMulti REQ = new ReqPqMulti(new Int128(1, 2));

    @Test
    void roundTrip() {
        byte[] packet = PlainMessage.encode(0x5f00000000000004L, REQ);
        assertThat(packet).hasSize(20 + 20);
        assertThat(Envelope.authKeyId(packet, 0)).isZero();
        assertThat(PlainMessage.decode(packet, 0, packet.length)).isEqualTo(new PlainMessage(0x5f00000000000004L, REQ));
        byte[] body = REQ.toByteArray();
        assertThat(PlainMessage.encode(0x5f00000000000004L, body, 0, body.length)).isEqualTo(packet);
    }

    @Test
    void transportPaddingAfterTheBodyIsIgnored() {
        byte[] packet = Arrays.copyOf(PlainMessage.encode(8, REQ), 40 + 13);
        assertThat(PlainMessage.decode(packet, 0, packet.length).body()).isEqualTo(REQ);
    }

    @Test
    void rejects() {
        byte[] packet = PlainMessage.encode(8, REQ);
        byte[] keyed = packet.clone();
        keyed[3] = 1;
        assertReason(keyed, Reason.AUTH_KEY_ID_MISMATCH);
        byte[] tooLong = packet.clone();
        Bytes.putIntLE(tooLong, 16, 21);
        assertReason(tooLong, Reason.BAD_LENGTH);
        byte[] shorter = packet.clone();
        Bytes.putIntLE(shorter, 16, 16); // the body does not fit
        assertReason(shorter, Reason.BAD_TL);
        assertReason(Arrays.copyOf(packet, 22), Reason.BAD_LENGTH);
        byte[] unknown = packet.clone();
        unknown[20] ^= 1;
        assertReason(unknown, Reason.BAD_TL);
    }

    @Property(tries = 500)
    void garbageOnlyFailsWithMtprotoException(@ForAll @Size(max = 200) byte[] body) {
        byte[] packet = PlainMessage.encode(4, body, 0, body.length);
        try {
            PlainMessage.decode(packet, 0, packet.length);
        } catch (MtprotoException expected) {
            // fine
        }
    }

    /** Random fields behind each constructor id the key exchange knows (and gzip_packed). */
    @Property(tries = 1000)
    void knownConstructorsWithGarbageOnlyFailWithMtprotoException(@ForAll @IntRange(min = 0, max = 9) int which,
                                                                  @ForAll @Size(max = 300) byte[] tail) {
        int[] ids = {ReqPqMulti.CONSTRUCTOR_ID, ReqPq.CONSTRUCTOR_ID, ReqDHParams.CONSTRUCTOR_ID, SetClientDHParams.CONSTRUCTOR_ID,
                ResPQ.CONSTRUCTOR_ID, ServerDHParamsOk.CONSTRUCTOR_ID, DhGenOk.CONSTRUCTOR_ID, PQInnerData.CONSTRUCTOR_ID,
                TlReader.GZIP_PACKED, TlReader.VECTOR};
        byte[] body = new byte[4 + tail.length];
        Bytes.putIntLE(body, 0, ids[which]);
        System.arraycopy(tail, 0, body, 4, tail.length);
        byte[] packet = PlainMessage.encode(4, body, 0, body.length);
        try {
            PlainMessage.decode(packet, 0, packet.length);
        } catch (MtprotoException expected) {
            // fine
        }
    }

    private static void assertReason(byte[] packet, Reason reason) {
        assertThatThrownBy(() -> PlainMessage.decode(packet, 0, packet.length)).isInstanceOfSatisfying(
                MtprotoException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
