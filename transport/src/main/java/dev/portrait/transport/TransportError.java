package dev.portrait.transport;

/**
 * A transport error: a frame whose whole payload is one negative little-endian int32.
 *
 * <p>Server: writing one sends it in the connection's framing (never padded, so every client recognises the
 * 4-byte payload) and then closes the connection once it has been written.
 *
 * <p>Client: the frame decoders hand one up for every 4-byte frame, since no MTProto message is that short.
 *
 * @param code the code as on the wire, e.g. {@code -404}; a positive value is negated
 */
public record TransportError(int code) {
    /** Auth key not found, or an MTProto packet the server could not make sense of. */
    public static final int AUTH_KEY_NOT_FOUND = -404;
    /** Transport flood: too many connections or messages. */
    public static final int FLOOD = -429;
    /** Invalid DC id. */
    public static final int INVALID_DC = -444;

    public TransportError {
        if (code > 0) code = -code;
    }
}
