package dev.portrait.server.contacts;

import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.server.users.Phones;
import dev.portrait.server.users.Usernames;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.ContactRecord;
import dev.portrait.store.ContactStore;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Address books and finding people: import by phone (honouring the target's "added by phone" privacy), add by
 * InputUser, delete, resolve usernames and phones. When a change flips the other side's mutual_contact flag, that
 * account is told with updateUser.
 */
public final class ContactsManager {
    private final Store store;
    private final ContactStore contacts;
    private final UsersManager users;
    private final PrivacyManager privacy;
    private final UpdatesManager updates;

    public ContactsManager(Store store, UsersManager users, PrivacyManager privacy, UpdatesManager updates) {
        this.store = store;
        this.contacts = store.contacts();
        this.users = users;
        this.privacy = privacy;
        this.updates = updates;
    }

    public ContactsImportedContacts importContacts(UserRecord me, List<TypeInputContact> input, int now) {
        List<TypeImportedContact> imported = new ArrayList<>();
        Set<Long> found = new LinkedHashSet<>();
        for (TypeInputContact c : input) {
            if (!(c instanceof InputPhoneContact p)) continue;
            String phone = Phones.normalize(p.phone());
            if (phone == null) continue;
            UserRecord target = store.users().findByPhone(phone).orElse(null);
            if (target == null || target.id() == me.id() || !privacy.allows(target, PrivacyKeys.ADDED_BY_PHONE, me)) continue;
            String first = p.firstName().strip();
            save(me, new ContactRecord(me.id(), target.id(), first.isEmpty() ? target.firstName() : first,
                    p.lastName().strip(), phone, now), now);
            imported.add(new ImportedContact(target.id(), p.clientId()));
            found.add(target.id());
        }
        return new ContactsImportedContacts(imported, List.of(), List.of(), users.views(me, found, now));
    }

    public TypeUpdates addContact(UserRecord me, long sessionId, ContactsAddContact m, int now) {
        UserRecord target = users.resolveOrNull(me.id(), m.id()).orElseThrow(() -> RpcException.badRequest("CONTACT_ID_INVALID"));
        if (target.id() == me.id()) throw RpcException.badRequest("CONTACT_ID_INVALID");
        String first = m.firstName().strip();
        if (first.isEmpty()) throw RpcException.badRequest("CONTACT_NAME_EMPTY");
        String phone = Phones.normalize(m.phone());
        if (phone == null) phone = contacts.find(me.id(), target.id()).map(ContactRecord::phone).orElse("");
        if (!phone.isEmpty() && !phone.equals(target.phone())) phone = "";
        save(me, new ContactRecord(me.id(), target.id(), first, m.lastName().strip(), phone, now), now);
        if (m.addPhonePrivacyException()) allowPhone(me, target.id(), now);
        return updates.deliver(me.id(), new UpdatePeerSettings(new PeerUser(target.id()), PeerSettings.builder().build()), sessionId, now);
    }

    public TypeUpdates deleteContacts(UserRecord me, long sessionId, List<TypeInputUser> ids, int now) {
        List<TypeUpdate> changed = new ArrayList<>();
        for (TypeInputUser input : ids) {
            UserRecord target = users.resolveOrNull(me.id(), input).orElse(null);
            if (target == null || !remove(me, target.id(), now)) continue;
            changed.add(new UpdatePeerSettings(new PeerUser(target.id()), PeerSettings.builder().addContact(true).blockContact(true).build()));
        }
        Updates last = null;
        List<TypeUser> mentioned = new ArrayList<>();
        for (TypeUpdate u : changed) {
            last = updates.deliver(me.id(), u, sessionId, now);
            mentioned.addAll(last.users());
        }
        if (last == null) return new Updates(List.of(), List.of(), List.of(), now, 0);
        if (changed.size() == 1) return last;
        return new UpdatesCombined(changed, mentioned, List.of(), last.date(), last.seq() - changed.size() + 1, last.seq());
    }

    public boolean deleteByPhones(UserRecord me, List<String> phones, int now) {
        for (String typed : phones) {
            String phone = Phones.normalize(typed);
            if (phone == null) continue;
            store.users().findByPhone(phone).ifPresent(t -> remove(me, t.id(), now));
        }
        return true;
    }

    public TypeContactsContacts getContacts(UserRecord me, long hash, int now) {
        List<ContactRecord> list = contacts.list(me.id());
        List<Long> ids = list.stream().map(ContactRecord::userId).sorted().toList();
        if (hash != 0 && hash == idsHash(ids)) return new ContactsContactsNotModified();
        List<TypeContact> out = new ArrayList<>(list.size());
        for (ContactRecord c : list) out.add(new Contact(c.userId(), contacts.find(c.userId(), me.id()).isPresent()));
        return new ContactsContacts(out, 0, users.views(me, ids, now));
    }

    public List<ContactStatus> statuses(UserRecord me, int now) {
        List<ContactStatus> out = new ArrayList<>();
        for (TypeUser u : users.views(me, contacts.list(me.id()).stream().map(ContactRecord::userId).toList(), now)) {
            User user = (User) u;
            if (user.status() != null) out.add(new ContactStatus(user.id(), user.status()));
        }
        return out;
    }

    public ContactsResolvedPeer resolveUsername(UserRecord me, String username, int now) {
        if (!Usernames.valid(username)) throw RpcException.badRequest("USERNAME_INVALID");
        UserRecord target = store.users().findByUsername(username).orElseThrow(() -> RpcException.badRequest("USERNAME_NOT_OCCUPIED"));
        return new ContactsResolvedPeer(new PeerUser(target.id()), List.of(), List.of(users.view(me, target, now)));
    }

    public ContactsResolvedPeer resolvePhone(UserRecord me, String typed, int now) {
        String phone = Phones.normalize(typed);
        if (phone == null) throw RpcException.badRequest("PHONE_NUMBER_INVALID");
        UserRecord target = store.users().findByPhone(phone)
                .filter(t -> privacy.allows(t, PrivacyKeys.ADDED_BY_PHONE, me))
                .orElseThrow(() -> RpcException.badRequest("PHONE_NOT_OCCUPIED"));
        return new ContactsResolvedPeer(new PeerUser(target.id()), List.of(), List.of(users.view(me, target, now)));
    }

    /** The accounts that have userId in their address book. */
    public List<Long> contactOwners(long userId) {
        return contacts.ownersOf(userId);
    }

    /**
     * Tells every session of the account (the calling one too: the methods that change a profile return no Updates,
     * so this is how it keeps its seq) and everyone who has it as a contact that its profile changed.
     */
    public void profileChanged(long userId, int now) {
        updates.deliver(userId, new UpdateUser(userId), 0, now);
        for (long owner : contacts.ownersOf(userId)) updates.deliver(owner, new UpdateUser(userId), 0, now);
    }

    private void save(UserRecord me, ContactRecord c, int now) {
        boolean added = contacts.put(c);
        if (added && contacts.find(c.userId(), me.id()).isPresent()) {
            // The other side now sees me as a mutual contact.
            updates.deliver(c.userId(), new UpdateUser(me.id()), 0, now);
        }
    }

    private boolean remove(UserRecord me, long userId, int now) {
        if (!contacts.delete(me.id(), userId)) return false;
        if (contacts.find(userId, me.id()).isPresent()) updates.deliver(userId, new UpdateUser(me.id()), 0, now);
        return true;
    }

    private void allowPhone(UserRecord me, long userId, int now) {
        List<TypePrivacyRule> rules = new ArrayList<>(privacy.rules(me.id(), PrivacyKeys.PHONE_NUMBER));
        rules.removeIf(r -> r instanceof PrivacyValueDisallowUsers d && d.users().contains(userId));
        Set<Long> allowed = new LinkedHashSet<>();
        rules.removeIf(r -> {
            if (!(r instanceof PrivacyValueAllowUsers a)) return false;
            allowed.addAll(a.users());
            return true;
        });
        allowed.add(userId);
        rules.addFirst(new PrivacyValueAllowUsers(List.copyOf(allowed)));
        privacy.put(me.id(), PrivacyKeys.PHONE_NUMBER, rules, now);
    }

    /** Telegram's hash for cached id lists (core.telegram.org/api/offsets#hash-generation). */
    public static long idsHash(List<Long> sortedIds) {
        long h = 0;
        for (long id : sortedIds) {
            h ^= h >>> 21;
            h ^= h << 35;
            h ^= h >>> 4;
            h += id;
        }
        return h;
    }
}
