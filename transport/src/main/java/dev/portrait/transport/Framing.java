package dev.portrait.transport;

/** The MTProto transport protocols (core.telegram.org/mtproto/mtproto-transports). */
public enum Framing {
    /** 1-byte length in words (or 0x7f + 3 bytes); prefix 0xef. */
    ABRIDGED(new byte[] {(byte) 0xef}, 0xefefefef),
    /** int32 LE length; prefix 0xeeeeeeee. */
    INTERMEDIATE(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}, 0xeeeeeeee),
    /** int32 LE length covering payload and 0–15 random padding bytes; prefix 0xdddddddd. */
    PADDED_INTERMEDIATE(new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd}, 0xdddddddd),
    /** int32 LE length (payload + 12), int32 LE seq from 0, payload, CRC32; no prefix and no obfuscation tag. */
    FULL(new byte[0], 0);

    private final byte[] prefix;
    private final int obfuscationTag;

    Framing(byte[] prefix, int obfuscationTag) {
        this.prefix = prefix;
        this.obfuscationTag = obfuscationTag;
    }

    /** What a plain (not obfuscated) client sends before its first frame. */
    public byte[] prefix() {
        return prefix.clone();
    }

    /** Whether this framing can be carried inside obfuscated2 (it has a protocol tag). */
    public boolean obfuscatable() {
        return this != FULL;
    }

    /** The protocol tag at bytes 56..60 of an obfuscated2 header (read as int32 LE). */
    int obfuscationTag() {
        if (!obfuscatable()) throw new IllegalStateException("the full transport has no obfuscation tag");
        return obfuscationTag;
    }

    static Framing ofObfuscationTag(int tag) {
        for (Framing f : values()) if (f.obfuscatable() && f.obfuscationTag == tag) return f;
        return null;
    }

    /** A new inbound codec of this framing for one connection. */
    public FrameDecoder newDecoder(Role role, int maxFrameLength) {
        return switch (this) {
            case ABRIDGED -> new AbridgedFrameDecoder(role, maxFrameLength);
            case INTERMEDIATE -> new IntermediateFrameDecoder(role, maxFrameLength);
            case PADDED_INTERMEDIATE -> new PaddedIntermediateFrameDecoder(role, maxFrameLength);
            case FULL -> new FullFrameDecoder(role, maxFrameLength);
        };
    }

    /** A new outbound codec of this framing for one connection. */
    public FrameEncoder newEncoder(Role role) {
        return switch (this) {
            case ABRIDGED -> new AbridgedFrameEncoder(role);
            case INTERMEDIATE -> new IntermediateFrameEncoder(role);
            case PADDED_INTERMEDIATE -> new PaddedIntermediateFrameEncoder(role);
            case FULL -> new FullFrameEncoder(role);
        };
    }
}
