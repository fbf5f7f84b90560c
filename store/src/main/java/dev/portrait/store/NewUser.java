package dev.portrait.store;

/** What creating an account needs; the store assigns the id. */
public record NewUser(String phone, String firstName, String lastName, String username, boolean premium, boolean bot,
                      long botOwnerId, String botSecret) {
    public static NewUser person(String phone, String firstName, String lastName) {
        return new NewUser(phone, firstName, lastName == null ? "" : lastName, null, false, false, 0, null);
    }

    public static NewUser bot(long ownerId, String username, String firstName, String secret) {
        return new NewUser(null, firstName, "", username, false, true, ownerId, secret);
    }

    public NewUser withUsername(String u) {
        return new NewUser(phone, firstName, lastName, u, premium, bot, botOwnerId, botSecret);
    }

    public NewUser withPremium(boolean p) {
        return new NewUser(phone, firstName, lastName, username, p, bot, botOwnerId, botSecret);
    }
}
