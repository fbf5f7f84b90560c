package dev.portrait.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Address books. A contact is one-way; "mutual" means both have each other. */
public interface ContactStore {
    /** Adds or renames; true when the contact is new. */
    boolean put(ContactRecord contact);

    /** True when there was such a contact. */
    boolean delete(long ownerId, long userId);

    Optional<ContactRecord> find(long ownerId, long userId);

    /** The entries of ownerId's address book for these users (those it has), by user id. */
    Map<Long, ContactRecord> find(long ownerId, Collection<Long> userIds);

    /** Which of ownerIds have userId in their address book. */
    Set<Long> ownersAmong(Collection<Long> ownerIds, long userId);

    List<ContactRecord> list(long ownerId);

    /** The users who have userId in their address book. */
    List<Long> ownersOf(long userId);
}
