package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Full framing, inbound: int32 LE total length (payload + 12), int32 LE sequence number, payload, CRC32 (LE) of all
 * that precedes it. The peer's sequence numbers must count up from 0 by one; a wrong CRC or sequence closes the
 * connection. The full transport has no quick acks.
 */
public final class FullFrameDecoder extends FrameDecoder {
    /** length + seq + CRC. */
    static final int OVERHEAD = 12;

    private int expectedSeq;

    public FullFrameDecoder(Role role, int maxFrameLength) {
        super(role, maxFrameLength);
    }

    @Override
    void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) return;
        int start = in.readerIndex();
        int total = in.getIntLE(start);
        // An empty payload means nothing; anything shorter than the envelope cannot be a frame.
        if (total < OVERHEAD + 4) {
            fail(ctx, in, "full: frame length " + total);
            return;
        }
        if (total - OVERHEAD > maxFrameLength) {
            fail(ctx, in, "full: frame of " + (total - OVERHEAD) + " bytes exceeds " + maxFrameLength);
            return;
        }
        if (in.readableBytes() < total) return;
        int seq = in.getIntLE(start + 4);
        if (seq != expectedSeq) {
            fail(ctx, in, "full: seq " + seq + ", expected " + expectedSeq);
            return;
        }
        CRC32 crc = new CRC32();
        for (ByteBuffer b : in.nioBuffers(start, total - 4)) crc.update(b);
        if ((int) crc.getValue() != in.getIntLE(start + total - 4)) {
            fail(ctx, in, "full: CRC mismatch in frame " + seq);
            return;
        }
        expectedSeq++;
        in.skipBytes(8);
        ByteBuf payload = in.readRetainedSlice(total - OVERHEAD);
        in.skipBytes(4);
        out.add(inbound(payload, false));
    }
}
