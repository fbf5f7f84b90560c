package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Milestone M3 acceptance with the real, unmodified npm clients: on one in-process test-mode server, each of gramjs,
 * mtcute and @mtproto/core (scripts e2e/clients/&lt;client&gt;-accounts.mjs, which print one JSON line) signs up three
 * accounts A, B and C on fresh auth keys, signs A in again on a second client, and checks what the accounts see of
 * each other: AUTH_KEY_UNREGISTERED before sign-in, PHONE_CODE_INVALID for a wrong code, usernames (resolved in another
 * letter case), contacts imported by phone (contact / mutual_contact, the saved name, the phone shown to contacts only),
 * users.getUsers / users.getFullUser, contacts.getContacts, privacy rules (round trip, contradictions, too many rules,
 * their effect), access_hash per viewer (a wrong or borrowed one is USER_ID_INVALID), addContact / deleteContacts, and
 * updates.getDifference on A's second session. @mtproto/core also runs into FLOOD_WAIT with a fourth number.
 *
 * <p>Every check's outcome is collected (soft assertions), so a failure lists all of them, followed by the script's
 * JSON line and the tail of its stderr (kept in target/e2e-logs/&lt;client&gt;-accounts.stderr.log; the server's log is
 * target/e2e-logs/server.log).
 */
class RealClientsAccountsTest {
    private static final int SCRIPT_TIMEOUT = 90;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start("portrait-e2e-accounts-", true);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void gramjsSignsUpAndInAndSeesContactsPrivacyAndAccessHashes() throws Exception {
        ScriptRun r = run("gramjs", List.of("9996621001", "9996621002", "9996621003"), null);
        SoftAssertions s = new SoftAssertions();
        common(s, r, 198);
        // client.start(): the wrong code reached onError, then the right one was asked for
        s.assertThat(r.at("signUpA/codesAsked").asInt()).as("client.start() asked for a code twice (wrong, then right)").isEqualTo(2);
        s.assertThat(r.text("secondSignIn/onErrors/0/message")).as("second client.start() had no error").isNull();
        // gramjs's own resolution: a username, a phone number (through contacts.getContacts), 'me'
        s.assertThat(r.text("entities/byUsername")).as("client.getEntity(USERNAME in upper case)").isEqualTo(r.id("B"));
        s.assertThat(r.text("entities/byPhone")).as("client.getEntity('+phone of B') via contacts.getContacts").isEqualTo(r.id("B"));
        s.assertThat(r.text("entities/me")).as("client.getEntity('me')").isEqualTo(r.id("A"));
        r.assertAll(s);
    }

    @Test
    void mtcuteSignsUpAndInAndSeesContactsPrivacyAndAccessHashes() throws Exception {
        ScriptRun r = run("mtcute", List.of("9996631001", "9996631002", "9996631003"), null);
        SoftAssertions s = new SoftAssertions();
        common(s, r, 227);
        // mtcute's high-level signIn() refuses auth.authorizationSignUpRequired with its own error: the script saw it
        s.assertThat(r.text("signUpA/signUpRequiredSeen")).as("tg.signIn() with the right code met auth.authorizationSignUpRequired")
                .contains("Signup is no longer supported");
        s.assertThat(r.text("signUpA/sentCodeType")).as("auth.sentCode type").isEqualTo("sms");
        s.assertThat(r.at("signUpA/codeLength").asInt()).as("auth.sentCode length").isEqualTo(5);
        // tg.start() with a wrong code first: invalidCodeCallback('code'), then the right code
        s.assertThat(r.strings("secondSignIn/invalidCodeCallbacks")).as("tg.start() invalidCodeCallback calls").containsExactly("code");
        s.assertThat(r.at("secondSignIn/codesAsked").asInt()).as("tg.start() asked for a code twice").isEqualTo(2);
        // mtcute's stored access_hash and peer resolution
        for (String[] v : new String[][]{{"aSeesB", "B"}, {"bSeesA", "A"}}) {
            s.assertThat(r.text(v[0] + "/highLevelGetUsers/id")).as(v[0] + ": tg.getUsers([id]) (mtcute's stored access_hash)").isEqualTo(r.id(v[1]));
            s.assertThat(r.bool(v[0] + "/highLevelGetUsers/mutualContact")).as(v[0] + ": tg.getUsers mutual_contact").isTrue();
        }
        s.assertThat(r.strings("aContacts/highLevelIds")).as("tg.getContacts()").containsExactly(r.id("B"));
        s.assertThat(r.text("entities/byUsername")).as("tg.resolvePeer(USERNAME in upper case)").isEqualTo(r.id("B"));
        s.assertThat(r.text("entities/byId")).as("tg.getUsers([id of B])").isEqualTo(r.id("B"));
        s.assertThat(r.text("entities/me")).as("tg.getMe()").isEqualTo(r.id("A"));
        // mtcute compresses requests over 128 bytes into gzip_packed holding a zlib (RFC 1950) deflate stream
        s.assertThat(r.at("compressedRequest/gzipped/0/method").asText(null))
                .as("compressedRequest: mtcute sent users.getUsers(40 x inputUserSelf) as gzip_packed").isEqualTo("users.getUsers");
        s.assertThat(r.at("compressedRequest/users").asInt()).as("compressedRequest: users.getUsers(40 x inputUserSelf) answered"
                + " (INPUT_REQUEST_INVALID here means the server cannot read mtcute's gzip_packed: zlib stream, not a gzip member)")
                .isEqualTo(40);
        s.assertThat(r.text("compressedRequest/firstId")).as("compressedRequest: inputUserSelf is A").isEqualTo(r.id("A"));
        r.assertAll(s);
    }

