package dev.portrait.server.session;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.store.ClientInfo;
import dev.portrait.tl.TlLayers;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A live auth key: its sessions, the layer its clients announced (connections that never send initConnection are
 * answered in it), and the account signed in on it.
 */
public final class AuthKeyState {
    /**
     * Sessions one key keeps in memory. Real clients use a handful (a main session, upload and download pools); a
     * client inventing a session id per message must not grow memory without bound, so past this the longest-unused
     * session is retired (its client, if it comes back, gets new_session_created).
     */
    public static final int MAX_SESSIONS = 128;

    private final AuthKey key;
    private final long createdAt;
    private final long handshakeSalt;
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Idle idle;
    private volatile int layer;
    private volatile long userId;
    private volatile long expiresAt;
    private volatile long permKeyId;
    private volatile ClientInfo client;

    public AuthKeyState(AuthKey key, long createdAt, long handshakeSalt, int layer, long userId, long expiresAt, long permKeyId) {
        this.key = key;
        this.createdAt = createdAt;
        this.handshakeSalt = handshakeSalt;
        this.layer = layer;
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.permKeyId = permKeyId;
        this.idle = new Idle(createdAt);
    }

    /** When a message last came under this key; retired once idle (see {@link Idle}). */
    public Idle idle() {
        return idle;
    }

    public AuthKey key() {
        return key;
    }

    public long id() {
        return key.id();
    }

    /** The layer announced by the key's clients (0 when none yet). */
    public int layer() {
        return layer;
    }

    /** The schema layer replies are written in. */
    public int schemaLayer() {
        return TlLayers.schemaLayerFor(layer == 0 ? TlLayers.LATEST : layer);
    }

    public void layer(int announced) {
        this.layer = announced;
    }

    /** What the key's client last said in initConnection, null when nothing yet. */
    public ClientInfo client() {
        return client;
    }

    public void client(ClientInfo client) {
        this.client = client;
    }

    public long userId() {
        return userId;
    }

    public void userId(long id) {
        this.userId = id;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public long permKeyId() {
        return permKeyId;
    }

    public void bound(long permKeyId, long expiresAt) {
        this.permKeyId = permKeyId;
        this.expiresAt = expiresAt;
    }

    /** The salt derived in the key exchange stays valid for the first salt window after it. */
    public boolean handshakeSaltValid(long salt, long now) {
        return handshakeSalt != 0 && salt == handshakeSalt && now - createdAt < ServerSalts.WINDOW_SECONDS;
    }

    public Session session(long sessionId) {
        return sessions.get(sessionId);
    }

    /** The live session with s's id, or s when there is none (or only a retired one, which s replaces). */
    public Session putIfAbsent(Session s) {
        Session kept = sessions.compute(s.id(), (id, cur) -> cur != null && !cur.idle().retired() ? cur : s);
        if (kept == s) retireLeastRecentlyUsedOver(MAX_SESSIONS, s);
        return kept;
    }

    private static boolean usedBefore(Session a, Session b) {
        long ua = a.idle().lastUsed();
        long ub = b.idle().lastUsed();
        return ua != ub ? ua < ub : a.createdOrder() < b.createdOrder();
    }

    /** While there are more than max sessions, retires the one used longest ago (never keep, the one just added). */
    private void retireLeastRecentlyUsedOver(int max, Session keep) {
        while (sessions.size() > max) {
            Session oldest = null;
            for (Session x : sessions.values()) {
                if (x != keep && (oldest == null || usedBefore(x, oldest))) oldest = x;
            }
            if (oldest == null) return;
            oldest.idle().retire(Long.MAX_VALUE);
            sessions.remove(oldest.id(), oldest);
        }
    }

    /** Drops a session that was retired for idleness (only that object: a new one with its id stays). */
    boolean removeRetired(Session s) {
        return sessions.remove(s.id(), s);
    }

    public Session removeSession(long sessionId) {
        return sessions.remove(sessionId);
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }
}
