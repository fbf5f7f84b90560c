package dev.portrait.server.session;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.store.AuthKeyStore;
import dev.portrait.store.EventStore;
import dev.portrait.store.StoreException;
import dev.portrait.store.ClientInfo;
import dev.portrait.store.StoredAuthKey;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.api.UpdatesTooLong;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Auth keys in use: loaded from the store on first use and kept in memory, with an index by signed-in user that is
 * the push path for updates (every live session of a user, M3 and later).
 *
 * <p>Several nodes may serve one store (M6): a key's sign-in, binding or deletion here is announced to the other
 * nodes, which reload or drop their copy ({@link #reload}), and every push is also handed to the other nodes, which
 * deliver it to the sessions connected to them ({@link #pushFromOtherNode}).
 */
public final class AuthKeys {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuthKeys.class);
    private final AuthKeyStore store;
    private final EventStore nodes;
    private final ConcurrentHashMap<Long, AuthKeyState> live = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<AuthKeyState>> byUser = new ConcurrentHashMap<>();

    public AuthKeys(AuthKeyStore store, EventStore nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    /** How many keys are in memory (those in use since they were loaded or made). */
    public int liveCount() {
        return live.size();
    }

    /** How many accounts have a signed-in key in memory. */
    public int signedInUsers() {
        return byUser.size();
    }

    /**
     * A key as this node holds it: when a message last came under it (unix time, 0 when it is not in memory) and how many
     * of its sessions have an open connection here.
     */
    public record Activity(long lastUsed, int connections) {
    }

    public Activity activity(long authKeyId) {
        AuthKeyState k = live.get(authKeyId);
        if (k == null) return new Activity(0, 0);
        int open = 0;
        for (Session s : k.sessions()) if (s.link() != null && s.link().isOpen()) open++;
        long used = k.idle().lastUsed();
        return new Activity(k.idle().retired() ? 0 : used, open);
    }

    /** The key with this id, or null when it is unknown or an expired temporary key. */
    public AuthKeyState find(long authKeyId, long now) {
        AuthKeyState s = live.get(authKeyId);
        if (s != null && !s.idle().touch(now)) s = null; // retired for idleness a moment ago: load it again
        if (s == null) {
            StoredAuthKey k = store.findAuthKey(authKeyId).orElse(null);
            if (k == null) return null;
            s = live.compute(authKeyId, (id, cur) -> {
                if (cur != null && !cur.idle().retired()) return cur;
                AuthKeyState st = new AuthKeyState(new AuthKey(k.key()), k.createdAt(), 0, k.layer(), k.userId(), k.expiresAt(), k.permKeyId());
                st.client(k.client());
                // used now and indexed before it is visible in live: retireIdle cannot take it before this message,
                // and it unindexes only what it removed, so nothing is left behind in the index
                st.idle().touch(now);
                if (k.userId() != 0) index(k.userId(), st);
                return st;
            });
            if (!s.idle().touch(now)) return find(authKeyId, now); // another's copy, retired just now: once more
        }
        if (s.expiresAt() != 0 && s.expiresAt() < now) {
            destroy(authKeyId);
            return null;
        }
        return s;
    }

    public boolean exists(long authKeyId) {
        return live.containsKey(authKeyId) || store.findAuthKey(authKeyId).isPresent();
    }

    /** Stores a key made by the key exchange; false when its id is taken (the exchange answers dh_gen_retry). */
    public boolean created(AuthKey key, long serverSalt, int expiresIn, long now) {
        long expiresAt = expiresIn == 0 ? 0 : now + expiresIn;
        if (!store.insertAuthKey(new StoredAuthKey(key.id(), key.key(), now, expiresAt, 0, 0, 0))) return false;
        live.put(key.id(), new AuthKeyState(key, now, serverSalt, 0, 0, expiresAt, 0));
        return true;
    }

    public void announceLayer(AuthKeyState key, int layer) {
        if (key.layer() == layer) return;
        key.layer(layer);
        store.setLayer(key.id(), layer);
    }

    /**
     * Records what a client said in initConnection, on its key and (for a temporary key) the permanent key it is bound
     * to, which is what outlives it. Clients repeat initConnection on every connection: only a change is written.
     */
    public void announceClient(AuthKeyState key, ClientInfo client) {
        if (client.sameAs(key.client())) return;
        key.client(client);
        store.setClient(key.id(), client);
        if (key.permKeyId() != 0) store.setClient(key.permKeyId(), client);
    }

    public void bindTemp(AuthKeyState temp, long permKeyId, long expiresAt) {
        store.bindTempAuthKey(temp.id(), permKeyId, expiresAt);
        nodes.broadcast(EventStore.AUTH_KEY_CHANGED, temp.id(), null);
        temp.bound(permKeyId, expiresAt);
    }

    /** Marks the account signed in on this key (0 = signed out), in memory and in the store. */
    public void signedIn(AuthKeyState key, long userId) {
        storeSignedIn(key, userId);
        rememberSignedIn(key, userId);
    }

    /**
     * The store half of {@link #signedIn}, for use inside a store transaction: that may run more than once
     * (PostgreSQL re-runs it after a serialization conflict), so memory is only changed by
     * {@link #rememberSignedIn} once it committed.
     */
    public void storeSignedIn(AuthKeyState key, long userId) {
        store.setUser(key.id(), userId);
        nodes.broadcast(EventStore.AUTH_KEY_CHANGED, key.id(), null);
    }

    /** The memory half of {@link #signedIn}: the key's account and the push index. */
    public void rememberSignedIn(AuthKeyState key, long userId) {
        long old = key.userId();
        if (old != 0) unindex(old, key);
        key.userId(userId);
        if (userId != 0) index(userId, key);
    }

    /** Adds key to its account's push index (atomically, so it never lands in a set being dropped). */
    private void index(long userId, AuthKeyState key) {
        byUser.compute(userId, (u, set) -> {
            Set<AuthKeyState> keys = set != null ? set : ConcurrentHashMap.newKeySet();
            keys.add(key);
            return keys;
        });
    }

    /** Takes key out of its account's push index; an account left without keys leaves the index. */
    private void unindex(long userId, AuthKeyState key) {
        byUser.computeIfPresent(userId, (u, set) -> {
            set.remove(key);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Forgets what nobody uses, as Telegram forgets idle sessions: sessions without a connection and without a message
     * for idleSeconds, then keys left without sessions and unused as long. A retired key stays in the store and is
     * loaded again by its next message (a retired session comes back as a new one, with new_session_created). The
     * sessions that stay drop their cached results that aged out (one with no new requests would keep them).
     * Without this, every client that ever connected would keep its key and sessions in memory for good.
     * Returns how many keys were retired.
     */
    public int retireIdle(long now, long idleSeconds) {
        long cutoff = now - idleSeconds;
        int retired = 0;
        for (AuthKeyState key : live.values()) {
            for (Session session : key.sessions()) {
                ServerLink l = session.link();
                if ((l == null || !l.isOpen()) && session.idle().retire(cutoff)) key.removeRetired(session);
                else session.results().evictExpired(now);
            }
            if (key.sessions().isEmpty() && key.idle().retire(cutoff) && live.remove(key.id(), key)) {
                if (key.userId() != 0) unindex(key.userId(), key);
                retired++;
            }
        }
        return retired;
    }

    public void destroy(long authKeyId) {
        store.deleteAuthKey(authKeyId);
        nodes.broadcast(EventStore.AUTH_KEY_REVOKED, authKeyId, null);
        evict(authKeyId);
    }

    /**
     * Brings this node's copy of a key in line with the store after another node changed it: its account (and the
     * push index), its binding, or its deletion (then its connections close).
     */
    public void reload(long authKeyId) {
        AuthKeyState s = live.get(authKeyId);
        if (s == null) return;
        StoredAuthKey k = store.findAuthKey(authKeyId).orElse(null);
        if (k == null) {
            evict(authKeyId);
            return;
        }
        s.bound(k.permKeyId(), k.expiresAt());
        if (s.userId() != k.userId()) rememberSignedIn(s, k.userId());
    }

    /**
     * Tells the other nodes that these keys were signed out in the store (an account deleted), inside the store
     * transaction that did it; {@link #forgetSignIns} then updates this node's copies once it committed.
     */
    public void announceSignedOut(java.util.Collection<Long> authKeyIds) {
        for (long id : authKeyIds) nodes.broadcast(EventStore.AUTH_KEY_CHANGED, id, null);
    }

    /** This node's copies of keys signed out in the store: no account on them any more. */
    public void forgetSignIns(java.util.Collection<Long> authKeyIds) {
        for (long id : authKeyIds) {
            AuthKeyState s = live.get(id);
            if (s != null) rememberSignedIn(s, 0);
        }
    }

    /** After events from other nodes may have been lost: reloads every key and has every client catch up. */
    public void reloadAll() {
        for (Long id : live.keySet()) reload(id);
        for (Long userId : byUser.keySet()) pushLocally(userId, new UpdatesTooLong(), 0);
    }

    /** Forgets a key another process deleted (`portrait session revoke`) and closes its connections. */
    public void evict(long authKeyId) {
        AuthKeyState s = live.remove(authKeyId);
        if (s == null) return;
        if (s.userId() != 0) unindex(s.userId(), s);
        for (Session session : s.sessions()) {
            ServerLink l = session.link();
            if (l != null) l.close();
        }
    }

    /** Sends an update to every live session of the user (except those that asked for no updates). */
    public int pushToUser(long userId, TlObject update) {
        return pushToUser(userId, update, 0);
    }

    /**
     * Like {@link #pushToUser(long, TlObject)} but skips one session (the one that got the update as its result).
     * Returns the number of this node's sessions it was sent to; other nodes get it too.
     */
    public int pushToUser(long userId, TlObject update, long exceptSessionId) {
        if (nodes.maxBodyBytes() > 0) { // there may be other nodes (not on SQLite)
            TlWriter w = new TlWriter();
            update.write(w);
            byte[] tl = w.toByteArray();
            try {
                nodes.broadcast(EventStore.PUSH, userId, ByteBuffer.allocate(8 + tl.length).putLong(exceptSessionId).put(tl).array());
            } catch (StoreException e) {
                // the update is logged: the other nodes' clients get it from getDifference; the caller's change stands
                log.warn("could not hand a push to the other nodes: {}", e.getMessage());
            }
        }
        return pushLocally(userId, update, exceptSessionId);
    }

    /**
     * A push another node made ({@link #pushToUser}): delivered to the sessions connected here. A push too long to
     * travel arrives without its body; the sessions are then told to catch up with getDifference (updatesTooLong).
     */
    public void pushFromOtherNode(long userId, byte[] body) {
        if (body == null) {
            pushLocally(userId, new UpdatesTooLong(), 0);
            return;
        }
        long except = ByteBuffer.wrap(body).getLong();
        pushLocally(userId, ApiRegistry.readObject(new TlReader(Arrays.copyOfRange(body, 8, body.length))), except);
    }

    private int pushLocally(long userId, TlObject update, long exceptSessionId) {
        Set<AuthKeyState> keys = byUser.get(userId);
        if (keys == null) return 0;
        int sent = 0;
        for (AuthKeyState k : keys) {
            TlWriter w = new TlWriter().layer(k.schemaLayer());
            try {
                update.write(w);
            } catch (dev.portrait.tl.TlException notInLayer) {
                // an update the key's layer does not have (vectors of updates already leave such elements out)
                log.debug("not pushed to a layer-{} key: {}", k.schemaLayer(), notInLayer.getMessage());
                continue;
            }
            byte[] body = w.toByteArray();
            for (Session s : k.sessions()) {
                if (s.id() != exceptSessionId && !s.noUpdates() && s.send(java.util.List.of(new Session.Outgoing(body, true, false)))) sent++;
            }
        }
        return sent;
    }
}