    @Test
    void mtprotoCoreSignsUpAndInAndSeesContactsPrivacyAndAccessHashesAndFloodWaits() throws Exception {
        ScriptRun r = run("mtproto-core", List.of("9996641001", "9996641002", "9996641003"), "9996641099");
        SoftAssertions s = new SoftAssertions();
        common(s, r, 158);
        s.assertThat(r.text("signUpA/signInResult")).as("auth.signIn with the right code for a new number").isEqualTo("auth.authorizationSignUpRequired");
        s.assertThat(r.text("secondSignIn/signInResult")).as("auth.signIn of an existing account").isEqualTo("auth.authorization");
        s.assertThat(r.text("signUpA/sentCodeType")).as("auth.sentCode type").isEqualTo("auth.sentCodeTypeSms");
        s.assertThat(r.at("signUpA/codeLength").asInt()).as("auth.sentCode length").isEqualTo(5);
        // five wrong codes within the window, then FLOOD_WAIT for wrong and right codes and for a new code
        JsonNode attempts = r.at("flood/attempts");
        s.assertThat(attempts.size()).as("flood: auth.signIn attempts").isEqualTo(6);
        for (int i = 0; i < 5 && i < attempts.size(); i++) {
            s.assertThat(attempts.get(i).path("message").asText()).as("flood: wrong code #" + (i + 1)).isEqualTo("PHONE_CODE_INVALID");
        }
        for (String p : List.of("flood/attempts/5", "flood/rightCode", "flood/sendCode")) {
            s.assertThat(r.at(p + "/code").asInt()).as(p + " error code").isEqualTo(420);
            s.assertThat(r.text(p + "/message")).as(p + " error").matches("FLOOD_WAIT_\\d+");
        }
        r.assertAll(s);
    }

