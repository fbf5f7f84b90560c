package dev.portrait.store;

import java.util.List;
import java.util.Optional;

/** Address books. A contact is one-way; "mutual" means both have each other. */
public interface ContactStore {
    /** Adds or renames; true when the contact is new. */
    boolean put(ContactRecord contact);

    /** True when there was such a contact. */
    boolean delete(long ownerId, long userId);

    Optional<ContactRecord> find(long ownerId, long userId);

    List<ContactRecord> list(long ownerId);

    /** The users who have userId in their address book. */
    List<Long> ownersOf(long userId);
}
