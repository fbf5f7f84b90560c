package dev.portrait.client;

import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.InputFileBig;
import dev.portrait.tl.api.TypeInputFile;
import dev.portrait.tl.api.TypeInputFileLocation;
import dev.portrait.tl.api.TypeUploadFile;
import dev.portrait.tl.api.UploadFile;
import dev.portrait.tl.api.UploadGetFile;
import dev.portrait.tl.api.UploadSaveBigFilePart;
import dev.portrait.tl.api.UploadSaveFilePart;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Files to and from the server the way Telegram's apps move them: an upload in 512 KB parts, a few in flight, through
 * upload.saveFilePart (or saveBigFilePart above 10 MB, where md5 is not sent), giving the InputFile that
 * photos.uploadProfilePhoto and friends take; a download in 1 MB upload.getFile chunks until a short one.
 */
public final class FileTransfer {
    /** The largest part Telegram accepts (and the one its apps use for big files). */
    public static final int PART_BYTES = 512 * 1024;
    /** Files larger than this go through saveBigFilePart. */
    public static final long BIG_FILE_BYTES = 10L << 20;
    /** The largest upload.getFile chunk. */
    public static final int CHUNK_BYTES = 1 << 20;
    private static final int PARTS_IN_FLIGHT = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileTransfer() {
    }

    /** Uploads data as the file {@code name}; rpc errors arrive as {@link RpcErrorException}. */
    public static TypeInputFile upload(MtprotoClient client, byte[] data, String name) throws Exception {
        if (data.length == 0) throw new IllegalArgumentException("an empty file cannot be uploaded");
        long fileId = RANDOM.nextLong();
        int parts = (data.length + PART_BYTES - 1) / PART_BYTES;
        boolean big = data.length > BIG_FILE_BYTES;
        ArrayDeque<CompletableFuture<Boolean>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < parts; i++) {
            if (inFlight.size() == PARTS_IN_FLIGHT) MtprotoClient.await(inFlight.removeFirst());
            byte[] part = Arrays.copyOfRange(data, i * PART_BYTES, Math.min(data.length, (i + 1) * PART_BYTES));
            inFlight.addLast(big ? client.invoke(new UploadSaveBigFilePart(fileId, i, parts, part))
                    : client.invoke(new UploadSaveFilePart(fileId, i, part)));
        }
        while (!inFlight.isEmpty()) MtprotoClient.await(inFlight.removeFirst());
        return big ? new InputFileBig(fileId, parts, name) : new InputFile(fileId, parts, name, md5(data));
    }

    /** Downloads a whole file (a photo size, a video size) by its location. */
    public static byte[] download(MtprotoClient client, TypeInputFileLocation location) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long offset = 0; ; offset += CHUNK_BYTES) {
            TypeUploadFile answer = MtprotoClient.await(client.invoke(
                    UploadGetFile.builder().location(location).offset(offset).limit(CHUNK_BYTES).build()));
            if (!(answer instanceof UploadFile chunk)) throw new IllegalStateException("the file is on a CDN: " + answer.tlName());
            out.writeBytes(chunk.bytes());
            if (chunk.bytes().length < CHUNK_BYTES) return out.toByteArray();
        }
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
