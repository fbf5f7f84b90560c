package dev.portrait.store;

import java.util.Collection;
import java.util.List;

/** Messages of private chats, one box per account (ids are per box, as Telegram numbers them). */
public interface MessageStore {
    /**
     * Stores a service message from {@code fromId} to {@code toId}: a copy in each box with the next id of that box.
     * Returns the sender's copy first, then the recipient's.
     */
    List<MessageRecord> sendService(long fromId, long toId, String action, Long photoId, int date);

    /** The chat of userId with peerId, newest first, ids in (minId, maxId) when those are &gt; 0. */
    List<MessageRecord> chat(long userId, long peerId, int maxId, int minId);

    /** The messages of userId's box among ids (missing ones are left out). */
    List<MessageRecord> find(long userId, Collection<Integer> ids);

    /** Deletes copies from userId's box and unlinks them from their peers' copies. */
    void delete(long userId, Collection<Integer> ids);

    /** Whether any message still carries the photo. */
    boolean referencesPhoto(long photoId);
}
