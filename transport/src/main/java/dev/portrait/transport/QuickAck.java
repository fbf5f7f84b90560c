package dev.portrait.transport;

/**
 * A quick-ack token (the first 32 bits of the message's SHA-256 as a little-endian int, high bit set).
 *
 * <p>Server: write one to answer a {@link TransportFrame} that had {@code quickAck} set; it goes out as the framing
 * prescribes (abridged: 4 bytes big-endian; intermediate and padded intermediate: 4 bytes little-endian; full has no
 * quick acks and drops it). The high bit is set on the wire whatever {@code token} holds.
 *
 * <p>Client: the frame decoders hand one up when the server acknowledges a frame sent with {@code quickAck}.
 */
public record QuickAck(int token) {

    @Override
    public String toString() {
        return "QuickAck(0x" + Integer.toHexString(token) + ")";
    }
}
