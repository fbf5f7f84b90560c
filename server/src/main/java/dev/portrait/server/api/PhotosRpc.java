package dev.portrait.server.api;

import dev.portrait.server.photos.PhotosManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcRegistry.Access;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.PhotosDeletePhotos;
import dev.portrait.tl.api.PhotosGetUserPhotos;
import dev.portrait.tl.api.PhotosUpdateProfilePhoto;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;

/** The {@code photos} namespace. */
public final class PhotosRpc implements RpcNamespace {
    private final UsersManager users;
    private final PhotosManager photos;

    public PhotosRpc(UsersManager users, PhotosManager photos) {
        this.users = users;
        this.photos = photos;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(PhotosUploadProfilePhoto.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            UserRecord owner = photos.target(me, m.bot());
            // Video and emoji avatars and fallback photos arrive with M5; until then they are refused, never faked.
            if (m.video() != null || m.videoEmojiMarkup() != null) throw RpcException.badRequest("VIDEO_FILE_INVALID");
            if (m.videoStartTs() != null) throw RpcException.badRequest("VIDEO_FILE_INVALID");
            if (m.fallback()) throw RpcException.badRequest(owner.bot() ? "BOT_FALLBACK_UNSUPPORTED" : "PHOTO_INVALID");
            return photos.uploadStill(me, owner, m.file(), ctx.sessionId(), ctx.now());
        });
        registry.on(PhotosUpdateProfilePhoto.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            UserRecord owner = photos.target(me, m.bot());
            if (m.fallback()) throw RpcException.badRequest(owner.bot() ? "BOT_FALLBACK_UNSUPPORTED" : "PHOTO_INVALID");
            return photos.update(me, owner, m.id(), ctx.sessionId(), ctx.now());
        });
        registry.on(PhotosGetUserPhotos.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            return photos.userPhotos(me, users.resolve(me.id(), m.userId()), m.offset(), m.maxId(), m.limit(), ctx.now());
        });
        registry.on(PhotosDeletePhotos.class, Access.USERS_ONLY, (ctx, m) ->
                photos.delete(users.require(ctx.userId()), m.id(), ctx.sessionId(), ctx.now()));
    }
}
