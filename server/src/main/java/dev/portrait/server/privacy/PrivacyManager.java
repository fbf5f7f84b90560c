package dev.portrait.server.privacy;

import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.ContactStore;
import dev.portrait.store.PrivacyStore;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Privacy rules: stored per account and key, validated when set, and evaluated per viewer. Evaluation goes from the
 * most specific rule to the most general (named users, then bots, premium, contacts, then everybody), so "everybody
 * except Bob" and "nobody except Alice" mean what the apps show.
 */
public final class PrivacyManager {
    /** account.setPrivacy accepts at most this many rules (and as many users in them). */
    public static final int MAX_RULES = 1000;

    private final PrivacyStore store;
    private final ContactStore contacts;

    public PrivacyManager(PrivacyStore store, ContactStore contacts) {
        this.store = store;
        this.contacts = contacts;
    }

    public List<TypePrivacyRule> rules(long ownerId, PrivacyKeys key) {
        return store.rules(ownerId, key.storeName())
                .map(b -> TypePrivacyRule.readVector(new TlReader(b)))
                .orElseGet(key::defaults);
    }

    public void put(long ownerId, PrivacyKeys key, List<TypePrivacyRule> rules, int now) {
        TlWriter w = new TlWriter();
        TypePrivacyRule.writeVector(w, rules);
        store.put(ownerId, key.storeName(), w.toByteArray(), now);
    }

    /**
     * Turns what a client sent into stored rules. {@code resolve} maps an InputUser to a user id (throwing for a bad
     * one); chats are kept as given. Contradictions answer PRIVACY_VALUE_INVALID, more than 1000 rules or users
     * PRIVACY_TOO_LONG.
     */
    public static List<TypePrivacyRule> fromInput(List<TypeInputPrivacyRule> input, ToLongFunction<TypeInputUser> resolve) {
        if (input.size() > MAX_RULES) throw RpcException.badRequest("PRIVACY_TOO_LONG");
        int users = 0;
        for (TypeInputPrivacyRule r : input) {
            if (r instanceof InputPrivacyValueAllowUsers a) users += a.users().size();
            if (r instanceof InputPrivacyValueDisallowUsers d) users += d.users().size();
        }
        if (users > MAX_RULES) throw RpcException.badRequest("PRIVACY_TOO_LONG");
        List<TypePrivacyRule> out = new ArrayList<>(input.size());
        for (TypeInputPrivacyRule r : input) {
            out.add(switch (r) {
                case InputPrivacyValueAllowContacts x -> new PrivacyValueAllowContacts();
                case InputPrivacyValueAllowAll x -> new PrivacyValueAllowAll();
                case InputPrivacyValueAllowUsers x -> new PrivacyValueAllowUsers(ids(x.users(), resolve));
                case InputPrivacyValueDisallowContacts x -> new PrivacyValueDisallowContacts();
                case InputPrivacyValueDisallowAll x -> new PrivacyValueDisallowAll();
                case InputPrivacyValueDisallowUsers x -> new PrivacyValueDisallowUsers(ids(x.users(), resolve));
                case InputPrivacyValueAllowChatParticipants x -> new PrivacyValueAllowChatParticipants(List.copyOf(x.chats()));
                case InputPrivacyValueDisallowChatParticipants x -> new PrivacyValueDisallowChatParticipants(List.copyOf(x.chats()));
                // Close friends exist for stories only; no privacy key takes them.
                case InputPrivacyValueAllowCloseFriends x -> throw RpcException.badRequest("PRIVACY_VALUE_INVALID");
                case InputPrivacyValueAllowPremium x -> new PrivacyValueAllowPremium();
                case InputPrivacyValueAllowBots x -> new PrivacyValueAllowBots();
                case InputPrivacyValueDisallowBots x -> new PrivacyValueDisallowBots();
            });
        }
        checkConsistent(out);
        return out;
    }

    private static List<Long> ids(List<TypeInputUser> users, ToLongFunction<TypeInputUser> resolve) {
        Set<Long> ids = new LinkedHashSet<>();
        for (TypeInputUser u : users) ids.add(resolve.applyAsLong(u));
        return List.copyOf(ids);
    }

    /** Rejects rule sets that say yes and no to the same viewers, and repeated general rules. */
    static void checkConsistent(List<TypePrivacyRule> rules) {
        Set<Class<?>> general = new HashSet<>();
        Set<Long> allowed = new HashSet<>();
        Set<Long> denied = new HashSet<>();
        for (TypePrivacyRule r : rules) {
            switch (r) {
                case PrivacyValueAllowUsers a -> allowed.addAll(a.users());
                case PrivacyValueDisallowUsers d -> denied.addAll(d.users());
                case PrivacyValueAllowChatParticipants c -> { }
                case PrivacyValueDisallowChatParticipants c -> { }
                default -> {
                    if (!general.add(r.getClass())) throw RpcException.badRequest("PRIVACY_VALUE_INVALID");
                }
            }
        }
        boolean contradiction = both(general, PrivacyValueAllowAll.class, PrivacyValueDisallowAll.class)
                || both(general, PrivacyValueAllowContacts.class, PrivacyValueDisallowContacts.class)
                || both(general, PrivacyValueAllowBots.class, PrivacyValueDisallowBots.class)
                || allowed.stream().anyMatch(denied::contains);
        if (contradiction) throw RpcException.badRequest("PRIVACY_VALUE_INVALID");
    }

