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
// The client is pointed at the server as in gramjs-connect.mjs (RSA key in RSA._serverKeys, sockets to --host:--port).

import { require, withTimeout, errorText, sleep } from './lib/harness.mjs';
import {
    startAccountsRecorder, testCode, wrongCode, freshUsername, ruleKind, signedLong, step, expectRpcError, need,
} from './lib/accounts.mjs';

const CLIENT = 'gramjs';
const rec = startAccountsRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

const { TelegramClient, Api } = require('telegram');
const { StringSession } = require('telegram/sessions');
const { Logger, LogLevel } = require('telegram/extensions/Logger');
const { PromisedNetSockets } = require('telegram/extensions/PromisedNetSockets');
const RSA = require('telegram/crypto/RSA');
const { AuthKey } = require('telegram/crypto/AuthKey');
const { Factorizator } = require('telegram/crypto/Factorizator');
const { LAYER } = require('telegram/tl/AllTLObjects');
const { version } = require('telegram/package.json');
const bigInt = require(require.resolve('big-integer', { paths: [require.resolve('telegram')] }));

RSA._serverKeys.clear();
RSA._serverKeys.set(opts.key.fingerprintSigned, { n: bigInt(opts.key.nHex, 16), e: opts.key.e });

// Client quirks of the handshake (see gramjs-connect.mjs): a 255-byte auth key makes gramjs reject the server's
// correct new_nonce_hash1 and redo the handshake; a wrong pq factorization makes it connect again.
let lastAuthKeyLength = null;
const originalSetKey = AuthKey.prototype.setKey;
AuthKey.prototype.setKey = function (value) {
    if (Buffer.isBuffer(value)) lastAuthKeyLength = value.length;
    return originalSetKey.call(this, value);
};
let lastFactorization = null;
const originalFactorize = Factorizator.factorize;
Factorizator.factorize = function (pq) {
    const r = originalFactorize.call(this, pq);
    lastFactorization = { pq: pq.toString(), p: r.p.toString(), q: r.q.toString(), right: r.p.greater(1) && r.q.greater(1) && r.p.multiply(r.q).eq(pq) };
    return r;
};

const unexplainedCloses = [];
let expectedCloses = 0;
rec.beforeFinish = () => {
    const n = unexplainedCloses.length - expectedCloses;
    if (n > 0) rec.error(`${n} TCP connection(s) closed while in use (not by the test; ${unexplainedCloses.join(', ')})`);
};

class PortraitSockets extends PromisedNetSockets {
    async connect(port, ip, ...rest) {
        rec.count('connects');
        if (this.proxy) throw new Error('proxies are not used in this test');
        const r = await super.connect(opts.port, opts.host, ...rest);
        this.client.on('close', () => {
            rec.count('closes');
            if (!rec.shuttingDown) unexplainedCloses.push(`${((Date.now() - rec.started) / 1000).toFixed(1)}s`);
        });
        return r;
    }
}

const ERROR_PATTERNS = [
    [/^Connection closed while receiving data/, 'connection closed while receiving'],
    [/^The server closed the connection while sending/, 'server closed the connection while sending'],
    [/^Invalid buffer/, 'transport error code received'],
    [/^Security error while unpacking/, 'security error on a received message'],
    [/^Unhandled error while receiving data/, 'unhandled error while receiving'],
    [/^Broken authorization key/, 'auth key reported broken'],
    [/^Type .* not found/, 'server sent a constructor gramjs does not know'],
    [/^Maximum reconnection retries/, 'gave up reconnecting'],
];

/** gramjs's log lines of one client instance, classified (as in gramjs-connect.mjs). */
class RecordingLogger extends Logger {
    constructor(label) {
        super(LogLevel.DEBUG);
        this.label = label;
    }

    log(level, message) {
        rec.log(`[${this.label}] ${level} ${message}`);
        if (message === 'Started reconnecting') {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`${this.label}: gramjs reconnected (see the preceding events)`);
            return;
        }
        if (message === 'Generated new auth_key successfully') return rec.count('handshakes');
        if (message.startsWith('Handling bad msg ')) return rec.error(`${this.label}: server sent bad_msg_notification ${message.slice(17)}`);
        for (const [re, what] of ERROR_PATTERNS) {
            if (re.test(message)) {
                if (!rec.shuttingDown) rec.error(`${this.label}: ${what}: ${message}`);
                return;
            }
        }
        if (level === 'error' && !rec.shuttingDown) rec.error(`${this.label}: gramjs logged an error: ${message}`);
    }
}

