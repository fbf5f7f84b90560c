package dev.portrait.transport;

import dev.portrait.transport.Wire.Frame;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real NIO server on 127.0.0.1 with the server transport and an echo upper layer: frames come back as they came
 * (answered with a quick ack first when asked), a frame starting with 0xdead4040 is answered with -404.
 */
final class LiveServer implements AutoCloseable {
    static final int ACK_TOKEN = 0x0badcafe;

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<TransportDetected> detected = new LinkedBlockingQueue<>();
    final Channel listener;

    LiveServer(TransportConfig config) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ServerTransport.install(ch.pipeline(), config);
                        ch.pipeline().addLast(new Echo());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/apiws");
    }

    /** Connects a client whose upper layer puts what it receives (frames copied) into {@code inbox}. */
    Channel connect(boolean webSocket, Framing framing, boolean obfuscated, BlockingQueue<Object> inbox)
            throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (webSocket) {
                            ClientTransport.installWebSocket(ch.pipeline(), webSocketUri(), framing, obfuscated, 2,
                                    Wire.CONFIG);
                        } else {
                            ClientTransport.install(ch.pipeline(), framing, obfuscated, 2, Wire.CONFIG);
                        }
                        ch.pipeline().addLast(new Inbox(inbox));
                    }
                })
                .connect(listener.localAddress()).sync().channel();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TransportDetected d) detected.add(d);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            TransportFrame frame = (TransportFrame) msg;
            if (frame.payload().getInt(frame.payload().readerIndex()) == 0xdead4040) {
                frame.release();
                ctx.writeAndFlush(new TransportError(TransportError.AUTH_KEY_NOT_FOUND));
                return;
            }
            if (frame.quickAck()) ctx.write(new QuickAck(ACK_TOKEN));
            ctx.writeAndFlush(frame.payload());
        }
    }

    static final class Inbox extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> inbox;

        Inbox(BlockingQueue<Object> inbox) {
            this.inbox = inbox;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TransportFrame f) {
                inbox.add(new Frame(ByteBufUtil.getBytes(f.payload()), f.quickAck()));
                f.release();
            } else {
                inbox.add(msg);
            }
        }
    }
}
