package dev.portrait.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Server side: closes the connection once a {@link TransportError} has been written (or failed to be). */
@Sharable
final class TransportErrorCloser extends ChannelOutboundHandlerAdapter {
    static final TransportErrorCloser INSTANCE = new TransportErrorCloser();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof TransportError) {
            ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(msg, promise);
        }
    }
}
