package dev.portrait.server.users;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: clients say so with account.updateStatus(offline=false) and repeat it while active, as on Telegram;
 * the status lapses after {@link #ONLINE_SECONDS}. Kept in memory (a restart shows everyone offline, which is true).
 */
public final class Presence {
    public static final int ONLINE_SECONDS = 300;

    private final ConcurrentHashMap<Long, Integer> onlineUntil = new ConcurrentHashMap<>();

    public void online(long userId, int now) {
        onlineUntil.put(userId, now + ONLINE_SECONDS);
    }

    public void offline(long userId) {
        onlineUntil.remove(userId);
    }

    /** The time the user's online status lapses, or 0 when offline. */
    public int onlineUntil(long userId, int now) {
        Integer until = onlineUntil.get(userId);
        if (until == null) return 0;
        if (until <= now) {
            onlineUntil.remove(userId, until);
            return 0;
        }
        return until;
    }
}
