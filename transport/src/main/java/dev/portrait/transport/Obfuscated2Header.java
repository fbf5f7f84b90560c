package dev.portrait.transport;

import javax.crypto.Cipher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * The 64-byte obfuscated2 initialisation payload (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation).
 * The sender's key and IV are bytes 8..40 and 40..56 of the payload; the other direction's are the same offsets of
 * the payload reversed. Bytes 56..64 (protocol tag, DC id, 2 random bytes) travel encrypted.
 */
final class Obfuscated2Header {
    static final int LENGTH = 64;

    /** What a client must not start with: HTTP methods, TLS, the plain transports' prefixes. */
    private static final int[] FORBIDDEN_FIRST_INTS = {
            0x44414548, // HEAD
            0x54534f50, // POST
            0x20544547, // GET
            0x4954504f, // OPTI(ONS)
            0xdddddddd, // padded intermediate
            0xeeeeeeee, // intermediate
            0x02010316, // TLS record
    };

    private Obfuscated2Header() {
    }

    /** A client's side of the handshake: the 64 bytes to send first and its two streams. */
    record Client(byte[] header, Cipher encryptor, Cipher decryptor) {
    }

    /** What the server learns from a client's 64 bytes. */
    record Server(Framing framing, int dcId, Cipher decryptor, Cipher encryptor) {
    }

    static Client client(Framing framing, int dcId, Random random) {
        int tag = framing.obfuscationTag();
        byte[] init = new byte[LENGTH];
        do {
            random.nextBytes(init);
        } while (!acceptable(init));
        ByteBuffer b = ByteBuffer.wrap(init).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(56, tag);
        b.putShort(60, (short) dcId);
        Cipher encryptor = AesCtr.stream(init, 8, 40);
        Cipher decryptor = AesCtr.stream(reverse(init), 8, 40);
        byte[] encrypted = AesCtr.apply(encryptor, init);
        System.arraycopy(encrypted, 56, init, 56, 8);
        return new Client(init, encryptor, decryptor);
    }

    static boolean acceptable(byte[] init) {
        if ((init[0] & 0xff) == 0xef) return false;
        ByteBuffer b = ByteBuffer.wrap(init).order(ByteOrder.LITTLE_ENDIAN);
        int first = b.getInt(0);
        for (int forbidden : FORBIDDEN_FIRST_INTS) if (first == forbidden) return false;
        return b.getInt(4) != 0;
    }

    /** Reads a client's header; {@code null} when the protocol tag names no framing. */
    static Server server(byte[] header) {
        Cipher decryptor = AesCtr.stream(header, 8, 40);
        Cipher encryptor = AesCtr.stream(reverse(header), 8, 40);
        ByteBuffer plain = ByteBuffer.wrap(AesCtr.apply(decryptor, header)).order(ByteOrder.LITTLE_ENDIAN);
        Framing framing = Framing.ofObfuscationTag(plain.getInt(56));
        if (framing == null) return null;
        return new Server(framing, plain.getShort(60), decryptor, encryptor);
    }

    static byte[] reverse(byte[] bytes) {
        byte[] r = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) r[i] = bytes[bytes.length - 1 - i];
        return r;
    }
}
