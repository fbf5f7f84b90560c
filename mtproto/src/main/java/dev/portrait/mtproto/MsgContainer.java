package dev.portrait.mtproto;

import dev.portrait.tl.TlException;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * msg_container#73f1f8dc messages:vector<%Message>, parsed by hand as MTProto prescribes: each message is msg_id,
 * seqno, length and body, with no constructor id of its own. One encoder and one checked decoder for both sides.
 */
public final class MsgContainer {
    public static final int CONSTRUCTOR_ID = 0x73f1f8dc;
    /** rpc_result#f35c6d01 req_msg_id:long result:Object, also parsed by hand (the result's type is the request's). */
    public static final int RPC_RESULT = 0xf35c6d01;
    /** Most messages one container may hold. */
    public static final int MAX_MESSAGES = 1024;

    /** One message inside a container. */
    public record Message(long msgId, int seqNo, byte[] body) {
    }

    private MsgContainer() {
    }

    /** The container's body (its own msg_id and seqno go in the envelope around it). */
    public static byte[] encode(List<Message> messages) {
        int size = 8;
        for (Message m : messages) size += 16 + m.body().length;
        TlWriter w = new TlWriter(size);
        w.writeInt(CONSTRUCTOR_ID);
        w.writeInt(messages.size());
        for (Message m : messages) {
            w.writeLong(m.msgId());
            w.writeInt(m.seqNo());
            w.writeInt(m.body().length);
            w.writeRaw(m.body());
        }
        return w.toByteArray();
    }

    /**
     * Parses a container body, checking what the docs require: at most {@link #MAX_MESSAGES} messages, lengths that
     * are multiples of 4 and fit, every inner msg_id below the container's own, nothing after the last message.
     */
    public static List<Message> decode(byte[] body, long containerMsgId) {
        TlReader r = new TlReader(body);
        if (r.readInt() != CONSTRUCTOR_ID) throw new TlException("not a msg_container");
        int n = r.readInt();
        if (n < 0 || n > MAX_MESSAGES || (long) n * 16 > r.remaining()) throw new TlException("bad container count " + n);
        List<Message> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = r.readLong();
            int seq = r.readInt();
            int len = r.readInt();
            if (len < 0 || (len & 3) != 0 || len > r.remaining() || id >= containerMsgId)
                throw new TlException("bad message in container");
            out.add(new Message(id, seq, r.readRaw(len)));
        }
        if (r.hasRemaining()) throw new TlException("bytes after the container");
        return out;
    }
}
