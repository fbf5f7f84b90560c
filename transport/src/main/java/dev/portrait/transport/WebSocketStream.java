package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Turns WebSocket messages into the byte stream MTProto transports expect and back: the content of binary (and
 * continuation) frames goes up as bytes, written bytes go out as binary frames. Message boundaries mean nothing;
 * framing is the MTProto transport's.
 *
 * <p>On the server it also does what Netty's protocol handler would: answers pings, echoes a close frame, closes on
 * text frames, and sends a close frame with status 1000 (as Telegram does, whatever the reason) before closing. On
 * the client Netty's {@code WebSocketClientProtocolHandler} does that part.
 */
final class WebSocketStream extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketStream.class);
    /** How long a close frame may take to leave before the connection is closed anyway. */
    private static final long CLOSE_FRAME_GRACE_MILLIS = 1000;

    private final Role role;
    private boolean closeFrameSent;

    WebSocketStream(Role role) {
        this.role = role;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case BinaryWebSocketFrame f -> ctx.fireChannelRead(f.content());
            case ContinuationWebSocketFrame f -> ctx.fireChannelRead(f.content());
            case PingWebSocketFrame f -> ctx.writeAndFlush(new PongWebSocketFrame(f.content()));
            case PongWebSocketFrame f -> f.release();
            case CloseWebSocketFrame f -> {
                f.release();
                if (role == Role.SERVER && !closeFrameSent) {
                    closeFrameSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
            default -> {
                log.debug("{}: unexpected {} in a WebSocket transport, closing", ctx.channel(),
                        msg.getClass().getSimpleName());
                ReferenceCountUtil.release(msg);
                ctx.close();
            }
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf b ? new BinaryWebSocketFrame(b) : msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (role != Role.SERVER || closeFrameSent || !ctx.channel().isActive() || !ctx.channel().isWritable()) {
            ctx.close(promise);
            return;
        }
        closeFrameSent = true;
        // Close once the frame is out, or after a grace period if the peer does not take it.
        Runnable closeOnce = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                if (ran) return;
                ran = true;
                ctx.close(promise);
            }
        };
        var grace = ctx.executor().schedule(closeOnce, CLOSE_FRAME_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(f -> {
            grace.cancel(false);
            closeOnce.run();
        });
    }
}
