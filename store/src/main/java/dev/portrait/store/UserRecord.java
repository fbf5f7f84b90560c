package dev.portrait.store;

/**
 * An account: a person (with a phone) or a bot (with an owner and a token secret).
 *
 * @param phone digits only, null for bots
 * @param username as chosen, null when none; unique ignoring case
 * @param botOwnerId the user who created the bot, 0 for people
 * @param botSecret the part of the bot token after "id:", null for people
 * @param deleted the account was deleted: only its id is left (see {@link ErasureStore#eraseAccount})
 */
public record UserRecord(long id, String phone, String firstName, String lastName, String username, String about,
                         boolean premium, boolean bot, long botOwnerId, String botSecret, int createdAt, int updatedAt,
                         int lastSeenAt, boolean deleted) {
    public String botToken() {
        return bot ? id + ":" + botSecret : null;
    }
}
