// mtcute (@mtcute/node 0.30.3, layer 227) signs accounts up and in on a Portrait test-mode server and checks what
// accounts see of each other (milestone M3 acceptance). Same checks as gramjs-accounts.mjs, through mtcute's API:
//  - a fresh client is not signed in: users.getUsers([inputUserSelf]) and updates.getState → 401 AUTH_KEY_UNREGISTERED;
//  - sign-up: mtcute's high-level API refuses to sign up ("Signup is no longer supported by Telegram for non-official
//    clients", thrown by signIn() when the server answers auth.authorizationSignUpRequired), so A, B and C are signed up
//    with tg.sendCode(), tg.signIn() (a wrong code first for A: PHONE_CODE_INVALID), the raw auth.signUp call and
//    tg.notifyLoggedIn(), each on its own client (MemoryStorage, fresh auth key);
//  - usernames with tg.setMyUsername(); a second client signs A in with tg.start({phone, code}) (a wrong code first,
//    which start() reports through invalidCodeCallback) and reaches the same account;
//  - contacts with tg.importContacts(), tg.getUsers() (mtcute's stored access_hash) and raw calls; privacy; wrong
//    access_hash values; updates.getDifference on A's second session.
//
//   node clients/mtcute-accounts.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996631001,9996631002,9996631003
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/accounts.mjs); logs go to stderr.
// The client is pointed at the server by lib/mtcute-client.mjs (addPublicKey, defaultDcs, MemoryStorage).

import { withTimeout, sleep, fingerprintLookupWarning } from './lib/harness.mjs';
import {
    startAccountsRecorder, signUpAccounts, testCode, wrongCode, freshUsername, signedLong, step, need, userView,
    rulesViewWith, flipLowBit, findUser,
} from './lib/accounts.mjs';
import { Long, VERSION, kindOf, rpcOf, mustFailWith, mtcuteHarness } from './lib/mtcute-client.mjs';

const CLIENT = 'mtcute';
const rec = startAccountsRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

const gzipped = []; // requests mtcute sent as gzip_packed (from its debug log)
const cute = mtcuteHarness(rec, {
    onLine: (line) => {
        const gz = /gzipped (\S+) \((\d+)b -> (\d+)b\)/.exec(line);
        if (gz) gzipped.push({ method: gz[1], bytes: Number(gz[2]), packed: Number(gz[3]) });
    },
});
/** A new client on empty MemoryStorage (a fresh auth key), connected; raw updates it receives land in updates[]. */
const newClient = (label) => cute.newClient(label, { updates: true });

const rpc = (e) => rpcOf(e);
const mustFail = mustFailWith(rpc);

/**
 * Signs a new number up: tg.sendCode(), tg.signIn() with each code in turn (wrong ones must answer PHONE_CODE_INVALID;
 * the right one makes mtcute throw its "Signup is no longer supported" error, the server having answered
 * auth.authorizationSignUpRequired), then the raw auth.signUp and tg.notifyLoggedIn(). An existing account is just
 * signed in (signedUp false).
 */
async function signUp(c, phone, first, last, codes) {
    const flow = { phone, signedUp: false, signInErrors: [], signUpRequiredSeen: null };
    const sent = await c.tg.sendCode({ phone });
    flow.sentCodeType = sent.type;
    flow.codeLength = sent.length;
    for (const code of codes) {
        try {
            const me = await c.tg.signIn({ phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code });
            return { flow, me: me.raw };
        } catch (e) {
            const r = rpc(e);
            if (r) {
                flow.signInErrors.push(r);
                continue;
            }
            if (/Signup is no longer supported/.test(e?.message ?? '')) {
                flow.signUpRequiredSeen = e.message;
                break;
            }
            throw e;
        }
    }
    need(flow.signUpRequiredSeen, 'auth.signIn with the right code answers auth.authorizationSignUpRequired', flow);
    const auth = await c.tg.call({ _: 'auth.signUp', phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, firstName: first, lastName: last });
    need(auth?._ === 'auth.authorization', 'auth.signUp answers auth.authorization', auth?._);
    await c.tg.notifyLoggedIn(auth);
    flow.signedUp = true;
    const me = await c.tg.getMe();
    return { flow, me: me.raw };
}

