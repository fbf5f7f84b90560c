package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;

/**
 * Intermediate framing, inbound: an int32 LE length, then the payload. A client sets the length's high bit to
 * request a quick ack; from the server, a "length" with the high bit set is a standalone 4-byte quick-ack token.
 */
public sealed class IntermediateFrameDecoder extends FrameDecoder permits PaddedIntermediateFrameDecoder {

    public IntermediateFrameDecoder(Role role, int maxFrameLength) {
        super(role, maxFrameLength);
    }

    @Override
    final void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) return;
        int start = in.readerIndex();
        int word = in.getIntLE(start);
        boolean highBit = word < 0;
        if (highBit && role == Role.CLIENT) {
            in.skipBytes(4);
            out.add(new QuickAck(word));
            return;
        }
        int length = word & 0x7fffffff;
        if (length < minLength()) {
            fail(ctx, in, name() + ": frame of " + length + " bytes");
            return;
        }
        if (length > maxFrameLength) {
            fail(ctx, in, name() + ": frame of " + length + " bytes exceeds " + maxFrameLength);
            return;
        }
        if (in.readableBytes() - 4 < length) return;
        in.skipBytes(4);
        out.add(received(in.readRetainedSlice(length), highBit));
    }

    int minLength() {
        return 1;
    }

    String name() {
        return "intermediate";
    }

    Object received(ByteBuf payload, boolean quickAck) {
        return inbound(payload, quickAck);
    }
}
