package dev.portrait.server.api;

import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.server.ServerConfig;
import dev.portrait.store.NewUser;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** auth.* as clients use it: codes, sign-up, sign-in, bots, log-out, and the errors of each step. */
class SignInTest {
    @TempDir
    Path dir;

    private static void fails(MtprotoClient c, dev.portrait.tl.TlMethod<?> m, String error) {
        assertThatThrownBy(() -> await(c.invoke(m))).isInstanceOf(RpcErrorException.class).hasMessage(error);
    }

    @Test
    void signUpThenSignInOnAnotherKey() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            MtprotoClient fresh = t.connect();
            fails(fresh, new UpdatesGetState(), "401 AUTH_KEY_UNREGISTERED");
            fails(fresh, new UsersGetUsers(List.of(new InputUserSelf())), "401 AUTH_KEY_UNREGISTERED");

            TestAccounts.Signed a = t.signUp("+999 66 2 0001", "Alice", "Smith");
            assertThat(a.self().self()).isTrue();
            assertThat(a.self().accessHash()).isNotNull().isNotZero();
            assertThat(a.self().phone()).isEqualTo("9996620001");
            assertThat(a.self().firstName()).isEqualTo("Alice");
            assertThat(a.call(new UpdatesGetState())).isNotNull();

            TestAccounts.Signed again = t.signUp("9996620001", "Ignored", "");
            assertThat(again.id()).isEqualTo(a.id());
            assertThat(again.self().firstName()).isEqualTo("Alice");
            assertThat(again.call(new UsersGetUsers(List.of(new InputUserSelf())))).singleElement()
                    .isInstanceOfSatisfying(User.class, u -> assertThat(u.id()).isEqualTo(a.id()));

