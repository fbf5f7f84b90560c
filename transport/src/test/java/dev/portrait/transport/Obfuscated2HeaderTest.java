package dev.portrait.transport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's obfuscated2 header follows the documented rules, and the server reads back what the client meant. */
class Obfuscated2HeaderTest {

    @Property(tries = 300)
    void clientHeaderRulesAndServerReading(@ForAll long seed, @ForAll @IntRange(min = -32768, max = 32767) int dcId,
                                           @ForAll("obfuscatable") Framing framing) {
        Obfuscated2Header.Client client = Obfuscated2Header.client(framing, dcId, new Random(seed));
        byte[] h = client.header();
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h[0] & 0xff).isNotEqualTo(0xef);
        assertThat(b.getInt(0)).isNotIn(0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0xdddddddd, 0xeeeeeeee,
                0x02010316);
        assertThat(b.getInt(4)).isNotZero();

        Obfuscated2Header.Server server = Obfuscated2Header.server(h.clone());
        assertThat(server).isNotNull();
        assertThat(server.framing()).isEqualTo(framing);
        assertThat(server.dcId()).isEqualTo(dcId);

        byte[] up = "client to server".getBytes();
        assertThat(AesCtr.apply(server.decryptor(), AesCtr.apply(client.encryptor(), up))).isEqualTo(up);
        byte[] down = "server to client".getBytes();
        assertThat(AesCtr.apply(client.decryptor(), AesCtr.apply(server.encryptor(), down))).isEqualTo(down);
    }

    @Property(tries = 2000)
    void acceptableRejectsEveryForbiddenStart(@ForAll @Size(64) byte[] init,
                                              @ForAll("forbidden") int firstInt) {
        ByteBuffer.wrap(init).order(ByteOrder.LITTLE_ENDIAN).putInt(0, firstInt);
        assertThat(Obfuscated2Header.acceptable(init)).isFalse();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Framing> obfuscatable() {
        return net.jqwik.api.Arbitraries.of(Framing.ABRIDGED, Framing.INTERMEDIATE, Framing.PADDED_INTERMEDIATE);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> forbidden() {
        return net.jqwik.api.Arbitraries.of(List.of(0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0xdddddddd,
                0xeeeeeeee, 0x02010316, 0x000000ef, 0x123456ef));
    }
}
