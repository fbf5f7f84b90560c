package dev.portrait.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that keeps a frame (or the transport header, or the WebSocket upgrade) incomplete for longer
 * than the timeout, so a slow sender cannot hold buffers and a connection forever. After every read it asks the
 * pipeline's {@link IncompleteInput} handlers whether something is under way: if not, the clock stops; if so, it
 * starts, or restarts when a frame was completed by that read. The clock does not count while auto-read is off
 * (the upper layer paused reading, so the peer may well be waiting on us).
 */
final class FrameTimeoutHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FrameTimeoutHandler.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    private boolean progressed;

    FrameTimeoutHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) evaluate(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        evaluate(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        progressed = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        evaluate(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void evaluate(ChannelHandlerContext ctx) {
        if (!incomplete(ctx)) {
            cancel();
        } else if (deadline == null || progressed) {
            cancel();
            schedule(ctx);
        }
        progressed = false;
    }

    private void schedule(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isActive() || !incomplete(ctx)) return;
        if (!ctx.channel().config().isAutoRead()) {
            schedule(ctx);
            return;
        }
        log.debug("{}: input incomplete for {} ms, closing", ctx.channel(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        ctx.close();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private static boolean incomplete(ChannelHandlerContext ctx) {
        for (Map.Entry<String, ChannelHandler> e : ctx.pipeline()) {
            if (e.getValue() instanceof IncompleteInput i && i.hasIncompleteInput()) return true;
        }
        return false;
    }
}
