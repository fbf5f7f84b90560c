package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;

/**
 * Base of the outbound framing codecs. Accepts a {@link ByteBuf} or {@link TransportFrame} payload (released by
 * the transport), a {@link QuickAck} and a {@link TransportError}; anything else passes through. The envelope is
 * written around the payload without copying it (a composite buffer); a payload the framing cannot carry fails its
 * write and is released.
 */
public abstract sealed class FrameEncoder extends ChannelOutboundHandlerAdapter
        permits AbridgedFrameEncoder, IntermediateFrameEncoder, FullFrameEncoder {

    protected final Role role;

    FrameEncoder(Role role) {
        this.role = role;
    }

    @Override
    public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        switch (msg) {
            case ByteBuf payload -> writeFrame(ctx, payload, false, promise);
            case TransportFrame frame -> writeFrame(ctx, frame.payload(), role == Role.CLIENT && frame.quickAck(), promise);
            case QuickAck ack -> writeQuickAck(ctx, ack.token() | 0x80000000, promise);
            case TransportError error -> writeError(ctx, error.code(), promise);
            default -> ctx.write(msg, promise);
        }
    }

    /** Frames {@code payload} (owned from here on); {@code quickAck} is only ever true on the client. */
    abstract void writeFrame(ChannelHandlerContext ctx, ByteBuf payload, boolean quickAck, ChannelPromise promise);

    abstract void writeQuickAck(ChannelHandlerContext ctx, int token, ChannelPromise promise);

    /** A transport error is a frame holding the int32 LE code alone. */
    void writeError(ChannelHandlerContext ctx, int code, ChannelPromise promise) {
        writeFrame(ctx, ctx.alloc().buffer(4).writeIntLE(code), false, promise);
    }

    static ByteBuf compose(ChannelHandlerContext ctx, ByteBuf... parts) {
        CompositeByteBuf out = ctx.alloc().compositeBuffer(parts.length);
        out.addComponents(true, parts);
        return out;
    }

    static void reject(ByteBuf payload, ChannelPromise promise, String reason) {
        payload.release();
        promise.tryFailure(new EncoderException(reason));
    }
}
