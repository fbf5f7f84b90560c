package dev.portrait.transport;

import io.netty.buffer.ByteBuf;

/**
 * Padded intermediate framing, inbound: as intermediate, but the length covers 0–15 random padding bytes after the
 * payload. Payloads are multiples of 4, so the payload handed up is trimmed to a multiple of 4; up to 12 padding
 * bytes may remain (MTProto messages carry their own length).
 *
 * <p>On the client, besides the 4-byte quick-ack token tdlib expects, the form described by the current
 * documentation is also understood: a frame of 8–16 bytes starting with 0xffffffff, then the token.
 */
public final class PaddedIntermediateFrameDecoder extends IntermediateFrameDecoder {

    public PaddedIntermediateFrameDecoder(Role role, int maxFrameLength) {
        super(role, maxFrameLength);
    }

    @Override
    int minLength() {
        return 4;
    }

    @Override
    String name() {
        return "padded intermediate";
    }

    @Override
    Object received(ByteBuf frame, boolean quickAck) {
        int length = frame.readableBytes();
        if (role == Role.CLIENT && length >= 8 && length <= 16 && frame.getIntLE(frame.readerIndex()) == -1) {
            int token = frame.getIntLE(frame.readerIndex() + 4);
            frame.release();
            return new QuickAck(token);
        }
        frame.writerIndex(frame.writerIndex() - (length & 3));
        return inbound(frame, quickAck);
    }
}
