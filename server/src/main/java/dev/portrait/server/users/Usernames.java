package dev.portrait.server.users;

import java.util.regex.Pattern;

/** Telegram's username rules: 5–32 characters of a–z, 0–9 and _, starting with a letter, not ending with _. */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z](?:[A-Za-z0-9_]{3,30})[A-Za-z0-9]");

    private Usernames() {
    }

    public static boolean valid(String username) {
        return username != null && VALID.matcher(username).matches() && !username.contains("__");
    }

    /** Bot usernames also end in "bot", in any case. */
    public static boolean validForBot(String username) {
        return valid(username) && username.toLowerCase(java.util.Locale.ROOT).endsWith("bot");
    }
}
