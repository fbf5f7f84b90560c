// Shared flow of the two-nodes scripts in e2e/clients/ (<client>-two-nodes.mjs): two accounts on two clients of one
// script, talking to several Portrait nodes behind one address (TwoNodesRealClientsTest puts a round-robin TCP proxy in
// front of two nodes on one PostgreSQL database and one S3 bucket). The flow is written once here; each script passes
// the client's own way of doing each operation (`ops`, below). See harness.mjs, accounts.mjs and photos.mjs for the
// one JSON line, the steps and the photo views.
//
// What the Java side needs to map connections to nodes: result.sockets (every TCP connection the clients opened, with
// its local port — the proxy sees it as the client's port —, the phase it was opened in and its owner, A or B) and
// result.mainPorts (each account's main connection). With --route PORT the script tells the proxy where each
// connection goes (routeConnections, below).

import { connect as tcpConnect } from 'node:net';
import { sleep } from './harness.mjs';
import { startFilesRecorder, saveDownload, photosViewsWith } from './photos.mjs';
import { LiveUpdates } from './profile-features.mjs';
import { step, need, signedLong, userView, findUser } from './accounts.mjs';

/** The images the Java test writes into --images, by role. */
export const TWO_NODES_IMAGES = {
    first: 'first.jpg',   // 1000x1000 JPEG over 128 KB (mtcute uploads it on an UPLOAD pool connection): sizes i, a, b, c 640
    second: 'second.jpg', // 700x700 JPEG: uploaded, then deleted
};

/**
 * The recorder of a two-nodes script: the harness's options plus --phones A,B (two test numbers 99966XYYYY),
 * --images DIR (the files of TWO_NODES_IMAGES), --out DIR (B's download, for the Java side to decode) and, optionally,
 * --route PORT (the proxy's control port on --host).
 */
export function startTwoNodesRecorder(client) {
    return startFilesRecorder(client, ['--phones', '--images', '--out', '--route'], 'images', TWO_NODES_IMAGES, ['A', 'B']);
}

/** The account whose client opens the connections of a phase (B connects first, A uploads, B downloads). */
const PHASE_OWNERS = { connectB: 'B', signUpB: 'B', download: 'B', connectA: 'A', signUpA: 'A', upload: 'A', album: 'A' };

/** The phases in which a client opens its main connection (again, when it redoes its handshake on a new one). */
const MAIN_PHASES = new Set(['connectB', 'connectA', 'signUpA', 'signUpB', 'contacts']);

/** Each account's own node: B's main connection goes to node 0, A's to node 1. */
const HOME_NODES = { B: 0, A: 1 };

/**
 * Tells the proxy on --host:--route where each connection the clients open goes, one line "<local port> <node>" per
 * connection: a main connection to its account's own node, any later one (gramjs's exported sender, mtcute's UPLOAD /
 * DOWNLOAD pools) to the other, so that each auth key is used on both nodes and A's and B's main connections sit on
 * different ones, however many connections the clients open (a client that redoes its handshake on a new connection
 * does not shift the others). owner(entry) says whose a connection is.
 */
function routeConnections(rec, owner) {
    const control = tcpConnect({ host: rec.opts.host, port: Number(rec.extra.route) });
    control.on('error', (e) => rec.error(`proxy control connection: ${e.message}`));
    control.unref();
    rec.onSocketOpened((s) => {
        const who = owner(s);
        if (s.localPort === null || HOME_NODES[who] === undefined) return; // the proxy falls back to round robin
        const node = MAIN_PHASES.has(s.phase) ? HOME_NODES[who] : 1 - HOME_NODES[who];
        control.write(`${s.localPort} ${node}\n`);
    });
}

/** 'updates.GetDifference' (gramjs's className) or 'updates.getDifference' (mtcute's `_`) → 'updates.getDifference'. */
export const tlName = (s) => {
    if (!s) return String(s);
    const dot = s.lastIndexOf('.');
    return s.slice(0, dot + 1) + s.charAt(dot + 1).toLowerCase() + s.slice(dot + 2);
};

/**
 * Counts of the RPCs a client sent (by TL name), for ops.watchCalls; snapshot() copies them. The updates.* calls are
 * listed too, with the phase and time (a client fetching updates.getDifference by itself shows there).
 */
export class CallCounts {
    constructor(rec) {
        this.rec = rec;
        this.counts = {};
        this.updatesCalls = [];
        this.updatesPending = 0;
        this.lastUpdatesCall = 0;
    }

