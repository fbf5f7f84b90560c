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
// The client is pointed at the server as in mtproto-core-connect.mjs (getPublisKeysByHex replaced, dcList, memory storage).

import { require, withTimeout, errorText, sleep, fingerprintLookupWarning, onConsoleWarn } from './lib/harness.mjs';
import {
    startAccountsRecorder, testCode, wrongCode, freshUsername, ruleKind, signedLong, step, expectRpcError, need,
} from './lib/accounts.mjs';
import { format } from 'node:util';

const CLIENT = 'mtproto-core';
const LAYER = 158; // hard-coded in @mtproto/core/src/rpc/index.js call()
const rec = startAccountsRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;

// @mtproto/core's 255-byte auth key bug (see mtproto-core-connect.mjs): "Invalid hash in mt_dh_gen_ok" is thrown in a
// transport handler and the pending call never settles; the instance is then abandoned for a fresh one.
let attempt = null; // { store, fail(error) } of the instance being connected
rec.catchUnhandled((e) => {
    if (!/Invalid hash in mt_dh_gen_ok/.test(e?.message ?? '') || !attempt) return false;
    const stored = attempt.store.get(`${opts.dc}authKey`);
    const length = stored ? JSON.parse(stored).length : null;
    if (length === null || length >= 256) {
        rec.error(`client rejected dh_gen_ok: ${e.message} (its auth key is ${length} bytes, so the server's new_nonce_hash1 is wrong)`);
        attempt.fail(e);
        return true;
    }
    rec.count('clientKeyQuirks');
    rec.warn(`@mtproto/core computed a ${length}-byte auth key (client bug) and rejected the server's correct ` +
        `new_nonce_hash1; starting over with a fresh instance`);
    attempt.fail(new QuirkRetry());
    return true;
});
rec.armTimeout();

class QuirkRetry extends Error {}

const fromCore = (m) => require(require.resolve(m, { paths: [require.resolve('@mtproto/core')] }));
const createDebug = fromCore('debug');
const MTProto = require('@mtproto/core');
const RSA = require('@mtproto/core/src/utils/rsa');
const Serializer = require('@mtproto/core/src/tl/serializer');
const { bytesToHex, hexToBytes } = require('@mtproto/core/src/utils/common');
const { version } = require('@mtproto/core/package.json');

const evenHex = (h) => (h.length % 2 ? '0' + h : h);
const serverKeys = [{ modulus: evenHex(opts.key.nHex), exponent: evenHex(opts.key.e.toString(16)) }];
RSA.prototype.getPublisKeysByHex = async function getPublisKeysByHex() {
    const publisKeysByHex = {};
    for (const publisKey of serverKeys) {
        const RSAPublicKey = new Serializer(function () {
            this.bytes(hexToBytes(publisKey.modulus));
            this.bytes(hexToBytes(publisKey.exponent));
        });
        const fingerprintBytes = (await this.SHA1(RSAPublicKey.getBuffer())).slice(-8);
        fingerprintBytes.reverse();
        publisKeysByHex[bytesToHex(fingerprintBytes)] = { modulus: publisKey.modulus, exponent: publisKey.exponent };
    }
    return publisKeysByHex;
};

// --- its debug logs, classified (as in mtproto-core-connect.mjs); one TCP connection per instance ---
let expectedConnects = 0;
createDebug.enable('mtproto-core*');
createDebug.log = function (...args) {
    const ns = this?.namespace ?? '';
    let line;
    try {
        line = format(...args);
    } catch {
        line = String(args[0]);
    }
    rec.log(line);
    if (/:transport-\d+$/.test(ns) && / connect$/.test(line.trimEnd())) {
        rec.count('connects');
        if (rec.counters.connects > expectedConnects) {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`@mtproto/core opened TCP connection #${rec.counters.connects} (its transport reconnects when the socket closes)`);
        }
        return;
    }
    if (rec.shuttingDown) return;
    if (/transport error/.test(line)) return rec.error(`transport error: ${line.replace(/^.*?transport error/, 'transport error')}`);
    if (/handling mt_bad_server_salt/.test(line)) return rec.count('badServerSalts');
    if (/handling mt_bad_msg_notification/.test(line)) return rec.error(`server sent bad_msg_notification: ${line}`);
    if (/message id from server is even/.test(line)) return rec.error(`server message with an even msg_id: ${line}`);
    if (/error when calling the method/.test(line)) return rec.error(line);
    if (/for a non-existent message/.test(line)) return rec.warn(line);
    if (/handling update/.test(line)) return rec.count('updatesReceived');
};
onConsoleWarn((line) => {
    if (!rec.shuttingDown) rec.error(`client warning (message dropped): ${line}`);
});

