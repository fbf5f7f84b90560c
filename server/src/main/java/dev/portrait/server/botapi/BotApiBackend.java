package dev.portrait.server.botapi;

import dev.portrait.server.auth.SignIn;
import dev.portrait.server.files.DownloadsManager;
import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.photos.PhotoFactory;
import dev.portrait.server.photos.PhotosManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.InputFileBig;
import dev.portrait.tl.api.InputPhotoEmpty;
import dev.portrait.tl.api.TypeInputFile;
import dev.portrait.tl.api.TypePhotosPhotos;
import dev.portrait.tl.api.User;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the Bot API endpoint (the {@code botapi} module) may do, and the only way it reaches the server: a bot, known
 * by its token, reads users' photos as MTProto shows them to that bot and sets or removes its own photo, through the
 * same managers as photos.getUserPhotos, upload.getFile (DownloadsManager.readable), photos.uploadProfilePhoto and
 * photos.updateProfilePhoto. So
 * a photo set over HTTP is the photo an MTProto client sees, with the same sizes, limits and errors (RpcException,
 * which the endpoint turns into the Bot API's answer).
 */
public final class BotApiBackend {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BotApiBackend.class);
    /** The most a bot downloads through getFile (the Bot API's 20 MB). */
    public static final long MAX_DOWNLOAD = 20L << 20;
    /** Uploads above this go as a big file, as MTProto clients send them. */
    private static final int SMALL_FILE_MAX = 10 << 20;

    private final Store store;
    private final SignIn signIn;
    private final UsersManager users;
    private final PhotosManager photos;
    private final DownloadsManager downloads;
    private final UploadsManager uploads;
    private final IntSupplier clock;
    private final Supplier<RpcHooks> hooks;
    private final SecureRandom random = new SecureRandom();

    /** @param hooks who hears every call now (the inspector: its log and its fault rules) */
    public BotApiBackend(Store store, SignIn signIn, UsersManager users, PhotosManager photos, DownloadsManager downloads,
                         UploadsManager uploads, IntSupplier clock, Supplier<RpcHooks> hooks) {
        this.store = store;
        this.signIn = signIn;
        this.users = users;
        this.photos = photos;
        this.downloads = downloads;
        this.uploads = uploads;
        this.clock = clock;
        this.hooks = hooks;
    }

    /**
     * An answered Bot API call, told to whoever listens to the server's calls (the inspector's RPC log shows it as a
     * "bot_api" entry): the bot, the client's address, the method with its parameters, and the outcome.
     */
    public void answered(UserRecord bot, String clientAddress, String call) {
        RpcHooks h = hooks.get();
        if (h == RpcHooks.NONE) return;
        try {
            h.service(new ServiceEvent(System.currentTimeMillis(), bot.id(), 0, 0, clientAddress, "bot-api", "bot_api", call));
        } catch (RuntimeException e) {
            log.warn("an RPC listener failed on a Bot API call", e);
        }
    }

    /** The fault the inspector's rules inject into this bot's call of {@code method} ("bot_api.<method>"), or null. */
    public Fault fault(UserRecord bot, String method) {
        return hooks.get().beforeBotApi(bot.id(), method);
    }

    public int now() {
        return clock.getAsInt();
    }

    /** The bot a token names (`portrait bot add` prints it), checked as auth.importBotAuthorization checks it. */
    public Optional<UserRecord> bot(String token) {
        return signIn.botByToken(token);
    }

    /** The bot as MTProto shows it to itself. */
    public User self(UserRecord bot) {
        return users.view(bot, bot, now());
    }

    /** A live account by id; the Bot API names users by id alone. */
    public Optional<UserRecord> user(long id) {
        return users.find(id).filter(u -> !u.deleted());
    }

    /** photos.getUserPhotos as the bot calls it: what it may see of target under target's privacy rules. */
    public TypePhotosPhotos userPhotos(UserRecord bot, UserRecord target, int offset, int limit) {
        return photos.userPhotos(bot, target, offset, 0, limit, now());
    }

    /** One size of a photo the bot may see now (as upload.getFile checks it), or empty. */
    public Optional<PhotoFile> photoFile(UserRecord bot, long photoId, String type) {
        return store.photos().find(photoId).flatMap(p -> downloads.readable(bot, p, type).map(s -> new PhotoFile(p, s)));
    }

    /** A photo size a bot may read: the photo and the size. */
    public record PhotoFile(PhotoRecord photo, PhotoSizeRecord size) {
    }

    /** The bytes of a size, or empty when it was deleted meanwhile. */
    public Optional<byte[]> read(PhotoFile file) {
        if (file.size().size() > MAX_DOWNLOAD) throw RpcException.badRequest("FILE_TOO_BIG");
        return store.blobs().read(file.size().blobKey(), 0, file.size().size());
    }

    /**
     * setMyProfilePhoto: the bytes are uploaded in parts as the bot's own upload (upload.saveFilePart, or
     * saveBigFilePart above 10 MB), then photos.uploadProfilePhoto makes them its main photo: a picture, or with
     * {@code animated} an MP4 whose frame at {@code mainFrame} seconds is the still.
     */
    public void setPhoto(UserRecord bot, byte[] data, boolean animated, double mainFrame) {
        if (data.length == 0) throw RpcException.badRequest("FILE_PARTS_INVALID");
        int now = now();
        long fileId = random.nextLong();
        boolean big = data.length > SMALL_FILE_MAX;
        int partSize = UploadsManager.MAX_PART_BYTES;
        int parts = (data.length + partSize - 1) / partSize;
        for (int part = 0; part < parts; part++) {
            byte[] bytes = Arrays.copyOfRange(data, part * partSize, Math.min(data.length, (part + 1) * partSize));
            uploads.savePart(bot.id(), bot.premium(), fileId, part, bytes, big, big ? parts : 0, now);
        }
        String name = animated ? "animation.mp4" : "photo.jpg";
        TypeInputFile file = big ? new InputFileBig(fileId, parts, name) : new InputFile(fileId, parts, name, "");
        PhotoFactory.Media media = animated ? new PhotoFactory.Media(null, file, mainFrame, null)
                : new PhotoFactory.Media(file, null, null, null);
        photos.upload(bot, bot, false, media, now);
    }

    /** removeMyProfilePhoto: photos.updateProfilePhoto(inputPhotoEmpty), which deletes the current main photo. */
    public void removePhoto(UserRecord bot) {
        photos.update(bot, bot, false, new InputPhotoEmpty(), now());
    }

    /** A server secret by name, made once (file ids are signed with one). */
    public byte[] secret(String name) {
        return store.secrets().secret(name);
    }
}
