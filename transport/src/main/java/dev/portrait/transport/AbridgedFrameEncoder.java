package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Abridged framing, outbound. Payloads must be multiples of 4 (the length counts words). The server's quick acks
 * are the token alone, big-endian: its first byte has the high bit set, which no server length byte has.
 */
public final class AbridgedFrameEncoder extends FrameEncoder {
    static final int MAX_WORDS = 0xffffff;

    public AbridgedFrameEncoder(Role role) {
        super(role);
    }

    @Override
    void writeFrame(ChannelHandlerContext ctx, ByteBuf payload, boolean quickAck, ChannelPromise promise) {
        int length = payload.readableBytes();
        if ((length & 3) != 0 || length == 0 || length >>> 2 > MAX_WORDS) {
            reject(payload, promise, "abridged cannot carry a payload of " + length + " bytes");
            return;
        }
        int words = length >>> 2;
        int ack = quickAck ? 0x80 : 0;
        ByteBuf header = words < 0x7f
                ? ctx.alloc().buffer(1).writeByte(words | ack)
                : ctx.alloc().buffer(4).writeByte(0x7f | ack).writeMediumLE(words);
        ctx.write(compose(ctx, header, payload), promise);
    }

    @Override
    void writeQuickAck(ChannelHandlerContext ctx, int token, ChannelPromise promise) {
        ctx.write(ctx.alloc().buffer(4).writeInt(token), promise);
    }
}
