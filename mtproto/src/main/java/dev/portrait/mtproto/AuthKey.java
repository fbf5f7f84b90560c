package dev.portrait.mtproto;

import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.mtproto.crypto.Hashes;
import dev.portrait.tl.Int128;
import dev.portrait.tl.Int256;

/** A 2048-bit authorization key with the identifiers MTProto derives from its SHA-1. Immutable. */
public final class AuthKey {
    public static final int BYTES = 256;

    private final byte[] key;
    private final long id;
    private final long auxHash;

    public AuthKey(byte[] key) {
        if (key.length != BYTES) throw new IllegalArgumentException("an auth key has 256 bytes, not " + key.length);
        this.key = key.clone();
        byte[] sha = Hashes.sha1(key);
        this.id = Bytes.getLongLE(sha, 12);
        this.auxHash = Bytes.getLongLE(sha, 0);
    }

    /** auth_key_id: the lower 64 bits of SHA-1(key), i.e. its bytes 12..20 as a little-endian long. */
    public long id() {
        return id;
    }

    /** auth_key_aux_hash: the higher 64 bits of SHA-1(key) (bytes 0..8, little-endian); also retry_id. */
    public long auxHash() {
        return auxHash;
    }

    /** A copy of the 256 key bytes. */
    public byte[] key() {
        return key.clone();
    }

    /** The key bytes without a copy, for this package's ciphers. */
    byte[] bytes() {
        return key;
    }

    /** new_nonce_hash{n}: the lower 128 bits of SHA-1(new_nonce + byte n + auth_key_aux_hash). */
    public Int128 newNonceHash(int n, Int256 newNonce) {
        byte[] aux = new byte[8];
        Bytes.putLongLE(aux, 0, auxHash);
        byte[] sha = Hashes.sha1(newNonce.toBytes(), new byte[]{(byte) n}, aux);
        return new Int128(Bytes.getLongLE(sha, 4), Bytes.getLongLE(sha, 12));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && Bytes.equal(k.key, key);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AuthKey[id=" + id + "]";
    }
}
