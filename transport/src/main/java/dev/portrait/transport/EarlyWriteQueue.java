package dev.portrait.transport;

import io.netty.channel.ChannelHandlerContext;

/**
 * Server side: holds what the upper layer writes before the client's first bytes have named the framing (a -429
 * sent on connect, say) and releases it once {@link TransportDetected} passes.
 */
final class EarlyWriteQueue extends WriteGate {

    EarlyWriteQueue(long maxHeldBytes) {
        super(maxHeldBytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof TransportDetected) open(ctx);
        ctx.fireUserEventTriggered(evt);
    }
}
