package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;

/**
 * Abridged framing, inbound: a length byte counting 4-byte words, or 0x7f and a 3-byte LE word count.
 * A client sets the length byte's high bit to request a quick ack; from the server, a first byte with the high bit
 * set starts a 4-byte big-endian quick-ack token instead (server lengths never exceed 0x7f).
 */
public final class AbridgedFrameDecoder extends FrameDecoder {

    public AbridgedFrameDecoder(Role role, int maxFrameLength) {
        super(role, maxFrameLength);
    }

    @Override
    void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) return;
        int start = in.readerIndex();
        int first = in.getUnsignedByte(start);
        boolean highBit = (first & 0x80) != 0;
        if (highBit && role == Role.CLIENT) {
            if (in.readableBytes() < 4) return;
            out.add(new QuickAck(in.readInt()));
            return;
        }
        int header = 1;
        long words = first & 0x7f;
        if (words == 0x7f) {
            if (in.readableBytes() < 4) return;
            words = in.getUnsignedMediumLE(start + 1);
            header = 4;
        }
        long length = words * 4;
        if (length == 0) {
            fail(ctx, in, "abridged: empty frame");
            return;
        }
        if (length > maxFrameLength) {
            fail(ctx, in, "abridged: frame of " + length + " bytes exceeds " + maxFrameLength);
            return;
        }
        if (in.readableBytes() < header + length) return;
        in.skipBytes(header);
        out.add(inbound(in.readRetainedSlice((int) length), highBit));
    }
}
