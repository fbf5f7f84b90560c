package dev.portrait.store;

import java.util.List;

/** Per-account update logs, read by updates.getDifference. */
public interface UpdateStore {
    UpdatesState state(long userId);

    /**
     * The account's state, its sequences started at now when it has none yet: a new account's date is then the time
     * it first asked (as on Telegram, never 0), and every update logged later is dated after it.
     */
    UpdatesState start(long userId, int now);

    /**
     * Appends an update: ptsCount &gt; 0 advances pts by that much, 0 advances seq by one; the date is
     * max(now, last date + 1). Returns the entry as logged.
     */
    default LoggedUpdate append(long userId, int ptsCount, byte[] body, int now) {
        return append(userId, ptsCount, pts -> body, now);
    }

    /** As {@link #append(long, int, byte[], int)}, for bodies that carry the pts they move the account to. */
    LoggedUpdate append(long userId, int ptsCount, java.util.function.IntFunction<byte[]> bodyAtPts, int now);

    /** Entries the client at (pts, date) has not seen, oldest first, at most limit. */
    List<LoggedUpdate> after(long userId, int pts, int date, int limit);

    /** How many entries after(pts, date) would return without a limit. */
    int countAfter(long userId, int pts, int date);

    /** The newest (pts, date) that was trimmed away; a client behind it must start over (differenceTooLong). */
    UpdatesState trimmedUpTo(long userId);

    /** Drops entries dated before {@code before}, keeping at least keepLast per account; returns how many. */
    int trim(int before, int keepLast);
}