/** A new instance with empty storage, its auth key made by a first help.getConfig; updates it receives land in updates[]. */
async function newClient(label) {
    for (let i = 1; ; i++) {
        const store = new Map();
        const mtproto = new MTProto({
            api_id: 1,
            api_hash: '0123456789abcdef0123456789abcdef',
            storageOptions: { instance: { get: (k) => store.get(k), set: (k, v) => store.set(k, v) } },
        });
        mtproto.dcList = [1, 2, 3, 4, 5].map((id) => ({ id, ip: opts.host, port: opts.port }));
        mtproto.updateInitConnectionParams({ device_model: `portrait-e2e-${label}` });
        await mtproto.setDefaultDc(opts.dc);
        const updates = [];
        for (const name of ['updates', 'updatesCombined', 'updateShort', 'updatesTooLong']) {
            mtproto.updates.on(name, (u) => {
                updates.push(u);
                rec.log(`[${label}] ${name}: ${(u.updates ?? [u.update]).map((x) => x?._).join(', ')}`);
            });
        }
        expectedConnects++;
        let fail;
        const failed = new Promise((_, reject) => { fail = reject; });
        attempt = { store, fail };
        try {
            const config = await Promise.race([
                withTimeout(mtproto.call('help.getConfig'), 60_000, `${label}: help.getConfig`),
                failed,
            ]);
            need(config?._ === 'config', `${label}: help.getConfig returns config`, config?._);
            rec.count('handshakes');
            return { mtproto, updates, label, call: (method, params = {}, options) => mtproto.call(method, params, options) };
        } catch (e) {
            if (e instanceof QuirkRetry && i < 3) {
                const transport = mtproto.rpcs.get(opts.dc)?.transport;
                transport?.socket?.removeAllListeners('close');
                transport?.socket?.destroy();
                continue;
            }
            throw e;
        } finally {
            attempt = null;
        }
    }
}

const rpc = (e) => (e && e._ === 'mt_rpc_error' ? { code: e.error_code, message: e.error_message } : null);
const mustFail = (p) => expectRpcError(p, rpc);

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

const rulesView = (r) => ({
    rules: r.rules.map((x) => ({ kind: ruleKind(x._), ...(x.users ? { users: x.users.map(signedLong) } : {}) })),
    users: r.users.map((u) => signedLong(u.id)),
});

// @mtproto/core reads longs as unsigned decimal strings and writes them from unsigned values only
const unsigned = (s) => BigInt.asUintN(64, BigInt(s)).toString();
const inputUser = (id, hash) => ({ _: 'inputUser', user_id: unsigned(id), access_hash: unsigned(hash) });
const flipLowBit = (hash) => BigInt.asIntN(64, BigInt(hash) ^ 1n).toString();
const findUser = (users, id) => (users ?? []).find((u) => signedLong(u.id) === id);

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
    await step(rec, 'signUpA', async () => {
        const { flow, me } = await signUp(a, '+' + PHONE_A, 'Alice', 'Core', [wrongCode(PHONE_A), testCode(PHONE_A)]);
        accounts.A = { ...userView(me), signedUp: flow.signedUp };
        return { onErrors: flow.signInErrors, signInResult: flow.signInResult, sentCodeType: flow.sentCodeType, codeLength: flow.codeLength };
    });
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        const { flow, me } = await signUp(b, PHONE_B, 'Bob', 'Core', [testCode(PHONE_B)]);
        accounts.B = { ...userView(me), signedUp: flow.signedUp };
    });
    const c = await newClient('C');
    await step(rec, 'signUpC', async () => {
        const { flow, me } = await signUp(c, PHONE_C, 'Carol', '', [testCode(PHONE_C)]);
        accounts.C = { ...userView(me), signedUp: flow.signedUp };
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
