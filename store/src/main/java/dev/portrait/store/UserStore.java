package dev.portrait.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Accounts: people and bots. */
public interface UserStore {
    Optional<UserRecord> find(long id);

    /** The users among ids that exist, in no particular order. */
    List<UserRecord> find(Collection<Long> ids);

    Optional<UserRecord> findByPhone(String phone);

    /** Case-insensitive. */
    Optional<UserRecord> findByUsername(String username);

    /** Creates the account; throws {@link ConflictException} when the phone or username is taken. */
    UserRecord create(NewUser user, int now);

    void updateName(long id, String firstName, String lastName, int now);

    /** Sets or clears (null) the username; throws {@link ConflictException} when another account has it. */
    void updateUsername(long id, String username, int now);

    void updateAbout(long id, String about, int now);

    void updatePremium(long id, boolean premium, int now);

    void updateLastSeen(long id, int now);

    /** Accounts that are not deleted, by id. */
    List<UserRecord> list(int offset, int limit);

    List<UserRecord> botsOwnedBy(long ownerId);
}
