package dev.portrait.server.photos;

import dev.portrait.server.files.FileReferences;
import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.store.PhotoStore;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.Photo;
import dev.portrait.tl.api.PhotoSize;
import dev.portrait.tl.api.PhotoStrippedSize;
import dev.portrait.tl.api.TypePhotoSize;
import dev.portrait.tl.api.TypeUserProfilePhoto;
import dev.portrait.tl.api.TypeVideoSize;
import dev.portrait.tl.api.UserProfilePhoto;
import dev.portrait.tl.api.VideoSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which profile photo a viewer sees for a user, and the TL objects that describe photos: {@code photo} with a fresh
 * file_reference and {@code userProfilePhoto} for {@code user.photo}. Read-only; changes go through PhotosManager.
 */
public final class ProfilePhotos {
    private final PhotoStore photos;
    private final PrivacyManager privacy;
    private final FileReferences references;
    private final int dcId;

    public ProfilePhotos(PhotoStore photos, PrivacyManager privacy, FileReferences references, int dcId) {
        this.photos = photos;
        this.privacy = privacy;
        this.references = references;
        this.dcId = dcId;
    }

    public FileReferences references() {
        return references;
    }

    /** Whether viewer may see target's profile photos (the owner always may). */
    public boolean mayView(UserRecord viewer, UserRecord target) {
        return viewer.id() == target.id() || privacy.allows(target, PrivacyKeys.PROFILE_PHOTO, viewer);
    }

    /** The photo viewer sees as target's current profile photo. */
    public Optional<PhotoRecord> current(UserRecord viewer, UserRecord target) {
        if (!mayView(viewer, target)) return Optional.empty();
        return Optional.ofNullable(photos.fronts(List.of(target.id()), PhotoRecord.PROFILE).get(target.id()));
    }

    /** user.photo for viewer; null when no photo is visible (clients then get userProfilePhotoEmpty). */
    public TypeUserProfilePhoto userPhoto(UserRecord viewer, UserRecord target) {
        return current(viewer, target).map(this::userPhoto).orElse(null);
    }

    public TypeUserProfilePhoto userPhoto(PhotoRecord p) {
        return UserProfilePhoto.builder()
                .hasVideo(p.hasVideo())
                .photoId(p.id())
                .strippedThumb(p.stripped())
                .dcId(dcId)
                .build();
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
