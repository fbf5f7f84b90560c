package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;

import java.util.Objects;

/**
 * One MTProto packet without its transport envelope.
 *
 * <p>Inbound, the frame decoders hand one to the next handler per received frame; that handler owns it and must
 * {@link #release()} it (or pass it on). {@code quickAck} is set when the sender asked for a quick ack (abridged or
 * intermediate length with its high bit set); the server answers it by writing a {@link QuickAck}.
 *
 * <p>Outbound, writing a frame (or a bare {@link ByteBuf}) frames its payload; the transport releases it. A client
 * sets {@code quickAck} to request a quick ack; the server side ignores the flag (servers cannot request one).
 *
 * <p>In padded intermediate the receiver cannot tell payload from padding: the payload is trimmed to a multiple of
 * 4 bytes, so up to 12 bytes of padding may remain at its end. MTProto messages carry their own length.
 */
public record TransportFrame(ByteBuf payload, boolean quickAck) implements ByteBufHolder {

    public TransportFrame {
        Objects.requireNonNull(payload, "payload");
    }

    public TransportFrame(ByteBuf payload) {
        this(payload, false);
    }

    @Override
    public ByteBuf content() {
        return payload;
    }

    @Override
    public TransportFrame copy() {
        return replace(payload.copy());
    }

    @Override
    public TransportFrame duplicate() {
        return replace(payload.duplicate());
    }

    @Override
    public TransportFrame retainedDuplicate() {
        return replace(payload.retainedDuplicate());
    }

    @Override
    public TransportFrame replace(ByteBuf content) {
        return new TransportFrame(content, quickAck);
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public TransportFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public TransportFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public TransportFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public TransportFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }

    @Override
    public String toString() {
        return "TransportFrame(" + payload.readableBytes() + " bytes" + (quickAck ? ", quick ack" : "") + ")";
    }
}
