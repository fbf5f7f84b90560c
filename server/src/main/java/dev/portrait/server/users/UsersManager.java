package dev.portrait.server.users;

import dev.portrait.server.photos.ProfilePhotos;
import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.ContactRecord;
import dev.portrait.store.ContactStore;
import dev.portrait.store.MessageRecord;
import dev.portrait.store.MessageStore;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.UserRecord;
import dev.portrait.store.UserStore;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts as other accounts see them: checks every InputUser / InputPeer (access_hash per viewer) and builds the
 * {@code user} and {@code userFull} objects a given viewer gets: names from the viewer's address book, contact and
 * mutual flags, and phone, status, about and profile photo filtered by the owner's privacy rules.
 */
public final class UsersManager {
    private final UserStore users;
    private final ContactStore contacts;
    private final MessageStore messages;
    private final PrivacyManager privacy;
    private final AccessHashes hashes;
    private final Presence presence;
    private final ProfilePhotos photos;

    public UsersManager(UserStore users, ContactStore contacts, MessageStore messages, PrivacyManager privacy, AccessHashes hashes,
                        Presence presence, ProfilePhotos photos) {
        this.users = users;
        this.messages = messages;
        this.photos = photos;
        this.contacts = contacts;
        this.privacy = privacy;
        this.hashes = hashes;
        this.presence = presence;
    }

    public AccessHashes hashes() {
        return hashes;
    }

    public Presence presence() {
        return presence;
    }

    public UserRecord require(long id) {
        return users.find(id).orElseThrow(() -> RpcException.badRequest("USER_ID_INVALID"));
    }

    public Optional<UserRecord> find(long id) {
        return users.find(id);
    }

    /** The user an InputUser names, if the viewer may name it so; USER_ID_INVALID otherwise. */
    public UserRecord resolve(long viewer, TypeInputUser input) {
        return resolveOrNull(viewer, input).orElseThrow(() -> RpcException.badRequest("USER_ID_INVALID"));
    }

    public Optional<UserRecord> resolveOrNull(long viewer, TypeInputUser input) {
        return switch (input) {
            case InputUserSelf s -> users.find(viewer);
            case InputUser u -> checked(viewer, u.userId(), u.accessHash());
            case InputUserEmpty e -> Optional.empty();
            case InputUserFromMessage m -> fromMessage(viewer, m.peer(), m.msgId(), m.userId());
        };
    }

    /** The user an InputPeer names; PEER_ID_INVALID for anything else (there are no chats or channels). */
    public UserRecord resolvePeer(long viewer, TypeInputPeer input) {
        Optional<UserRecord> u = switch (input) {
            case InputPeerSelf s -> users.find(viewer);
            case InputPeerUser p -> checked(viewer, p.userId(), p.accessHash());
            case InputPeerUserFromMessage p -> fromMessage(viewer, p.peer(), p.msgId(), p.userId());
            default -> Optional.empty();
        };
        return u.orElseThrow(() -> RpcException.badRequest("PEER_ID_INVALID"));
    }

    /**
     * A user taken from a message the viewer has: the message must be in the viewer's chat with peer (a user the
     * viewer may name itself, not another message reference) and user_id one of its two parties. Chats are private,
     * so this names no one the peer would not; it lets a client use the reference it was given.
     */
    private Optional<UserRecord> fromMessage(long viewer, TypeInputPeer peer, int msgId, long userId) {
        // as on Telegram: bots may not name users through messages
        if (users.find(viewer).map(UserRecord::bot).orElse(false)) throw RpcException.badRequest("FROM_MESSAGE_BOT_DISABLED");
        Optional<UserRecord> chat = switch (peer) {
            case InputPeerSelf s -> users.find(viewer);
            case InputPeerUser p -> checked(viewer, p.userId(), p.accessHash());
            default -> Optional.empty();
        };
        if (chat.isEmpty()) return Optional.empty();
        for (MessageRecord m : messages.find(viewer, List.of(msgId))) {
            if (m.peerId() == chat.get().id() && (userId == viewer || userId == m.peerId())) {
                return users.find(userId);
            }
        }
        return Optional.empty();
    }

    /**
     * A user named by id and access_hash. Hash 0 is accepted only for users the viewer already knows (itself, its
     * contacts and those who have it as a contact, its bots and its bot's owner): clients send it when they resolve a
     * bare id.
     */
    private Optional<UserRecord> checked(long viewer, long id, long accessHash) {
        Optional<UserRecord> u = users.find(id);
        if (u.isEmpty()) return u;
        if (accessHash == 0 ? knows(viewer, u.get()) : hashes.userValid(viewer, id, accessHash)) return u;
        return Optional.empty();
    }

    private boolean knows(long viewer, UserRecord target) {
        if (viewer == target.id() || target.botOwnerId() == viewer) return true;
        if (contacts.find(viewer, target.id()).isPresent() || contacts.find(target.id(), viewer).isPresent()) return true;
        return users.find(viewer).map(v -> v.botOwnerId() == target.id()).orElse(false);
    }

    /** The user object the viewer sees for target. */
    public User view(UserRecord viewer, UserRecord target, int now) {
        return build(viewer, List.of(target), now).getFirst();
    }

