package dev.portrait.server.api;

import dev.portrait.server.files.DownloadsManager;
import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.UploadFile;
import dev.portrait.tl.api.UploadGetFile;
import dev.portrait.tl.api.UploadGetFileHashes;
import dev.portrait.tl.api.UploadSaveBigFilePart;
import dev.portrait.tl.api.UploadSaveFilePart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code upload} namespace: saving parts, downloading files and their hashes. */
public final class UploadRpc implements RpcNamespace {
    private final UsersManager users;
    private final UploadsManager uploads;
    private final DownloadsManager downloads;
    private final Counter uploaded;
    private final Counter downloaded;

    public UploadRpc(UsersManager users, UploadsManager uploads, DownloadsManager downloads, MeterRegistry meters) {
        this.users = users;
        this.uploads = uploads;
        this.downloads = downloads;
        this.uploaded = Counter.builder("portrait.upload.bytes").description("bytes of upload parts saved").baseUnit("bytes").register(meters);
        this.downloaded = Counter.builder("portrait.download.bytes").description("bytes sent by upload.getFile").baseUnit("bytes").register(meters);
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(UploadSaveFilePart.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            uploads.savePart(me.id(), me.premium(), m.fileId(), m.filePart(), m.bytes(), false, 0, ctx.now());
            uploaded.increment(m.bytes().length);
            return true;
        });
        registry.on(UploadSaveBigFilePart.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            uploads.savePart(me.id(), me.premium(), m.fileId(), m.filePart(), m.bytes(), true, m.fileTotalParts(), ctx.now());
            uploaded.increment(m.bytes().length);
            return true;
        });
        registry.on(UploadGetFile.class, (ctx, m) -> {
            UploadFile f = downloads.getFile(users.require(ctx.userId()), m.precise(), m.location(), m.offset(), m.limit(), ctx.now());
            downloaded.increment(f.bytes().length);
            return f;
        });
        registry.on(UploadGetFileHashes.class, (ctx, m) ->
                downloads.fileHashes(users.require(ctx.userId()), m.location(), m.offset(), ctx.now()));
    }
}
