package dev.portrait.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side: answers the HTTP request of a connection that started with {@code GET }. A WebSocket (version 13)
 * upgrade at {@link #PATH} is accepted, choosing subprotocol {@link #SUBPROTOCOL} when the client offers it; anything
 * else gets an HTTP error and is closed. After the upgrade this handler makes way for {@link WebSocketStream} and a
 * new {@link TransportDetector} that reads the carried stream.
 */
final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter implements IncompleteInput {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeHandler.class);

    static final String PATH = "/apiws";
    static final String SUBPROTOCOL = "binary";
    static final String WS_STREAM = "transport-ws-stream";
    static final String WS_DETECT = "transport-detect-ws";

    private final TransportConfig config;

    WebSocketUpgradeHandler(TransportConfig config) {
        this.config = config;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            upgrade(ctx, request);
        } finally {
            request.release();
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            reject(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " " + request.uri());
            return;
        }
        if (!PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            reject(ctx, HttpResponseStatus.NOT_FOUND, "GET " + request.uri());
            return;
        }
        var headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "not a WebSocket upgrade");
            return;
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            FullHttpResponse response = response(HttpResponseStatus.UPGRADE_REQUIRED);
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            send(ctx, response, "WebSocket version " + headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
            return;
        }
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .maxFramePayloadLength(config.maxWebSocketPayload())
                .closeOnProtocolViolation(true)
                .build();
        String location = "ws://" + headers.get(HttpHeaderNames.HOST, "localhost") + PATH;
        ChannelFuture handshake;
        try {
            handshake = new Handshaker(location, decoderConfig).handshake(ctx, request);
        } catch (RuntimeException e) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, e.toString());
            return;
        }
        handshake.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                log.debug("{}: WebSocket handshake failed: {}", f.channel(), f.cause().toString());
                f.channel().close();
            }
        });
        ctx.channel().attr(TransportAttributes.WEBSOCKET).set(true);
        log.debug("{}: WebSocket at {}", ctx.channel(), PATH);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), WS_DETECT, new TransportDetector(config, true));
        p.addAfter(ctx.name(), WS_STREAM, new WebSocketStream(Role.SERVER));
        p.remove(this);
    }

    private static FullHttpResponse response(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        send(ctx, response(status), reason);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, String reason) {
        log.debug("{}: {} ({}), closing", ctx.channel(), response.status(), reason);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The whole HTTP exchange counts as the transport header for the frame timeout. */
    @Override
    public boolean hasIncompleteInput() {
        return true;
    }

    /** Netty's handshaker, with a frame decoder that tells whether it is in the middle of a frame. */
    private static final class Handshaker extends WebSocketServerHandshaker13 {
        Handshaker(String location, WebSocketDecoderConfig decoderConfig) {
            super(location, SUBPROTOCOL, decoderConfig);
        }

        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
            return new TrackedWebSocketFrameDecoder(decoderConfig());
        }
    }
}
