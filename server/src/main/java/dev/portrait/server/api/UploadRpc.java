package dev.portrait.server.api;

import dev.portrait.server.files.DownloadsManager;
import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.UploadGetFile;
import dev.portrait.tl.api.UploadSaveBigFilePart;
import dev.portrait.tl.api.UploadSaveFilePart;

/** The {@code upload} namespace: saving parts and downloading files. */
public final class UploadRpc implements RpcNamespace {
    private final UsersManager users;
    private final UploadsManager uploads;
    private final DownloadsManager downloads;

    public UploadRpc(UsersManager users, UploadsManager uploads, DownloadsManager downloads) {
        this.users = users;
        this.uploads = uploads;
        this.downloads = downloads;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(UploadSaveFilePart.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            uploads.savePart(me.id(), me.premium(), m.fileId(), m.filePart(), m.bytes(), false, 0, ctx.now());
            return true;
        });
        registry.on(UploadSaveBigFilePart.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            uploads.savePart(me.id(), me.premium(), m.fileId(), m.filePart(), m.bytes(), true, m.fileTotalParts(), ctx.now());
            return true;
        });
        registry.on(UploadGetFile.class, (ctx, m) ->
                downloads.getFile(users.require(ctx.userId()), m.precise(), m.location(), m.offset(), m.limit(), ctx.now()));
    }
}