    /** The checks every client runs (see the scripts and lib/accounts.mjs for what each JSON field is). */
    private static void common(SoftAssertions s, ScriptRun r, int layer) {
        s.assertThat(r.at("layer").asInt()).as("layer").isEqualTo(layer);

        // 6. not signed in
        for (String m : List.of("getUsersSelf", "getState")) {
            s.assertThat(r.at("notSignedIn/" + m + "/code").asInt()).as("not signed in: " + m + " error code").isEqualTo(401);
            s.assertThat(r.text("notSignedIn/" + m + "/message")).as("not signed in: " + m).isEqualTo("AUTH_KEY_UNREGISTERED");
        }

        // 1. sign-up of A, B and C (fresh keys), 7. the wrong code
        List<String> ids = new ArrayList<>();
        for (String k : List.of("A", "B", "C")) {
            s.assertThat(r.bool("accounts/" + k + "/signedUp")).as("account " + k + " was signed up (new number)").isTrue();
            s.assertThat(r.bool("accounts/" + k + "/self")).as("account " + k + ": user.self").isTrue();
            s.assertThat(r.text("accounts/" + k + "/phone")).as("account " + k + ": phone").isEqualTo(r.phone(k));
            s.assertThat(r.text("accounts/" + k + "/accessHash")).as("account " + k + ": the self user carries an access_hash").isNotNull();
            ids.add(r.id(k));
        }
        s.assertThat(ids).as("account ids").doesNotContainNull().doesNotHaveDuplicates();
        s.assertThat(r.at("counters/handshakes").asInt()).as("fresh auth keys (A, B, C, A again)").isGreaterThanOrEqualTo(4);
        s.assertThat(r.text("signUpA/onErrors/0/message")).as("auth.signIn with a wrong code").isEqualTo("PHONE_CODE_INVALID");
        s.assertThat(r.at("signUpA/onErrors/0/code").asInt()).as("auth.signIn with a wrong code: error code").isEqualTo(400);
        s.assertThat(r.at("signUpA/onErrors").size()).as("errors while signing A up").isEqualTo(1);

        // usernames
        for (String k : List.of("A", "B")) {
            s.assertThat(r.text("usernames/" + k + "/returned")).as("account.updateUsername of " + k).isEqualTo(r.text("usernames/" + k + "/set"));
        }

        // 2. a second sign-in of A reaches the same account
        s.assertThat(r.text("secondSignIn/id")).as("second sign-in of A: same id").isEqualTo(r.id("A"));
        s.assertThat(r.bool("secondSignIn/signedUp")).as("second sign-in of A: no sign-up").isFalse();
        s.assertThat(r.text("secondSignIn/username")).as("second sign-in of A: its username").isEqualTo(r.text("usernames/A/set"));

        // 3. contacts imported by phone, each side
        s.assertThat(r.strings("importAB/imported")).as("A imports B by phone ('+' form)").containsExactly(r.id("B"));
        s.assertThat(r.bool("importAB/user/contact")).as("A imports B: contact").isTrue();
        s.assertThat(r.bool("importAB/user/mutualContact")).as("A imports B: not mutual yet").isFalse();
        s.assertThat(r.strings("importBA/imported")).as("B imports A by phone (digits only)").containsExactly(r.id("A"));
        s.assertThat(r.bool("importBA/user/contact")).as("B imports A: contact").isTrue();
        s.assertThat(r.bool("importBA/user/mutualContact")).as("B imports A: mutual").isTrue();
        String[][] pairs = {{"aSeesB", "B", "Bobby", "Saved", "importAB"}, {"bSeesA", "A", "Ally", null, "importBA"}};
        for (String[] v : pairs) {
            for (String via : List.of("getUsers", "getFullUser/user")) {
                String p = v[0] + "/" + via;
                s.assertThat(r.text(p + "/id")).as(p + ": id").isEqualTo(r.id(v[1]));
                s.assertThat(r.bool(p + "/contact")).as(p + ": contact").isTrue();
                s.assertThat(r.bool(p + "/mutualContact")).as(p + ": mutual_contact").isTrue();
                s.assertThat(r.text(p + "/firstName")).as(p + ": the name the viewer saved").isEqualTo(v[2]);
                s.assertThat(r.text(p + "/lastName")).as(p + ": the last name the viewer saved").isEqualTo(v[3]);
                s.assertThat(r.text(p + "/phone")).as(p + ": phone visible to a contact").isEqualTo(r.phone(v[1]));
                s.assertThat(r.text(p + "/accessHash")).as(p + ": access_hash as in the import").isEqualTo(r.text(v[4] + "/user/accessHash"));
            }
            s.assertThat(r.text(v[0] + "/getFullUser/fullUserId")).as(v[0] + ": userFull.id").isEqualTo(r.id(v[1]));
        }
        for (String[] v : new String[][]{{"aContacts", "B"}, {"bContacts", "A"}}) {
            s.assertThat(r.strings(v[0] + "/contacts/0/userId")).as(v[0] + ": contacts.getContacts lists the other").containsExactly(r.id(v[1]));
            s.assertThat(r.at(v[0] + "/contacts").size()).as(v[0] + ": contacts.getContacts size").isEqualTo(1);
            s.assertThat(r.bool(v[0] + "/contacts/0/mutual")).as(v[0] + ": contact.mutual").isTrue();
            s.assertThat(r.bool(v[0] + "/users/0/mutualContact")).as(v[0] + ": users[0].mutual_contact").isTrue();
        }
        for (String[] v : new String[][]{{"aResolvesB", "B"}, {"bResolvesA", "A"}}) {
            s.assertThat(r.text(v[0] + "/query")).as(v[0] + ": queried in another letter case")
                    .isNotEqualTo(r.text("usernames/" + v[1] + "/set")).isEqualToIgnoringCase(r.text("usernames/" + v[1] + "/set"));
            s.assertThat(r.text(v[0] + "/peerUserId")).as(v[0] + ": contacts.resolveUsername peer").isEqualTo(r.id(v[1]));
            s.assertThat(r.bool(v[0] + "/user/contact")).as(v[0] + ": resolved user is a contact").isTrue();
            s.assertThat(r.text(v[0] + "/user/username")).as(v[0] + ": username as set").isEqualTo(r.text("usernames/" + v[1] + "/set"));
        }
        s.assertThat(r.text("aResolvesPhoneC/peerUserId")).as("contacts.resolvePhone(C)").isEqualTo(r.id("C"));
        s.assertThat(r.bool("aResolvesPhoneC/user/contact")).as("contacts.resolvePhone(C): not a contact").isFalse();
        s.assertThat(r.text("aResolvesPhoneC/user/phone")).as("contacts.resolvePhone(C): phone hidden from a non-contact").isNull();
        s.assertThat(r.text("about/bSees")).as("account.updateProfile(about) of A seen by B").isEqualTo(r.text("about/set"));

        // 4. privacy
        for (String p : List.of("privacy/set", "privacy/get", "privacy/afterRejected")) {
            s.assertThat(r.strings(p + "/rules/*/kind")).as(p + ": rule kinds").containsExactly("allowUsers", "disallowAll");
            s.assertThat(r.strings(p + "/rules/0/users")).as(p + ": allowUsers ids").containsExactly(r.id("B"));
            s.assertThat(r.strings(p + "/users")).as(p + ": users vector").contains(r.id("B"));
        }
        for (String p : List.of("privacy/allowAndDisallowAll", "privacy/userBothWays")) {
            s.assertThat(r.text(p + "/message")).as(p + ": a contradictory rule set").isEqualTo("PRIVACY_VALUE_INVALID");
        }
        s.assertThat(r.text("privacy/tooLong/message")).as("privacy/tooLong: 1001 rules").isEqualTo("PRIVACY_TOO_LONG");
        s.assertThat(r.strings("privacyEffect/rules/rules/*/kind")).as("privacyEffect: rules").containsExactly("disallowUsers", "allowAll");
        if ("about".equals(r.text("privacyEffect/key"))) {
            s.assertThat(r.text("privacyEffect/bSees")).as("privacyEffect: A's about hidden from B (disallowUsers)").isNull();
            s.assertThat(r.text("privacyEffect/cSees")).as("privacyEffect: A's about shown to C (allowAll)").isEqualTo(r.text("about/set"));
        } else {
            s.assertThat(r.text("privacyEffect/key")).as("privacyEffect: key").isEqualTo("statusTimestamp");
            s.assertThat(r.text("privacyEffect/bSees")).as("privacyEffect: A's last seen hidden from B (disallowUsers)").isEqualTo("userStatusRecently");
            s.assertThat(r.text("privacyEffect/cSees")).as("privacyEffect: A's last seen shown to C (allowAll)")
                    .isNotNull().isNotEqualTo("userStatusRecently");
        }

        // 5. access_hash: per viewer, a wrong one and a borrowed one refused
        for (String p : List.of("accessHash/getFullUserFlipped", "accessHash/getUsersFlipped", "accessHash/cWithAHash")) {
            s.assertThat(r.at(p + "/code").asInt()).as(p + " error code").isEqualTo(400);
            s.assertThat(r.text(p + "/message")).as(p).isEqualTo("USER_ID_INVALID");
        }
        s.assertThat(r.text("accessHash/cForB")).as("C's access_hash for B differs from A's").isNotNull().isNotEqualTo(r.text("accessHash/aForB"));
        s.assertThat(r.text("accessHash/cWithOwnHash/fullUserId")).as("C's own access_hash for B works").isEqualTo(r.id("B"));
        s.assertThat(r.bool("accessHash/cWithOwnHash/user/contact")).as("B is not C's contact").isFalse();
        s.assertThat(r.text("accessHash/cWithOwnHash/user/phone")).as("B's phone hidden from C").isNull();
        s.assertThat(r.text("accessHash/cWithOwnHash/user/firstName")).as("C sees B's own name").isEqualTo("Bob");
        s.assertThat(r.strings("hashZero/aGetsContactB")).as("users.getUsers(B, access_hash 0) by A (a contact)").containsExactly(r.id("B"));
        s.assertThat(r.strings("hashZero/cGetsStrangerA")).as("users.getUsers(A, access_hash 0) by C (a stranger)").isEmpty();

        // contacts.addContact / deleteContacts
        s.assertThat(r.text("addDelete/addResult")).as("contacts.addContact result").isEqualToIgnoringCase("updates");
        s.assertThat(r.bool("addDelete/added/contact")).as("after addContact: contact").isTrue();
        s.assertThat(r.bool("addDelete/added/mutualContact")).as("after addContact: not mutual").isFalse();
        s.assertThat(r.text("addDelete/added/firstName")).as("after addContact: the name C saved").isEqualTo("Bee");
        s.assertThat(r.text("addDelete/added/phone")).as("after addContact without a phone: phone still hidden").isNull();
        s.assertThat(r.bool("addDelete/afterDelete/contact")).as("after deleteContacts: not a contact").isFalse();
        s.assertThat(r.text("addDelete/afterDelete/firstName")).as("after deleteContacts: B's own name").isEqualTo("Bob");

        // updates: A's second session catches up, and got the same updates pushed
        s.assertThat(r.text("difference/type")).as("updates.getDifference").isEqualToIgnoringCase("updates.difference");
        List<String> updates = new ArrayList<>();
        for (JsonNode u : r.at("difference/updates")) updates.add(lowerFirst(u.path("type").asText()) + ":" + u.path("userId").asText(""));
        s.assertThat(updates).as("updates.getDifference: updateUser for B (mutual contact) and updatePrivacy")
                .contains("updateUser:" + r.id("B"), "updatePrivacy:");
        s.assertThat(r.strings("difference/users")).as("updates.getDifference users").contains(r.id("B"));
        s.assertThat(r.at("difference/state/seq").asInt()).as("updates.getDifference state.seq advanced")
                .isGreaterThan(r.at("secondSignIn/state/seq").asInt());
        List<String> pushed = r.strings("difference/pushedToSecondSession").stream().map(RealClientsAccountsTest::lowerFirst).toList();
        s.assertThat(pushed).as("updates pushed to A's second session").contains("updateUser", "updatePrivacy");

        // the run itself
        s.assertThat(r.at("stepErrors").toString()).as("steps that threw").isEqualTo("{}");
        s.assertThat(r.strings("errors")).as("errors").isEmpty();
        s.assertThat(r.at("reconnects").asInt(-1)).as("reconnects").isZero();
        s.assertThat(r.bool("ok")).as("ok").isTrue();
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /** Runs clients/&lt;client&gt;-accounts.mjs; its stderr goes to target/e2e-logs/&lt;client&gt;-accounts.stderr.log. */
    private static ScriptRun run(String client, List<String> phones, String floodPhone) throws Exception {
        NodeScript script = NodeScript.of(client, client + "-accounts").label(client + "-accounts").timeout(SCRIPT_TIMEOUT)
                .args("--phones", String.join(",", phones));
        if (floodPhone != null) script.args("--flood-phone", floodPhone);
        return script.run(server);
    }
}
