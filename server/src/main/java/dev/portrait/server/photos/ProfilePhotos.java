package dev.portrait.server.photos;

import dev.portrait.server.files.FileReferences;
import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.PhotoStore;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotoSize;
import dev.portrait.tl.api.PhotoStrippedSize;
import dev.portrait.tl.api.TypePhotoSize;
import dev.portrait.tl.api.TypeUserProfilePhoto;
import dev.portrait.tl.api.TypeVideoSize;
import dev.portrait.tl.api.UserProfilePhoto;
import dev.portrait.tl.api.VideoSize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which photo each viewer sees for a user, and the TL objects that describe photos: {@code photo} with a fresh
 * file_reference and {@code userProfilePhoto} for {@code user.photo}. Read-only; changes go through PhotosManager and
 * ContactPhotosManager.
 *
 * <p>What a viewer sees of a user, in order: the personal photo the viewer set for that user; the user's main photo
 * (the album's front) when the profile-photo privacy rules let the viewer see it; the user's fallback photo; nothing.
 */
public final class ProfilePhotos {
    private final PhotoStore photos;
    private final PrivacyManager privacy;
    private final FileReferences references;
    private final int dcId;

    /** A photo as shown to one viewer; personal = set by that viewer, seen by nobody else. */
    public record Shown(PhotoRecord photo, boolean personal) {}

    public ProfilePhotos(PhotoStore photos, PrivacyManager privacy, FileReferences references, int dcId) {
        this.photos = photos;
        this.privacy = privacy;
        this.references = references;
        this.dcId = dcId;
    }

    public FileReferences references() {
        return references;
    }

    /** Whether the privacy rules let viewer see target's main photo and album (the owner always may). */
    public boolean mayView(UserRecord viewer, UserRecord target) {
        return viewer.id() == target.id() || privacy.allows(target, PrivacyKeys.PROFILE_PHOTO, viewer);
    }

    /** Whether viewer may download photo (whose owner is owner) and name it in an InputPhoto. */
    public boolean mayUse(UserRecord viewer, PhotoRecord photo, UserRecord owner) {
        return switch (photo.kind()) {
            case PhotoRecord.PROFILE -> mayView(viewer, owner);
            case PhotoRecord.FALLBACK -> true;
            case PhotoRecord.PERSONAL -> viewer.id() == photo.creatorId();
            case PhotoRecord.SUGGESTED -> viewer.id() == photo.creatorId() || viewer.id() == photo.ownerId();
            default -> false;
        };
    }

    public Optional<PhotoRecord> main(UserRecord target) {
        return front(target.id(), PhotoRecord.PROFILE);
    }

    public Optional<PhotoRecord> fallback(UserRecord target) {
        return front(target.id(), PhotoRecord.FALLBACK);
    }

    /** The personal photo viewer set for target. */
    public Optional<PhotoRecord> personal(UserRecord viewer, UserRecord target) {
        if (viewer.id() == target.id()) return Optional.empty();
        return Optional.ofNullable(photos.personal(viewer.id(), List.of(target.id())).get(target.id()));
    }

    private Optional<PhotoRecord> front(long ownerId, String kind) {
        return Optional.ofNullable(photos.fronts(List.of(ownerId), kind).get(ownerId));
    }

    /** The main photo if viewer may see it. */
    public Optional<PhotoRecord> visibleMain(UserRecord viewer, UserRecord target) {
        return mayView(viewer, target) ? main(target) : Optional.empty();
    }

    /** What viewer sees as target's photo (see the class comment). */
    public Optional<Shown> shown(UserRecord viewer, UserRecord target) {
        return Optional.ofNullable(shown(viewer, List.of(target), privacy.batch(viewer, List.of(target), PrivacyKeys.PROFILE_PHOTO))
                .get(target.id()));
    }

    /**
     * What viewer sees as each target's photo (targets that show none are absent), in at most three queries (and
     * their photos' sizes) however many targets there are: the viewer's personal photos, then the main photos of
     * those it may see, then the fallbacks of the rest. {@code privacy} has PROFILE_PHOTO of the targets loaded.
     */
    public Map<Long, Shown> shown(UserRecord viewer, Collection<UserRecord> targets, PrivacyManager.Batch privacy) {
        Map<Long, Shown> out = new HashMap<>();
        List<Long> others = targets.stream().map(UserRecord::id).filter(id -> id != viewer.id()).toList();
        if (!others.isEmpty()) photos.personal(viewer.id(), others).forEach((id, p) -> out.put(id, new Shown(p, true)));
        List<Long> visible = targets.stream()
                .filter(t -> !out.containsKey(t.id()) && privacy.allows(t, PrivacyKeys.PROFILE_PHOTO)).map(UserRecord::id).toList();
        if (!visible.isEmpty()) photos.fronts(visible, PhotoRecord.PROFILE).forEach((id, p) -> out.put(id, new Shown(p, false)));
        List<Long> rest = targets.stream().map(UserRecord::id).filter(id -> !out.containsKey(id)).toList();
        if (!rest.isEmpty()) photos.fronts(rest, PhotoRecord.FALLBACK).forEach((id, p) -> out.put(id, new Shown(p, false)));
        return out;
    }

    /** user.photo for viewer; null when nothing is visible (clients then show no photo). */
    public TypeUserProfilePhoto userPhoto(Shown shown) {
        return shown == null ? null : userPhoto(shown.photo(), shown.personal());
    }

    public TypeUserProfilePhoto userPhoto(PhotoRecord p, boolean personal) {
        return UserProfilePhoto.builder()
                .hasVideo(p.hasVideo())
                .personal(personal)
                .photoId(p.id())
                .strippedThumb(p.stripped())
                .dcId(dcId)
                .build();
    }

    /**
     * The photos photos.getUserPhotos lists for viewer: the viewer's personal photo for target first, then target's
     * album when the privacy rules allow it, else the fallback photo.
     */
    public List<PhotoRecord> listed(UserRecord viewer, UserRecord target) {
        List<PhotoRecord> out = new ArrayList<>();
        personal(viewer, target).ifPresent(out::add);
        List<PhotoRecord> album = mayView(viewer, target) ? photos.album(target.id(), PhotoRecord.PROFILE) : List.of();
        if (album.isEmpty() && viewer.id() != target.id()) fallback(target).ifPresent(out::add);
        out.addAll(album);
        return out;
    }

    /** The TL photo, with a file_reference issued now. */
    public Photo photo(PhotoRecord p, int now) {
        List<TypePhotoSize> sizes = new ArrayList<>();
        if (p.stripped() != null) sizes.add(new PhotoStrippedSize("i", p.stripped()));
        List<TypeVideoSize> videoSizes = new ArrayList<>();
        for (PhotoSizeRecord s : p.sizes()) {
            if (s.video()) {
                videoSizes.add(VideoSize.builder().type(s.type()).w(s.w()).h(s.h()).size(s.size()).videoStartTs(s.videoStartTs()).build());
            } else {
                sizes.add(new PhotoSize(s.type(), s.w(), s.h(), s.size()));
            }
        }
        if (p.markup() != null) videoSizes.add(TypeVideoSize.read(new TlReader(p.markup())));
        return Photo.builder()
                .id(p.id())
                .accessHash(p.accessHash())
                .fileReference(references.issue(p.id(), now))
                .date(p.date())
                .sizes(sizes)
                .videoSizes(videoSizes.isEmpty() ? null : videoSizes)
                .dcId(dcId)
                .build();
    }
}