const rulesView = rulesViewWith(kindOf);

const toLong = (s) => Long.fromString(String(s));
const inputUser = (id, hash) => ({ _: 'inputUser', userId: Number(id), accessHash: toLong(hash) });

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.version = VERSION;
    rec.result.phones = rec.phones;
    const names = { A: freshUsername('CuteA_'), B: freshUsername('cuteB_') };

    const a = await newClient('A');
    rec.result.layer = a.tg._client.mt._layer;
    await step(rec, 'notSignedIn', async () => ({
        getUsersSelf: await mustFail(a.tg.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })),
        getState: await mustFail(a.tg.call({ _: 'updates.getState' })),
    }));
    const accounts = {};
    rec.result.accounts = accounts;
    const { b, c } = await signUpAccounts(rec, accounts, a, newClient, {
        signUp, userView, last: 'Cute',
        viewA: (flow) => ({ onErrors: flow.signInErrors, signUpRequiredSeen: flow.signUpRequiredSeen, sentCodeType: flow.sentCodeType, codeLength: flow.codeLength }),
    });
    const idA = accounts.A?.id, idB = accounts.B?.id;

    await step(rec, 'usernames', async () => {
        const out = {};
        for (const [k, cl] of [['A', a], ['B', b]]) {
            const u = await cl.tg.setMyUsername(names[k]);
            out[k] = { set: names[k], returned: u.raw.username ?? null, self: Boolean(u.raw.self) };
        }
        return out;
    });

    // A again on a new client, through tg.start(): getMe → AUTH_KEY_UNREGISTERED → sendCode → signIn
    const a2 = await newClient('A2');
    let stateA2 = null;
    await step(rec, 'secondSignIn', async () => {
        const codes = [wrongCode(PHONE_A), testCode(PHONE_A)];
        const flow = { codesAsked: 0, invalidCode: [], sent: null };
        const me = await withTimeout(a2.tg.start({
            phone: PHONE_A,
            code: async () => codes[Math.min(flow.codesAsked++, codes.length - 1)],
            codeSentCallback: async (sent) => {
                flow.sent = { type: sent.type, length: sent.length };
            },
            invalidCodeCallback: async (kind) => {
                flow.invalidCode.push(kind);
            },
        }), 60_000, 'A2: tg.start()');
        stateA2 = await a2.tg.call({ _: 'updates.getState' });
        return {
            ...userView(me.raw), signedUp: false, codesAsked: flow.codesAsked, invalidCodeCallbacks: flow.invalidCode,
            sentCode: flow.sent, state: { pts: stateA2.pts, seq: stateA2.seq, date: stateA2.date },
        };
    });

    const hashes = {};
    await step(rec, 'importAB', async () => {
        const r = await a.tg.importContacts([{ phone: '+' + PHONE_B, firstName: 'Bobby', lastName: 'Saved' }]);
        const user = findUser(r.users, idB);
        hashes.AB = user ? signedLong(user.accessHash) : null;
        return { imported: r.imported.map((i) => signedLong(i.userId)), user: userView(user) };
    });
    await step(rec, 'importBA', async () => {
        const r = await b.tg.importContacts([{ phone: PHONE_A, firstName: 'Ally', lastName: '' }]);
        const user = findUser(r.users, idA);
        hashes.BA = user ? signedLong(user.accessHash) : null;
        return { imported: r.imported.map((i) => signedLong(i.userId)), user: userView(user) };
    });

    const sees = async (viewer, id, hash) => {
        const users = await viewer.tg.call({ _: 'users.getUsers', id: [inputUser(id, hash)] });
        const full = await viewer.tg.call({ _: 'users.getFullUser', id: inputUser(id, hash) });
        // mtcute's own path: the access_hash it stored when the user arrived
        const [cached] = await viewer.tg.getUsers([Number(id)]);
        return {
            getUsers: userView(users[0]),
            getFullUser: { fullUserId: signedLong(full.fullUser.id), about: full.fullUser.about ?? null, user: userView(findUser(full.users, id)) },
            highLevelGetUsers: userView(cached?.raw),
        };
    };
    await step(rec, 'aSeesB', () => sees(a, idB, hashes.AB));
    await step(rec, 'bSeesA', () => sees(b, idA, hashes.BA));

    const contactsOf = async (cl) => {
        const r = await cl.tg.call({ _: 'contacts.getContacts', hash: Long.ZERO });
        need(r?._ === 'contacts.contacts', 'contacts.contacts', r?._);
        const highLevel = await cl.tg.getContacts();
        return {
            contacts: r.contacts.map((x) => ({ userId: signedLong(x.userId), mutual: Boolean(x.mutual) })),
            users: r.users.map(userView),
            highLevelIds: highLevel.map((u) => signedLong(u.id)),
        };
    };
    await step(rec, 'aContacts', () => contactsOf(a));
    await step(rec, 'bContacts', () => contactsOf(b));

    const resolve = async (cl, username) => {
        const r = await cl.tg.call({ _: 'contacts.resolveUsername', username });
        const peerUserId = r.peer?._ === 'peerUser' ? signedLong(r.peer.userId) : null;
        return { query: username, peerUserId, user: userView(findUser(r.users, peerUserId)) };
    };
    await step(rec, 'aResolvesB', () => resolve(a, names.B.toUpperCase()));
    await step(rec, 'bResolvesA', () => resolve(b, names.A.toLowerCase()));
    await step(rec, 'aResolvesPhoneC', async () => {
        const r = await a.tg.call({ _: 'contacts.resolvePhone', phone: PHONE_C });
        const peerUserId = r.peer?._ === 'peerUser' ? signedLong(r.peer.userId) : null;
        return { peerUserId, user: userView(findUser(r.users, peerUserId)) };
    });

    await step(rec, 'about', async () => {
        const text = 'portrait e2e (mtcute)';
        const u = await a.tg.updateProfile({ bio: text });
        const full = await b.tg.call({ _: 'users.getFullUser', id: inputUser(idA, hashes.BA) });
        return { set: text, returnedSelf: Boolean(u.raw.self), bSees: full.fullUser.about ?? null };
    });

    await step(rec, 'privacy', async () => {
        const key = { _: 'inputPrivacyKeyProfilePhoto' };
        const set = await a.tg.call({
            _: 'account.setPrivacy', key,
            rules: [{ _: 'inputPrivacyValueAllowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueDisallowAll' }],
        });
        const get = await a.tg.call({ _: 'account.getPrivacy', key });
        const allowAndDisallowAll = await mustFail(a.tg.call({
            _: 'account.setPrivacy', key, rules: [{ _: 'inputPrivacyValueAllowAll' }, { _: 'inputPrivacyValueDisallowAll' }],
        }));
        const userBothWays = await mustFail(a.tg.call({
            _: 'account.setPrivacy', key,
            rules: [{ _: 'inputPrivacyValueAllowUsers', users: [inputUser(idB, hashes.AB)] },
                { _: 'inputPrivacyValueDisallowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueAllowContacts' }],
        }));
        const tooLong = await mustFail(a.tg.call({
            _: 'account.setPrivacy', key, rules: Array.from({ length: 1001 }, () => ({ _: 'inputPrivacyValueAllowContacts' })),
        }));
        const afterRejected = await a.tg.call({ _: 'account.getPrivacy', key });
        return { set: rulesView(set), get: rulesView(get), allowAndDisallowAll, userBothWays, tooLong, afterRejected: rulesView(afterRejected) };
    });

    await step(rec, 'accessHash', async () => {
        const wrong = flipLowBit(hashes.AB);
        const out = {
            aForB: hashes.AB,
            getFullUserFlipped: await mustFail(a.tg.call({ _: 'users.getFullUser', id: inputUser(idB, wrong) })),
            getUsersFlipped: await mustFail(a.tg.call({ _: 'users.getUsers', id: [inputUser(idB, wrong)] })),
        };
        const r = await c.tg.call({ _: 'contacts.resolveUsername', username: names.B });
        const cb = findUser(r.users, idB);
        out.cForB = cb ? signedLong(cb.accessHash) : null;
        out.cWithAHash = await mustFail(c.tg.call({ _: 'users.getFullUser', id: inputUser(idB, hashes.AB) }));
        const own = await c.tg.call({ _: 'users.getFullUser', id: inputUser(idB, out.cForB) });
        out.cWithOwnHash = { fullUserId: signedLong(own.fullUser.id), user: userView(own.users[0]) };
        return out;
    });

    await step(rec, 'addDelete', async () => {
        const hashCB = rec.result.accessHash?.cForB;
        need(hashCB, "C's access_hash for B (step accessHash)");
        const added = await c.tg.call({ _: 'contacts.addContact', id: inputUser(idB, hashCB), firstName: 'Bee', lastName: 'ByC', phone: '' });
        const [after] = await c.tg.call({ _: 'users.getUsers', id: [inputUser(idB, hashCB)] });
        const deleted = await c.tg.call({ _: 'contacts.deleteContacts', id: [inputUser(idB, hashCB)] });
        const [gone] = await c.tg.call({ _: 'users.getUsers', id: [inputUser(idB, hashCB)] });
        return { addResult: added._, added: userView(after), deleteResult: deleted._, afterDelete: userView(gone) };
    });

    await step(rec, 'hashZero', async () => {
        const known = await a.tg.call({ _: 'users.getUsers', id: [inputUser(idB, 0)] });
        const stranger = await c.tg.call({ _: 'users.getUsers', id: [inputUser(idA, 0)] });
        return { aGetsContactB: known.map((u) => signedLong(u.id)), cGetsStrangerA: stranger.map((u) => signedLong(u.id)) };
    });

    await step(rec, 'privacyEffect', async () => {
        const set = await a.tg.call({
            _: 'account.setPrivacy', key: { _: 'inputPrivacyKeyAbout' },
            rules: [{ _: 'inputPrivacyValueDisallowUsers', users: [inputUser(idB, hashes.AB)] }, { _: 'inputPrivacyValueAllowAll' }],
        });
        const bFull = await b.tg.call({ _: 'users.getFullUser', id: inputUser(idA, hashes.BA) });
        const r = await c.tg.call({ _: 'contacts.resolveUsername', username: names.A });
        const ca = findUser(r.users, idA);
        const cFull = await c.tg.call({ _: 'users.getFullUser', id: inputUser(idA, signedLong(ca.accessHash)) });
        return { key: 'about', rules: rulesView(set), bSees: bFull.fullUser.about ?? null, cSees: cFull.fullUser.about ?? null };
    });

    // mtcute's own peer resolution: a username (contacts.resolveUsername) and a stored id
    await step(rec, 'entities', async () => {
        const byUsername = await a.tg.resolvePeer(names.B.toUpperCase());
        const [byId] = await a.tg.getUsers([Number(idB)]);
        const me = await a.tg.getMe();
        return { byUsername: signedLong(byUsername.userId), byId: signedLong(byId?.id), me: signedLong(me.id) };
    });

    // mtcute sends every request over 128 bytes that deflates to <= 90% as gzip_packed, compressed with zlib's
    // deflate (RFC 1950 stream, node:zlib deflateSync), not a gzip (RFC 1952) member; Telegram reads both
    await step(rec, 'compressedRequest', async () => {
        const before = gzipped.length;
        const users = await a.tg.call({ _: 'users.getUsers', id: Array.from({ length: 40 }, () => ({ _: 'inputUserSelf' })) });
        return { gzipped: gzipped.slice(before), users: users.length, firstId: signedLong(users[0]?.id) };
    });

    await step(rec, 'difference', async () => {
        need(stateA2, 'the second session has a state');
        const d = await a2.tg.call({ _: 'updates.getDifference', pts: stateA2.pts, date: stateA2.date, qts: 0 });
        return {
            type: d._,
            updates: (d.otherUpdates ?? []).map((u) => ({ type: u._, ...(u.userId !== undefined ? { userId: signedLong(u.userId) } : {}) })),
            users: (d.users ?? []).map((u) => signedLong(u.id)),
            state: d.state ? { pts: d.state.pts, seq: d.state.seq, date: d.state.date } : null,
            pushedToSecondSession: a2.updates.map((u) => u?._ ?? null),
        };
    });

    await sleep(200);
    rec.result.gzippedRequests = gzipped;
    await cute.destroyAllAndFinish();
}

rec.run(main);
