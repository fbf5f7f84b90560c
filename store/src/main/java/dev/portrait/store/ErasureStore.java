package dev.portrait.store;

import java.util.List;

/**
 * Deleting an account, or everything, across the domain stores in one place, so that no table is forgotten (the
 * tests list the database's tables and check each is cleared).
 */
public interface ErasureStore {
    /**
     * What an erasure leaves to do once its transaction committed.
     *
     * @param blobKeys         blobs no row points at any more, to delete
     * @param signedOutKeyIds  auth keys that were signed in as the erased account(s), now signed out
     */
    record Erased(List<String> blobKeys, List<Long> signedOutKeyIds) {
    }

    /**
     * Deletes an account as Telegram does: the id stays as a deleted account (no phone, name, username, about or bot
     * token, so the phone and username are free), other accounts keep their messages with it; its photos, uploads,
     * address book and its entries in others' books, privacy rules, updates, message box and sign-in codes go; its
     * auth keys are signed out (clients get AUTH_KEY_UNREGISTERED and may sign in again). Suggested photos stay while
     * another account's message carries them.
     */
    Erased eraseAccount(long userId, int now);

    /**
     * Deletes every account and all that hangs off them; auth keys stay (connected clients keep their keys) but are
     * signed out. Ids are not reused.
     */
    Erased wipe();
}
