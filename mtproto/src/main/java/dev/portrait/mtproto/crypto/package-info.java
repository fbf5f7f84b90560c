/**
 * MTProto's cryptographic building blocks: AES-256-IGE and -CTR, SHA helpers, the server's RSA keys with Telegram's
 * fingerprints, the two req_DH_params encryption schemes (RSA_PAD, legacy), the DH group and the pq proof of work.
 */
package dev.portrait.mtproto.crypto;
