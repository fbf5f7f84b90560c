// @mtproto/core 6.3.0 (layer 158) signs accounts up and in on a Portrait test-mode server and checks what accounts see
// of each other (milestone M3 acceptance). Same checks as gramjs-accounts.mjs, with the raw calls this client offers:
//  - a fresh client is not signed in: users.getUsers([inputUserSelf]) and updates.getState → 401 AUTH_KEY_UNREGISTERED;
//  - auth.sendCode, auth.signIn (a wrong code first for A: PHONE_CODE_INVALID) → auth.authorizationSignUpRequired,
//    auth.signUp → auth.authorization, for A, B and C, each on its own instance (empty storage, fresh auth key);
//  - account.updateUsername on A and B; a second instance signs A in (auth.signIn → auth.authorization, same id);
//  - contacts, privacy, wrong access_hash values, updates.getDifference on A's second session.
// auth.signIn / auth.signUp are called with {syncAuth: false}: by default @mtproto/core copies a new authorization to
// every other DC of its list with auth.exportAuthorization, which a single-DC server does not implement.
//
//   node clients/mtproto-core-accounts.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996641001,9996641002,9996641003
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/accounts.mjs); logs go to stderr.
// The client is pointed at the server by lib/mtproto-core-client.mjs (getPublisKeysByHex replaced, dcList, memory storage).

import { sleep, fingerprintLookupWarning } from './lib/harness.mjs';
import {
    startAccountsRecorder, signUpAccounts, testCode, wrongCode, freshUsername, signedLong, step, need, rulesViewWith,
    flipLowBit, findUser,
} from './lib/accounts.mjs';
import { LAYER, version, rpc, mustFail, mtprotoCoreHarness } from './lib/mtproto-core-client.mjs';

const CLIENT = 'mtproto-core';
const rec = startAccountsRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
// updates pushed to a signed-in instance are expected here: counted (updatesReceived), not warnings
const core = mtprotoCoreHarness(rec, { countUpdates: true });
rec.armTimeout();

/** A new instance with empty storage, its auth key made by a first help.getConfig; updates it receives land in updates[]. */
const newClient = (label) => core.newClient(label);

/** Sends a code and signs the number in with each code in turn; a new number is then signed up. */
async function signUp(c, phone, first, last, codes) {
    const flow = { phone, signedUp: false, signInErrors: [], signUpRequired: false };
    const sent = await c.call('auth.sendCode', { phone_number: phone, settings: { _: 'codeSettings' } });
    flow.sentCodeType = sent.type?._;
    flow.codeLength = sent.type?.length;
    let result = null;
    for (const code of codes) {
        try {
            result = await c.call('auth.signIn', { phone_number: phone, phone_code_hash: sent.phone_code_hash, phone_code: code }, { syncAuth: false });
            break;
        } catch (e) {
            const r = rpc(e);
            if (!r) throw e;
            flow.signInErrors.push(r);
        }
    }
    need(result, 'auth.signIn with the right code succeeds', flow);
    flow.signInResult = result._;
    if (result._ === 'auth.authorizationSignUpRequired') {
        flow.signUpRequired = true;
        result = await c.call('auth.signUp', { phone_number: phone, phone_code_hash: sent.phone_code_hash, first_name: first, last_name: last }, { syncAuth: false });
        need(result?._ === 'auth.authorization', 'auth.signUp answers auth.authorization', result?._);
        flow.signedUp = true;
    }
    need(result._ === 'auth.authorization', 'auth.signIn / auth.signUp end with auth.authorization', result._);
    return { flow, me: result.user };
}

const userView = (u) => u && ({
    id: signedLong(u.id),
    accessHash: signedLong(u.access_hash),
    self: Boolean(u.self),
    contact: Boolean(u.contact),
    mutualContact: Boolean(u.mutual_contact),
    firstName: u.first_name ?? null,
    lastName: u.last_name ?? null,
    username: u.username ?? null,
    phone: u.phone ?? null,
});

