package dev.portrait.server.files;

import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.Store;
import dev.portrait.store.UploadState;
import dev.portrait.store.UploadedPart;
import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.InputFileBig;
import dev.portrait.tl.api.TypeInputFile;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * upload.saveFilePart / saveBigFilePart and the use of an uploaded file (InputFile / InputFileBig), with the rules of
 * core.telegram.org/api/files. Parts are stored per account — the same file_id from another account is another upload
 * — and each part goes to the blob store as it arrives; a summary row per upload (part size, highest part) lets every
 * part be checked without reading the others.
 */
public final class UploadsManager {
    public static final int MAX_PART_BYTES = 512 * 1024;
    /** How many bytes of recently received parts a node keeps in memory for the call that uses them. */
    static final long RECENT_PART_BYTES = 32L << 20;

    private final Store store;
    private final ServerConfig.Media config;
    private final RecentParts recent = new RecentParts(RECENT_PART_BYTES);

    public UploadsManager(Store store, ServerConfig.Media config) {
        this.store = store;
        this.config = config;
    }

    /** A complete, checked upload. */
    public record Upload(long userId, long fileId, String name, long size, List<UploadedPart> parts) {
    }

    static boolean validPartSize(int size) {
        return size > 0 && size % 1024 == 0 && MAX_PART_BYTES % size == 0;
    }

    public int partLimit(boolean premium) {
        return premium ? config.maxFilePartsPremium() : config.maxFileParts();
    }

    /**
     * Saves one part. totalParts: big uploads give the total (or -1 while streaming); small uploads pass 0.
     */
    public void savePart(long userId, boolean premium, long fileId, int part, byte[] bytes, boolean big, int totalParts, int now) {
        int limit = partLimit(premium);
        if (bytes.length > MAX_PART_BYTES) throw RpcException.badRequest("FILE_PART_TOO_BIG");
        if (part < 0 || part >= limit) throw RpcException.badRequest("FILE_PART_INVALID");
        if (big && totalParts != -1 && (totalParts < 1 || totalParts > limit)) throw RpcException.badRequest("FILE_PARTS_INVALID");
        if (big && totalParts > 0 && part >= totalParts) throw RpcException.badRequest("FILE_PART_INVALID");
        // A stream that ends on a part boundary finishes with an empty last part carrying the real total.
        boolean emptyStreamEnd = big && totalParts > 0 && part == totalParts - 1 && part > 0;
        if (bytes.length == 0 && !emptyStreamEnd) throw RpcException.badRequest("FILE_PART_EMPTY");

        String key = store.blobs().newKey("parts");
        store.blobs().put(key, bytes);
        Optional<String> replaced;
        try {
            replaced = store.transaction(() -> {
                UploadState before = store.uploads().find(userId, fileId).orElse(null);
                UploadState after = next(before, userId, fileId, big, part, bytes.length, totalParts, now);
                return store.uploads().putPart(after, part, bytes.length, key);
            });
        } catch (RuntimeException e) {
            store.blobs().delete(key);
            throw e;
        }
        recent.put(key, bytes);
        replaced.ifPresent(old -> {
            recent.forget(List.of(old));
            store.blobs().delete(old);
        });
    }

    /** The upload's summary after part (of size) arrives; throws the documented error when it breaks the rules. */
    static UploadState next(UploadState s, long userId, long fileId, boolean big, int part, int size, int total, int now) {
        int knownTotal = total > 0 ? total : s != null ? s.totalParts() : 0;
        if (s != null) {
            if (s.totalParts() > 0 && total > 0 && total != s.totalParts()) throw RpcException.badRequest("FILE_PARTS_INVALID");
            if (s.totalParts() > 0 && part >= s.totalParts()) throw RpcException.badRequest("FILE_PART_INVALID");
        }
        if (knownTotal > 0 && s != null && s.lastPart() >= knownTotal) throw RpcException.badRequest("FILE_PARTS_INVALID");
        int partSize = s == null ? 0 : s.partSize();
        int last = s == null ? part : s.lastPart();
        int lastSize = s == null ? size : s.lastSize();
        if (s != null && part > s.lastPart()) {
            // the previous highest part now has a part after it, so it must be a full part
            partSize = fullPart(partSize, s.lastSize());
            last = part;
            lastSize = size;
        } else if (s != null && part == s.lastPart()) {
            lastSize = size;
        }
        boolean knownNotLast = part < last || (knownTotal > 0 && part < knownTotal - 1);
        if (knownNotLast) partSize = fullPart(partSize, size);
        // the highest part may be short, never longer than the others
        if (partSize > 0 && lastSize > partSize) throw RpcException.badRequest("FILE_PART_SIZE_CHANGED");
        int storedTotal = total > 0 ? total : s != null && s.totalParts() != 0 ? s.totalParts() : big ? total : 0;
        int count = s == null ? 1 : s.partCount(); // recounted by the store
        return new UploadState(userId, fileId, big || (s != null && s.big()), partSize, last, lastSize, storedTotal, count, now);
    }

