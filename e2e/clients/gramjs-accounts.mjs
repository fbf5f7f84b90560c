// gramjs (npm `telegram` 2.26.22, layer 198) signs accounts up and in on a Portrait test-mode server and checks what
// accounts see of each other (milestone M3 acceptance):
//  - a fresh client is not signed in: users.getUsers([inputUserSelf]) and updates.getState answer 401 AUTH_KEY_UNREGISTERED;
//  - client.start({phoneNumber, phoneCode, firstAndLastNames, onError}) signs up A (its first code is wrong:
//    PHONE_CODE_INVALID reaches onError, then the right code), B and C, each on its own client (fresh auth key);
//  - account.updateUsername on A and B; a second client.start with A's number reaches the same account, no sign-up;
//  - A and B import each other by phone: contact and mutual_contact via users.getUsers / users.getFullUser,
//    contacts.getContacts, contacts.resolveUsername in another letter case, contacts.resolvePhone;
//  - account.updateProfile(about) seen by B; privacy rules round-trip, contradictions → PRIVACY_VALUE_INVALID;
//  - access_hash per viewer: a wrong one → USER_ID_INVALID, A's hash for B used by C → USER_ID_INVALID;
//  - A's second session catches up with updates.getDifference (updateUser for B, updatePrivacy).
//
//   node clients/gramjs-accounts.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996621001,9996621002,9996621003
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/accounts.mjs); logs go to stderr.
// The client is pointed at the server by lib/gramjs-client.mjs (RSA key in RSA._serverKeys, sockets to --host:--port).

import { withTimeout, errorText, sleep } from './lib/harness.mjs';
import {
    startAccountsRecorder, signUpAccounts, testCode, freshUsername, signedLong, step, need, userView, rulesViewWith,
    flipLowBit,
} from './lib/accounts.mjs';
import { Api, LAYER, version, bigInt, rpc, mustFail, gramjsHarness } from './lib/gramjs-client.mjs';

const CLIENT = 'gramjs';
const rec = startAccountsRecorder(CLIENT);
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

const gram = gramjsHarness(rec);
/** A new client (fresh auth key), connected; updates it receives land in updates[]. */
const newClient = (label) => gram.newClient(label, { updates: true });

/**
 * client.start() with the test number's code. codes: the codes phoneCode() hands out in turn (the last one repeats).
 * Returns what the flow did: the user, whether it signed up (firstAndLastNames was asked), the errors onError got.
 */
async function startAccount(c, phone, first, last, codes) {
    const flow = { phone, codesAsked: 0, signedUp: false, onErrors: [] };
    await withTimeout(c.client.start({
        phoneNumber: phone,
        phoneCode: async () => codes[Math.min(flow.codesAsked++, codes.length - 1)],
        firstAndLastNames: async () => {
            flow.signedUp = true;
            return [first, last];
        },
        onError: async (e) => {
            const r = rpc(e);
            flow.onErrors.push(r ?? { notRpcError: errorText(e) });
            rec.log(`[${c.label}] start() onError: ${errorText(e)}`);
            // go on only after an expected wrong code; anything else ends start() with AUTH_USER_CANCEL
            return !(r?.message === 'PHONE_CODE_INVALID' && flow.onErrors.length <= 2);
        },
    }), 60_000, `${c.label}: client.start()`);
    const me = await c.client.getMe();
    need(me instanceof Api.User, 'getMe() returns a user', me?.className);
    return { flow, me };
}

const rulesView = rulesViewWith((x) => x.className);

