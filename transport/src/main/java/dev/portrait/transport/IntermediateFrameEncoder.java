package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Intermediate framing, outbound: int32 LE length, payload. A client requests a quick ack with the length's high
 * bit; the server's quick acks are the token alone, little-endian (its high bit set, so never a valid length).
 */
public sealed class IntermediateFrameEncoder extends FrameEncoder permits PaddedIntermediateFrameEncoder {

    public IntermediateFrameEncoder(Role role) {
        super(role);
    }

    @Override
    final void writeFrame(ChannelHandlerContext ctx, ByteBuf payload, boolean quickAck, ChannelPromise promise) {
        int length = payload.readableBytes();
        int padding = padding(length);
        ByteBuf header = ctx.alloc().buffer(4).writeIntLE((length + padding) | (quickAck ? 0x80000000 : 0));
        ctx.write(padding == 0 ? compose(ctx, header, payload) : compose(ctx, header, payload, padding(ctx, padding)),
                promise);
    }

    /** Bytes of padding to add after a payload of {@code length} bytes. */
    int padding(int length) {
        return 0;
    }

    ByteBuf padding(ChannelHandlerContext ctx, int length) {
        throw new IllegalStateException("no padding in intermediate");
    }

    @Override
    final void writeQuickAck(ChannelHandlerContext ctx, int token, ChannelPromise promise) {
        ctx.write(ctx.alloc().buffer(4).writeIntLE(token), promise);
    }
}