    /** A part that is followed by others: a valid part size, the same as every other full part. */
    private static int fullPart(int partSize, int size) {
        if (!validPartSize(size)) throw RpcException.badRequest("FILE_PART_SIZE_INVALID");
        if (partSize != 0 && partSize != size) throw RpcException.badRequest("FILE_PART_SIZE_CHANGED");
        return size;
    }

    /**
     * The complete upload an InputFile names, or empty when this account has no such upload. Throws FILE_PARTS_INVALID
     * for a part count outside the limits or different from what was uploaded, FILE_PART_X_MISSING for a gap.
     */
    public Optional<Upload> find(long userId, boolean premium, TypeInputFile input) {
        long id;
        int parts;
        String name;
        switch (input) {
            case InputFile f -> {
                id = f.id();
                parts = f.parts();
                name = f.name();
            }
            case InputFileBig f -> {
                id = f.id();
                parts = f.parts();
                name = f.name();
            }
            default -> {
                return Optional.empty();
            }
        }
        if (parts < 1 || parts > partLimit(premium)) throw RpcException.badRequest("FILE_PARTS_INVALID");
        Optional<UploadState> state = store.uploads().find(userId, id);
        if (state.isEmpty()) return Optional.empty();
        UploadState s = state.get();
        if ((s.totalParts() > 0 && s.totalParts() != parts) || s.lastPart() >= parts) throw RpcException.badRequest("FILE_PARTS_INVALID");
        List<UploadedPart> saved = store.uploads().parts(userId, id);
        for (int i = 0; i < parts; i++) {
            if (i >= saved.size() || saved.get(i).part() != i) throw RpcException.badRequest("FILE_PART_" + i + "_MISSING");
        }
        long size = 0;
        for (UploadedPart p : saved) size += p.size();
        return Optional.of(new Upload(userId, id, name, size, saved));
    }

    /** The upload's bytes; checks md5_checksum when the client gave one (empty means unchecked, as TDLib sends). */
    public byte[] read(Upload upload, String md5) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(upload.size(), Integer.MAX_VALUE - 8));
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<UploadedPart> parts = upload.parts();
        // the parts this node still holds, then the others from the blob store in one go
        List<Optional<byte[]>> blobs = new ArrayList<>(parts.size());
        List<String> elsewhere = new ArrayList<>();
        for (UploadedPart p : parts) {
            byte[] held = recent.take(p.blobKey());
            blobs.add(Optional.ofNullable(held));
            if (held == null) elsewhere.add(p.blobKey());
        }
        if (!elsewhere.isEmpty()) {
            java.util.Iterator<Optional<byte[]>> stored = store.blobs().getAll(elsewhere).iterator();
            for (int i = 0; i < blobs.size(); i++) if (blobs.get(i).isEmpty()) blobs.set(i, stored.next());
        }
        for (int i = 0; i < parts.size(); i++) {
            int part = parts.get(i).part();
            byte[] b = blobs.get(i).orElseThrow(() -> RpcException.badRequest("FILE_PART_" + part + "_MISSING"));
            blobs.set(i, Optional.empty()); // let it go once copied
            digest.update(b);
            out.writeBytes(b);
        }
        if (md5 != null && !md5.isEmpty() && !HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(md5)) {
            throw RpcException.badRequest("MD5_CHECKSUM_INVALID");
        }
        return out.toByteArray();
    }

    /** md5_checksum of an InputFile, null for big files. */
    public static String md5(TypeInputFile input) {
        return input instanceof InputFile f ? f.md5Checksum() : null;
    }

    /** Forgets a used upload; its parts' blobs go once the metadata is gone. */
    public void discard(Upload upload) {
        List<String> keys = store.uploads().delete(upload.userId(), upload.fileId());
        recent.forget(keys);
        store.blobs().deleteAll(keys);
    }
}
