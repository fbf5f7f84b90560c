package dev.portrait.store;

/**
 * One copy of a message in a private chat, in {@code userId}'s message box.
 *
 * @param peerId    the other side of the chat
 * @param peerMsgId the id of the same message in the peer's box (0 once that copy is deleted)
 * @param out       whether userId sent it
 * @param action    what the service message says ({@link #SUGGEST_PROFILE_PHOTO})
 * @param photoId   the photo the action carries, if any
 */
public record MessageRecord(long userId, int id, long peerId, int peerMsgId, boolean out, long fromId, int date,
                            String action, Long photoId) {
    public static final String SUGGEST_PROFILE_PHOTO = "suggest_profile_photo";
}