    private static boolean both(Set<Class<?>> set, Class<?> a, Class<?> b) {
        return set.contains(a) && set.contains(b);
    }

    /** Whether viewer may see what key protects on owner's account. */
    public boolean allows(UserRecord owner, PrivacyKeys key, UserRecord viewer) {
        if (viewer.id() == owner.id()) return true;
        return evaluate(rules(owner.id(), key), viewer, () -> contacts.find(owner.id(), viewer.id()).isPresent());
    }

    /** The viewers (by id) that owner's rules for key let see it: one owner, many viewers, in two queries. */
    public Set<Long> allowedAmong(UserRecord owner, PrivacyKeys key, Collection<UserRecord> viewers) {
        List<TypePrivacyRule> r = rules(owner.id(), key);
        Set<Long> ownersContacts = contacts.find(owner.id(), viewers.stream().map(UserRecord::id).toList()).keySet();
        Set<Long> out = new HashSet<>();
        for (UserRecord v : viewers) {
            if (v.id() == owner.id() || evaluate(r, v, () -> ownersContacts.contains(v.id()))) out.add(v.id());
        }
        return out;
    }

    /**
     * The rules of several owners for some keys and which of them have viewer as a contact, loaded together (one
     * query per key and one for the contacts however many owners there are), to evaluate as {@link #allows} would.
     */
    public Batch batch(UserRecord viewer, Collection<UserRecord> owners, PrivacyKeys... keys) {
        List<Long> ids = owners.stream().map(UserRecord::id).filter(id -> id != viewer.id()).distinct().toList();
        Map<PrivacyKeys, Map<Long, byte[]>> rules = new EnumMap<>(PrivacyKeys.class);
        for (PrivacyKeys key : keys) rules.put(key, store.rules(ids, key.storeName()));
        return new Batch(viewer, rules, contacts.ownersAmong(ids, viewer.id()));
    }

    /** What {@link #batch} loaded. */
    public static final class Batch {
        private final UserRecord viewer;
        private final Map<PrivacyKeys, Map<Long, byte[]>> rules;
        private final Set<Long> haveViewer;

        private Batch(UserRecord viewer, Map<PrivacyKeys, Map<Long, byte[]>> rules, Set<Long> haveViewer) {
            this.viewer = viewer;
            this.rules = rules;
            this.haveViewer = haveViewer;
        }

        /** As {@link PrivacyManager#allows(UserRecord, PrivacyKeys, UserRecord)}, for a loaded owner and key. */
        public boolean allows(UserRecord owner, PrivacyKeys key) {
            if (viewer.id() == owner.id()) return true;
            Map<Long, byte[]> byOwner = rules.get(key);
            if (byOwner == null) throw new IllegalArgumentException(key + " was not loaded");
            byte[] stored = byOwner.get(owner.id());
            List<TypePrivacyRule> r = stored == null ? key.defaults() : TypePrivacyRule.readVector(new TlReader(stored));
            return evaluate(r, viewer, () -> haveViewer.contains(owner.id()));
        }

        /** Whether owner has the viewer in its address book. */
        public boolean hasViewerAsContact(long ownerId) {
            return haveViewer.contains(ownerId);
        }
    }

    interface ContactTest {
        boolean isContact();
    }

    static boolean evaluate(List<TypePrivacyRule> rules, UserRecord viewer, ContactTest contact) {
        for (TypePrivacyRule r : rules) if (r instanceof PrivacyValueDisallowUsers d && d.users().contains(viewer.id())) return false;
        for (TypePrivacyRule r : rules) if (r instanceof PrivacyValueAllowUsers a && a.users().contains(viewer.id())) return true;
        if (viewer.bot()) {
            for (TypePrivacyRule r : rules) {
                if (r instanceof PrivacyValueDisallowBots) return false;
                if (r instanceof PrivacyValueAllowBots) return true;
            }
        }
        if (viewer.premium()) for (TypePrivacyRule r : rules) if (r instanceof PrivacyValueAllowPremium) return true;
        boolean hasContactRule = rules.stream().anyMatch(r -> r instanceof PrivacyValueAllowContacts || r instanceof PrivacyValueDisallowContacts);
        if (hasContactRule && contact.isContact()) {
            for (TypePrivacyRule r : rules) {
                if (r instanceof PrivacyValueDisallowContacts) return false;
                if (r instanceof PrivacyValueAllowContacts) return true;
            }
        }
        for (TypePrivacyRule r : rules) {
            if (r instanceof PrivacyValueAllowAll) return true;
            if (r instanceof PrivacyValueDisallowAll) return false;
        }
        return false;
    }

    /** The user ids named in rules (account.privacyRules carries them in users). */
    public static Set<Long> users(List<TypePrivacyRule> rules) {
        Set<Long> ids = new LinkedHashSet<>();
        for (TypePrivacyRule r : rules) {
            if (r instanceof PrivacyValueAllowUsers a) ids.addAll(a.users());
            if (r instanceof PrivacyValueDisallowUsers d) ids.addAll(d.users());
        }
        return ids;
    }
}
