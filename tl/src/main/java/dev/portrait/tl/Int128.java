package dev.portrait.tl;

import java.util.HexFormat;

/** TL's int128 (nonces): 16 bytes, kept as the two little-endian longs they are on the wire. */
public record Int128(long lo, long hi) {
    public byte[] toBytes() {
        TlWriter w = new TlWriter(16);
        w.writeInt128(this);
        return w.toByteArray();
    }

    public static Int128 fromBytes(byte[] b) {
        return new TlReader(b).readInt128();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
