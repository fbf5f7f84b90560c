package dev.portrait.mtproto;

/**
 * Every way an MTProto packet, key exchange step or RSA block can be rejected. The only exception this module's
 * decoders throw for bad input: callers answer all of them the same way (drop the packet or close the connection),
 * the reason is for logs and tests.
 */
public final class MtprotoException extends RuntimeException {
    public enum Reason {
        /** Fewer bytes than the format's fixed part, or a length that does not fit the packet. */
        BAD_LENGTH,
        /** The packet's auth_key_id is not the key's (or not 0 for a plain message). */
        AUTH_KEY_ID_MISMATCH,
        /** The msg_key does not match the decrypted plaintext. */
        MSG_KEY_MISMATCH,
        /** Padding outside 12..1024 bytes (MTProto 2.0) or not what the format allows. */
        BAD_PADDING,
        /** A header field with an impossible value (msg_id, seqno, session). */
        BAD_HEADER,
        /** The TL body could not be parsed or is not the expected constructor. */
        BAD_TL,
        /** An RSA block that is not below the modulus or has the wrong size. */
        RSA_OUT_OF_RANGE,
        /** RSA_PAD's SHA-256 or the legacy scheme's SHA-1 did not verify. */
        RSA_HASH_MISMATCH,
        /** Data too long for the RSA scheme (client side). */
        RSA_DATA_TOO_LONG,
        /** A key exchange message in the wrong state. */
        UNEXPECTED_MESSAGE,
        /** nonce or server_nonce differ from this exchange's. */
        NONCE_MISMATCH,
        /** The public_key_fingerprint names no key we have. */
        UNKNOWN_FINGERPRINT,
        /** p, q or pq differ from the ones the server sent. */
        PQ_MISMATCH,
        /** The encrypted inner data's SHA-1 did not verify. */
        HASH_MISMATCH,
        /** dh_prime, g, g_a or g_b fail the checks of the docs. */
        BAD_DH_PARAMS,
        /** new_nonce_hash1/2/3 or the server_DH_params_fail hash did not verify (client side). */
        NEW_NONCE_HASH_MISMATCH,
        /** The server refused the exchange (dh_gen_fail or server_DH_params_fail). */
        KEY_EXCHANGE_FAILED,
        /** A bind_auth_key_inner that does not match its auth.bindTempAuthKey request. */
        BIND_MISMATCH
    }

    private final Reason reason;

    public MtprotoException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public MtprotoException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
