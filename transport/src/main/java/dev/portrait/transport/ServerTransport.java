package dev.portrait.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Puts the server side of the MTProto transports in a connection's pipeline. Add the upper layer after it
 * ({@code pipeline.addLast(...)}); it then sees:
 * <ul>
 * <li>inbound: {@link TransportDetected} (user event) once, then one {@link TransportFrame} per frame, which it
 *     must release;</li>
 * <li>outbound: it writes {@code ByteBuf} or {@link TransportFrame} payloads (released by the transport),
 *     {@link QuickAck}s and {@link TransportError}s (after which the connection closes). Writes made before the
 *     transport is known are held until it is.</li>
 * </ul>
 * The transport and its DC id are also kept in {@link TransportAttributes}. Garbage, oversized frames, full-transport
 * CRC or sequence errors, a frame incomplete for too long and a peer that stops reading all close the connection,
 * logged at debug; exceptions from the transport handlers never reach the upper layer.
 *
 * <p>Pipeline, next to the socket first: write limit, detector (replaced by [WebSocket codecs, stream, detector],
 * [obfuscated2], frame decoder, frame encoder), early-write queue, transport-error closer, frame timeout, exception
 * handler.
 */
public final class ServerTransport {
    public static final String WRITE_LIMIT = "transport-write-limit";
    public static final String DETECT = "transport-detect";
    public static final String EARLY_WRITES = "transport-early-writes";
    public static final String ERROR_CLOSE = "transport-error-close";
    public static final String FRAME_TIMEOUT = "transport-frame-timeout";
    public static final String EXCEPTIONS = "transport-exceptions";

    private ServerTransport() {
    }

    public static void install(ChannelPipeline pipeline, TransportConfig config) {
        pipeline.channel().config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()));
        pipeline.addLast(WRITE_LIMIT, new WriteBufferLimitHandler(config.maxPendingWriteBytes()));
        pipeline.addLast(DETECT, new TransportDetector(config, false));
        pipeline.addLast(EARLY_WRITES, new EarlyWriteQueue(config.maxPendingWriteBytes()));
        pipeline.addLast(ERROR_CLOSE, TransportErrorCloser.INSTANCE);
        pipeline.addLast(FRAME_TIMEOUT, new FrameTimeoutHandler(config.frameTimeout()));
        pipeline.addLast(EXCEPTIONS, TransportExceptionHandler.INSTANCE);
    }
}
