package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Base of the inbound framing codecs: bytes in, {@link TransportFrame}s out (and, on the client, {@link QuickAck}s
 * and {@link TransportError}s).
 *
 * <p>Bad input never throws: the decoder logs it at debug, drops everything buffered, ignores what follows and
 * closes the channel. Lengths are checked against the limit as soon as they are read, so no more than one frame
 * (plus one read) is ever buffered; frames are slices of the received bytes, never copies.
 */
public abstract sealed class FrameDecoder extends ByteToMessageDecoder implements IncompleteInput
        permits AbridgedFrameDecoder, IntermediateFrameDecoder, FullFrameDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    protected final Role role;
    protected final int maxFrameLength;
    private boolean failed;

    FrameDecoder(Role role, int maxFrameLength) {
        if (maxFrameLength < 4) throw new IllegalArgumentException("maxFrameLength: " + maxFrameLength);
        this.role = role;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        decodeFrame(ctx, in, out);
    }

    /** Decodes at most one frame (ByteToMessageDecoder calls again while bytes remain and progress is made). */
    abstract void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);

    final void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        log.debug("{}: {}, closing", ctx.channel(), reason);
        ctx.close();
    }

    /** What a received payload means: on the client a 4-byte payload is a transport error, not a message. */
    final Object inbound(ByteBuf payload, boolean quickAck) {
        if (role == Role.CLIENT && payload.readableBytes() == 4) {
            int code = payload.getIntLE(payload.readerIndex());
            payload.release();
            return new TransportError(code);
        }
        return new TransportFrame(payload, quickAck);
    }

    @Override
    public boolean hasIncompleteInput() {
        return !failed && actualReadableBytes() > 0;
    }
}
