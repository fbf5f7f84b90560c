package dev.portrait.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.botapi.BotApiBackend;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotoSize;
import dev.portrait.tl.api.PhotosPhotos;
import dev.portrait.tl.api.PhotosPhotosSlice;
import dev.portrait.tl.api.TypePhoto;
import dev.portrait.tl.api.TypePhotoSize;
import dev.portrait.tl.api.TypePhotosPhotos;
import dev.portrait.tl.api.User;

import java.io.IOException;
import java.util.List;

/**
 * The Bot API methods of the profile-photo part, each a translation onto {@link BotApiBackend}: getMe,
 * getUserProfilePhotos, getFile, setMyProfilePhoto, removeMyProfilePhoto.
 */
final class ProfilePhotoMethods {
    /** The Bot API's upload limit for multipart files. */
    static final long MAX_UPLOAD = 50L << 20;
    /** The Bot API's limit for photos ("Sending files": 10 MB max size for photos). */
    static final long MAX_PHOTO = 10L << 20;

    private final BotApiBackend backend;
    private final FileIds fileIds;

    ProfilePhotoMethods(BotApiBackend backend, FileIds fileIds) {
        this.backend = backend;
        this.fileIds = fileIds;
    }

    /** getMe: the bot as a Bot API User. */
    JsonNode getMe(UserRecord bot) {
        User u = backend.self(bot);
        ObjectNode o = BotApi.JSON.createObjectNode();
        o.put("id", u.id());
        o.put("is_bot", true);
        o.put("first_name", u.firstName() == null ? "" : u.firstName());
        if (u.lastName() != null && !u.lastName().isEmpty()) o.put("last_name", u.lastName());
        if (u.username() != null && !u.username().isEmpty()) o.put("username", u.username());
        o.put("can_join_groups", !u.botNochats());
        o.put("can_read_all_group_messages", u.botChatHistory());
        o.put("supports_inline_queries", u.botInlinePlaceholder() != null);
        o.put("can_connect_to_business", u.botBusiness());
        o.put("has_main_web_app", u.botHasMainApp());
        return o;
    }

    /** getUserProfilePhotos(user_id, offset, limit): what photos.getUserPhotos shows this bot, as PhotoSize arrays. */
    JsonNode getUserProfilePhotos(UserRecord bot, BotRequest req) {
        // as the official server reads them: a user_id that is not a positive number is invalid; offset and limit are
        // clamped (0..., 1..100, default 100), never refused
        long userId = Math.max(Params.integer(req.string("user_id"), 0), 0);
        if (userId == 0) throw BotApiException.badRequest("invalid user_id specified");
        int offset = (int) Math.min(Math.max(Params.integer(req.string("offset"), 0), 0), Integer.MAX_VALUE);
        int limit = (int) Math.min(Math.max(Params.integer(req.string("limit"), 100), 1), 100);
        UserRecord target = backend.user(userId).orElseThrow(() -> BotApiException.badRequest("user not found"));
        TypePhotosPhotos r = backend.userPhotos(bot, target, offset, limit);
        List<TypePhoto> photos = switch (r) {
            case PhotosPhotos p -> p.photos();
            case PhotosPhotosSlice p -> p.photos();
        };
        int total = switch (r) {
            case PhotosPhotos p -> offset + p.photos().size();
            case PhotosPhotosSlice p -> p.count();
        };
        ObjectNode o = BotApi.JSON.createObjectNode();
        o.put("total_count", total);
        ArrayNode list = o.putArray("photos");
        for (TypePhoto tp : photos) {
            if (!(tp instanceof Photo p)) continue;
            ArrayNode sizes = list.addArray();
            for (TypePhotoSize ts : p.sizes()) {
                // the stripped preview ('i') has no file of its own; the Bot API lists the downloadable sizes
                if (!(ts instanceof PhotoSize s)) continue;
                ObjectNode size = sizes.addObject();
                size.put("file_id", fileIds.fileId(bot.id(), p.id(), s.type()));
                size.put("file_unique_id", FileIds.uniqueId(p.id(), s.type()));
                size.put("file_size", s.size());
                size.put("width", s.w());
                size.put("height", s.h());
            }
        }
        return o;
    }

