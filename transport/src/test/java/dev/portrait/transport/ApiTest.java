package dev.portrait.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument checks and small contracts of the public types. */
class ApiTest {

    @Test
    void fullCannotBeObfuscated() {
        assertThatThrownBy(() -> ClientTransport.install(new EmbeddedChannel().pipeline(), Framing.FULL, true,
                Wire.CONFIG)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configRejectsNonsense() {
        TransportConfig d = TransportConfig.defaults();
        assertThat(d.maxFrameLength()).isEqualTo(16 << 20);
        assertThatThrownBy(() -> d.withMaxFrameLength(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxFrameLength(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withFrameTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withWriteBufferWaterMark(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxPendingWriteBytes(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withWriteBufferWaterMark(1 << 20, 64 << 20).maxPendingWriteBytes()).isEqualTo(64 << 20);
    }

    @Test
    void transportErrorCodesAreNegative() {
        assertThat(new TransportError(404).code()).isEqualTo(-404);
        assertThat(new TransportError(-429).code()).isEqualTo(-429);
    }

    @Test
    void transportFrameIsItsPayloadsHolder() {
        TransportFrame f = new TransportFrame(Unpooled.buffer(4).writeInt(1), true);
        assertThat(f.content()).isSameAs(f.payload());
        assertThat(f.retain().refCnt()).isEqualTo(2);
        assertThat(f.release()).isFalse();
        TransportFrame copy = f.copy();
        assertThat(copy.quickAck()).isTrue();
        assertThat(copy.payload()).isNotSameAs(f.payload());
        copy.release();
        assertThat(f.release()).isTrue();
    }
}
