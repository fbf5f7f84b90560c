package dev.portrait.mtproto.handshake;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.tl.Int256;

/**
 * A finished key exchange, server side.
 *
 * @param serverSalt the first salt: new_nonce[0..8] XOR server_nonce[0..8], as a little-endian long
 * @param expiresIn  0 for a permanent key, else the temporary key's lifetime in seconds (p_q_inner_data_temp*)
 * @param dc         the DC the client asked for (p_q_inner_data_dc / _temp_dc; negative for media DCs, +10000 on
 *                   test servers), or this server's DC id when its inner data did not say
 */
public record AuthKeyCreated(AuthKey key, long serverSalt, int expiresIn, int dc, Int256 newNonce) {
    public boolean temporary() {
        return expiresIn != 0;
    }
}