    /** getFile(file_id): the size's File, with the path its bytes download from. */
    JsonNode getFile(UserRecord bot, BotRequest req) {
        String fileId = req.string("file_id");
        if (fileId == null) throw BotApiException.badRequest("file_id not specified");
        FileIds.PhotoSizeRef ref = fileIds.parse(bot.id(), fileId).orElseThrow(() -> BotApiException.badRequest("invalid file_id"));
        BotApiBackend.PhotoFile file = backend.photoFile(bot, ref.photoId(), ref.type())
                .orElseThrow(() -> BotApiException.badRequest("wrong file_id or the file is temporarily unavailable"));
        if (file.size().size() > BotApiBackend.MAX_DOWNLOAD) throw BotApiException.badRequest("file is too big");
        ObjectNode o = BotApi.JSON.createObjectNode();
        o.put("file_id", fileId);
        String unique = FileIds.uniqueId(ref.photoId(), ref.type());
        o.put("file_unique_id", unique);
        o.put("file_size", file.size().size());
        o.put("file_path", filePath(unique, file.size().video()));
        return o;
    }

    static String filePath(String uniqueId, boolean video) {
        return (video ? "profile_videos/" : "profile_photos/") + uniqueId + (video ? ".mp4" : ".jpg");
    }

    /** The bytes a file_path names, when this bot may read them now. */
    byte[] download(UserRecord bot, String path) {
        int slash = path.indexOf('/');
        int dot = path.lastIndexOf('.');
        if (slash < 0 || dot < slash) throw BotApiException.notFound();
        FileIds.PhotoSizeRef ref = FileIds.parseUnique(path.substring(slash + 1, dot)).orElseThrow(BotApiException::notFound);
        BotApiBackend.PhotoFile file = backend.photoFile(bot, ref.photoId(), ref.type()).orElseThrow(BotApiException::notFound);
        if (!path.equals(filePath(FileIds.uniqueId(ref.photoId(), ref.type()), file.size().video()))) throw BotApiException.notFound();
        return backend.read(file).orElseThrow(BotApiException::notFound);
    }

    /**
     * setMyProfilePhoto(photo): photo is an InputProfilePhoto (JSON), static {"type":"static","photo":"attach://x"}
     * or animated {"type":"animated","animation":"attach://x","main_frame_timestamp":s}; the file is the multipart
     * part it names.
     */
    JsonNode setMyProfilePhoto(UserRecord bot, BotRequest req) {
        String raw = req.string("photo");
        if (raw == null) throw BotApiException.badRequest("parameter \"photo\" is required");
        JsonNode photo;
        try {
            photo = BotApi.JSON.readTree(raw);
        } catch (IOException e) {
            throw BotApiException.badRequest("can't parse InputProfilePhoto JSON object");
        }
        if (photo == null || !photo.isObject()) throw BotApiException.badRequest("can't parse InputProfilePhoto JSON object");
        if (!photo.has("type")) throw BotApiException.badRequest("can't find field \"type\"");
        boolean animated = switch (photo.path("type").asText("")) {
            case "static" -> false;
            case "animated" -> true;
            default -> throw BotApiException.badRequest("unsupported profile photo type specified");
        };
        String field = animated ? "animation" : "photo";
        if (!photo.has(field)) throw BotApiException.badRequest("can't find field \"" + field + "\"");
        String ref = photo.path(field).asText("");
        // profile photos cannot be reused: only a new upload, named by attach://<part>
        if (!ref.startsWith("attach://")) throw BotApiException.badRequest("profile photo must be uploaded as an InputFile");
        byte[] data = req.file(ref.substring("attach://".length()), MAX_UPLOAD);
        if (data == null) throw BotApiException.badRequest("there is no " + field + " in the request");
        // the Bot API takes photos of up to 10 MB (MTProto's uploadProfilePhoto takes more): TDLib's "File is too big"
        if (!animated && data.length > MAX_PHOTO) throw BotApiException.badRequest("file is too big");
        double mainFrame = 0;
        if (animated && photo.has("main_frame_timestamp")) {
            JsonNode ts = photo.get("main_frame_timestamp");
            if (!ts.isNumber() && !(ts.isTextual() && ts.asText().matches("\\d+(\\.\\d+)?"))) {
                throw BotApiException.badRequest("main_frame_timestamp must be a number");
            }
            mainFrame = ts.asDouble();
            if (mainFrame < 0) throw BotApiException.badRequest("main_frame_timestamp must be non-negative");
        }
        backend.setPhoto(bot, data, animated, mainFrame);
        return BotApi.JSON.getNodeFactory().booleanNode(true);
    }

    /** removeMyProfilePhoto: the current photo is deleted (True also when there was none, as photos.updateProfilePhoto). */
    JsonNode removeMyProfilePhoto(UserRecord bot) {
        backend.removePhoto(bot);
        return BotApi.JSON.getNodeFactory().booleanNode(true);
    }
}
