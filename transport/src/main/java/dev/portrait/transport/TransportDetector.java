package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Server side: learns a connection's transport from its first bytes, puts the matching handlers in its own place
 * and leaves (the bytes it holds go on to them):
 * <ul>
 * <li>{@code ef} → abridged; {@code eeeeeeee} → intermediate; {@code dddddddd} → padded intermediate (the prefix is
 *     consumed);</li>
 * <li>{@code GET } → WebSocket upgrade at {@code /apiws}; the stream inside then goes through detection again;</li>
 * <li>other HTTP methods and TLS → closed (neither is served);</li>
 * <li>bytes 4..8 all zero → full (a full frame's seq starts at 0; obfuscated2 clients never send that);</li>
 * <li>otherwise the 64-byte obfuscated2 header: its protocol tag picks the framing, anything else closes.</li>
 * </ul>
 * It waits for as many bytes as each decision needs, so any split of the input works.
 */
public final class TransportDetector extends ByteToMessageDecoder implements IncompleteInput {
    private static final Logger log = LoggerFactory.getLogger(TransportDetector.class);

    static final String OBFUSCATED2 = "transport-obfuscated2";
    static final String DECODER = "transport-decoder";
    static final String ENCODER = "transport-encoder";
    static final String HTTP = "transport-http";
    static final String HTTP_AGGREGATOR = "transport-http-aggregator";
    static final String WS_UPGRADE = "transport-ws-upgrade";

    private static final int GET = 0x20544547;
    private static final int HEAD = 0x44414548;
    private static final int POST = 0x54534f50;
    private static final int OPTI = 0x4954504f;
    private static final int TLS = 0x02010316;
    /** The upgrade request has no body; this only bounds what the aggregator would hold. */
    private static final int MAX_HTTP_CONTENT = 1024;

    private final TransportConfig config;
    private final boolean webSocket;
    private final boolean insideWebSocket;
    private boolean done;

    /**
     * @param insideWebSocket whether this detector reads the stream carried by a WebSocket (no second upgrade then)
     */
    TransportDetector(TransportConfig config, boolean insideWebSocket) {
        this.config = config;
        this.insideWebSocket = insideWebSocket;
        this.webSocket = config.webSocket() && !insideWebSocket;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < 1) return;
        if (in.getUnsignedByte(start) == 0xef) {
            in.skipBytes(1);
            plain(ctx, Framing.ABRIDGED);
            return;
        }
        if (available < 4) return;
        int first = in.getIntLE(start);
        switch (first) {
            case 0xeeeeeeee -> {
                in.skipBytes(4);
                plain(ctx, Framing.INTERMEDIATE);
                return;
            }
            case 0xdddddddd -> {
                in.skipBytes(4);
                plain(ctx, Framing.PADDED_INTERMEDIATE);
                return;
            }
            case GET -> {
                if (webSocket) upgrade(ctx);
                else fail(ctx, in, insideWebSocket ? "HTTP inside a WebSocket" : "WebSocket is disabled");
                return;
            }
            case HEAD, POST, OPTI -> {
                fail(ctx, in, "HTTP transport is not served");
                return;
            }
            case TLS -> {
                fail(ctx, in, "TLS is not served");
                return;
            }
            default -> {
            }
        }
        if (available < 8) return;
        if (in.getIntLE(start + 4) == 0) {
            plain(ctx, Framing.FULL);
            return;
        }
        if (available < Obfuscated2Header.LENGTH) return;
        byte[] header = new byte[Obfuscated2Header.LENGTH];
        in.readBytes(header);
        Obfuscated2Header.Server h = Obfuscated2Header.server(header);
        if (h == null) {
            fail(ctx, in, "obfuscated2: unknown protocol tag");
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), ENCODER, h.framing().newEncoder(Role.SERVER));
        p.addAfter(ctx.name(), DECODER, h.framing().newDecoder(Role.SERVER, config.maxFrameLength()));
        p.addAfter(ctx.name(), OBFUSCATED2, new Obfuscated2Codec(h.decryptor(), h.encryptor()));
        detected(ctx, h.framing(), true, h.dcId());
    }

    private void plain(ChannelHandlerContext ctx, Framing framing) {
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), ENCODER, framing.newEncoder(Role.SERVER));
        p.addAfter(ctx.name(), DECODER, framing.newDecoder(Role.SERVER, config.maxFrameLength()));
        detected(ctx, framing, false, 0);
    }

    private void detected(ChannelHandlerContext ctx, Framing framing, boolean obfuscated, int dcId) {
        done = true;
        var ch = ctx.channel();
        ch.attr(TransportAttributes.FRAMING).set(framing);
        ch.attr(TransportAttributes.OBFUSCATED).set(obfuscated);
        if (obfuscated) ch.attr(TransportAttributes.DC_ID).set(dcId);
        log.debug("{}: {}{}{}", ch, obfuscated ? "obfuscated2 " : "", framing, insideWebSocket ? " over WebSocket" : "");
        // The event goes first so that writes held until now are released before the first frame arrives.
        ctx.fireUserEventTriggered(new TransportDetected(framing, obfuscated, insideWebSocket, dcId));
        // Removal hands the bytes still buffered here to the handlers just added.
        ctx.pipeline().remove(this);
    }

    private void upgrade(ChannelHandlerContext ctx) {
        done = true;
        HttpDecoderConfig http = new HttpDecoderConfig().setMaxInitialLineLength(4096).setMaxHeaderSize(8192);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), WS_UPGRADE, new WebSocketUpgradeHandler(config));
        p.addAfter(ctx.name(), HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_CONTENT));
        p.addAfter(ctx.name(), HTTP, new HttpServerCodec(http));
        p.remove(this);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        done = true;
        in.skipBytes(in.readableBytes());
        log.debug("{}: {}, closing", ctx.channel(), reason);
        ctx.close();
    }

    /** Until the transport is known the header is by definition incomplete. */
    @Override
    public boolean hasIncompleteInput() {
        return !done;
    }
}
