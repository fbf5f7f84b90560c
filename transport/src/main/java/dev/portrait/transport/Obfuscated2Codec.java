package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import javax.crypto.Cipher;

/**
 * Obfuscated2 stream: decrypts every inbound byte and encrypts every outbound byte with the connection's two
 * AES-256-CTR streams. It sits between the socket (or WebSocket) and the framing codecs and knows nothing about
 * frames. The header exchange happens before it: {@link TransportDetector} on the server, {@link ClientPreamble}
 * on the client.
 */
public final class Obfuscated2Codec extends ChannelDuplexHandler {
    private final Cipher decryptor;
    private final Cipher encryptor;

    Obfuscated2Codec(Cipher decryptor, Cipher encryptor) {
        this.decryptor = decryptor;
        this.encryptor = encryptor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf in) {
            ByteBuf out;
            try {
                out = AesCtr.apply(decryptor, in, ctx.alloc());
            } finally {
                in.release();
            }
            ctx.fireChannelRead(out);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf in) {
            ByteBuf out;
            try {
                out = AesCtr.apply(encryptor, in, ctx.alloc());
            } catch (RuntimeException e) {
                promise.tryFailure(e);
                return;
            } finally {
                in.release();
            }
            ctx.write(out, promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
