package dev.portrait.transport;

import io.netty.util.AttributeKey;

/** Channel attributes the server transport sets once a connection's transport is known. */
public final class TransportAttributes {
    /** The framing the client chose; absent until detected. */
    public static final AttributeKey<Framing> FRAMING = AttributeKey.valueOf(TransportAttributes.class, "framing");
    /** Whether the stream is obfuscated2; absent until detected. */
    public static final AttributeKey<Boolean> OBFUSCATED = AttributeKey.valueOf(TransportAttributes.class, "obfuscated");
    /** {@code true} once the connection has been upgraded to a WebSocket at {@code /apiws}. */
    public static final AttributeKey<Boolean> WEBSOCKET = AttributeKey.valueOf(TransportAttributes.class, "websocket");
    /**
     * The DC id from an obfuscated2 header (signed int16 at bytes 60..62: negative for media DCs, +10000 for test
     * DCs); absent when the stream is not obfuscated.
     */
    public static final AttributeKey<Integer> DC_ID = AttributeKey.valueOf(TransportAttributes.class, "dcId");

    private TransportAttributes() {
    }
}
