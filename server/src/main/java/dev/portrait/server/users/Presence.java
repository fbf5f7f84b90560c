package dev.portrait.server.users;

import dev.portrait.store.EventStore;
import dev.portrait.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: clients say so with account.updateStatus(offline=false) and repeat it while active, as on Telegram;
 * the status lapses after {@link #ONLINE_SECONDS}. Kept in memory (a restart shows everyone offline, which is true);
 * with several nodes each change is announced to the others ({@link #fromOtherNode}).
 */
public final class Presence {
    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    public static final int ONLINE_SECONDS = 300;

    private final ConcurrentHashMap<Long, Integer> onlineUntil = new ConcurrentHashMap<>();
    private final EventStore nodes;

    public Presence(EventStore nodes) {
        this.nodes = nodes;
    }

    public void online(long userId, int now) {
        onlineUntil.put(userId, now + ONLINE_SECONDS);
        tell(userId, now + ONLINE_SECONDS);
    }

    public void offline(long userId) {
        onlineUntil.remove(userId);
        tell(userId, 0);
    }

    private void tell(long userId, int until) {
        try {
            nodes.broadcast(EventStore.PRESENCE, userId, ByteBuffer.allocate(4).putInt(until).array());
        } catch (StoreException e) {
            // presence is a hint that lapses by itself; the status change here stands
            log.warn("could not tell the other nodes of a status change: {}", e.getMessage());
        }
    }

    /** Another node's {@link #online} or {@link #offline}. */
    public void fromOtherNode(long userId, byte[] body) {
        int until = body == null || body.length != 4 ? 0 : ByteBuffer.wrap(body).getInt();
        if (until == 0) onlineUntil.remove(userId);
        else onlineUntil.put(userId, until);
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
