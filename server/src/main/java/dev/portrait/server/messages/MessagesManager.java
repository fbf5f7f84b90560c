package dev.portrait.server.messages;

import dev.portrait.server.photos.ProfilePhotos;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.LoggedUpdate;
import dev.portrait.store.MessageRecord;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.MessageActionEmpty;
import dev.portrait.tl.api.MessageActionSuggestProfilePhoto;
import dev.portrait.tl.api.MessageService;
import dev.portrait.tl.api.MessagesAffectedMessages;
import dev.portrait.tl.api.MessagesMessages;
import dev.portrait.tl.api.MessagesMessagesSlice;
import dev.portrait.tl.api.PeerUser;
import dev.portrait.tl.api.PhotoEmpty;
import dev.portrait.tl.api.TypeInputPeer;
import dev.portrait.tl.api.TypeMessage;
import dev.portrait.tl.api.TypeMessageAction;
import dev.portrait.tl.api.TypeMessagesMessages;
import dev.portrait.tl.api.TypePhoto;
import dev.portrait.tl.api.UpdateDeleteMessages;
import dev.portrait.tl.api.UpdateNewMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Private chats, as far as profile photos need them: the service messages that suggest a photo, their history,
 * deleting them (for one side or, with revoke, both), and the updates (updateNewMessage / updateDeleteMessages in
 * each account's pts sequence) that tell clients. A suggested photo lives as long as a message carries it.
 */
public final class MessagesManager {
    /** messages.getHistory returns at most this many per call. */
    public static final int MAX_LIMIT = 100;

    private final Store store;
    private final UsersManager users;
    private final ProfilePhotos photos;
    private final UpdatesManager updates;

    public MessagesManager(Store store, UsersManager users, ProfilePhotos photos, UpdatesManager updates) {
        this.store = store;
        this.users = users;
        this.photos = photos;
        this.updates = updates;
    }

    /**
     * Stores the suggested photo and the two copies of its service message in one transaction, then tells both
     * accounts (every session of the sender too: photos.uploadContactProfilePhoto returns no updates).
     */
    public void suggest(UserRecord from, UserRecord to, PhotoRecord photo, int now) {
        List<MessageRecord> copies = store.transaction(() -> {
            store.photos().create(photo);
            return store.messages().sendService(from.id(), to.id(), MessageRecord.SUGGEST_PROFILE_PHOTO, photo.id(), now);
        });
        for (MessageRecord m : copies) {
            UserRecord owner = m.userId() == from.id() ? from : to;
            updates.deliverPts(m.userId(), 1, pts -> new UpdateNewMessage(message(owner, m, now), pts, 1), 0, now);
        }
    }

    /** The message as its box's owner sees it. */
    public TypeMessage message(UserRecord viewer, MessageRecord m, int now) {
        return MessageService.builder()
                .out(m.out())
                .id(m.id())
                .fromId(new PeerUser(m.fromId()))
                .peerId(new PeerUser(m.peerId()))
                .date(m.date())
                .action(action(viewer, m, now))
                .build();
    }

    private TypeMessageAction action(UserRecord viewer, MessageRecord m, int now) {
        if (!MessageRecord.SUGGEST_PROFILE_PHOTO.equals(m.action())) return new MessageActionEmpty();
        TypePhoto photo = m.photoId() == null ? new PhotoEmpty(0)
                : store.photos().find(m.photoId()).<TypePhoto>map(p -> photos.photo(p, now)).orElse(new PhotoEmpty(m.photoId()));
        return new MessageActionSuggestProfilePhoto(photo);
    }

    /**
     * messages.getHistory of a private chat: newest first; offset_id / offset_date pick where to start (exclusive),
     * add_offset shifts that (negative = newer), max_id / min_id bound the ids; limit is capped.
     */
    public TypeMessagesMessages history(UserRecord me, TypeInputPeer peer, int offsetId, int offsetDate, int addOffset,
                                        int limit, int maxId, int minId, int now) {
        UserRecord other = users.resolvePeer(me.id(), peer);
        List<MessageRecord> chat = store.messages().chat(me.id(), other.id(), maxId, minId);
        int start = chat.size();
        for (int i = 0; i < chat.size(); i++) {
            MessageRecord m = chat.get(i);
            if ((offsetId <= 0 || m.id() < offsetId) && (offsetDate <= 0 || m.date() < offsetDate)) {
                start = i;
                break;
            }
        }
        int from = Math.max(0, start + addOffset);
        int to = Math.min(chat.size(), Math.max(from, start + addOffset + Math.min(Math.max(limit, 0), MAX_LIMIT)));
        List<TypeMessage> out = new ArrayList<>();
        for (MessageRecord m : chat.subList(Math.min(from, chat.size()), to)) out.add(message(me, m, now));
        var views = users.views(me, new LinkedHashSet<>(List.of(me.id(), other.id())), now);
        if (out.size() == chat.size()) return new MessagesMessages(out, List.of(), List.of(), views);
        return MessagesMessagesSlice.builder().count(chat.size()).messages(out).topics(List.of()).chats(List.of())
                .users(views).build();
    }

    /**
     * messages.deleteMessages: deletes the caller's copies; with revoke the other side's copies too (it gets
     * updateDeleteMessages). A suggested photo no message carries any more is deleted with its blobs.
     */
    public MessagesAffectedMessages delete(UserRecord me, boolean revoke, List<Integer> ids, long sessionId, int now) {
        List<MessageRecord> mine = store.messages().find(me.id(), new LinkedHashSet<>(ids));
        if (mine.isEmpty()) {
            return new MessagesAffectedMessages(updates.state(me.id(), now).pts(), 0);
        }
        Map<Long, List<Integer>> theirs = new HashMap<>();
        if (revoke) {
            for (MessageRecord m : mine) {
                if (m.peerMsgId() != 0) theirs.computeIfAbsent(m.peerId(), k -> new ArrayList<>()).add(m.peerMsgId());
            }
        }
        List<Integer> mineIds = mine.stream().map(MessageRecord::id).toList();
        store.transaction(() -> {
            store.messages().delete(me.id(), mineIds);
            theirs.forEach((peer, peerIds) -> store.messages().delete(peer, peerIds));
            return null;
        });
        LoggedUpdate e = updates.deliverPts(me.id(), mineIds.size(),
                pts -> new UpdateDeleteMessages(mineIds, pts, mineIds.size()), sessionId, now);
        theirs.forEach((peer, peerIds) -> updates.deliverPts(peer, peerIds.size(),
                pts -> new UpdateDeleteMessages(peerIds, pts, peerIds.size()), 0, now));
        Set<Long> photoIds = new LinkedHashSet<>();
        for (MessageRecord m : mine) if (m.photoId() != null) photoIds.add(m.photoId());
        for (long id : photoIds) collectSuggestion(id);
        return new MessagesAffectedMessages(e.pts(), mineIds.size());
    }

    private void collectSuggestion(long photoId) {
        List<String> keys = store.transaction(() -> {
            if (store.messages().referencesPhoto(photoId)) return List.<String>of();
            return store.photos().find(photoId).filter(p -> p.kind().equals(PhotoRecord.SUGGESTED))
                    .map(p -> store.photos().delete(p.id())).orElse(List.of());
        });
        store.blobs().deleteAll(keys);
    }
}
