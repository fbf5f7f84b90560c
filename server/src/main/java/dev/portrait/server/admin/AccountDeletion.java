package dev.portrait.server.admin;

import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.ErasureStore;
import dev.portrait.store.EventStore;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.function.IntSupplier;

/**
 * Deleting an account, and wiping every account for a test suite: the store's erasure ({@link ErasureStore}), then
 * what memory holds of it: the signed-out keys in running servers (their clients get AUTH_KEY_UNREGISTERED and may
 * sign in again), and the blobs no row points at any more. A server and the admin commands run the same code; they
 * differ in how the servers hear of the signed-out keys ({@link SignOuts}).
 */
public final class AccountDeletion {
    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    /** How running servers learn that keys were signed out in the store. */
    public interface SignOuts {
        /** Inside the erasure's transaction, so only what commits is announced. */
        void announce(Collection<Long> authKeyIds);

        /** Once it committed: this process's own copies. */
        void forget(Collection<Long> authKeyIds);
    }

    private final Store store;
    private final SignOuts signOuts;
    private final IntSupplier now;
    private final boolean testMode;

    private AccountDeletion(Store store, SignOuts signOuts, IntSupplier now, boolean testMode) {
        this.store = store;
        this.signOuts = signOuts;
        this.now = now;
        this.testMode = testMode;
    }

    /** In a server: its other nodes are told, its own keys forgotten. */
    public static AccountDeletion inServer(Store store, AuthKeys keys, IntSupplier now, boolean testMode) {
        return new AccountDeletion(store, new SignOuts() {
            @Override
            public void announce(Collection<Long> ids) {
                keys.announceSignedOut(ids);
            }

            @Override
            public void forget(Collection<Long> ids) {
                keys.forgetSignIns(ids);
            }
        }, now, testMode);
    }

    /** In an admin command: the running servers are told through the store's events; it never resets. */
    public static AccountDeletion inAdminCommand(Store store) {
        return new AccountDeletion(store, new SignOuts() {
            @Override
            public void announce(Collection<Long> ids) {
                for (long id : ids) store.events().publish(EventStore.AUTH_KEY_CHANGED, id, Administration.now());
            }

            @Override
            public void forget(Collection<Long> ids) {
            }
        }, Administration::now, false);
    }

    /** Deletes the account (see {@link ErasureStore#eraseAccount}); USER_ID_INVALID when there is none. */
    public UserRecord delete(long accountId) {
        UserRecord account = new Administration(store).requireAccount(accountId);
        ErasureStore.Erased erased = store.transaction(() -> {
            ErasureStore.Erased e = store.erasure().eraseAccount(account.id(), now.getAsInt());
            signOuts.announce(e.signedOutKeyIds()); // inside: only what commits is announced
            return e;
        });
        finish(erased);
        log.info("deleted account {}", account.id());
        return account;
    }

    /** Deletes every account (see {@link ErasureStore#wipe}); only a test-mode server does this. */
    public void wipe() {
        if (!testMode) {
            throw new AdminException("TEST_MODE_REQUIRED", "a reset wipes every account: only a server in --test-mode does it",
                    AdminException.Kind.FORBIDDEN);
        }
        ErasureStore.Erased erased = store.transaction(() -> {
            ErasureStore.Erased e = store.erasure().wipe();
            signOuts.announce(e.signedOutKeyIds());
            return e;
        });
        finish(erased);
        log.info("reset: every account deleted, {} keys signed out", erased.signedOutKeyIds().size());
    }

    private void finish(ErasureStore.Erased erased) {
        signOuts.forget(erased.signedOutKeyIds());
        try {
            store.blobs().deleteAll(erased.blobKeys());
        } catch (RuntimeException e) {
            // no row points at them: housekeeping collects orphaned blobs later
            log.warn("could not delete {} blobs of erased accounts now: {}", erased.blobKeys().size(), e.toString());
        }
    }
}
