package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** photos.* and upload.* through the Java MTProto client: uploads, the photo pipeline, albums, downloads and their errors. */
public class PhotosTest {
    @TempDir
    Path dir;

    public static byte[] image(int w, int h, String format) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.RED, w, h, Color.BLUE));
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static void fails(TestAccounts.Signed s, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> s.call(m)).isInstanceOf(RpcErrorException.class).hasMessage("400 " + error);
    }

    /** Uploads data in 32 KB parts as tdesktop does; returns the InputFile naming it. */
    public static InputFile upload(TestAccounts.Signed s, byte[] data, String name) throws Exception {
        long fileId = ThreadLocalRandom.current().nextLong();
        int part = 32 * 1024;
        int parts = Math.max(1, (data.length + part - 1) / part);
        for (int i = 0; i < parts; i++) {
            assertThat(s.call(new UploadSaveFilePart(fileId, i, Arrays.copyOfRange(data, i * part, Math.min(data.length, (i + 1) * part))))).isTrue();
        }
        return new InputFile(fileId, parts, name, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
    }

    static Photo uploadPhoto(TestAccounts.Signed s, byte[] data) throws Exception {
        PhotosPhoto p = (PhotosPhoto) s.call(PhotosUploadProfilePhoto.builder().file(upload(s, data, "photo.jpg")).build());
        return (Photo) p.photo();
    }

    public static byte[] download(TestAccounts.Signed s, TypeInputFileLocation location) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int limit = 4096 * 2;
        for (long offset = 0; ; offset += limit) {
            UploadFile f = (UploadFile) s.call(UploadGetFile.builder().location(location).offset(offset).limit(limit).build());
            assertThat(f.type()).isInstanceOf(StorageFileJpeg.class);
            out.writeBytes(f.bytes());
            if (f.bytes().length < limit) return out.toByteArray();
        }
    }

    public static BufferedImage decode(byte[] jpeg) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static PhotoSize size(Photo p, String type) {
        return p.sizes().stream().filter(s -> s instanceof PhotoSize ps && ps.type().equals(type)).map(PhotoSize.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no size " + type + " in " + p.sizes()));
    }

    /** Layers before 128 address sizes by FileLocation (LegacyForms): the photo's id and the type's letter. */
    @Test
    void anOlderClientsFileLocationNamesTheSameSizesUnderTheSameChecks() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996640011", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996640012", "Bob", "");
            Photo photo = uploadPhoto(a, image(900, 700, "jpg"));
            for (String type : List.of("a", "c")) {
                byte[] byLocation = download(b, new InputFileLocation(photo.id(), type.charAt(0), photo.accessHash(), photo.fileReference()));
                assertThat(byLocation).isEqualTo(download(b, new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), type)));
            }
            assertThatThrownBy(() -> download(b, new InputFileLocation(photo.id(), 'a', photo.accessHash() + 1, photo.fileReference())))
                    .hasMessage("400 LOCATION_INVALID");
            // the same pair inside inputPhotoLegacyFileLocation (what a client keeps from those layers)
            assertThat(download(b, new InputPhotoLegacyFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), photo.id(), 'c', 0)))
                    .isEqualTo(download(b, new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "c")));
            assertThatThrownBy(() -> download(b, new InputPhotoLegacyFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), photo.id() + 1, 'c', 0)))
                    .hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> download(b, new InputFileLocation(photo.id(), 0, photo.accessHash(), photo.fileReference())))
                    .hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> download(b, new InputFileLocation(photo.id(), 'z', photo.accessHash(), photo.fileReference())))
                    .hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> download(b, new InputFileLocation(photo.id(), 'a', photo.accessHash(), new byte[0])))
                    .hasMessage("400 FILE_REFERENCE_EMPTY");
            // once deleted, its location names nothing
            a.call(new PhotosDeletePhotos(List.of(new InputPhoto(photo.id(), photo.accessHash(), photo.fileReference()))));
            assertThatThrownBy(() -> download(b, new InputFileLocation(photo.id(), 'a', photo.accessHash(), photo.fileReference())))
                    .hasMessage("400 LOCATION_INVALID");
        }
    }

    @Test
    void anUploadedJpegBecomesAProfilePhotoWithEverySize() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996640001", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996640002", "Bob", "");
            b.call(new ContactsImportContacts(List.of(new InputPhoneContact(1, "9996640001", "Alice", "", null))));
            PhotosPhoto result = (PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().file(upload(a, image(1500, 1300, "jpg"), "x.jpg")).build());
            Photo photo = (Photo) result.photo();
            assertThat(((User) result.users().getFirst()).id()).isEqualTo(a.id());
            assertThat(photo.sizes()).extracting(s -> switch (s) {
                case PhotoStrippedSize st -> st.type();
                case PhotoSize ps -> ps.type() + ps.w() + "x" + ps.h();
                default -> s.toString();
            }).containsExactly("i", "a160x160", "b320x320", "c640x640", "d1280x1280");
            assertThat(photo.dcId()).isEqualTo(2);
            assertThat(photo.fileReference()).isNotEmpty();
            User self = (User) result.users().getFirst();
            UserProfilePhoto up = (UserProfilePhoto) self.photo();
            assertThat(up.photoId()).isEqualTo(photo.id());
            assertThat(up.strippedThumb()).startsWith(1);

            // every size downloads as the JPEG it claims to be, with exactly photoSize.size bytes
            for (String type : List.of("a", "b", "c", "d")) {
                byte[] jpeg = download(a, new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), type));
                assertThat(jpeg).hasSize(size(photo, type).size());
                assertThat(decode(jpeg).getWidth()).isEqualTo(size(photo, type).w());
            }
            // Bob, a contact, sees the photo in user.photo and downloads it through the peer location
            User aliceForBob = (User) b.call(new UsersGetUsers(List.of(new InputUser(a.id(), 0)))).getFirst();
            assertThat(((UserProfilePhoto) aliceForBob.photo()).photoId()).isEqualTo(photo.id());
            byte[] small = download(b, new InputPeerPhotoFileLocation(false, new InputPeerUser(a.id(), aliceForBob.accessHash()), photo.id()));
            byte[] big = download(b, InputPeerPhotoFileLocation.builder().big(true).peer(new InputPeerUser(a.id(), aliceForBob.accessHash())).photoId(photo.id()).build());
            assertThat(decode(small).getWidth()).isEqualTo(160);
            assertThat(decode(big).getWidth()).isEqualTo(640);
            UsersUserFull full = (UsersUserFull) b.call(new UsersGetFullUser(new InputUser(a.id(), aliceForBob.accessHash())));
            assertThat(((Photo) ((UserFull) full.fullUser()).profilePhoto()).id()).isEqualTo(photo.id());
            // a wrong peer access_hash, photo access_hash or a photo of someone else is refused
            assertThatThrownBy(() -> download(b, new InputPeerPhotoFileLocation(false, new InputPeerUser(a.id(), aliceForBob.accessHash() + 1), photo.id())))
                    .hasMessage("400 PEER_ID_INVALID");
            assertThatThrownBy(() -> download(b, new InputPhotoFileLocation(photo.id(), photo.accessHash() + 1, photo.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> download(b, new InputPhotoFileLocation(photo.id(), photo.accessHash(), new byte[0], "a")))
                    .hasMessage("400 FILE_REFERENCE_EMPTY");
            assertThatThrownBy(() -> download(b, new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "z")))
                    .hasMessage("400 LOCATION_INVALID");
            assertThatThrownBy(() -> download(b, new InputPeerPhotoFileLocation(false, new InputPeerSelf(), photo.id())))
                    .hasMessage("400 LOCATION_INVALID");
            fails(b, UploadGetFile.builder().location(new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "a"))
                    .offset(100).limit(4096).build(), "OFFSET_INVALID");
            fails(b, UploadGetFile.builder().location(new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "a"))
                    .offset(0).limit(5000).build(), "LIMIT_INVALID");
            UploadFile end = (UploadFile) b.call(UploadGetFile.builder().location(new InputPhotoFileLocation(photo.id(), photo.accessHash(),
                    photo.fileReference(), "a")).offset(1 << 20).limit(4096).build());
            assertThat(end.bytes()).isEmpty();

            // profile-photo privacy: nobody but contacts; Carol, a stranger, sees no photo and cannot download it
            a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueAllowContacts(), new InputPrivacyValueDisallowAll())));
            TestAccounts.Signed c = t.signUp("9996640003", "Carol", "");
            ContactsResolvedPeer r = (ContactsResolvedPeer) c.call(new ContactsResolvePhone("9996640001"));
            User aliceForCarol = (User) r.users().getFirst();
            assertThat(aliceForCarol.photo()).isNull();
            assertThatThrownBy(() -> download(c, new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");
            PhotosPhotos carolSees = (PhotosPhotos) c.call(new PhotosGetUserPhotos(new InputUser(a.id(), aliceForCarol.accessHash()), 0, 0, 10));
            assertThat(carolSees.photos()).isEmpty();
        }
    }

    /** A JPEG of noise: it compresses badly, so its big sizes span several 128 KB chunks. */
    private static byte[] noise(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(5);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** hashes are consecutive 128 KB chunks of file from offset `from`, each with its SHA-256; the last may be the tail. */
    private static void assertHashesOf(byte[] file, long from, List<TypeFileHash> hashes) throws Exception {
        int chunk = 128 * 1024;
        assertThat(hashes).isNotEmpty();
        long at = from;
        for (TypeFileHash t : hashes) {
            FileHash h = (FileHash) t;
            int to = (int) Math.min(file.length, at + chunk);
            assertThat(h.offset()).isEqualTo(at);
            assertThat(h.limit()).isEqualTo(to - at);
            assertThat(h.hash()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(file, (int) at, to)));
            at += chunk;
        }
    }

    @Test
    void fileHashesAreSha256OfEach128KbChunkOfWhatGetFileServes() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996640021", "Alice", "");
            Photo photo = uploadPhoto(a, noise(1400, 1400));
            InputPhotoFileLocation d = new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "d");
            byte[] file = download(a, d);
            int chunk = 128 * 1024;
            assertThat(file.length).as("size d spans several chunks").isGreaterThan(2 * chunk);

            int chunks = (file.length + chunk - 1) / chunk;
            List<TypeFileHash> hashes = a.call(new UploadGetFileHashes(d, 0));
            assertThat(hashes).hasSize(Math.min(8, chunks));
            assertHashesOf(file, 0, hashes);
            // an offset inside a chunk starts at that chunk; the last chunk is the file's tail
            List<TypeFileHash> fromSecond = a.call(new UploadGetFileHashes(d, chunk + 5));
            assertThat(fromSecond).hasSize(Math.min(8, chunks - 1));
            assertHashesOf(file, chunk, fromSecond);
            List<TypeFileHash> tail = a.call(new UploadGetFileHashes(d, file.length - 1));
            assertThat(tail).hasSize(1);
            assertHashesOf(file, (long) (chunks - 1) * chunk, tail);
            assertThat(a.call(new UploadGetFileHashes(d, (long) chunks * chunk))).as("past the end").isEmpty();
            // the peer location names size c; its hashes match its bytes too
            InputPeerPhotoFileLocation big = InputPeerPhotoFileLocation.builder().big(true).peer(new InputPeerSelf()).photoId(photo.id()).build();
            assertHashesOf(download(a, big), 0, a.call(new UploadGetFileHashes(big, 0)));

            fails(a, new UploadGetFileHashes(d, -1), "OFFSET_INVALID");
            fails(a, new UploadGetFileHashes(new InputPhotoFileLocation(photo.id(), photo.accessHash() + 1, photo.fileReference(), "d"), 0),
                    "LOCATION_INVALID");
            fails(a, new UploadGetFileHashes(new InputPhotoFileLocation(photo.id(), photo.accessHash(), photo.fileReference(), "z"), 0),
                    "LOCATION_INVALID");
            // privacy applies as to downloads: with the photo hidden from everyone, a stranger gets nothing
            a.call(new AccountSetPrivacy(new InputPrivacyKeyProfilePhoto(), List.of(new InputPrivacyValueDisallowAll())));
            TestAccounts.Signed stranger = t.signUp("9996640022", "Carol", "");
            fails(stranger, new UploadGetFileHashes(d, 0), "LOCATION_INVALID");
        }
    }

    @Test
    void albumsSwitchPageAndDelete() throws Exception {
        try (TestAccounts t = new TestAccounts(dir, c -> c.withMedia(ServerConfig.Media.defaults().withAlbumLimit(4)))) {
            TestAccounts.Signed a = t.signUp("9996640011", "Alice", "");
            Photo p1 = uploadPhoto(a, image(400, 400, "png"));
            Photo p2 = uploadPhoto(a, image(700, 500, "jpg"));
            Photo p3 = uploadPhoto(a, image(640, 640, "jpg"));
            assertThat(p1.sizes()).extracting(s -> s instanceof PhotoSize ps ? ps.type() : "i").containsExactly("i", "a", "b", "c");
            assertThat(p1.id()).isLessThan(p2.id()).as("photo ids grow with time");
            PhotosPhotos all = (PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10));
            assertThat(all.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p3.id(), p2.id(), p1.id());
            // paging: max_id, offset, limit and the documented max_id = X, offset = -1, limit = 1 lookup
            PhotosPhotosSlice page = (PhotosPhotosSlice) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 2));
            assertThat(page.count()).isEqualTo(3);
            assertThat(page.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p3.id(), p2.id());
            PhotosPhotosSlice next = (PhotosPhotosSlice) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, p2.id(), 2));
            assertThat(next.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p1.id());
            PhotosPhotosSlice exact = (PhotosPhotosSlice) a.call(new PhotosGetUserPhotos(new InputUserSelf(), -1, p2.id(), 1));
            assertThat(exact.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p2.id());
            PhotosPhotosSlice skipped = (PhotosPhotosSlice) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 2, 0, 10));
            assertThat(skipped.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p1.id());
            fails(a, new PhotosGetUserPhotos(new InputUserSelf(), 0, -5, 10), "MAX_ID_INVALID");

            // an older photo becomes current and moves to the front
            PhotosPhoto switched = (PhotosPhoto) a.call(PhotosUpdateProfilePhoto.builder()
                    .id(new InputPhoto(p1.id(), p1.accessHash(), p1.fileReference())).build());
            assertThat(((Photo) switched.photo()).id()).isEqualTo(p1.id());
            assertThat(((UserProfilePhoto) ((User) switched.users().getFirst()).photo()).photoId()).isEqualTo(p1.id());
            all = (PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10));
            assertThat(all.photos()).extracting(p -> ((Photo) p).id()).containsExactly(p1.id(), p3.id(), p2.id());
            fails(a, PhotosUpdateProfilePhoto.builder().id(new InputPhoto(p1.id(), p1.accessHash() + 1, p1.fileReference())).build(), "PHOTO_ID_INVALID");
            fails(a, PhotosUpdateProfilePhoto.builder().id(new InputPhoto(12345, 0, p1.fileReference())).build(), "PHOTO_ID_INVALID");
            fails(a, PhotosUpdateProfilePhoto.builder().id(new InputPhoto(p1.id(), p1.accessHash(), p2.fileReference())).build(), "FILE_REFERENCE_INVALID");
            // another account cannot install Alice's photo
            TestAccounts.Signed b = t.signUp("9996640012", "Bob", "");
            fails(b, PhotosUpdateProfilePhoto.builder().id(new InputPhoto(p1.id(), p1.accessHash(), p1.fileReference())).build(), "PHOTO_ID_INVALID");
            assertThat(b.call(new PhotosDeletePhotos(List.of(new InputPhoto(p1.id(), p1.accessHash(), new byte[0]))))).isEmpty();

            // the album limit (4 here)
            uploadPhoto(a, image(300, 300, "jpg"));
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, image(300, 300, "jpg"), "x.jpg")).build(), "ALBUM_PHOTOS_TOO_MANY");

            // deletePhotos: access_hash 0 works for your own photos (TDLib), returns what was deleted; the next becomes current
            List<Long> deleted = a.call(new PhotosDeletePhotos(List.of(new InputPhoto(p1.id(), 0, new byte[0]),
                    new InputPhoto(999, 0, new byte[0]), new InputPhoto(p2.id(), p2.accessHash(), new byte[0]))));
            assertThat(deleted).containsExactly(p1.id(), p2.id());
            User me = (User) a.call(new UsersGetUsers(List.of(new InputUserSelf()))).getFirst();
            long current = ((UserProfilePhoto) me.photo()).photoId();
            assertThat(current).isNotEqualTo(p1.id());
            assertThatThrownBy(() -> download(a, new InputPhotoFileLocation(p1.id(), p1.accessHash(), p1.fileReference(), "a")))
                    .hasMessage("400 LOCATION_INVALID");
            // inputPhotoEmpty removes the current photo; the one behind it becomes current
            PhotosPhoto removed = (PhotosPhoto) a.call(PhotosUpdateProfilePhoto.builder().id(new InputPhotoEmpty()).build());
            assertThat(((Photo) removed.photo()).id()).isEqualTo(p3.id());
            a.call(PhotosUpdateProfilePhoto.builder().id(new InputPhotoEmpty()).build());
            me = (User) a.call(new UsersGetUsers(List.of(new InputUserSelf()))).getFirst();
            assertThat(me.photo()).isNull();
            assertThat(((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos()).isEmpty();
            // everything that was deleted is gone from the blob store too
            try (var keys = t.server.store().blobs().keysWrittenBefore("photos", java.time.Instant.MAX)) {
                assertThat(keys.count()).isZero();
            }
        }
    }

    @Test
    void aPictureOverItsCpuBudgetIsStoppedAndTheNextOneIsMade() throws Exception {
        // a 7000x7000 progressive JPEG of 100 scans passes every check read from its header and takes over a second
        byte[] dear = dev.portrait.media.ManyScanJpeg.write(7000, 7000, 100);
        try (TestAccounts t = new TestAccounts(dir, c -> c.withMedia(ServerConfig.Media.defaults().withPhotoCpuMillis(200)))) {
            TestAccounts.Signed a = t.signUp("9996640031", "Alice", "");
            uploadPhoto(a, image(400, 400, "jpg")); // the worker process is started and warm
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, dear, "dear.jpg")).build(), "IMAGE_PROCESS_FAILED");
            assertThat(uploadPhoto(a, image(1000, 1000, "jpg")).sizes()).hasSize(4); // i, a, b, c from a new worker
            // a JPEG of more scans is refused from its markers, whatever the budget
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, dev.portrait.media.ManyScanJpeg.write(400, 400, 101),
                    "scans.jpg")).build(), "IMAGE_PROCESS_FAILED");
        }
    }

    @Test
    void badUploadsAnswerTheDocumentedErrors() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996640021", "Alice", "");
            TestAccounts.Signed b = t.signUp("9996640022", "Bob", "");
            fails(a, PhotosUploadProfilePhoto.builder().build(), "PHOTO_FILE_MISSING");
            fails(a, PhotosUploadProfilePhoto.builder().file(new InputFile(1, 1, "x.jpg", "")).build(), "PHOTO_FILE_MISSING");
            // Bob's upload is invisible to Alice even with its file_id
            InputFile bobs = upload(b, image(300, 300, "jpg"), "b.jpg");
            fails(a, PhotosUploadProfilePhoto.builder().file(bobs).build(), "PHOTO_FILE_MISSING");
            // a part missing, a wrong md5
            InputFile f = upload(a, image(900, 900, "png"), "p.png");
            fails(a, PhotosUploadProfilePhoto.builder().file(new InputFile(f.id(), f.parts() + 1, f.name(), "")).build(),
                    "FILE_PART_" + f.parts() + "_MISSING");
            fails(a, PhotosUploadProfilePhoto.builder().file(new InputFile(f.id(), f.parts(), f.name(), "0".repeat(32))).build(), "MD5_CHECKSUM_INVALID");
            // not an image, too small, too elongated, truncated
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, "hello, this is text".getBytes(StandardCharsets.UTF_8), "a.jpg")).build(), "PHOTO_EXT_INVALID");
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, image(150, 150, "jpg"), "a.jpg")).build(), "PHOTO_CROP_SIZE_SMALL");
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, image(2200, 200, "png"), "a.png")).build(), "PHOTO_INVALID_DIMENSIONS");
            byte[] jpeg = image(800, 800, "jpg");
            fails(a, PhotosUploadProfilePhoto.builder().file(upload(a, Arrays.copyOf(jpeg, jpeg.length / 2), "a.jpg")).build(), "IMAGE_PROCESS_FAILED");
            // nothing above produced a photo; the good upload still works, and a JPEG named .png is taken by content
            assertThat(((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos()).isEmpty();
            PhotosPhoto ok = (PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().file(f).build());
            assertThat(((Photo) ok.photo()).sizes()).hasSize(4);
            PhotosPhoto named = (PhotosPhoto) a.call(PhotosUploadProfilePhoto.builder().file(upload(a, image(500, 500, "jpg"), "really.png")).build());
            assertThat(((Photo) named.photo()).sizes()).hasSize(4);
            // a used upload is consumed
            fails(a, PhotosUploadProfilePhoto.builder().file(f).build(), "PHOTO_FILE_MISSING");
            // a JPEG sent as a video avatar
            fails(a, PhotosUploadProfilePhoto.builder().video(upload(a, jpeg, "v.mp4")).build(), "VIDEO_FILE_INVALID");
        }
    }

    @Test
    void ownersChangeTheirBotsPhotos() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed owner = t.signUp("9996640031", "Owner", "");
            TestAccounts.Signed other = t.signUp("9996640032", "Other", "");
            var bot = t.server.store().users().create(dev.portrait.store.NewUser.bot(owner.id(), "pic_bot", "Pic", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 1);
            PhotosPhoto set = (PhotosPhoto) owner.call(PhotosUploadProfilePhoto.builder().bot(new InputUser(bot.id(), 0))
                    .file(upload(owner, image(320, 320, "jpg"), "bot.jpg")).build());
            User botUser = (User) set.users().getFirst();
            assertThat(botUser.id()).isEqualTo(bot.id());
            assertThat(((UserProfilePhoto) botUser.photo()).photoId()).isEqualTo(((Photo) set.photo()).id());
            // the owner's own album is untouched
            assertThat(((PhotosPhotos) owner.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos()).isEmpty();
            fails(other, PhotosUploadProfilePhoto.builder().bot(new InputUser(bot.id(), 0))
                    .file(upload(other, image(320, 320, "jpg"), "bot.jpg")).build(), "BOT_INVALID");
            fails(owner, PhotosUploadProfilePhoto.builder().bot(new InputUserSelf())
                    .file(upload(owner, image(320, 320, "jpg"), "bot.jpg")).build(), "BOT_INVALID");
            fails(owner, PhotosUpdateProfilePhoto.builder().fallback(true).bot(new InputUser(bot.id(), 0)).id(new InputPhotoEmpty()).build(),
                    "BOT_FALLBACK_UNSUPPORTED");
            // the bot itself lists its photos
            var c = t.connect();
            dev.portrait.client.MtprotoClient.await(c.invoke(new AuthImportBotAuthorization(0, 1, "x", bot.botToken())));
            PhotosPhotos own = (PhotosPhotos) dev.portrait.client.MtprotoClient.await(c.invoke(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10)));
            assertThat(own.photos()).hasSize(1);
            // ... uploads and switches its own photos, but has no fallback photo and no contacts' photos
            TestAccounts.Signed asBot = new TestAccounts.Signed(c, botUser);
            Photo second = uploadPhoto(asBot, image(400, 400, "png"));
            Photo first = (Photo) own.photos().getFirst();
            PhotosPhoto back = (PhotosPhoto) asBot.call(PhotosUpdateProfilePhoto.builder()
                    .id(new InputPhoto(first.id(), first.accessHash(), first.fileReference())).build());
            assertThat(((Photo) back.photo()).id()).isEqualTo(first.id());
            assertThat(((PhotosPhotos) asBot.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 10))).photos())
                    .extracting(p -> ((Photo) p).id()).containsExactly(first.id(), second.id());
            fails(asBot, PhotosUploadProfilePhoto.builder().fallback(true).file(upload(asBot, image(300, 300, "jpg"), "f.jpg")).build(),
                    "BOT_FALLBACK_UNSUPPORTED");
            fails(asBot, PhotosUploadContactProfilePhoto.builder().userId(new InputUser(owner.id(), 0))
                    .file(upload(asBot, image(300, 300, "jpg"), "f.jpg")).build(), "BOT_METHOD_INVALID");
            // bots may not name users through messages (users.getUsers documents FROM_MESSAGE_BOT_DISABLED)
            fails(asBot, new UsersGetUsers(List.of(new InputUserFromMessage(new InputPeerUser(owner.id(), 0), 1, owner.id()))),
                    "FROM_MESSAGE_BOT_DISABLED");
            fails(asBot, new UsersGetFullUser(new InputUserFromMessage(new InputPeerSelf(), 1, bot.id())), "FROM_MESSAGE_BOT_DISABLED");
        }
    }

    /** The pure-Java engine behind the same RPCs (the media module's conformance suite covers both engines in depth). */
    @Test
    void thePureJavaEngineServesTheSameFlow() throws Exception {
        try (TestAccounts t = new TestAccounts(dir, c -> c.withMedia(ServerConfig.Media.defaults().withImageEngine("java")))) {
            TestAccounts.Signed a = t.signUp("9996640041", "Alice", "");
            Photo p = uploadPhoto(a, image(1300, 1400, "png"));
            assertThat(p.sizes()).extracting(s -> s instanceof PhotoSize ps ? ps.type() + ps.w() : "i").containsExactly("i", "a160", "b320", "c640", "d1280");
            byte[] c = download(a, new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), "c"));
            assertThat(decode(c).getHeight()).isEqualTo(640);
        }
    }
}
