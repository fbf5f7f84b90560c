package dev.portrait.mtproto;

import dev.portrait.mtproto.MtprotoException.Reason;
import dev.portrait.mtproto.crypto.Bytes;
import dev.portrait.tl.TlException;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.mtproto.MtProtoRegistry;

import java.util.Objects;

/**
 * An unencrypted message, used only by the key exchange: {@code auth_key_id = 0 (8) | msg_id (8) |
 * message_data_length (4) | message_data}. Transports that pad (padded intermediate) may leave bytes after the body.
 */
public record PlainMessage(long msgId, TlObject body) {
    public static final int HEADER = 20;

    public PlainMessage {
        Objects.requireNonNull(body, "body");
    }

    public static byte[] encode(long msgId, TlObject body) {
        TlWriter w = new TlWriter(HEADER + 256);
        w.writeLong(0);
        w.writeLong(msgId);
        w.writeInt(0);
        body.write(w);
        byte[] out = w.toByteArray();
        Bytes.putIntLE(out, 16, out.length - HEADER);
        return out;
    }

    public static byte[] encode(long msgId, byte[] body, int off, int len) {
        byte[] out = new byte[HEADER + len];
        Bytes.putLongLE(out, 8, msgId);
        Bytes.putIntLE(out, 16, len);
        System.arraycopy(body, off, out, HEADER, len);
        return out;
    }

    /** Parses the header and the body, an object of mtproto.tl that must fill message_data_length exactly. */
    public static PlainMessage decode(byte[] packet, int off, int len) {
        Objects.checkFromIndexSize(off, len, packet.length);
        if (len < HEADER + 4) throw new MtprotoException(Reason.BAD_LENGTH, "plain message of " + len + " bytes");
        if (Bytes.getLongLE(packet, off) != 0) throw new MtprotoException(Reason.AUTH_KEY_ID_MISMATCH, "not a plain message");
        long msgId = Bytes.getLongLE(packet, off + 8);
        int length = Bytes.getIntLE(packet, off + 16);
        if (length < 4 || length > len - HEADER)
            throw new MtprotoException(Reason.BAD_LENGTH, "message_data_length " + length + " in " + len + " bytes");
        try {
            TlReader r = new TlReader(packet, off + HEADER, length);
            TlObject body = MtProtoRegistry.readObject(r);
            if (r.hasRemaining()) throw new MtprotoException(Reason.BAD_TL, r.remaining() + " bytes after the body");
            return new PlainMessage(msgId, body);
        } catch (TlException e) {
            throw new MtprotoException(Reason.BAD_TL, e.getMessage(), e);
        }
    }
}
