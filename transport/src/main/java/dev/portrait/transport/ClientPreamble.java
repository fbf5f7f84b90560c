package dev.portrait.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/**
 * Client side: sends what precedes the first frame (the framing's prefix, or the obfuscated2 header) as soon as the
 * connection is up (TCP connected, or WebSocket handshake complete) and holds every transport write made before
 * that, so the preamble always goes first. Sits next to the socket so the preamble is neither framed nor encrypted.
 */
final class ClientPreamble extends WriteGate {
    private final byte[] preamble;
    private final boolean afterWebSocketHandshake;

    ClientPreamble(byte[] preamble, boolean afterWebSocketHandshake, long maxHeldBytes) {
        super(maxHeldBytes);
        this.preamble = preamble;
        this.afterWebSocketHandshake = afterWebSocketHandshake;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        if (!afterWebSocketHandshake && ctx.channel().isActive()) send(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!afterWebSocketHandshake) send(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (afterWebSocketHandshake && evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) send(ctx);
        ctx.fireUserEventTriggered(evt);
    }

    private void send(ChannelHandlerContext ctx) {
        if (preamble.length > 0) ctx.write(Unpooled.wrappedBuffer(preamble));
        ctx.flush();
        open(ctx);
    }
}