const clients = [];

/** A new client (empty StringSession, so a fresh auth key), connected; updates it receives land in updates[]. */
async function newClient(label) {
    const session = new StringSession('');
    session.setDC(opts.dc, opts.host, 443);
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
        connectionRetries: 3,
        retryDelay: 500,
        autoReconnect: true,
        networkSocket: PortraitSockets,
        baseLogger: new RecordingLogger(label),
        deviceModel: `portrait-e2e-${label}`,
        systemVersion: process.version,
        appVersion: version,
    });
    client.onError = async (e) => {
        if (rec.shuttingDown) return;
        const text = errorText(e);
        if (/invalid new nonce hash/i.test(text) && lastAuthKeyLength !== null && lastAuthKeyLength < 256) {
            rec.count('clientKeyQuirks');
            rec.warn(`${label}: gramjs computed a ${lastAuthKeyLength}-byte auth key (client bug) and redoes the handshake`);
        } else if (/HTTP code 404/.test(text) && lastFactorization && !lastFactorization.right) {
            rec.count('clientPqQuirks');
            rec.warn(`${label}: gramjs factorized pq ${lastFactorization.pq} wrongly (client bug); it connects again`);
            expectedCloses++;
        } else {
            rec.error(`${label}: client error: ${text}`);
        }
    };
    const updates = [];
    client.addEventHandler((u) => {
        updates.push(u);
        rec.log(`[${label}] update ${u?.className}`);
    });
    clients.push(client);
    const connected = await withTimeout(client.connect(), 60_000, `${label}: client.connect()`);
    if (!connected) throw new Error(`${label}: client.connect() returned false`);
    return { client, updates, label };
}

const rpc = (e) => (e && typeof e.errorMessage === 'string' && e.code !== undefined ? { code: e.code, message: e.errorMessage } : null);
const mustFail = (p) => expectRpcError(p, rpc);

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

const userView = (u) => u && ({
    id: signedLong(u.id),
    accessHash: signedLong(u.accessHash),
    self: Boolean(u.self),
    contact: Boolean(u.contact),
    mutualContact: Boolean(u.mutualContact),
    firstName: u.firstName ?? null,
    lastName: u.lastName ?? null,
    username: u.username ?? null,
    phone: u.phone ?? null,
});

const rulesView = (r) => ({
    rules: r.rules.map((x) => ({ kind: ruleKind(x.className), ...(x.users ? { users: x.users.map(signedLong) } : {}) })),
    users: r.users.map((u) => signedLong(u.id)),
});

const inputUser = (id, hash) => new Api.InputUser({ userId: bigInt(id), accessHash: bigInt(hash) });
const flipLowBit = (hash) => BigInt.asIntN(64, BigInt(hash) ^ 1n).toString();

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
    await step(rec, 'signUpA', async () => {
        const { flow, me } = await startAccount(a, '+' + PHONE_A, 'Alice', 'Gram', [wrongCode(PHONE_A), testCode(PHONE_A)]);
        accounts.A = { ...userView(me), signedUp: flow.signedUp };
        return { codesAsked: flow.codesAsked, onErrors: flow.onErrors };
    });

    // --- B and C on their own clients (B's number without '+') ---
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        const { flow, me } = await startAccount(b, PHONE_B, 'Bob', 'Gram', [testCode(PHONE_B)]);
        accounts.B = { ...userView(me), signedUp: flow.signedUp };
    });
    const c = await newClient('C');
    await step(rec, 'signUpC', async () => {
        const { flow, me } = await startAccount(c, PHONE_C, 'Carol', '', [testCode(PHONE_C)]);
        accounts.C = { ...userView(me), signedUp: flow.signedUp };
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
    rec.shuttingDown = true;
    for (const cl of clients) {
        try {
            await withTimeout(cl.disconnect(), 10_000, 'client.disconnect()');
        } catch (e) {
            rec.warn(`disconnect: ${errorText(e)}`);
        }
    }
    rec.finish(true);
}

rec.run(main);
