package dev.portrait.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * AES-256-CTR streams for obfuscated2, straight from JCE. JCE's CTR counts the whole 16-byte IV up big-endian, as
 * OpenSSL's AES_ctr128 that Telegram uses does, and keeps its place across calls, so one cipher per direction
 * serves the whole connection.
 */
final class AesCtr {
    private AesCtr() {
    }

    static Cipher stream(byte[] source, int keyOffset, int ivOffset) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(source, keyOffset, 32, "AES"),
                    new IvParameterSpec(source, ivOffset, 16));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable", e);
        }
    }

    static byte[] apply(Cipher cipher, byte[] data) {
        byte[] out = cipher.update(data);
        return out == null ? new byte[0] : out;
    }

    /** Passes {@code in}'s readable bytes through the stream into a new buffer; {@code in} is left untouched. */
    static ByteBuf apply(Cipher cipher, ByteBuf in, ByteBufAllocator alloc) {
        int n = in.readableBytes();
        ByteBuf out = alloc.buffer(n);
        try {
            ByteBuffer dst = out.nioBuffer(0, n);
            for (ByteBuffer src : in.nioBuffers()) cipher.update(src, dst);
            if (dst.position() != n) throw new IllegalStateException("CTR produced " + dst.position() + " of " + n);
            out.writerIndex(n);
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            out.release();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
