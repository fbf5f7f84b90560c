package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

import java.util.List;

/**
 * Netty's WebSocket frame decoder, made to tell {@link FrameTimeoutHandler} when it holds part of a frame. It
 * consumes a frame's header before the payload arrives, so buffered bytes alone do not say so: each decode call
 * either ends a frame (and returns) or, having consumed bytes without producing one, is in the middle of one.
 */
final class TrackedWebSocketFrameDecoder extends WebSocket13FrameDecoder implements IncompleteInput {
    private boolean midFrame;

    TrackedWebSocketFrameDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        int before = in.readerIndex();
        int produced = out.size();
        super.decode(ctx, in, out);
        if (out.size() > produced) midFrame = false;
        else if (in.readerIndex() != before) midFrame = true;
    }

    @Override
    public boolean hasIncompleteInput() {
        return midFrame || actualReadableBytes() > 0;
    }
}
