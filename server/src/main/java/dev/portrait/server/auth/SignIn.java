package dev.portrait.server.auth;

import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.session.AuthKeyState;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.users.Phones;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.ConflictException;
import dev.portrait.store.LoginCode;
import dev.portrait.store.LoginCodeStore;
import dev.portrait.store.NewUser;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing accounts in on an auth key: phone codes (shown by `portrait codes` and the inspector, handed to the
 * operator's {@link CodeWebhook} if there is one; only test mode's well-known ones reach the log), sign-up of new
 * numbers, bot tokens, log-out. A wrong code counts against the phone number; too many in a window answer FLOOD_WAIT.
 */
public final class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    private static final Pattern BOT_TOKEN = Pattern.compile("(\\d{1,19}):([A-Za-z0-9_-]{16,64})");
    static final int CODE_LENGTH = 5;
    static final int MAX_NAME = 64;

    private final Store store;
    private final LoginCodeStore codes;
    private final AuthKeys keys;
    private final UsersManager users;
    private final ServerConfig config;
    private final SecureRandom random;
    private final CodeWebhook webhook;

    /** @param webhook where codes are also handed (an operator's gateway), or null */
    public SignIn(Store store, AuthKeys keys, UsersManager users, ServerConfig config, SecureRandom random,
                  CodeWebhook webhook) {
        this.store = store;
        this.codes = store.loginCodes();
        this.keys = keys;
        this.users = users;
        this.config = config;
        this.random = random;
        this.webhook = webhook;
    }

    public AuthSentCode sendCode(String typedPhone, int now) {
        String phone = phone(typedPhone);
        floodCheck(phone, now);
        String code = config.testMode() ? Phones.testCode(phone) : null;
        if (code == null) code = String.format("%05d", random.nextInt(100_000));
        byte[] h = new byte[9];
        random.nextBytes(h);
        String hash = HexFormat.of().formatHex(h);
        codes.put(new LoginCode(hash, phone, code, now, now + config.accounts().loginCodeTtlSeconds(), 0, false));
        // a code is a password: only test mode's well-known codes go to the log; otherwise `portrait codes` shows it
        if (config.testMode()) log.info("sign-in code for +{}: {}", phone, code);
        else log.info("sign-in code for +{} issued (portrait codes and the inspector show it)", phone);
        if (webhook != null) webhook.deliver(phone, code, now + config.accounts().loginCodeTtlSeconds());
        return AuthSentCode.builder().type(new AuthSentCodeTypeSms(CODE_LENGTH)).phoneCodeHash(hash).build();
    }

    public boolean cancelCode(String typedPhone, String hash) {
        String phone = phone(typedPhone);
        LoginCode c = codes.find(hash).orElse(null);
        if (c == null || !c.phone().equals(phone)) throw RpcException.badRequest("PHONE_CODE_EXPIRED");
        codes.delete(hash);
        return true;
    }

    /** auth.signIn: the account, or authorizationSignUpRequired for a number without one. */
    public TypeAuthAuthorization signIn(AuthKeyState key, String typedPhone, String hash, String code, int now) {
        String phone = phone(typedPhone);
        if (hash == null || hash.isEmpty()) throw RpcException.badRequest("PHONE_CODE_HASH_EMPTY");
        if (code == null || code.isEmpty()) throw RpcException.badRequest("PHONE_CODE_EMPTY");
        floodCheck(phone, now);
        LoginCode c = liveCode(phone, hash, now);
        if (!MessageDigest.isEqual(c.code().getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8))) {
            codes.recordFailure(phone, now, config.accounts().floodWindowSeconds());
            throw RpcException.badRequest("PHONE_CODE_INVALID");
        }
        codes.clearFailures(phone);
        UserRecord user = store.users().findByPhone(phone).orElse(null);
        if (user == null) {
            codes.markVerified(hash);
            return AuthAuthorizationSignUpRequired.builder().build();
        }
        store.transaction(() -> {
            codes.delete(hash);
            storeSignIn(key, user.id());
            return null;
        });
        rememberSignIn(key, user.id());
        return authorization(user, now);
    }

    /** auth.signUp after signIn accepted the code for a new number. */
    public AuthAuthorization signUp(AuthKeyState key, String typedPhone, String hash, String firstName, String lastName, int now) {
        String phone = phone(typedPhone);
        if (hash == null || hash.isEmpty()) throw RpcException.badRequest("PHONE_CODE_HASH_EMPTY");
        String first = firstName == null ? "" : firstName.strip();
        String last = lastName == null ? "" : lastName.strip();
        if (first.isEmpty() || first.length() > MAX_NAME) throw RpcException.badRequest("FIRSTNAME_INVALID");
        if (last.length() > MAX_NAME) throw RpcException.badRequest("LASTNAME_INVALID");
        LoginCode c = liveCode(phone, hash, now);
        if (!c.verified()) throw RpcException.badRequest("PHONE_CODE_INVALID");
        UserRecord user;
        try {
            // One transaction: the account exists signed in on this key, or not at all.
            user = store.transaction(() -> {
                UserRecord u = store.users().create(NewUser.person(phone, first, last), now);
                codes.delete(hash);
                storeSignIn(key, u.id());
                return u;
            });
        } catch (ConflictException e) {
            throw RpcException.badRequest("PHONE_NUMBER_OCCUPIED");
        }
        rememberSignIn(key, user.id());
        log.info("signed up +{} as user {}", phone, user.id());
        return authorization(user, now);
    }

    public AuthAuthorization importBotAuthorization(AuthKeyState key, String token, int now) {
        UserRecord bot = botByToken(token).orElseThrow(() -> RpcException.badRequest("ACCESS_TOKEN_INVALID"));
        UserRecord signed = bot;
        store.transaction(() -> {
            storeSignIn(key, signed.id());
            return null;
        });
        rememberSignIn(key, signed.id());
        return authorization(signed, now);
    }

    /** The live bot a token ("id:secret", as `portrait bot add` prints it) names, compared in constant time. */
    public java.util.Optional<UserRecord> botByToken(String token) {
        Matcher m = BOT_TOKEN.matcher(token == null ? "" : token);
        if (!m.matches()) return java.util.Optional.empty();
        UserRecord bot;
        try {
            bot = store.users().find(Long.parseLong(m.group(1))).orElse(null);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        if (bot == null || !bot.bot() || bot.deleted() || bot.botSecret() == null
                || !MessageDigest.isEqual(bot.botSecret().getBytes(StandardCharsets.UTF_8), m.group(2).getBytes(StandardCharsets.UTF_8))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(bot);
    }

    public AuthLoggedOut logOut(AuthKeyState key) {
        store.transaction(() -> {
            storeSignIn(key, 0);
            return null;
        });
        rememberSignIn(key, 0);
        return AuthLoggedOut.builder().build();
    }

    /**
     * Signs the account in on the key, and on its permanent key when it is a bound temporary one, in the store. Runs
     * inside a store transaction, which may run more than once: memory follows in {@link #rememberSignIn} after it
     * committed.
     */
    private void storeSignIn(AuthKeyState key, long userId) {
        for (AuthKeyState k : keysSignedIn(key)) keys.storeSignedIn(k, userId);
    }

    private void rememberSignIn(AuthKeyState key, long userId) {
        for (AuthKeyState k : keysSignedIn(key)) keys.rememberSignedIn(k, userId);
    }

    /** The key, and its permanent key when it is a bound temporary one. */
    private List<AuthKeyState> keysSignedIn(AuthKeyState key) {
        if (key.permKeyId() == 0) return List.of(key);
        AuthKeyState perm = keys.find(key.permKeyId(), 0);
        return perm == null ? List.of(key) : List.of(key, perm);
    }

    private AuthAuthorization authorization(UserRecord user, int now) {
        store.users().updateLastSeen(user.id(), now);
        UserRecord fresh = users.require(user.id());
        return AuthAuthorization.builder().user(users.view(fresh, fresh, now)).build();
    }

    private LoginCode liveCode(String phone, String hash, int now) {
        LoginCode c = codes.find(hash).orElse(null);
        if (c == null || !c.phone().equals(phone)) throw RpcException.badRequest("PHONE_CODE_EXPIRED");
        if (c.expiresAt() < now) {
            codes.delete(hash);
            throw RpcException.badRequest("PHONE_CODE_EXPIRED");
        }
        return c;
    }

    private void floodCheck(String phone, int now) {
        ServerConfig.Accounts a = config.accounts();
        LoginCodeStore.SignInFailures f = codes.failures(phone, now, a.floodWindowSeconds());
        if (f.count() >= a.wrongCodesBeforeFlood()) throw RpcException.floodWait(a.floodWindowSeconds() - (now - f.lastAt()));
    }

    private static String phone(String typed) {
        String phone = Phones.normalize(typed);
        if (phone == null) throw RpcException.badRequest("PHONE_NUMBER_INVALID");
        return phone;
    }
}