    /**
     * The user objects viewer sees for targets, in their order. Whatever the number of targets, the facts come in a
     * fixed number of queries: the viewer's address-book entries for them, their privacy rules for the profile photo,
     * phone number and last-seen time, who of them has the viewer as a contact, and the photos shown.
     */
    private List<User> build(UserRecord viewer, List<UserRecord> targets, int now) {
        List<Long> others = targets.stream().map(UserRecord::id).filter(id -> id != viewer.id()).toList();
        Map<Long, ContactRecord> saved = contacts.find(viewer.id(), others);
        PrivacyManager.Batch rules = privacy.batch(viewer, targets, PrivacyKeys.PROFILE_PHOTO, PrivacyKeys.PHONE_NUMBER,
                PrivacyKeys.STATUS_TIMESTAMP);
        Map<Long, ProfilePhotos.Shown> shown = photos.shown(viewer, targets, rules);
        List<User> out = new ArrayList<>(targets.size());
        for (UserRecord t : targets) out.add(view(viewer, t, now, shown.get(t.id()), saved.get(t.id()), rules));
        return out;
    }

    /** One user object, from what {@link #build} looked up (photo, saved: null when there is none). */
    private User view(UserRecord viewer, UserRecord target, int now, ProfilePhotos.Shown photo, ContactRecord saved,
                      PrivacyManager.Batch rules) {
        if (target.deleted()) {
            // Telegram's "Deleted Account": the id and nothing else
            return User.builder().deleted(true).id(target.id()).accessHash(hashes.user(viewer.id(), target.id())).build();
        }
        boolean self = viewer.id() == target.id();
        boolean mutual = saved != null && rules.hasViewerAsContact(target.id());
        String first = saved == null ? target.firstName() : saved.firstName();
        String last = saved == null ? target.lastName() : saved.lastName();
        String phone = null;
        if (target.phone() != null && (self || (saved != null && !saved.phone().isEmpty())
                || rules.allows(target, PrivacyKeys.PHONE_NUMBER))) {
            phone = target.phone();
        }
        User.Builder b = User.builder()
                .self(self)
                .contact(saved != null)
                .mutualContact(mutual)
                .bot(target.bot())
                .premium(target.premium())
                .id(target.id())
                .accessHash(hashes.user(viewer.id(), target.id()))
                .firstName(first)
                .lastName(last.isEmpty() ? null : last)
                .username(target.username())
                .phone(phone)
                .photo(photos.userPhoto(photo))
                .status(target.bot() ? null : status(rules.allows(target, PrivacyKeys.STATUS_TIMESTAMP), target, now));
        if (target.bot()) b.botInfoVersion(1).botCanEdit(target.botOwnerId() == viewer.id());
        return b.build();
    }

    public List<TypeUser> views(UserRecord viewer, Collection<Long> ids, int now) {
        return List.copyOf(build(viewer, users.find(new LinkedHashSet<>(ids)), now));
    }

    public List<TypeUser> views(long viewerId, Collection<Long> ids, int now) {
        return views(require(viewerId), ids, now);
    }

    /** target's status as each of viewers sees it, by viewer id (a status change tells them all). */
    public Map<Long, TypeUserStatus> statusFor(UserRecord target, Collection<Long> viewerIds, int now) {
        List<UserRecord> viewers = users.find(viewerIds);
        Set<Long> exact = privacy.allowedAmong(target, PrivacyKeys.STATUS_TIMESTAMP, viewers);
        Map<Long, TypeUserStatus> out = new java.util.LinkedHashMap<>();
        for (UserRecord v : viewers) out.put(v.id(), status(exact.contains(v.id()), target, now));
        return out;
    }

    /** target's status for a viewer its last-seen privacy shows it to (exact) or not (recently). */
    private TypeUserStatus status(boolean exact, UserRecord target, int now) {
        if (!exact) return UserStatusRecently.builder().build();
        int until = presence.onlineUntil(target.id(), now);
        if (until > 0) return new UserStatusOnline(until);
        if (target.lastSeenAt() > 0) return new UserStatusOffline(target.lastSeenAt());
        return new UserStatusEmpty();
    }

    /** users.getFullUser's full_user for the viewer. */
    public UserFull full(UserRecord viewer, UserRecord target, int now) {
        boolean self = viewer.id() == target.id();
        boolean contact = !self && contacts.find(viewer.id(), target.id()).isPresent();
        String about = target.about().isEmpty() || !privacy.allows(target, PrivacyKeys.ABOUT, viewer) ? null : target.about();
        PeerSettings settings = self || contact || target.bot()
                ? PeerSettings.builder().build()
                : PeerSettings.builder().addContact(true).blockContact(true).build();
        PhotoRecord main = photos.visibleMain(viewer, target).orElse(null);
        return UserFull.builder()
                .id(target.id())
                .about(about)
                .settings(settings)
                .personalPhoto(photos.personal(viewer, target).map(p -> photos.photo(p, now)).orElse(null))
                .profilePhoto(main == null ? null : photos.photo(main, now))
                // the owner manages it; anyone else gets it when the main photo is hidden from them (or absent)
                .fallbackPhoto(self || main == null ? photos.fallback(target).map(p -> photos.photo(p, now)).orElse(null) : null)
                .notifySettings(PeerNotifySettings.builder().build())
                .commonChatsCount(0)
                .build();
    }
}
