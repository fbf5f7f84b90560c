package dev.portrait.transport;

/**
 * User event fired (server side) once the transport of a connection is known, before its first
 * {@link TransportFrame}. The same facts are kept in the {@link TransportAttributes}.
 *
 * @param framing the MTProto transport the client chose
 * @param obfuscated whether the stream is obfuscated2
 * @param webSocket whether the stream arrives in WebSocket binary frames
 * @param dcId the signed DC id from the obfuscated2 header, 0 when not obfuscated
 */
public record TransportDetected(Framing framing, boolean obfuscated, boolean webSocket, int dcId) {
    /** Outermost layer first, e.g. {@code intermediate}, {@code obfuscated2/abridged}, {@code websocket/obfuscated2/padded}. */
    public String describe() {
        String f = switch (framing) {
            case ABRIDGED -> "abridged";
            case INTERMEDIATE -> "intermediate";
            case PADDED_INTERMEDIATE -> "padded";
            case FULL -> "full";
        };
        return (webSocket ? "websocket/" : "") + (obfuscated ? "obfuscated2/" : "") + f;
    }
}
