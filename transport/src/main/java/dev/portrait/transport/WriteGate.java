package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Holds transport writes (payloads, quick acks, transport errors, stream bytes) until the transport is ready for
 * them, then writes them in order and leaves the pipeline. Other messages (HTTP, WebSocket control) pass.
 * At most {@code maxHeldBytes} are held: more closes the connection.
 */
abstract class WriteGate extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WriteGate.class);

    private final long maxHeldBytes;
    private PendingWriteQueue held;
    private boolean flushHeld;
    private boolean open;

    WriteGate(long maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        held = new PendingWriteQueue(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (open || !(msg instanceof ByteBuf || msg instanceof TransportFrame || msg instanceof QuickAck
                || msg instanceof TransportError)) {
            ctx.write(msg, promise);
            return;
        }
        held.add(msg, promise);
        if (held.bytes() > maxHeldBytes) {
            log.debug("{}: more than {} bytes written before the transport was ready, closing", ctx.channel(),
                    maxHeldBytes);
            held.removeAndFailAll(new IOException("too much written before the transport was ready"));
            ctx.close();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!open) flushHeld = true;
        ctx.flush();
    }

    /** Writes what was held (flushing if a flush was asked for) and leaves. */
    final void open(ChannelHandlerContext ctx) {
        if (open) return;
        open = true;
        if (!held.isEmpty()) held.removeAndWriteAll();
        if (flushHeld) ctx.flush();
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) held.removeAndFailAll(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) held.removeAndFailAll(new ClosedChannelException());
    }
}
