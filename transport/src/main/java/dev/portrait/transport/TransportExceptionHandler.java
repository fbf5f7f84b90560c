package dev.portrait.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last transport handler: an exception from any handler before it (Netty's HTTP and WebSocket codecs throw on
 * protocol violations) closes the connection and is logged at debug. Peers sending garbage are not the server's
 * error, so nothing reaches Netty's tail, which would log it as a warning.
 */
@Sharable
final class TransportExceptionHandler extends ChannelInboundHandlerAdapter {
    static final TransportExceptionHandler INSTANCE = new TransportExceptionHandler();
    private static final Logger log = LoggerFactory.getLogger(TransportExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: closing after {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
