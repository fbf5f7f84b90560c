package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Full framing, outbound: int32 LE length (payload + 12), int32 LE seq counting this side's frames from 0, payload,
 * CRC32 LE of everything before it. Quick acks do not exist in the full transport: a {@link QuickAck} is dropped
 * (its write succeeds) and a client's quick-ack request is ignored.
 */
public final class FullFrameEncoder extends FrameEncoder {
    private static final Logger log = LoggerFactory.getLogger(FullFrameEncoder.class);

    private int seq;

    public FullFrameEncoder(Role role) {
        super(role);
    }

    @Override
    void writeFrame(ChannelHandlerContext ctx, ByteBuf payload, boolean quickAck, ChannelPromise promise) {
        int length = payload.readableBytes();
        if (length > Integer.MAX_VALUE - FullFrameDecoder.OVERHEAD) {
            reject(payload, promise, "full cannot carry a payload of " + length + " bytes");
            return;
        }
        ByteBuf header = ctx.alloc().buffer(8).writeIntLE(length + FullFrameDecoder.OVERHEAD).writeIntLE(seq++);
        CRC32 crc = new CRC32();
        crc.update(header.nioBuffer());
        for (ByteBuffer b : payload.nioBuffers()) crc.update(b);
        ByteBuf trailer = ctx.alloc().buffer(4).writeIntLE((int) crc.getValue());
        ctx.write(compose(ctx, header, payload, trailer), promise);
    }

    @Override
    void writeQuickAck(ChannelHandlerContext ctx, int token, ChannelPromise promise) {
        log.debug("{}: the full transport has no quick acks, dropping one", ctx.channel());
        promise.trySuccess();
    }
}
