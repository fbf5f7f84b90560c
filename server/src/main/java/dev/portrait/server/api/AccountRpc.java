package dev.portrait.server.api;

import dev.portrait.mtproto.crypto.DhGroup;
import dev.portrait.server.contacts.ContactsManager;
import dev.portrait.server.privacy.PrivacyKeys;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcRegistry.Access;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.server.users.Usernames;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.ConflictException;
import dev.portrait.store.UserRecord;
import dev.portrait.store.UserStore;
import dev.portrait.tl.api.*;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/** The {@code account} namespace: profile, username, online status, privacy rules, and the (absent) 2FA password. */
public final class AccountRpc implements RpcNamespace {
    static final int MAX_NAME = 64;
    static final int MAX_ABOUT = 70;
    static final int MAX_ABOUT_PREMIUM = 140;

    private final UserStore store;
    private final UsersManager users;
    private final PrivacyManager privacy;
    private final ContactsManager contacts;
    private final UpdatesManager updates;
    private final SecureRandom random;

    public AccountRpc(UserStore store, UsersManager users, PrivacyManager privacy, ContactsManager contacts,
                      UpdatesManager updates, SecureRandom random) {
        this.store = store;
        this.users = users;
        this.privacy = privacy;
        this.contacts = contacts;
        this.updates = updates;
        this.random = random;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(AccountGetPassword.class, Access.ANYONE, (ctx, m) -> noPassword());
        registry.on(AccountGetPrivacy.class, Access.USERS_ONLY, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            return privacyRules(me, privacy.rules(me.id(), PrivacyKeys.of(m.key())), ctx.now());
        });
        registry.on(AccountSetPrivacy.class, Access.USERS_ONLY, this::setPrivacy);
        registry.on(AccountUpdateProfile.class, this::updateProfile);
        registry.on(AccountUpdateUsername.class, Access.USERS_ONLY, this::updateUsername);
        registry.on(AccountUpdateStatus.class, Access.USERS_ONLY, this::updateStatus);
    }

    /** No account has a 2FA password; the algorithms are what a client would use to set one. */
    private AccountPassword noPassword() {
        return AccountPassword.builder()
                .newAlgo(new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
                        randomBytes(8), randomBytes(16), DhGroup.G, DhGroup.primeBytes()))
                .newSecureAlgo(new SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000(randomBytes(8)))
                .secureRandom(randomBytes(32))
                .build();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private AccountPrivacyRules setPrivacy(RpcContext ctx, AccountSetPrivacy m) {
        UserRecord me = users.require(ctx.userId());
        PrivacyKeys key = PrivacyKeys.of(m.key());
        List<TypePrivacyRule> rules = PrivacyManager.fromInput(m.rules(), input -> {
            UserRecord u = users.resolveOrNull(me.id(), input).orElseThrow(() -> RpcException.badRequest("PRIVACY_VALUE_INVALID"));
            return u.id();
        });
        privacy.put(me.id(), key, rules, ctx.now());
        updates.deliver(me.id(), new UpdatePrivacy(key.key(), rules), 0, ctx.now());
        return privacyRules(me, rules, ctx.now());
    }

    private AccountPrivacyRules privacyRules(UserRecord me, List<TypePrivacyRule> rules, int now) {
        return new AccountPrivacyRules(rules, List.of(), users.views(me, PrivacyManager.users(rules), now));
    }

    private User updateProfile(RpcContext ctx, AccountUpdateProfile m) {
        UserRecord me = users.require(ctx.userId());
        String first = m.firstName() == null ? me.firstName() : m.firstName().strip();
        String last = m.lastName() == null ? me.lastName() : m.lastName().strip();
        if (first.isEmpty() || first.length() > MAX_NAME) throw RpcException.badRequest("FIRSTNAME_INVALID");
        if (last.length() > MAX_NAME) throw RpcException.badRequest("LASTNAME_INVALID");
        boolean changed = !first.equals(me.firstName()) || !last.equals(me.lastName());
        if (changed) store.updateName(me.id(), first, last, ctx.now());
        if (m.about() != null) {
            String about = m.about().strip();
            if (about.length() > (me.premium() ? MAX_ABOUT_PREMIUM : MAX_ABOUT)) throw RpcException.badRequest("ABOUT_TOO_LONG");
            if (!about.equals(me.about())) {
                store.updateAbout(me.id(), about, ctx.now());
                changed = true;
            }
        }
        if (changed) contacts.profileChanged(me.id(), ctx.now());
        UserRecord fresh = users.require(me.id());
        return users.view(fresh, fresh, ctx.now());
    }

    private User updateUsername(RpcContext ctx, AccountUpdateUsername m) {
        UserRecord me = users.require(ctx.userId());
        String username = m.username().isEmpty() ? null : m.username();
        if (username != null && !Usernames.valid(username)) throw RpcException.badRequest("USERNAME_INVALID");
        if (Objects.equals(username, me.username())) throw RpcException.badRequest("USERNAME_NOT_MODIFIED");
        try {
            store.updateUsername(me.id(), username, ctx.now());
        } catch (ConflictException e) {
            throw RpcException.badRequest("USERNAME_OCCUPIED");
        }
        contacts.profileChanged(me.id(), ctx.now());
        UserRecord fresh = users.require(me.id());
        return users.view(fresh, fresh, ctx.now());
    }

    private Boolean updateStatus(RpcContext ctx, AccountUpdateStatus m) {
        UserRecord me = users.require(ctx.userId());
        if (m.offline()) users.presence().offline(me.id());
        else users.presence().online(me.id(), ctx.now());
        store.updateLastSeen(me.id(), ctx.now());
        UserRecord fresh = users.require(me.id());
        // Status changes are not logged: by the time a client catches up, only the current status matters.
        users.statusFor(fresh, contacts.contactOwners(me.id()), ctx.now())
                .forEach((owner, status) -> updates.pushShort(owner, new UpdateUserStatus(me.id(), status), ctx.now()));
        return Boolean.TRUE;
    }
}
