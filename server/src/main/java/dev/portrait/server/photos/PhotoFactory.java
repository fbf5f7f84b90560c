package dev.portrait.server.photos;

import dev.portrait.media.ImageEngine;
import dev.portrait.media.ImageLimits;
import dev.portrait.media.MediaException;
import dev.portrait.media.ProfilePhotoImages;
import dev.portrait.media.SizedJpeg;
import dev.portrait.media.video.EncodedVideo;
import dev.portrait.media.video.MarkupBackground;
import dev.portrait.media.video.VideoAvatar;
import dev.portrait.media.video.VideoAvatars;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.cpu.BulkLane;
import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.InputStickerSetEmpty;
import dev.portrait.tl.api.TypeInputFile;
import dev.portrait.tl.api.TypeVideoSize;
import dev.portrait.tl.api.VideoSizeEmojiMarkup;
import dev.portrait.tl.api.VideoSizeStickerMarkup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns what a photos.upload*ProfilePhoto call sends (a still image, an MP4 avatar, an emoji or sticker markup, or
 * several of them) into the stored sizes of a new photo: JPEG sizes a/b/c[/d] and the stripped 'i' from the image
 * engine, video sizes 'u' and 'p' from ffmpeg. Every size's blob is durable before {@link #make} returns; the caller
 * commits the photo row and calls {@link #discard} if that fails, so no half photo is ever visible.
 */
public final class PhotoFactory {
    private static final Logger log = LoggerFactory.getLogger(PhotoFactory.class);
    /** Side of the still drawn from an emoji avatar's background: the 'c' size. */
    private static final int MARKUP_STILL_SIDE = 640;

    /** The media arguments of photos.uploadProfilePhoto / uploadContactProfilePhoto. */
    public record Media(TypeInputFile file, TypeInputFile video, Double videoStartTs, TypeVideoSize markup) {
        public boolean empty() {
            return file == null && video == null && markup == null;
        }
    }

    /**
     * Sizes already in the blob store, ready to become a photo row; sources = the uploads they were made from, dropped
     * by {@link #committed} once the photo row is committed (a client may retry with them until then).
     */
    public record Made(List<PhotoSizeRecord> sizes, byte[] stripped, boolean hasVideo, byte[] markup, String sourceFormat,
                       List<UploadsManager.Upload> sources) {}

    private final Store store;
    private final UploadsManager uploads;
    private final ImageEngine engine;
    private final Supplier<VideoAvatars> video;
    /** Reading an upload back and checking its MD5 grows with its bytes: bulk work, like decrypting its parts. */
    private final BulkLane bulk;
    private final ServerConfig.Media config;
    /** Decoding is CPU-bound and memory-hungry: a slot per core, shared between accounts (ProcessingTurns). */
    private final ProcessingTurns processing = new ProcessingTurns(cores());
    private final Timer imageTime;
    private final Timer videoTime;
    private final Timer waitTime;

    /** @param video made on first use: finding ffmpeg may unpack it from the bytedeco jar, which takes seconds */
    public PhotoFactory(Store store, UploadsManager uploads, ImageEngine engine, Supplier<VideoAvatars> video,
                        BulkLane bulk, ServerConfig.Media config, MeterRegistry meters) {
        this.store = store;
        this.uploads = uploads;
        this.engine = engine;
        this.video = video;
        this.bulk = bulk;
        this.config = config;
        this.imageTime = Timer.builder("portrait.media.image").description("decoding a still and making its sizes")
                .tag("engine", engine.name()).register(meters);
        this.videoTime = Timer.builder("portrait.media.video").description("probing and transcoding a video avatar (ffmpeg)")
                .register(meters);
        this.waitTime = Timer.builder("portrait.media.queue").description("time waiting for a processing turn (ProcessingTurns)")
                .register(meters);
    }

    private static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The most photo and video jobs that run at once: the image engine's and ffmpeg's pools are sized for it. */
    public static int maxConcurrentJobs() {
        return ProcessingTurns.limit(cores());
    }

    public ImageEngine engine() {
        return engine;
    }

    /**
     * Checks the arguments, processes the media and stores every size. The still comes from the file when there is
     * one (Telegram-Android sends an 800 px still beside its MP4), else from the video's frame at video_start_ts, else
     * from the markup's background colours.
     */
    public Made make(UserRecord uploader, Media m) {
        if (m.empty()) throw RpcException.badRequest("PHOTO_FILE_MISSING");
        if (m.videoStartTs() != null && m.video() == null && m.markup() == null) throw RpcException.badRequest("VIDEO_FILE_INVALID");
        byte[] markup = m.markup() == null ? null : markup(m.markup());
        Optional<UploadsManager.Upload> still = Optional.empty();
        if (m.file() != null) {
            still = uploads.find(uploader.id(), uploader.premium(), m.file());
            if (still.isEmpty()) throw RpcException.badRequest("PHOTO_FILE_MISSING");
            if (still.get().size() > config.maxPhotoBytes()) throw RpcException.badRequest("IMAGE_PROCESS_FAILED");
        }
        Optional<UploadsManager.Upload> clip = Optional.empty();
        if (m.video() != null) {
            clip = uploads.find(uploader.id(), uploader.premium(), m.video());
            if (clip.isEmpty() || clip.get().size() > config.maxVideoBytes()) throw RpcException.badRequest("VIDEO_FILE_INVALID");
        }

        ProfilePhotoImages images;
        VideoAvatar avatar = null;
        long queued = System.nanoTime();
        processing.acquire(uploader.id());
        waitTime.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
        try {
            if (clip.isPresent()) {
                UploadsManager.Upload upload = clip.get();
                byte[] mp4 = bulk.call(uploader.id(), () -> uploads.read(upload, UploadsManager.md5(m.video())));
                long started = System.nanoTime();
                try {
                    avatar = videos().process(mp4, m.videoStartTs());
                } finally {
                    videoTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            }
            byte[] source;
            if (still.isPresent()) {
                UploadsManager.Upload upload = still.get();
                source = bulk.call(uploader.id(), () -> uploads.read(upload, UploadsManager.md5(m.file())));
            }
            else if (avatar != null) source = avatar.still();
            else source = MarkupBackground.png(colors(m.markup()), MARKUP_STILL_SIDE);
            long started = System.nanoTime();
            try {
                images = engine.profilePhoto(source, new ImageLimits(config.maxPhotoPixels(), 160, 10.0));
            } finally {
                imageTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        } catch (MediaException e) {
            log.debug("media refused: {} ({})", e.rpcError(), e.getMessage());
            throw RpcException.badRequest(e.rpcError());
        } finally {
            processing.release(uploader.id());
        }

        List<NewSize> files = new ArrayList<>();
        for (SizedJpeg s : images.sizes()) files.add(new NewSize(s.type(), false, s.width(), s.height(), null, s.jpeg()));
        if (avatar != null) {
            double ts = avatar.startTs();
            for (EncodedVideo v : List.of(avatar.p(), avatar.u())) { // the order the store lists them in
                files.add(new NewSize(v.type(), true, v.width(), v.height(), v.type().equals("u") && ts > 0 ? ts : null, v.mp4()));
            }
        }
        List<PhotoSizeRecord> sizes = put(files);
        List<UploadsManager.Upload> sources = new ArrayList<>();
        still.ifPresent(sources::add);
        clip.ifPresent(sources::add);
        String format = avatar != null && still.isEmpty() ? "MP4" : m.file() == null && avatar == null ? "MARKUP"
                : images.sourceFormat().name();
        return new Made(sizes, images.stripped(), avatar != null, markup, format, sources);
    }

    /** Copies a photo's sizes to new blobs, for a photo that must outlive the one it came from. */
    public Made copy(PhotoRecord p) {
        List<Optional<byte[]>> blobs = store.blobs().getAll(p.sizes().stream().map(PhotoSizeRecord::blobKey).toList());
        List<NewSize> files = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            PhotoSizeRecord s = p.sizes().get(i);
            byte[] bytes = blobs.get(i).orElseThrow(() -> RpcException.badRequest("PHOTO_ID_INVALID"));
            files.add(new NewSize(s.type(), s.video(), s.w(), s.h(), s.videoStartTs(), bytes));
        }
        List<PhotoSizeRecord> sizes = put(files);
        return new Made(sizes, p.stripped(), p.hasVideo(), p.markup(), p.sourceFormat(), List.of());
    }

    private record NewSize(String type, boolean isVideo, int w, int h, Double startTs, byte[] bytes) {
    }

    /** Writes the files of a photo's sizes, all at once, each as a new blob; none stays behind when one fails. */
    private List<PhotoSizeRecord> put(List<NewSize> files) {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        List<PhotoSizeRecord> sizes = new ArrayList<>();
        for (NewSize f : files) {
            String key = store.blobs().newKey("photos");
            blobs.put(key, f.bytes());
            sizes.add(new PhotoSizeRecord(f.type(), f.isVideo(), f.w(), f.h(), f.bytes().length, f.startTs(), key));
        }
        try {
            store.blobs().putAll(blobs);
        } catch (RuntimeException e) {
            discard(sizes);
            throw e;
        }
        return sizes;
    }

    /** Drops the uploads a photo was made from, once its row is committed. */
    public void committed(Made made) {
        for (UploadsManager.Upload u : made.sources()) uploads.discard(u);
    }

    /** Deletes the blobs of sizes that never became (or no longer are) part of a photo. */
    public void discard(Made made) {
        discard(made.sizes());
    }

    private void discard(List<PhotoSizeRecord> sizes) {
        store.blobs().deleteAll(sizes.stream().map(PhotoSizeRecord::blobKey).toList());
    }

    private VideoAvatars videos() {
        try {
            return video.get();
        } catch (RuntimeException e) {
            log.error("video avatars are unavailable: no usable ffmpeg", e);
            throw RpcException.internal("VIDEO_PROCESSING_UNAVAILABLE");
        }
    }

    /** Validates an emoji or sticker markup and serializes it for storage. */
    static byte[] markup(TypeVideoSize markup) {
        boolean valid = switch (markup) {
            case VideoSizeEmojiMarkup e -> e.emojiId() != 0;
            // There are no sticker sets here to look the sticker up in; the reference itself must be well-formed.
            case VideoSizeStickerMarkup s -> !(s.stickerset() instanceof InputStickerSetEmpty) && s.stickerId() != 0;
            default -> false;
        };
        if (!valid) throw RpcException.badRequest("EMOJI_MARKUP_INVALID");
        try {
            MarkupBackground.validate(colors(markup));
        } catch (MediaException e) {
            throw RpcException.badRequest("EMOJI_MARKUP_INVALID");
        }
        TlWriter w = new TlWriter();
        markup.write(w);
        return w.toByteArray();
    }

    private static List<Integer> colors(TypeVideoSize markup) {
        return switch (markup) {
            case VideoSizeEmojiMarkup e -> e.backgroundColors();
            case VideoSizeStickerMarkup s -> s.backgroundColors();
            default -> List.of();
        };
    }
}
