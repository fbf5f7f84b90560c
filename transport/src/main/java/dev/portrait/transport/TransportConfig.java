package dev.portrait.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a connection's transport.
 *
 * @param maxFrameLength largest payload accepted in one frame (padding included). A frame announcing more closes the
 *        connection as soon as its length has been read, before any of it is buffered. Default 16 MiB, the limit
 *        tdlib applies to what it receives; Telegram's largest requests (512 KiB file parts) are far below it.
 * @param frameTimeout how long a started frame (or the transport header, or the WebSocket upgrade) may stay
 *        incomplete: the clock starts with the connection or with the first byte after the last complete frame, and
 *        the connection is closed when it runs out. It does not run while reading is paused (auto-read off), and an
 *        idle connection between frames is not limited here (that is MTProto's ping business). Default 60 s.
 * @param writeBufferLowWaterMark see {@link #writeBufferHighWaterMark}
 * @param writeBufferHighWaterMark once more bytes than this wait to be written the channel turns unwritable
 *        ({@code Channel.isWritable()} false, {@code channelWritabilityChanged}); it turns writable again below the
 *        low water mark. Upper layers should stop producing while unwritable. Defaults 256 KiB / 1 MiB.
 * @param maxPendingWriteBytes a write made while at least this many bytes are still waiting to be written closes
 *        the connection (the peer is not reading) and fails that write: memory per connection stays bounded by this
 *        plus one message. Default 16 MiB.
 * @param webSocket whether the server accepts WebSocket upgrades at {@code /apiws} on the same port (default true)
 */
public record TransportConfig(int maxFrameLength, Duration frameTimeout, int writeBufferLowWaterMark,
                              int writeBufferHighWaterMark, long maxPendingWriteBytes, boolean webSocket) {

    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 << 20;
    /** Upper bound of {@link #maxFrameLength}: keeps every length computation (full adds 12) inside an int. */
    public static final int MAX_FRAME_LENGTH_LIMIT = 1 << 30;

    public TransportConfig {
        if (maxFrameLength < 4 || maxFrameLength > MAX_FRAME_LENGTH_LIMIT)
            throw new IllegalArgumentException("maxFrameLength must be in [4, 2^30]: " + maxFrameLength);
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        if (frameTimeout.isNegative() || frameTimeout.isZero())
            throw new IllegalArgumentException("frameTimeout must be positive: " + frameTimeout);
        if (writeBufferLowWaterMark < 0 || writeBufferHighWaterMark < writeBufferLowWaterMark)
            throw new IllegalArgumentException("need 0 <= low <= high water mark");
        if (maxPendingWriteBytes < writeBufferHighWaterMark)
            throw new IllegalArgumentException("maxPendingWriteBytes must be >= the high water mark");
    }

    public static TransportConfig defaults() {
        return new TransportConfig(DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(60), 256 << 10, 1 << 20, 16L << 20,
                true);
    }

    public TransportConfig withMaxFrameLength(int bytes) {
        return new TransportConfig(bytes, frameTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                maxPendingWriteBytes, webSocket);
    }

    public TransportConfig withFrameTimeout(Duration timeout) {
        return new TransportConfig(maxFrameLength, timeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                maxPendingWriteBytes, webSocket);
    }

    public TransportConfig withWriteBufferWaterMark(int low, int high) {
        return new TransportConfig(maxFrameLength, frameTimeout, low, high, Math.max(maxPendingWriteBytes, high),
                webSocket);
    }

    public TransportConfig withMaxPendingWriteBytes(long bytes) {
        return new TransportConfig(maxFrameLength, frameTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                bytes, webSocket);
    }

    public TransportConfig withWebSocket(boolean enabled) {
        return new TransportConfig(maxFrameLength, frameTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
                maxPendingWriteBytes, enabled);
    }

    /** Largest WebSocket message payload accepted: one frame plus the obfuscation header and framing overhead. */
    int maxWebSocketPayload() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxFrameLength + 1024);
    }
}
