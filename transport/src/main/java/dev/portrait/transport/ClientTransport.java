package dev.portrait.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.security.SecureRandom;

/**
 * Puts the client side of an MTProto transport in a connection's pipeline. Add the upper layer after it; it then
 * sees:
 * <ul>
 * <li>inbound: {@link TransportFrame} per frame (to be released), {@link QuickAck} for each acknowledged frame sent
 *     with {@code quickAck}, {@link TransportError} for each error the server sends (it closes the connection
 *     after it);</li>
 * <li>outbound: it writes {@code ByteBuf} payloads, or {@link TransportFrame}s with {@code quickAck} set to
 *     request a quick ack (ignored by the full transport); the transport releases them.</li>
 * </ul>
 * The prefix or obfuscated2 header goes out as soon as the connection is up; writes made earlier wait for it.
 */
public final class ClientTransport {
    public static final String WRITE_LIMIT = "transport-write-limit";
    public static final String PREAMBLE = "transport-preamble";
    public static final String OBFUSCATED2 = "transport-obfuscated2";
    public static final String DECODER = "transport-decoder";
    public static final String ENCODER = "transport-encoder";
    public static final String FRAME_TIMEOUT = "transport-frame-timeout";
    public static final String EXCEPTIONS = "transport-exceptions";

    /** The header's keys must be unpredictable. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientTransport() {
    }

    /** TCP, without a DC id in the obfuscated2 header. */
    public static void install(ChannelPipeline pipeline, Framing framing, boolean obfuscated, TransportConfig config) {
        install(pipeline, framing, obfuscated, 0, config);
    }

    /**
     * TCP.
     *
     * @param dcId written (as signed int16) into the obfuscated2 header; ignored when not obfuscated
     * @throws IllegalArgumentException for obfuscated full transport (it has no protocol tag)
     */
    public static void install(ChannelPipeline pipeline, Framing framing, boolean obfuscated, int dcId,
                               TransportConfig config) {
        limits(pipeline, config);
        framing(pipeline, framing, obfuscated, dcId, false, config);
    }

    /**
     * WebSocket: upgrades to {@code uri} (e.g. {@code ws://host:port/apiws}) with subprotocol {@code binary}, then
     * carries the transport in binary frames. Telegram requires obfuscation on WebSocket; Portrait does not.
     */
    public static void installWebSocket(ChannelPipeline pipeline, URI uri, Framing framing, boolean obfuscated,
                                        int dcId, TransportConfig config) {
        limits(pipeline, config);
        pipeline.addLast("transport-http", new HttpClientCodec());
        pipeline.addLast("transport-http-aggregator", new HttpObjectAggregator(8192));
        pipeline.addLast("transport-ws-protocol", new WebSocketClientProtocolHandler(
                WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .subprotocol(WebSocketUpgradeHandler.SUBPROTOCOL)
                        .version(WebSocketVersion.V13)
                        .maxFramePayloadLength(config.maxWebSocketPayload())
                        .handleCloseFrames(true)
                        .dropPongFrames(true)
                        .build()));
        pipeline.addLast("transport-ws-stream", new WebSocketStream(Role.CLIENT));
        framing(pipeline, framing, obfuscated, dcId, true, config);
    }

    private static void limits(ChannelPipeline pipeline, TransportConfig config) {
        pipeline.channel().config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()));
        pipeline.addLast(WRITE_LIMIT, new WriteBufferLimitHandler(config.maxPendingWriteBytes()));
    }

    private static void framing(ChannelPipeline pipeline, Framing framing, boolean obfuscated, int dcId,
                                boolean webSocket, TransportConfig config) {
        if (obfuscated && !framing.obfuscatable())
            throw new IllegalArgumentException(framing + " cannot be obfuscated: it has no protocol tag");
        Obfuscated2Header.Client header = obfuscated ? Obfuscated2Header.client(framing, dcId, RANDOM) : null;
        byte[] preamble = obfuscated ? header.header() : framing.prefix();
        pipeline.addLast(PREAMBLE, new ClientPreamble(preamble, webSocket, config.maxPendingWriteBytes()));
        if (obfuscated) pipeline.addLast(OBFUSCATED2, new Obfuscated2Codec(header.decryptor(), header.encryptor()));
        pipeline.addLast(DECODER, framing.newDecoder(Role.CLIENT, config.maxFrameLength()));
        pipeline.addLast(ENCODER, framing.newEncoder(Role.CLIENT));
        pipeline.addLast(FRAME_TIMEOUT, new FrameTimeoutHandler(config.frameTimeout()));
        pipeline.addLast(EXCEPTIONS, TransportExceptionHandler.INSTANCE);
    }
}
