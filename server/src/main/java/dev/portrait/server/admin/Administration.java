package dev.portrait.server.admin;

import dev.portrait.mtproto.AuthKey;
import dev.portrait.server.users.Phones;
import dev.portrait.server.users.Usernames;
import dev.portrait.store.ConflictException;
import dev.portrait.store.LoginCode;
import dev.portrait.store.NewUser;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.Store;
import dev.portrait.store.StoredAuthKey;
import dev.portrait.store.UserRecord;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator does to accounts and sign-in codes, shared by the admin commands and the inspector's API so that
 * both check and refuse alike. Works on a store, whether the server's own or one the CLI opened beside it.
 */
public final class Administration {
    public static final int MAX_NAME = 64;
    private static final int PAGE = 500;
    public static final int SECRET_LENGTH = 35;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    public Administration(Store store) {
        this.store = store;
    }

    public static int now() {
        return (int) (System.currentTimeMillis() / 1000);
    }

    /** The digits of a typed phone number (+, spaces and dashes allowed). */
    public static String phone(String typed) {
        String p = typed == null ? null : Phones.normalize(typed);
        if (p == null) throw new AdminException("PHONE_NUMBER_INVALID", "'" + typed + "' is not a phone number (5 to 15 digits)");
        return p;
    }

    public static String firstName(String typed) {
        String f = typed == null ? "" : typed.strip();
        if (f.isEmpty() || f.length() > MAX_NAME) {
            throw new AdminException("FIRSTNAME_INVALID", "the first name must have 1 to " + MAX_NAME + " characters");
        }
        return f;
    }

    public static String lastName(String typed) {
        String l = typed == null ? "" : typed.strip();
        if (l.length() > MAX_NAME) throw new AdminException("LASTNAME_INVALID", "the last name has more than " + MAX_NAME + " characters");
        return l;
    }

    public static String username(String typed) {
        if (typed != null && !Usernames.valid(typed)) {
            throw new AdminException("USERNAME_INVALID", "'" + typed + "' is not a username (5-32 letters, digits and _, "
                    + "starting with a letter)");
        }
        return typed;
    }

    /** Creates a person's account, without a sign-in code. */
    public UserRecord addUser(String typedPhone, String first, String last, String username, boolean premium) {
        String p = phone(typedPhone);
        NewUser user = NewUser.person(p, firstName(first), lastName(last)).withUsername(username(username))
                .withPremium(premium);
        try {
            return store.users().create(user, now());
        } catch (ConflictException e) {
            throw conflict(e, p, username);
        }
    }

    /** A taken phone or username, said the way the API would. */
    public static AdminException conflict(ConflictException e, String phone, String username) {
        return e.field().equals("username")
                ? new AdminException("USERNAME_OCCUPIED", "@" + username + " is taken")
                : new AdminException("PHONE_NUMBER_OCCUPIED", "+" + phone + " already has an account");
    }

    /** Creates a bot owned by the account with that phone; its token is {@code id:secret}. */
    public UserRecord addBot(String ownerPhone, String username, String first) {
        String name = firstName(first);
        if (username == null || !Usernames.validForBot(username)) {
            throw new AdminException("USERNAME_INVALID", "'" + username + "' is not a bot username (5-32 letters, digits "
                    + "and _, starting with a letter, ending in \"bot\")");
        }
        UserRecord owner = accountByPhone(ownerPhone);
        try {
            return store.users().create(NewUser.bot(owner.id(), username, name, newSecret()), now());
        } catch (ConflictException e) {
            throw conflict(e, null, username);
        }
    }

    /** The part of a bot token after "id:": 35 characters of the base64url alphabet, as Telegram's tokens. */
    public static String newSecret() {
        StringBuilder b = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return b.toString();
    }

    /**
     * A new permanent auth key signed in as the account, as a session string the client library takes (it connects
     * to host:port as DC dcId). IllegalArgumentException when the format cannot carry that address.
     */
    public String newSession(UserRecord user, SessionStrings.Format format, String host, int port, int dcId) {
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] bytes = new byte[AuthKey.BYTES];
            RANDOM.nextBytes(bytes);
            AuthKey key = new AuthKey(bytes);
            if (key.id() == 0) continue; // auth_key_id 0 marks unencrypted messages
            String session = SessionStrings.encode(format, dcId, host, port, user.id(), user.bot(), bytes);
            if (store.authKeys().insertAuthKey(new StoredAuthKey(key.id(), bytes, now(), 0, 0, 0, user.id()))) return session;
        }
        throw new AdminException("AUTH_KEY_INVALID", "could not find a free auth key id");
    }

    /** The account with this id, unless there is none or it was deleted. */
    public Optional<UserRecord> account(long id) {
        return store.users().find(id).filter(u -> !u.deleted());
    }

    /** {@link #account}, or USER_ID_INVALID (not found). */
    public UserRecord requireAccount(long id) {
        return account(id).orElseThrow(() -> AdminException.notFound("USER_ID_INVALID", "no account has id " + id));
    }

    public UserRecord accountByPhone(String typedPhone) {
        String p = phone(typedPhone);
        return store.users().findByPhone(p)
                .orElseThrow(() -> new AdminException("PHONE_NUMBER_UNOCCUPIED", "no account has phone " + typedPhone));
    }

    /** Every account, people and bots, in the store's order. */
    public List<UserRecord> accounts() {
        List<UserRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<UserRecord> page = store.users().list(offset, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) return all;
        }
    }

    /**
     * The accounts whose phone digits, name or username contain {@code query} (any case; everything when it is
     * blank), from {@code offset}, at most {@code limit}.
     */
    public List<UserRecord> accounts(String query, int offset, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String digits = q.replaceAll("[^0-9]", "");
        return accounts().stream()
                .filter(u -> q.isEmpty() || matches(u, q, digits))
                .skip(Math.max(0, offset)).limit(Math.max(0, limit)).toList();
    }

    private static boolean matches(UserRecord u, String q, String digits) {
        if (!digits.isEmpty() && digits.length() == q.replace("+", "").replace(" ", "").length() && u.phone() != null
                && u.phone().contains(digits)) return true;
        String name = (u.firstName() + " " + (u.lastName() == null ? "" : u.lastName())).toLowerCase(Locale.ROOT);
        return name.contains(q) || (u.username() != null && u.username().toLowerCase(Locale.ROOT).contains(q.replace("@", "")));
    }

    /** The current (album front) photo of each account that has one. */
    public Map<Long, PhotoRecord> currentPhotos(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? Map.of() : store.photos().fronts(accountIds, PhotoRecord.PROFILE);
    }

    /** The sign-in codes not yet expired, newest first. */
    public List<LoginCode> codes(int limit) {
        return store.loginCodes().recent(now(), Math.max(1, limit));
    }

    /** The codes not yet expired for a phone, newest first, at most {@code limit} (of the newest 1000). */
    public List<LoginCode> codes(String typedPhone, int limit) {
        String p = phone(typedPhone);
        return codes(1000).stream().filter(c -> c.phone().equals(p)).limit(Math.max(1, limit)).toList();
    }

    /** The newest code not yet expired for a phone: what an integration test types into its client. */
    public Optional<LoginCode> latestCode(String typedPhone) {
        return codes(typedPhone, 1).stream().findFirst();
    }
}
