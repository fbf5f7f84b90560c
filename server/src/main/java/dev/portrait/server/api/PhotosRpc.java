package dev.portrait.server.api;

import dev.portrait.server.photos.ContactPhotosManager;
import dev.portrait.server.photos.PhotoFactory;
import dev.portrait.server.photos.PhotosManager;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcRegistry.Access;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.PhotosDeletePhotos;
import dev.portrait.tl.api.PhotosGetUserPhotos;
import dev.portrait.tl.api.PhotosUpdateProfilePhoto;
import dev.portrait.tl.api.PhotosUploadContactProfilePhoto;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;

/** The {@code photos} namespace. */
public final class PhotosRpc implements RpcNamespace {
    private final UsersManager users;
    private final PhotosManager photos;
    private final ContactPhotosManager contactPhotos;

    public PhotosRpc(UsersManager users, PhotosManager photos, ContactPhotosManager contactPhotos) {
        this.users = users;
        this.photos = photos;
        this.contactPhotos = contactPhotos;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(PhotosUploadProfilePhoto.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            UserRecord owner = photos.target(me, m.bot());
            return photos.upload(me, owner, m.fallback(),
                    new PhotoFactory.Media(m.file(), m.video(), m.videoStartTs(), m.videoEmojiMarkup()), ctx.now());
        });
        registry.on(PhotosUpdateProfilePhoto.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            return photos.update(me, photos.target(me, m.bot()), m.fallback(), m.id(), ctx.now());
        });
        registry.on(PhotosUploadContactProfilePhoto.class, Access.USERS_ONLY, (ctx, m) -> contactPhotos.upload(
                users.require(ctx.userId()), m.userId(), m.suggest(), m.save(),
                new PhotoFactory.Media(m.file(), m.video(), m.videoStartTs(), m.videoEmojiMarkup()), ctx.now()));
        registry.on(PhotosGetUserPhotos.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            return photos.userPhotos(me, users.resolve(me.id(), m.userId()), m.offset(), m.maxId(), m.limit(), ctx.now());
        });
        registry.on(PhotosDeletePhotos.class, Access.USERS_ONLY, (ctx, m) ->
                photos.delete(users.require(ctx.userId()), m.id(), ctx.now()));
    }
}