const inputUser = (id, hash) => new Api.InputUser({ userId: bigInt(id), accessHash: bigInt(hash) });

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    rec.result.phones = rec.phones;
    const names = {
        A: freshUsername('GramA_'),
        B: freshUsername('gramB_'),
    };

    // --- A: fresh client, not signed in yet; then client.start() with a wrong code first ---
    const a = await newClient('A');
    await step(rec, 'notSignedIn', async () => ({
        getUsersSelf: await mustFail(a.client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }))),
        getState: await mustFail(a.client.invoke(new Api.updates.GetState())),
    }));
    const accounts = {};
    rec.result.accounts = accounts;
    // A with a wrong code first, then B and C on their own clients (B's number without '+')
    const { b, c } = await signUpAccounts(rec, accounts, a, newClient, {
        signUp: startAccount, userView, last: 'Gram',
        viewA: (flow) => ({ codesAsked: flow.codesAsked, onErrors: flow.onErrors }),
    });
    const idA = accounts.A?.id, idB = accounts.B?.id, idC = accounts.C?.id;

    // --- usernames ---
    await step(rec, 'usernames', async () => {
        const out = {};
        for (const [k, cl] of [['A', a], ['B', b]]) {
            const u = await cl.client.invoke(new Api.account.UpdateUsername({ username: names[k] }));
            out[k] = { set: names[k], returned: u.username ?? null, self: Boolean(u.self) };
        }
        return out;
    });

    // --- A again, on a new client: client.start() reaches the same account ---
    const a2 = await newClient('A2');
    let stateA2 = null;
    await step(rec, 'secondSignIn', async () => {
        const { flow, me } = await startAccount(a2, PHONE_A, 'Alice', 'Again', [testCode(PHONE_A)]);
        stateA2 = await a2.client.invoke(new Api.updates.GetState());
        return { ...userView(me), signedUp: flow.signedUp, onErrors: flow.onErrors, state: { pts: stateA2.pts, seq: stateA2.seq, date: stateA2.date } };
    });

    // --- contacts: A imports B (with '+'), then B imports A (without) ---
    const hashes = {};
    await step(rec, 'importAB', async () => {
        const r = await a.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(1), phone: '+' + PHONE_B, firstName: 'Bobby', lastName: 'Saved' })],
        }));
        const user = r.users.find((u) => signedLong(u.id) === idB);
        hashes.AB = user ? signedLong(user.accessHash) : null;
        return { imported: r.imported.map((i) => signedLong(i.userId)), user: userView(user) };
    });
    await step(rec, 'importBA', async () => {
        const r = await b.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(7), phone: PHONE_A, firstName: 'Ally', lastName: '' })],
        }));
        const user = r.users.find((u) => signedLong(u.id) === idA);
        hashes.BA = user ? signedLong(user.accessHash) : null;
        return { imported: r.imported.map((i) => signedLong(i.userId)), user: userView(user) };
    });

    const sees = async (viewer, id, hash) => {
        const users = await viewer.client.invoke(new Api.users.GetUsers({ id: [inputUser(id, hash)] }));
        const full = await viewer.client.invoke(new Api.users.GetFullUser({ id: inputUser(id, hash) }));
        return {
            getUsers: userView(users[0]),
            getFullUser: { fullUserId: signedLong(full.fullUser.id), about: full.fullUser.about ?? null, user: userView(full.users.find((u) => signedLong(u.id) === id)) },
        };
    };
    await step(rec, 'aSeesB', () => sees(a, idB, hashes.AB));
    await step(rec, 'bSeesA', () => sees(b, idA, hashes.BA));

    const contactsOf = async (cl) => {
        const r = await cl.client.invoke(new Api.contacts.GetContacts({ hash: bigInt(0) }));
        need(r instanceof Api.contacts.Contacts, 'contacts.contacts', r?.className);
        return {
            contacts: r.contacts.map((x) => ({ userId: signedLong(x.userId), mutual: Boolean(x.mutual) })),
            users: r.users.map(userView),
        };
    };
    await step(rec, 'aContacts', () => contactsOf(a));
    await step(rec, 'bContacts', () => contactsOf(b));

    const resolve = async (cl, username) => {
        const r = await cl.client.invoke(new Api.contacts.ResolveUsername({ username }));
        const peerUserId = r.peer instanceof Api.PeerUser ? signedLong(r.peer.userId) : null;
        return { query: username, peerUserId, user: userView(r.users.find((u) => signedLong(u.id) === peerUserId)) };
    };
    await step(rec, 'aResolvesB', () => resolve(a, names.B.toUpperCase()));
    await step(rec, 'bResolvesA', () => resolve(b, names.A.toLowerCase()));
    await step(rec, 'aResolvesPhoneC', async () => {
        const r = await a.client.invoke(new Api.contacts.ResolvePhone({ phone: PHONE_C }));
        const peerUserId = r.peer instanceof Api.PeerUser ? signedLong(r.peer.userId) : null;
        return { peerUserId, user: userView(r.users.find((u) => signedLong(u.id) === peerUserId)) };
    });

    // --- profile: A's about, seen by B ---
    await step(rec, 'about', async () => {
        const text = 'portrait e2e (gramjs)';
        const u = await a.client.invoke(new Api.account.UpdateProfile({ about: text }));
        const full = await b.client.invoke(new Api.users.GetFullUser({ id: inputUser(idA, hashes.BA) }));
        return { set: text, returnedSelf: Boolean(u.self), bSees: full.fullUser.about ?? null };
    });

    // --- privacy: profile photo visible to B only ---
    await step(rec, 'privacy', async () => {
        const key = new Api.InputPrivacyKeyProfilePhoto();
        const set = await a.client.invoke(new Api.account.SetPrivacy({
            key,
            rules: [new Api.InputPrivacyValueAllowUsers({ users: [inputUser(idB, hashes.AB)] }), new Api.InputPrivacyValueDisallowAll()],
        }));
        const get = await a.client.invoke(new Api.account.GetPrivacy({ key }));
        const allowAndDisallowAll = await mustFail(a.client.invoke(new Api.account.SetPrivacy({
            key, rules: [new Api.InputPrivacyValueAllowAll(), new Api.InputPrivacyValueDisallowAll()],
        })));
        const userBothWays = await mustFail(a.client.invoke(new Api.account.SetPrivacy({
            key,
            rules: [new Api.InputPrivacyValueAllowUsers({ users: [inputUser(idB, hashes.AB)] }),
                new Api.InputPrivacyValueDisallowUsers({ users: [inputUser(idB, hashes.AB)] }), new Api.InputPrivacyValueAllowContacts()],
        })));
        const tooLong = await mustFail(a.client.invoke(new Api.account.SetPrivacy({
            key, rules: Array.from({ length: 1001 }, () => new Api.InputPrivacyValueAllowContacts()),
        })));
        const afterRejected = await a.client.invoke(new Api.account.GetPrivacy({ key }));
        return { set: rulesView(set), get: rulesView(get), allowAndDisallowAll, userBothWays, tooLong, afterRejected: rulesView(afterRejected) };
    });

    // --- access_hash: per viewer, wrong ones refused ---
    await step(rec, 'accessHash', async () => {
        const wrong = flipLowBit(hashes.AB);
        const out = {
            aForB: hashes.AB,
            getFullUserFlipped: await mustFail(a.client.invoke(new Api.users.GetFullUser({ id: inputUser(idB, wrong) }))),
            getUsersFlipped: await mustFail(a.client.invoke(new Api.users.GetUsers({ id: [inputUser(idB, wrong)] }))),
        };
        // C finds B by username (its own hash for B), then tries A's hash for B
        const r = await c.client.invoke(new Api.contacts.ResolveUsername({ username: names.B }));
        const cb = r.users.find((u) => signedLong(u.id) === idB);
        out.cForB = cb ? signedLong(cb.accessHash) : null;
        out.cWithAHash = await mustFail(c.client.invoke(new Api.users.GetFullUser({ id: inputUser(idB, hashes.AB) })));
        const own = await c.client.invoke(new Api.users.GetFullUser({ id: inputUser(idB, out.cForB) }));
        out.cWithOwnHash = { fullUserId: signedLong(own.fullUser.id), user: userView(own.users[0]) };
        return out;
    });

    // --- C adds B by InputUser (its own hash), then deletes it ---
    await step(rec, 'addDelete', async () => {
        const hashCB = rec.result.accessHash?.cForB;
        need(hashCB, "C's access_hash for B (step accessHash)");
        const added = await c.client.invoke(new Api.contacts.AddContact({ id: inputUser(idB, hashCB), firstName: 'Bee', lastName: 'ByC', phone: '' }));
        const [after] = await c.client.invoke(new Api.users.GetUsers({ id: [inputUser(idB, hashCB)] }));
        const deleted = await c.client.invoke(new Api.contacts.DeleteContacts({ id: [inputUser(idB, hashCB)] }));
        const [gone] = await c.client.invoke(new Api.users.GetUsers({ id: [inputUser(idB, hashCB)] }));
        return { addResult: added.className, added: userView(after), deleteResult: deleted.className, afterDelete: userView(gone) };
    });

    // --- access_hash 0 (what clients send for a bare id): accepted for a contact, nothing for a stranger ---
    await step(rec, 'hashZero', async () => {
        const known = await a.client.invoke(new Api.users.GetUsers({ id: [inputUser(idB, 0)] }));
        const stranger = await c.client.invoke(new Api.users.GetUsers({ id: [inputUser(idA, 0)] }));
        return { aGetsContactB: known.map((u) => signedLong(u.id)), cGetsStrangerA: stranger.map((u) => signedLong(u.id)) };
    });

    // --- privacy rules take effect: A's about hidden from B only ---
    await step(rec, 'privacyEffect', async () => {
        const set = await a.client.invoke(new Api.account.SetPrivacy({
            key: new Api.InputPrivacyKeyAbout(),
            rules: [new Api.InputPrivacyValueDisallowUsers({ users: [inputUser(idB, hashes.AB)] }), new Api.InputPrivacyValueAllowAll()],
        }));
        const bFull = await b.client.invoke(new Api.users.GetFullUser({ id: inputUser(idA, hashes.BA) }));
        const r = await c.client.invoke(new Api.contacts.ResolveUsername({ username: names.A }));
        const ca = r.users.find((u) => signedLong(u.id) === idA);
        const cFull = await c.client.invoke(new Api.users.GetFullUser({ id: inputUser(idA, signedLong(ca.accessHash)) }));
        return { key: 'about', rules: rulesView(set), bSees: bFull.fullUser.about ?? null, cSees: cFull.fullUser.about ?? null };
    });

    // --- gramjs's own entity resolution (docs: a username, a phone number, 'me') ---
    await step(rec, 'entities', async () => {
        const byUsername = await a.client.getEntity(names.B.toUpperCase());
        const byPhone = await a.client.getEntity('+' + PHONE_B);
        const me = await a.client.getEntity('me');
        return { byUsername: signedLong(byUsername.id), byPhone: signedLong(byPhone.id), me: signedLong(me.id) };
    });

    // --- A's second session catches up on what A's first session did ---
    await step(rec, 'difference', async () => {
        need(stateA2, 'the second session has a state');
        const d = await a2.client.invoke(new Api.updates.GetDifference({ pts: stateA2.pts, date: stateA2.date, qts: 0 }));
        const updates = d.otherUpdates ?? [];
        return {
            type: d.className,
            updates: updates.map((u) => ({ type: u.className, ...(u.userId !== undefined ? { userId: signedLong(u.userId) } : {}) })),
            users: (d.users ?? []).map((u) => signedLong(u.id)),
            state: d.state ? { pts: d.state.pts, seq: d.state.seq, date: d.state.date } : null,
            pushedToSecondSession: a2.updates.map((u) => u?.className ?? u?.constructor?.name ?? null),
        };
    });

    await sleep(200);
    await gram.disconnectAllAndFinish();
}

rec.run(main);
