package dev.portrait.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * First handler after the socket: a write made while {@code maxPendingBytes} or more still wait to be written means
 * the peer has stopped reading. The write fails, its message is released and the connection closes, so a client
 * that never reads costs at most that much memory. (Writability from the water marks is the gentle signal; this is
 * the hard stop.)
 */
final class WriteBufferLimitHandler extends ChannelOutboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WriteBufferLimitHandler.class);

    private final long maxPendingBytes;

    WriteBufferLimitHandler(long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (pending >= maxPendingBytes) {
            ReferenceCountUtil.release(msg);
            log.debug("{}: {} bytes not taken by the peer, closing", ctx.channel(), pending);
            promise.tryFailure(new IOException("the peer is not reading: " + pending + " bytes pending"));
            ctx.close();
            return;
        }
        ctx.write(msg, promise);
    }
}
