package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Padded intermediate framing, outbound: as intermediate, with 0–15 random bytes after each payload (counted in the
 * length) so that packet sizes do not give the protocol away. The padding only hides sizes, so it comes from
 * {@link ThreadLocalRandom}. Transport errors go out unpadded: clients recognise them by their 4-byte length.
 */
public final class PaddedIntermediateFrameEncoder extends IntermediateFrameEncoder {

    public PaddedIntermediateFrameEncoder(Role role) {
        super(role);
    }

    /** A 4-byte payload is a transport error and stays unpadded. */
    @Override
    int padding(int length) {
        return length == 4 ? 0 : ThreadLocalRandom.current().nextInt(16);
    }

    @Override
    ByteBuf padding(ChannelHandlerContext ctx, int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ctx.alloc().buffer(length).writeBytes(bytes);
    }
}