            // Log-out ends the authorization on that key only.
            assertThat(again.call(new AuthLogOut())).isInstanceOf(AuthLoggedOut.class);
            fails(again.client(), new UpdatesGetState(), "401 AUTH_KEY_UNREGISTERED");
            assertThat(a.call(new UpdatesGetState())).isNotNull();
        }
    }

    @Test
    void everyStepRefusesBadInput() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            MtprotoClient c = t.connect();
            fails(c, new AuthSendCode("12ab", 1, "h", CodeSettings.builder().build()), "400 PHONE_NUMBER_INVALID");
            fails(c, new AuthSendCode("123", 1, "h", CodeSettings.builder().build()), "400 PHONE_NUMBER_INVALID");
            String phone = "9996630002";
            String hash = ((AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "h", CodeSettings.builder().build())))).phoneCodeHash();
            fails(c, AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).build(), "400 PHONE_CODE_EMPTY");
            fails(c, AuthSignIn.builder().phoneNumber(phone).phoneCodeHash("").phoneCode("33333").build(), "400 PHONE_CODE_HASH_EMPTY");
            fails(c, AuthSignIn.builder().phoneNumber(phone).phoneCodeHash("nope").phoneCode("33333").build(), "400 PHONE_CODE_EXPIRED");
            fails(c, AuthSignIn.builder().phoneNumber("9996630003").phoneCodeHash(hash).phoneCode("33333").build(), "400 PHONE_CODE_EXPIRED");
            fails(c, AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).phoneCode("12345").build(), "400 PHONE_CODE_INVALID");
            // signUp needs a code that signIn accepted.
            fails(c, AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(hash).firstName("A").lastName("").build(), "400 PHONE_CODE_INVALID");
            assertThat((Object) await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).phoneCode("33333").build())))
                    .isInstanceOf(AuthAuthorizationSignUpRequired.class);
            fails(c, AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(hash).firstName("  ").lastName("").build(), "400 FIRSTNAME_INVALID");
            fails(c, AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(hash).firstName("A").lastName("x".repeat(65)).build(), "400 LASTNAME_INVALID");

            // The same number signed up meanwhile from another key: this hash can no longer make an account.
            t.signUp(phone, "First", "");
            fails(c, AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(hash).firstName("A").lastName("").build(), "400 PHONE_NUMBER_OCCUPIED");
            assertThat(t.server.store().users().list(0, 10)).hasSize(1);
        }
    }

    @Test
    void wrongCodesEndInFloodWaitAndCodesExpire() throws Exception {
        try (TestAccounts t = new TestAccounts(dir, new ServerConfig.Accounts(1, 3, 300, 1000, 7))) {
            MtprotoClient c = t.connect();
            String phone = "9996640004";
            String hash = ((AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "h", CodeSettings.builder().build())))).phoneCodeHash();
            for (int i = 0; i < 3; i++) {
                fails(c, AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).phoneCode("00000").build(), "400 PHONE_CODE_INVALID");
            }
            assertThatThrownBy(() -> await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).phoneCode("44444").build())))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(420);
                        assertThat(e.error()).matches("FLOOD_WAIT_\\d+");
                    });
            fails(c, new AuthSendCode(phone, 1, "h", CodeSettings.builder().build()), "420 FLOOD_WAIT_300");

            String other = "9996650005";
            String h2 = ((AuthSentCode) await(c.invoke(new AuthSendCode(other, 1, "h", CodeSettings.builder().build())))).phoneCodeHash();
            Thread.sleep(2100); // the code lives 1 s here
            fails(c, AuthSignIn.builder().phoneNumber(other).phoneCodeHash(h2).phoneCode("55555").build(), "400 PHONE_CODE_EXPIRED");
        }
    }

    @Test
    void outsideTestModeCodesAreRandomListedInTheStoreAndNeverLogged() throws Exception {
        ch.qos.logback.classic.Logger signInLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(dev.portrait.server.auth.SignIn.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        signInLog.addAppender(logged);
        try (TestAccounts t = new TestAccounts(dir, c -> c.withTestMode(false))) {
            MtprotoClient c = t.connect();
            String phone = "15550001234";
            String hash = ((AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "h", CodeSettings.builder().build())))).phoneCodeHash();
            String code = t.server.store().loginCodes().find(hash).orElseThrow().code();
            assertThat(code).matches("\\d{5}");
            assertThat(logged.list).as("the code is announced").isNotEmpty()
                    .noneMatch(e -> e.getFormattedMessage().replace(phone, "").contains(code));
            assertThat((Object) await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(hash).phoneCode(code).build())))
                    .isInstanceOf(AuthAuthorizationSignUpRequired.class);
        } finally {
            signInLog.detachAppender(logged);
        }
    }

    @Test
    void botsSignInWithTheirTokenAndCannotUseUserMethods() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed owner = t.signUp("9996660006", "Owner", "");
            UserRecord bot = t.server.store().users().create(NewUser.bot(owner.id(), "helper_bot", "Helper", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-xyz"), 1);
            MtprotoClient c = t.connect();
            fails(c, new AuthImportBotAuthorization(0, 1, "h", bot.id() + ":wrong-wrong-wrong-wrong-wrong"), "400 ACCESS_TOKEN_INVALID");
            fails(c, new AuthImportBotAuthorization(0, 1, "h", "garbage"), "400 ACCESS_TOKEN_INVALID");
            fails(c, new AuthImportBotAuthorization(0, 1, "h", owner.id() + ":s3cr3t-s3cr3t-s3cr3t-s3cr3t-xyz"), "400 ACCESS_TOKEN_INVALID");
            AuthAuthorization a = (AuthAuthorization) await(c.invoke(new AuthImportBotAuthorization(0, 1, "h", bot.botToken())));
            User self = (User) a.user();
            assertThat(self.bot()).isTrue();
            assertThat(self.id()).isEqualTo(bot.id());
            assertThat(self.username()).isEqualTo("helper_bot");
            fails(c, new ContactsGetContacts(0), "400 BOT_METHOD_INVALID");
            fails(c, new AccountGetPrivacy(new InputPrivacyKeyProfilePhoto()), "400 BOT_METHOD_INVALID");
            // The owner knows its bot by id alone (access_hash 0), as gramjs resolves a bare id.
            assertThat(owner.call(new UsersGetUsers(List.of(new InputUser(bot.id(), 0))))).singleElement()
                    .isInstanceOfSatisfying(User.class, u -> assertThat(u.botCanEdit()).isTrue());
        }
    }

    @Test
    void aKeyRevokedByAnotherProcessStopsWorking() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            TestAccounts.Signed a = t.signUp("9996670007", "Alice", "");
            long keyId = a.client().authKey().id();
            // What `portrait session revoke` does from its own process: delete the key and tell running servers.
            try (dev.portrait.store.SqliteStore cli = dev.portrait.store.SqliteStore.open(dir)) {
                cli.authKeys().deleteAuthKey(keyId);
                cli.events().publish(dev.portrait.store.EventStore.AUTH_KEY_REVOKED, keyId, 1);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (a.client().isOpen() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(a.client().isOpen()).as("connection closed after the revocation").isFalse();
            assertThat(t.server.authKeys().find(keyId, t.server.now())).isNull();
        }
    }

    @Test
    void getPasswordSaysNoPasswordIsSet() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            AccountPassword p = (AccountPassword) await(t.connect().invoke(new AccountGetPassword()));
            assertThat(p.hasPassword()).isFalse();
            assertThat(p.newAlgo()).isInstanceOf(PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow.class);
            assertThat(p.secureRandom()).hasSize(32);
        }
    }
}