    /** Counts a call the client sends (name: its TL name in the client's spelling) and returns its promise. */
    track(name, promise) {
        const n = tlName(name);
        this.counts[n] = (this.counts[n] ?? 0) + 1;
        if (n.startsWith('updates.')) {
            this.updatesCalls.push({ name: n, phase: this.rec.phase, at: Math.round((Date.now() - this.rec.started) / 100) / 10 });
            this.updatesPending++;
            this.lastUpdatesCall = Date.now();
            const done = () => {
                this.updatesPending--;
                this.lastUpdatesCall = Date.now();
            };
            Promise.resolve(promise).then(done, done);
        }
        return promise;
    }

    /**
     * Waits (up to ms) until the client has had no updates.* call in flight for quietMs: mtcute fetches its state
     * again by itself right after sign-up, and an update that came in such a getDifference would not be a live one.
     */
    async quiet(quietMs = 300, ms = 5_000) {
        const deadline = Date.now() + ms;
        while (Date.now() < deadline && (this.updatesPending > 0 || Date.now() - this.lastUpdatesCall < quietMs)) await sleep(20);
        return this.updatesPending === 0;
    }

    snapshot() {
        return { ...this.counts };
    }

    /** What was sent since an earlier snapshot: {name: count}. */
    since(before) {
        const out = {};
        for (const [k, v] of Object.entries(this.counts)) if (v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
        return out;
    }
}

/**
 * Runs the flow with the client's operations:
 *  kindOf(o)                        the TL name of a client object, lower-case first ('photo', 'userProfilePhoto', ...)
 *  newClient(label)                 a connected client {label, ...}
 *  signUp(c, phone, first)          signs a new number up → {id, accessHash, signedUp}
 *  watchCalls(c, calls)             calls.track(name, promise) for every RPC the client sends, its own included
 *                                   (updates.getDifference)
 *  onUpdate(c, fn)                  fn(update, users) for every update the client's event system dispatches
 *  importContact(c, phone, first)   contacts.importContacts of one number → the result (users[])
 *  uploadProfilePhoto(c, path)      the client's own upload + photos.uploadProfilePhoto → photos.photo
 *  downloadBig(c, id, accessHash)   the user fetched again and its big profile photo downloaded with the client's own
 *                                   download code → {user, bytes}
 *  userPhotos(c)                    photos.getUserPhotos(self, limit 100)
 *  deletePhotos(c, photo)           photos.deletePhotos([photo]) → ids
 *  self(c)                          users.getUsers([self])[0]
 *  finish()                         disconnects every client and prints the JSON line
 */
export async function runTwoNodes(rec, ops) {
    const r = rec.result;
    r.phones = rec.phones;
    const accounts = {};
    r.accounts = accounts;
    // whose each connection was: the client module's label (mtcute's transport knows it; mtcute's connect() may
    // resolve before its TCP connection opens), else the phase (gramjs opens each connection inside the awaited call);
    // computed when the JSON line is printed, also when the run ends early
    const ownerOf = (s) => s.client ?? PHASE_OWNERS[s.phase] ?? null;
    const sockets = () => rec.sockets.map((s) => ({ ...s, owner: ownerOf(s) }));
    Object.defineProperty(r, 'sockets', { enumerable: true, get: sockets });
    // each account's main connection: the last one its client opened before the upload (a client that redoes its
    // handshake on a new connection, as both do on their own auth-key quirks, goes on with that one)
    Object.defineProperty(r, 'mainPorts', {
        enumerable: true,
        get: () => Object.fromEntries(['A', 'B'].map((who) => [who,
            sockets().filter((s) => s.owner === who && MAIN_PHASES.has(s.phase)).at(-1)?.localPort ?? null])),
    });
    if (rec.extra.route !== undefined) routeConnections(rec, ownerOf);
    const { photoView, userPhotoView, photosView } = photosViewsWith(ops.kindOf);
    const idOf = (p) => (p ? signedLong(p.id) : null);

    // B connects first, then A (without --route, under a strict round robin, their main connections land on
    // different nodes and each client's next connection on the other node than its main one, as long as no client
    // opens a connection more). The Java side checks where each landed.
    const calls = { A: new CallCounts(rec), B: new CallCounts(rec) };
    /** A connected client whose first TCP connection is open (mtcute's connect() may resolve before it is). */
    const connect = async (label) => {
        rec.phase = `connect${label}`;
        const c = await ops.newClient(label);
        const deadline = Date.now() + 10_000;
        while (!sockets().some((s) => s.owner === label) && Date.now() < deadline) await sleep(10);
        ops.watchCalls(c, calls[label]);
        return c;
    };
    const b = await connect('B');
    const a = await connect('A');

    // every update B's client dispatches, with the users that came with it (their photo ids)
    const liveB = new LiveUpdates(rec, 'B');
    ops.onUpdate(b, (u, users) => {
        const photoIds = Object.fromEntries((users ?? []).map((x) => [signedLong(x.id), userPhotoView(x)?.photoId ?? null]));
        liveB.add(ops.kindOf(u), { userId: u.userId !== undefined ? signedLong(u.userId) : null, ms: Date.now(), photoIds });
    });

    await step(rec, 'signUpA', async () => {
        accounts.A = await ops.signUp(a, '+' + rec.phones.A, 'Alice');
    });
    await step(rec, 'signUpB', async () => {
        accounts.B = await ops.signUp(b, '+' + rec.phones.B, 'Bob');
    });
    const idA = accounts.A?.id;
    need(idA && accounts.B?.id, 'accounts A and B signed up');

    // A adds B, then B adds A: mutual contacts (Portrait pushes a contact's profile changes to whoever has it)
    let aForB = null;
    await step(rec, 'contacts', async () => {
        const byA = await ops.importContact(a, rec.phones.B, 'Bob');
        const byB = await ops.importContact(b, rec.phones.A, 'Alice');
        aForB = findUser(byB.users, idA);
        need(aForB, 'B: contacts.importContacts returns A', byB.users.map((u) => signedLong(u.id)));
        return { bForA: userView(findUser(byA.users, accounts.B.id)), aForB: userView(aForB) };
    });

    // A uploads a photo; B hears of it live (updateUser(A)) without asking
    const photos = {};
    await step(rec, 'upload', async () => {
        const bQuiet = await calls.B.quiet();
        const mark = liveB.list.length;
        const bCalls = calls.B.snapshot();
        const started = Date.now();
        const result = await ops.uploadProfilePhoto(a, rec.images.first);
        const answered = Date.now();
        photos.first = result.photo;
        const live = await liveB.waitFor((e, i) => i >= mark && e.kind === 'updateUser' && e.userId === idA, 10_000);
        return {
            photo: photoView(result.photo),
            users: result.users.map((u) => ({ id: signedLong(u.id), self: Boolean(u.self), photo: userPhotoView(u) })),
            uploadMs: answered - started,
            live: live && { ...live, sinceUploadStartMs: live.ms - started, sinceResultMs: live.ms - answered },
            liveSince: liveB.since(mark),
            // B's client had no updates.* call in flight when the upload began; what it sent while the test waited
            // (the test itself sends nothing on B meanwhile)
            bQuietBefore: bQuiet,
            bCallsWhileWaiting: calls.B.since(bCalls),
        };
    });

    // B downloads A's big profile photo with its own download code
    await step(rec, 'download', async () => {
        need(aForB, 'B knows A (step contacts)');
        const { user, bytes } = await ops.downloadBig(b, idA, signedLong(aForB.accessHash));
        return { userPhoto: userPhotoView(user), big: saveDownload(rec, 'b-downloads-a-big.jpg', bytes) };
    });

    // A's album: a second photo, deleted again; B hears of both changes
    await step(rec, 'album', async () => {
        need(photos.first, 'the first photo was uploaded (step upload)');
        const afterFirst = await ops.userPhotos(a);
        const second = (await ops.uploadProfilePhoto(a, rec.images.second)).photo;
        const afterSecond = await ops.userPhotos(a);
        const mark = liveB.list.length;
        const deleted = await ops.deletePhotos(a, second);
        const afterDelete = await ops.userPhotos(a);
        const self = await ops.self(a);
        // deleting the current photo makes the previous one current again: B is told so live
        const backToFirst = await liveB.waitFor((e, i) => i >= mark && e.kind === 'updateUser' && e.userId === idA
            && e.photoIds[idA] === idOf(photos.first), 10_000);
        return {
            afterFirst: photosView(afterFirst),
            second: photoView(second),
            afterSecond: photosView(afterSecond),
            deleted: deleted.map(signedLong),
            afterDelete: photosView(afterDelete),
            selfPhoto: userPhotoView(self),
            liveBackToFirst: backToFirst,
        };
    });

    r.calls = { A: calls.A.snapshot(), B: calls.B.snapshot() };
    r.updatesCalls = { A: calls.A.updatesCalls, B: calls.B.updatesCalls };
    r.liveKinds = liveB.list.map((e) => e.kind);
    await ops.finish();
}