const rulesView = rulesViewWith((x) => x._);

// @mtproto/core reads longs as unsigned decimal strings and writes them from unsigned values only
const unsigned = (s) => BigInt.asUintN(64, BigInt(s)).toString();
const inputUser = (id, hash) => ({ _: 'inputUser', user_id: unsigned(id), access_hash: unsigned(hash) });

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.layer = LAYER;
    rec.result.version = version;
    rec.result.phones = rec.phones;
    const names = { A: freshUsername('CoreA_'), B: freshUsername('coreB_') };

    const a = await newClient('A');
    await step(rec, 'notSignedIn', async () => ({
        getUsersSelf: await mustFail(a.call('users.getUsers', { id: [{ _: 'inputUserSelf' }] })),
        getState: await mustFail(a.call('updates.getState')),
    }));
    const accounts = {};
    rec.result.accounts = accounts;
    const { b, c } = await signUpAccounts(rec, accounts, a, newClient, {
        signUp, userView, last: 'Core',
        viewA: (flow) => ({ onErrors: flow.signInErrors, signInResult: flow.signInResult, sentCodeType: flow.sentCodeType, codeLength: flow.codeLength }),
    });
    const idA = accounts.A?.id, idB = accounts.B?.id;

    await step(rec, 'usernames', async () => {
        const out = {};
        for (const [k, cl] of [['A', a], ['B', b]]) {
            const u = await cl.call('account.updateUsername', { username: names[k] });
            out[k] = { set: names[k], returned: u.username ?? null, self: Boolean(u.self) };
        }
        return out;
    });

    const a2 = await newClient('A2');
    let stateA2 = null;
    await step(rec, 'secondSignIn', async () => {
        const { flow, me } = await signUp(a2, PHONE_A, 'Alice', 'Again', [testCode(PHONE_A)]);
        stateA2 = await a2.call('updates.getState');
        return {
            ...userView(me), signedUp: flow.signedUp, signInResult: flow.signInResult, onErrors: flow.signInErrors,
            state: { pts: stateA2.pts, seq: stateA2.seq, date: stateA2.date },
        };
    });

    const hashes = {};
    await step(rec, 'importAB', async () => {
        const r = await a.call('contacts.importContacts', {
            contacts: [{ _: 'inputPhoneContact', client_id: '1', phone: '+' + PHONE_B, first_name: 'Bobby', last_name: 'Saved' }],
        });
        const user = findUser(r.users, idB);
        hashes.AB = user ? signedLong(user.access_hash) : null;
        return { imported: r.imported.map((i) => signedLong(i.user_id)), user: userView(user) };
    });
    await step(rec, 'importBA', async () => {
        const r = await b.call('contacts.importContacts', {
            contacts: [{ _: 'inputPhoneContact', client_id: '7', phone: PHONE_A, first_name: 'Ally', last_name: '' }],
        });
        const user = findUser(r.users, idA);
        hashes.BA = user ? signedLong(user.access_hash) : null;
        return { imported: r.imported.map((i) => signedLong(i.user_id)), user: userView(user) };
    });

    const sees = async (viewer, id, hash) => {
        const users = await viewer.call('users.getUsers', { id: [inputUser(id, hash)] });
        const full = await viewer.call('users.getFullUser', { id: inputUser(id, hash) });
        return {
            getUsers: userView(users[0]),
            getFullUser: { fullUserId: signedLong(full.full_user.id), about: full.full_user.about ?? null, user: userView(findUser(full.users, id)) },
        };
    };
    await step(rec, 'aSeesB', () => sees(a, idB, hashes.AB));
    await step(rec, 'bSeesA', () => sees(b, idA, hashes.BA));

    const contactsOf = async (cl) => {
        const r = await cl.call('contacts.getContacts', { hash: '0' });
        need(r?._ === 'contacts.contacts', 'contacts.contacts', r?._);
        return {
            contacts: r.contacts.map((x) => ({ userId: signedLong(x.user_id), mutual: Boolean(x.mutual) })),
            users: r.users.map(userView),
        };
    };
    await step(rec, 'aContacts', () => contactsOf(a));
    await step(rec, 'bContacts', () => contactsOf(b));

    const resolve = async (cl, username) => {
        const r = await cl.call('contacts.resolveUsername', { username });
        const peerUserId = r.peer?._ === 'peerUser' ? signedLong(r.peer.user_id) : null;
        return { query: username, peerUserId, user: userView(findUser(r.users, peerUserId)) };
    };
    await step(rec, 'aResolvesB', () => resolve(a, names.B.toUpperCase()));
    await step(rec, 'bResolvesA', () => resolve(b, names.A.toLowerCase()));
    await step(rec, 'aResolvesPhoneC', async () => {
        const r = await a.call('contacts.resolvePhone', { phone: PHONE_C });
        const peerUserId = r.peer?._ === 'peerUser' ? signedLong(r.peer.user_id) : null;
        return { peerUserId, user: userView(findUser(r.users, peerUserId)) };
    });

    await step(rec, 'about', async () => {
        const text = 'portrait e2e (mtproto-core)';
        const u = await a.call('account.updateProfile', { about: text });
        const full = await b.call('users.getFullUser', { id: inputUser(idA, hashes.BA) });
        return { set: text, returnedSelf: Boolean(u.self), bSees: full.full_user.about ?? null };
    });

    await step(rec, 'privacy', async () => {
        const key = { _: 'inputPrivacyKeyProfilePhoto' };
        const set = await a.call('account.setPrivacy', {
            key, rules: [{ _: 'inputPrivacyValueAllowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueDisallowAll' }],
        });
        const get = await a.call('account.getPrivacy', { key });
        const allowAndDisallowAll = await mustFail(a.call('account.setPrivacy', {
            key, rules: [{ _: 'inputPrivacyValueAllowAll' }, { _: 'inputPrivacyValueDisallowAll' }],
        }));
        const userBothWays = await mustFail(a.call('account.setPrivacy', {
            key,
            rules: [{ _: 'inputPrivacyValueAllowUsers', users: [inputUser(idB, hashes.AB)] },
                { _: 'inputPrivacyValueDisallowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueAllowContacts' }],
        }));
        const tooLong = await mustFail(a.call('account.setPrivacy', {
            key, rules: Array.from({ length: 1001 }, () => ({ _: 'inputPrivacyValueAllowContacts' })),
        }));
        const afterRejected = await a.call('account.getPrivacy', { key });
        return { set: rulesView(set), get: rulesView(get), allowAndDisallowAll, userBothWays, tooLong, afterRejected: rulesView(afterRejected) };
    });

    await step(rec, 'accessHash', async () => {
        const wrong = flipLowBit(hashes.AB);
        const out = {
            aForB: hashes.AB,
            getFullUserFlipped: await mustFail(a.call('users.getFullUser', { id: inputUser(idB, wrong) })),
            getUsersFlipped: await mustFail(a.call('users.getUsers', { id: [inputUser(idB, wrong)] })),
        };
        const r = await c.call('contacts.resolveUsername', { username: names.B });
        const cb = findUser(r.users, idB);
        out.cForB = cb ? signedLong(cb.access_hash) : null;
        out.cWithAHash = await mustFail(c.call('users.getFullUser', { id: inputUser(idB, hashes.AB) }));
        const own = await c.call('users.getFullUser', { id: inputUser(idB, out.cForB) });
        out.cWithOwnHash = { fullUserId: signedLong(own.full_user.id), user: userView(own.users[0]) };
        return out;
    });

    await step(rec, 'addDelete', async () => {
        const hashCB = rec.result.accessHash?.cForB;
        need(hashCB, "C's access_hash for B (step accessHash)");
        const added = await c.call('contacts.addContact', { id: inputUser(idB, hashCB), first_name: 'Bee', last_name: 'ByC', phone: '' });
        const [after] = await c.call('users.getUsers', { id: [inputUser(idB, hashCB)] });
        const deleted = await c.call('contacts.deleteContacts', { id: [inputUser(idB, hashCB)] });
        const [gone] = await c.call('users.getUsers', { id: [inputUser(idB, hashCB)] });
        return { addResult: added._, added: userView(after), deleteResult: deleted._, afterDelete: userView(gone) };
    });

    await step(rec, 'hashZero', async () => {
        const known = await a.call('users.getUsers', { id: [inputUser(idB, 0)] });
        const stranger = await c.call('users.getUsers', { id: [inputUser(idA, 0)] });
        return { aGetsContactB: known.map((u) => signedLong(u.id)), cGetsStrangerA: stranger.map((u) => signedLong(u.id)) };
    });

    // layer 158 has no inputPrivacyKeyAbout (@mtproto/core cannot serialize it): the last-seen status instead
    await step(rec, 'privacyEffect', async () => {
        const set = await a.call('account.setPrivacy', {
            key: { _: 'inputPrivacyKeyStatusTimestamp' },
            rules: [{ _: 'inputPrivacyValueDisallowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueAllowAll' }],
        });
        const [bView] = await b.call('users.getUsers', { id: [inputUser(idA, hashes.BA)] });
        const r = await c.call('contacts.resolveUsername', { username: names.A });
        const ca = findUser(r.users, idA);
        const [cView] = await c.call('users.getUsers', { id: [inputUser(idA, signedLong(ca.access_hash))] });
        return { key: 'statusTimestamp', rules: rulesView(set), bSees: bView.status?._ ?? null, cSees: cView.status?._ ?? null };
    });

    // --flood-phone: wrong codes until FLOOD_WAIT (the server allows 5 in its window), then even the right code waits
    if (rec.floodPhone) {
        const f = await newClient('F');
        await step(rec, 'flood', async () => {
            const phone = rec.floodPhone;
            const sent = await f.call('auth.sendCode', { phone_number: phone, settings: { _: 'codeSettings' } });
            const attempts = [];
            for (let i = 0; i < 6; i++) {
                attempts.push(await mustFail(f.call('auth.signIn', { phone_number: phone, phone_code_hash: sent.phone_code_hash, phone_code: wrongCode(phone) }, { syncAuth: false })));
            }
            const rightCode = await mustFail(f.call('auth.signIn', { phone_number: phone, phone_code_hash: sent.phone_code_hash, phone_code: testCode(phone) }, { syncAuth: false }));
            const sendCode = await mustFail(f.call('auth.sendCode', { phone_number: phone, settings: { _: 'codeSettings' } }));
            return { phone, attempts, rightCode, sendCode };
        });
    }

    await step(rec, 'difference', async () => {
        need(stateA2, 'the second session has a state');
        const d = await a2.call('updates.getDifference', { pts: stateA2.pts, date: stateA2.date, qts: 0 });
        return {
            type: d._,
            updates: (d.other_updates ?? []).map((u) => ({ type: u._, ...(u.user_id !== undefined ? { userId: signedLong(u.user_id) } : {}) })),
            users: (d.users ?? []).map((u) => signedLong(u.id)),
            state: d.state ? { pts: d.state.pts, seq: d.state.seq, date: d.state.date } : null,
            pushedToSecondSession: a2.updates.flatMap((u) => (u.updates ?? [u.update]).map((x) => x?._ ?? null)),
        };
    });

    await sleep(200);
    // @mtproto/core has no disconnect: its transport reconnects whenever the socket closes. Just exit.
    rec.shuttingDown = true;
    rec.finish(true);
}

rec.run(main);
