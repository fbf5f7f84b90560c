package dev.portrait.mtproto;

/**
 * The padded intermediate transport appends 0–15 random bytes to every frame and leaves it to the receiver to know
 * where the MTProto packet ends: an encrypted packet is auth_key_id + msg_key + a multiple of 16 bytes, a plain one
 * says its length. Trimming is a no-op for unpadded frames.
 */
public final class TransportPadding {
    private TransportPadding() {
    }

    /** The length of the encrypted packet at the start of a frame of {@code frameLength} bytes. */
    public static int encryptedLength(int frameLength) {
        if (frameLength < Envelope.OUTER_HEADER) return frameLength;
        return Envelope.OUTER_HEADER + ((frameLength - Envelope.OUTER_HEADER) & ~15);
    }
}
