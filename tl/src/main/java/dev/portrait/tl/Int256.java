package dev.portrait.tl;

import java.util.HexFormat;

/** TL's int256 (new_nonce): 32 bytes as four little-endian longs in wire order. */
public record Int256(long a, long b, long c, long d) {
    public byte[] toBytes() {
        TlWriter w = new TlWriter(32);
        w.writeInt256(this);
        return w.toByteArray();
    }

    public static Int256 fromBytes(byte[] b) {
        return new TlReader(b).readInt256();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
