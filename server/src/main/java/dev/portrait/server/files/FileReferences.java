package dev.portrait.server.files;

import dev.portrait.server.rpc.RpcException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * file_reference: opaque to clients, checked by the server. It is version 1, the time it was issued and an HMAC over
 * the photo id and that time, so nothing needs storing, a reference cannot be moved to another photo, and one that is
 * older than the configured lifetime answers FILE_REFERENCE_EXPIRED — which makes clients fetch a fresh one, as they
 * must with Telegram.
 */
public final class FileReferences {
    private static final int LENGTH = 1 + 4 + 16;
    private final byte[] secret;
    private final int ttlSeconds;

    public FileReferences(byte[] secret, int ttlSeconds) {
        this.secret = secret.clone();
        this.ttlSeconds = ttlSeconds;
    }

    public byte[] issue(long photoId, int now) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put((byte) 1).putInt(now).put(mac(photoId, now));
        return b.array();
    }

    /** Throws FILE_REFERENCE_EMPTY / FILE_REFERENCE_INVALID / FILE_REFERENCE_EXPIRED unless ref is good for photoId. */
    public void check(long photoId, byte[] ref, int now) {
        if (ref == null || ref.length == 0) throw RpcException.badRequest("FILE_REFERENCE_EMPTY");
        if (ref.length != LENGTH || ref[0] != 1) throw RpcException.badRequest("FILE_REFERENCE_INVALID");
        ByteBuffer b = ByteBuffer.wrap(ref, 1, LENGTH - 1);
        int issued = b.getInt();
        byte[] mac = new byte[16];
        b.get(mac);
        if (!MessageDigest.isEqual(mac, mac(photoId, issued))) throw RpcException.badRequest("FILE_REFERENCE_INVALID");
        if (issued > now + 60) throw RpcException.badRequest("FILE_REFERENCE_INVALID");
        if ((long) issued + ttlSeconds < now) throw RpcException.badRequest("FILE_REFERENCE_EXPIRED");
    }

    private byte[] mac(long photoId, int issued) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            m.update(ByteBuffer.allocate(12).putLong(photoId).putInt(issued).array());
            byte[] full = m.doFinal();
            byte[] out = new byte[16];
            System.arraycopy(full, 0, out, 0, 16);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
