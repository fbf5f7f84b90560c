// mtcute (@mtcute/node 0.30.3, layer 227) uploads, switches, lists, downloads and deletes profile photos on a Portrait
// test-mode server (milestone M4 acceptance). Same checks as gramjs-photos.mjs, through mtcute's API:
//  - account A signs up (tg.sendCode / tg.signIn / raw auth.signUp, as mtcute-accounts.mjs); tg.uploadFile({file})
//    + raw photos.uploadProfilePhoto for the 1600x1400 JPEG (i, a 160, b 320, c 640, d 1280),
//    tg.setMyProfilePhoto({type: 'photo', media: 'file:...'}) for the 500x500 PNG with alpha (c 500x500, no d), and
//    tg.uploadFile + photos.uploadProfilePhoto for the 1400x1000 JPEG (c 640, no d);
//  - downloads with tg.downloadAsBuffer: user.photo.small / .big (inputPeerPhotoFileLocation → 160 / 640), the Photo
//    (its largest size, d), photo.getThumbnail('b' | 'c' | 'i') — written to --out for the Java test to decode;
//  - tg.setMyProfilePhoto({type: 'photo', media: photo.inputPhoto}) (photos.updateProfilePhoto) back to the first
//    JPEG; getUserPhotos order, user.photo, B's view (tg.getUsers, users.getFullUser, tg.getProfilePhotos,
//    downloads of A's user.photo);
//  - paging: raw photos.getUserPhotos and tg.getProfilePhotos({offset, limit}) / tg.getProfilePhoto(user, id)
//    (max_id = id, offset -1, limit 1); photos.deletePhotos returns the ids deleted;
//  - errors by their rpc_error text (mtcute rewrites FILE_PART_1_MISSING to "FILE_PART_%d_MISSING" + which = 1; the
//    server's text is kept from e.message as serverText);
//  - bots: photos.uploadProfilePhoto with bot = a bot A owns → the bot's photo; another's → BOT_INVALID.
//
//   node clients/mtcute-photos.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996681001,9996681002 --images DIR --out DIR [--ref-secret HEX] [--bot NAME] [--foreign-bot NAME]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs and lib/photos.mjs); logs go to stderr.
// The client is pointed at the server as in mtcute-connect.mjs (addPublicKey, defaultDcs, MemoryStorage).

import { withTimeout, errorText, sleep, keyToPkcs1Pem, fingerprintLookupWarning } from './lib/harness.mjs';
import { testCode, signedLong, step, expectRpcError, need } from './lib/accounts.mjs';
import {
    startPhotosRecorder, saveDownload, imageInfo, staleReference, garbled, sizeView, sizeOf,
} from './lib/photos.mjs';
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { format } from 'node:util';

const CLIENT = 'mtcute';
const rec = startPhotosRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

const { BaseTelegramClient, TelegramClient, MemoryStorage, TcpTransport, Photo } = await import('@mtcute/node');
const { addPublicKey, LogManager } = await import('@mtcute/core/utils.js');
const Long = (await import('long')).default;

const WARN_IS_ERROR = [
    /received unknown object/,
    /ping timeout/,
    /read timeout/,
    /transport error/,
    /received message before authorization/,
    /invalid messageId .* \(is even\)/,
    /msg_id too high/,
    /encountered an error while sending/,
    /received rpc_result for unknown message/,
    // "received pong to unknown ping" is not here: mtcute drops its pending ping when a connection turns from idle
    // to active (SessionConnection._flush → resetLastPing), so a pong that arrives after that is unknown to it. Seen
    // on the UPLOAD pool under CPU load; pongs to the wrong ping id or to a query are still errors.
    /received pong to \S+ query/,
    /received pong to \d+, but expected/,
];

const clients = [];
let keyAdded = false;

/**
 * A new client on empty MemoryStorage (so a fresh auth key), its log classified as in mtcute-accounts.mjs, except that
 * connections are told apart: mtcute opens UPLOAD / DOWNLOAD pools next to the MAIN connection for files over 128 KB
 * (each its own TCP connection, each line of its log prefixed "[UPLOAD]" / "[DOWNLOAD]" and "[UID n]"). A second
 * connect of the MAIN connection is a reconnect (an error, unless mtcute's own 255-byte auth key bug explains it); a
 * pool connection that closes and connects again is counted (poolCloses / poolReconnects) and listed as a warning.
 */
async function newClient(label) {
    const state = { quirkReconnects: 0, quirkCloses: 0, quirkOnErrors: 0, lastAuthKeyLength: null, connectsByUid: {} };

    class CountingTcpTransport extends TcpTransport {
        async connect(dc) {
            rec.count('connects');
            return super.connect(dc);
        }
    }

    const onLog = (color, level, tag, fmt, args) => {
        let line;
        try {
            line = format(fmt, ...args);
        } catch {
            line = fmt;
        }
        rec.log(`[${label}] ${level} ${tag} ${line}`);
        if (/authorization successful/.test(line)) rec.count('handshakes');
        const pool = /\[(MAIN|UPLOAD|DOWNLOAD|DOWNLOAD_SMALL)\]/i.exec(line)?.[1]?.toUpperCase() ?? null;
        const uid = /\[UID (\d+)\]/.exec(line)?.[1] ?? null;
        if (uid !== null && /\] connecting to /.test(line)) {
            const n = (state.connectsByUid[uid] = (state.connectsByUid[uid] ?? 0) + 1);
            rec.count(`connects${pool ?? 'Unknown'}`);
            if (n > 1) {
                if (pool === 'MAIN' || pool === null) {
                    if (n > 1 + state.quirkReconnects) {
                        rec.count('reconnects');
                        if (!rec.shuttingDown) rec.error(`${label}: mtcute connected its ${pool ?? '?'} connection (UID ${uid}) again (a reconnect; see the preceding events)`);
                    }
                } else {
                    rec.count('poolReconnects');
                    if (!rec.shuttingDown) rec.warn(`${label}: mtcute connected its ${pool} connection (UID ${uid}) again`);
                }
            }
        }
        if (/(^|\] )connection closed$/.test(line)) {
            rec.count('closes');
            if (pool !== null && pool !== 'MAIN') {
                rec.count('poolCloses');
                if (!rec.shuttingDown) rec.warn(`${label}: mtcute's ${pool} connection (UID ${uid}) was closed`);
                return;
            }
            if (state.quirkCloses > 0) state.quirkCloses--;
            else if (!rec.shuttingDown) rec.error(`${label}: the MAIN TCP connection was closed (not by the test): ${line}`);
            return;
        }
        if (rec.shuttingDown) return;
        if (level === 1 && /Authorization error: .*invalid nonce hash from server/.test(line)
            && state.lastAuthKeyLength !== null && state.lastAuthKeyLength < 256) {
            rec.count('clientKeyQuirks');
            state.quirkReconnects++;
            state.quirkCloses++;
            state.quirkOnErrors++;
            return rec.warn(`${label}: mtcute computed a ${state.lastAuthKeyLength}-byte auth key (client bug); it reconnects and redoes the handshake`);
        }
        if (level === 1) return rec.error(`${label}: mtcute logged an error: [${tag}] ${line}`);
        if (level === 2) {
            if (WARN_IS_ERROR.some((re) => re.test(line))) return rec.error(`${label}: [${tag}] ${line}`);
            return rec.warn(`${label}: [${tag}] ${line}`);
        }
    };

    const dc = { id: opts.dc, ipAddress: opts.host, port: opts.port };
    const base = new BaseTelegramClient({
        apiId: 1,
        apiHash: '0123456789abcdef0123456789abcdef',
        storage: new MemoryStorage(),
        defaultDcs: { main: dc, media: dc },
        transport: new CountingTcpTransport(),
        initConnectionOptions: { deviceModel: `portrait-e2e-${label}`, appVersion: '0.30.3' },
    });
    base.log.mgr.level = opts.verbose ? LogManager.VERBOSE : LogManager.DEBUG;
    base.log.mgr.handler = onLog;
    base.onError.add((e) => {
        const text = errorText(e);
        if (state.quirkOnErrors > 0 && /invalid nonce hash from server/.test(text)) {
            state.quirkOnErrors--;
            return;
        }
        if (!rec.shuttingDown) rec.error(`${label}: client error: ${text}`);
    });
    const sha1 = base.crypto.sha1.bind(base.crypto);
    base.crypto.sha1 = (data) => {
        if (data.length > 200 && data.length <= 256) state.lastAuthKeyLength = data.length;
        return sha1(data);
    };
    await base.prepare();
    if (!keyAdded) {
        addPublicKey(base.crypto, keyToPkcs1Pem(opts.key));
        keyAdded = true;
    }
    const tg = new TelegramClient({ client: base });
    clients.push(tg);
    await withTimeout(tg.connect(), 60_000, `${label}: connect()`);
    return { tg, label };
}

/**
 * An RPC error as mtcute surfaces it: code, message = e.text (which mtcute rewrites for some errors, e.g.
 * FILE_PART_%d_MISSING with the number in e.which), and serverText = the error_message the server sent, which mtcute
 * keeps in e.message ("Telegram API error 400: FILE_PART_1_MISSING").
 */
const rpc = (e) => {
    if (!(e && e.constructor?.name === 'RpcError' && typeof e.text === 'string')) return null;
    const out = { code: e.code, message: e.text };
    const m = /^Telegram API error -?\d+: (.*)$/.exec(e.message ?? '');
    if (m && m[1] !== e.text) out.serverText = m[1];
    for (const k of ['which', 'seconds', 'newDc']) if (e[k] !== undefined) out[k] = e[k];
    return out;
};
const mustFail = (p) => expectRpcError(p, rpc);

/**
 * Signs a new number up as mtcute-accounts.mjs does: tg.sendCode(), tg.signIn() (mtcute refuses
 * auth.authorizationSignUpRequired with "Signup is no longer supported"), the raw auth.signUp, tg.notifyLoggedIn().
 */
async function signUp(c, phone, first) {
    const sent = await c.tg.sendCode({ phone });
    let signUpRequiredSeen = null;
    try {
        await c.tg.signIn({ phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: testCode(phone.replace(/^\+/, '')) });
    } catch (e) {
        if (!/Signup is no longer supported/.test(e?.message ?? '')) throw e;
        signUpRequiredSeen = e.message;
    }
    need(signUpRequiredSeen, 'auth.signIn of a new number answers auth.authorizationSignUpRequired');
    const auth = await c.tg.call({ _: 'auth.signUp', phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, firstName: first, lastName: 'Photos' });
    need(auth?._ === 'auth.authorization', 'auth.signUp answers auth.authorization', auth?._);
    await c.tg.notifyLoggedIn(auth);
    const me = await c.tg.getMe();
    return { id: signedLong(me.id), accessHash: signedLong(me.raw.accessHash), signedUp: true };
}

/** A raw TL photo as the JSON view of lib/photos.mjs. */
const photoView = (p) => p && (p._ === 'photo' ? {
    kind: 'photo',
    id: signedLong(p.id),
    accessHash: signedLong(p.accessHash),
    fileReferenceBytes: p.fileReference?.length ?? 0,
    date: p.date,
    dcId: p.dcId,
    hasStickers: Boolean(p.hasStickers),
    sizes: (p.sizes ?? []).map((s) => sizeView(s._, s)),
    videoSizes: (p.videoSizes ?? []).length,
} : { kind: p._ });

const userPhotoView = (u) => {
    const p = u?.photo;
    if (!p) return null;
    if (p._ !== 'userProfilePhoto') return { kind: p._ };
    return {
        kind: 'userProfilePhoto',
        photoId: signedLong(p.photoId),
        dcId: p.dcId,
        hasVideo: Boolean(p.hasVideo),
        personal: Boolean(p.personal),
        strippedThumb: p.strippedThumb ? sizeView('strippedThumb', { type: 'i', bytes: p.strippedThumb }) : null,
    };
};

const photosView = (r) => ({
    type: r._,
    count: r.count ?? null,
    ids: r.photos.map((p) => signedLong(p.id)),
    users: r.users.map((u) => signedLong(u.id)),
});

const toLong = (s) => Long.fromString(String(s));
const inputPhoto = (p, overrides = {}) => ({ _: 'inputPhoto', id: p.id, accessHash: p.accessHash, fileReference: p.fileReference, ...overrides });
const inputUser = (id, hash) => ({ _: 'inputUser', userId: Number(id), accessHash: toLong(hash) });
const SELF = { _: 'inputUserSelf' };
const randomFileId = () => toLong(randomBytes(8).readBigInt64LE(0).toString());
const userPhotos = (c, userId, offset, maxId, limit) => c.tg.call({ _: 'photos.getUserPhotos', userId, offset, maxId: toLong(maxId), limit });

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.version = '0.30.3';
    rec.result.phones = rec.phones;
    const accounts = {};
    rec.result.accounts = accounts;
    const highLevel = {};
    rec.result.highLevel = highLevel;

    const a = await newClient('A');
    rec.result.layer = a.tg._client.mt._layer;
    await step(rec, 'signUpA', async () => {
        accounts.A = await signUp(a, '+' + PHONE_A, 'Alice');
    });
    const idA = accounts.A?.id;
    need(idA, 'account A signed up');

    const photos = {};

    /** tg.uploadFile({file: path}) (mtcute's own upload: 128 KB parts, an UPLOAD pool above 128 KB), then the raw call. */
    const uploadProfilePhoto = async (c, path, extra = {}) => {
        const up = await c.tg.uploadFile({ file: path });
        const result = await c.tg.call({ _: 'photos.uploadProfilePhoto', file: up.inputFile, ...extra });
        return { file: up.inputFile, result };
    };
    const uploadView = ({ file, result }) => ({
        inputFile: { type: file._, parts: file.parts, name: file.name, md5Checksum: file.md5Checksum ?? null },
        photo: photoView(result.photo),
        users: result.users.map((u) => ({ id: signedLong(u.id), self: Boolean(u.self), bot: Boolean(u.bot), photo: userPhotoView(u) })),
    });

    // --- 1. the 1600x1400 JPEG ---
    await step(rec, 'uploadJpeg', async () => {
        const u = await uploadProfilePhoto(a, rec.images.big);
        photos.jpeg = u.result.photo;
        return { ...uploadView(u), sourceBytes: statSync(rec.images.big).size };
    });

    // --- 3. downloads of the current photo (the JPEG) with tg.downloadAsBuffer ---
    await step(rec, 'downloads', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const view = photoView(photos.jpeg);
        const me = await a.tg.getMe();
        need(me.photo, "getMe().photo (A's current photo)");
        const photo = new Photo(photos.jpeg);
        const small = await a.tg.downloadAsBuffer(me.photo.small);
        const big = await a.tg.downloadAsBuffer(me.photo.big);
        const largest = await a.tg.downloadAsBuffer(photo);
        const thumbB = await a.tg.downloadAsBuffer(photo.getThumbnail('b'));
        const stripped = await a.tg.downloadAsBuffer(photo.getThumbnail('i'));
        return {
            profileSmall: saveDownload(rec, 'profile-small.jpg', small),
            profileBig: saveDownload(rec, 'profile-big.jpg', big),
            largest: saveDownload(rec, 'largest.jpg', largest),
            largestThumbSize: photo.location?.thumbSize ?? null,
            thumbB: saveDownload(rec, 'thumb-b.jpg', thumbB),
            stripped: saveDownload(rec, 'stripped.jpg', stripped),
            userPhotoThumb: me.photo.thumb ? saveDownload(rec, 'user-photo-thumb.jpg', me.photo.thumb) : null,
            expected: { a: sizeOf(view, 'a'), b: sizeOf(view, 'b'), c: sizeOf(view, 'c'), d: sizeOf(view, 'd') },
        };
    });

    // --- 2. the PNG with alpha through tg.setMyProfilePhoto, then the 1400x1000 JPEG ---
    await step(rec, 'uploadPng', async () => {
        const set = await a.tg.setMyProfilePhoto({ type: 'photo', media: 'file:' + rec.images.alpha });
        highLevel.setMyProfilePhotoPngId = signedLong(set.id);
        photos.png = set.raw;
        const [me] = await a.tg.call({ _: 'users.getUsers', id: [SELF] });
        const c = await a.tg.downloadAsBuffer(set.getThumbnail('c'));
        return {
            photo: photoView(set.raw),
            users: [{ id: signedLong(me.id), self: Boolean(me.self), bot: Boolean(me.bot), photo: userPhotoView(me) }],
            downloadC: saveDownload(rec, 'png-c.jpg', c),
        };
    });
    await step(rec, 'uploadWide', async () => {
        const u = await uploadProfilePhoto(a, rec.images.wide);
        photos.wide = u.result.photo;
        return uploadView(u);
    });

    // --- 4. back to the first JPEG: tg.setMyProfilePhoto with its inputPhoto → photos.updateProfilePhoto ---
    await step(rec, 'switchBack', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const switched = await a.tg.setMyProfilePhoto({ type: 'photo', media: new Photo(photos.jpeg).inputPhoto });
        highLevel.switchBackId = signedLong(switched.id);
        // the raw call once more (the same photo again: it stays in front) for the result's users
        const r = await a.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(photos.jpeg) });
        const list = await userPhotos(a, SELF, 0, 0, 100);
        const [me] = await a.tg.call({ _: 'users.getUsers', id: [SELF] });
        const full = await a.tg.call({ _: 'users.getFullUser', id: SELF });
        const meUser = await a.tg.getMe();
        const big = await a.tg.downloadAsBuffer(meUser.photo.big);
        return {
            result: { type: r._, photo: photoView(r.photo), users: r.users.map((u) => ({ id: signedLong(u.id), photo: userPhotoView(u) })) },
            list: photosView(list),
            userPhoto: userPhotoView(me),
            fullProfilePhotoId: signedLong(full.fullUser.profilePhoto?.id),
            profileBigAfter: saveDownload(rec, 'profile-big-after-switch.jpg', big),
        };
    });

    // --- account B: its view of A (default privacy: everybody sees profile photos) ---
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        accounts.B = await signUp(b, PHONE_B, 'Bob');
    });
    await step(rec, 'bSeesA', async () => {
        const imported = await b.tg.importContacts([{ phone: PHONE_A, firstName: 'Ally', lastName: '' }]);
        const userA = imported.users.find((u) => signedLong(u.id) === idA);
        need(userA, 'contacts.importContacts returns A', imported.users.map((u) => signedLong(u.id)));
        const [viaGetUsers] = await b.tg.getUsers([Number(idA)]); // mtcute's stored access_hash
        need(viaGetUsers?.photo, "B: tg.getUsers([A]).photo");
        const full = await b.tg.call({ _: 'users.getFullUser', id: inputUser(idA, signedLong(userA.accessHash)) });
        const list = await userPhotos(b, inputUser(idA, signedLong(userA.accessHash)), 0, 0, 100);
        const hl = await b.tg.getProfilePhotos(Number(idA));
        highLevel.bGetProfilePhotos = hl.map((p) => signedLong(p.id));
        const small = await b.tg.downloadAsBuffer(viaGetUsers.photo.small);
        const big = await b.tg.downloadAsBuffer(viaGetUsers.photo.big);
        return {
            imported: userPhotoView(userA),
            getUsers: userPhotoView(viaGetUsers.raw),
            fullProfilePhotoId: signedLong(full.fullUser.profilePhoto?.id),
            list: photosView(list),
            profileSmall: saveDownload(rec, 'b-sees-a-small.jpg', small),
            profileBig: saveDownload(rec, 'b-sees-a-big.jpg', big),
        };
    });

    // --- 5. paging: raw, then mtcute's helpers ---
    await step(rec, 'paging', async () => {
        need(photos.wide, 'the wide JPEG was uploaded (step uploadWide)');
        const out = {
            all: photosView(await userPhotos(a, SELF, 0, 0, 100)),
            offset1Limit1: photosView(await userPhotos(a, SELF, 1, 0, 1)),
            maxIdExact: photosView(await userPhotos(a, SELF, -1, signedLong(photos.wide.id), 1)),
            afterMaxIdFirst: photosView(await userPhotos(a, SELF, 0, signedLong(photos.jpeg.id), 10)),
        };
        const all = await a.tg.getProfilePhotos('me');
        highLevel.getProfilePhotos = { ids: all.map((p) => signedLong(p.id)), total: all.total };
        const page = await a.tg.getProfilePhotos('me', { offset: 1, limit: 1 });
        highLevel.getProfilePhotosPage = { ids: page.map((p) => signedLong(p.id)), total: page.total, next: page.next ?? null };
        const one = await a.tg.getProfilePhoto('me', photos.wide.id);
        highLevel.getProfilePhoto = one ? signedLong(one.id) : null;
        return out;
    });

    // --- 6. deletePhotos (raw, for the ids it returns) ---
    await step(rec, 'delete', async () => {
        need(photos.png, 'the PNG was uploaded (step uploadPng)');
        const deleted = await a.tg.call({ _: 'photos.deletePhotos', id: [inputPhoto(photos.png)] });
        const again = await a.tg.call({ _: 'photos.deletePhotos', id: [inputPhoto(photos.png)] });
        const after = await userPhotos(a, SELF, 0, 0, 100);
        const gone = await mustFail(a.tg.call({
            _: 'upload.getFile',
            location: { _: 'inputPhotoFileLocation', id: photos.png.id, accessHash: photos.png.accessHash, fileReference: photos.png.fileReference, thumbSize: 'a' },
            offset: Long.ZERO, limit: 4096,
        }));
        return { requested: signedLong(photos.png.id), deleted: deleted.map(signedLong), again: again.map(signedLong), after: photosView(after), downloadDeleted: gone };
    });

    // --- 7. errors, each by its rpc_error text ---
    await step(rec, 'imageErrors', async () => {
        const fails = async (path) => mustFail(uploadProfilePhoto(a, path));
        return {
            photoExtInvalid: await fails(rec.images.text),
            cropSizeSmall: await fails(rec.images.small),
            invalidDimensions: await fails(rec.images.elongated),
            imageProcessFailed: await fails(rec.images.truncated),
        };
    });
    await step(rec, 'photoIdInvalid', async () => {
        need(photos.wide, 'the wide JPEG was uploaded (step uploadWide)');
        const wrongHash = photos.wide.accessHash.xor(Long.ONE);
        return {
            wrongAccessHash: await mustFail(a.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(photos.wide, { accessHash: wrongHash }) })),
            unknownId: await mustFail(a.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(photos.wide, { id: Long.fromNumber(12345) }) })),
        };
    });
    await step(rec, 'partErrors', async () => {
        const save = (fileId, part, bytes) => a.tg.call({ _: 'upload.saveFilePart', fileId, filePart: part, bytes });
        const saveBig = (fileId, part, total, bytes) => a.tg.call({ _: 'upload.saveBigFilePart', fileId, filePart: part, fileTotalParts: total, bytes });
        const out = {};
        const gap = randomFileId();
        out.gapSaved = [await save(gap, 0, Buffer.alloc(1024, 1)), await save(gap, 2, Buffer.alloc(100, 2))];
        out.filePartMissing = await mustFail(a.tg.call({
            _: 'photos.uploadProfilePhoto', file: { _: 'inputFile', id: gap, parts: 3, name: 'gap.jpg', md5Checksum: '' },
        }));
        out.filePartsInvalid = await mustFail(a.tg.call({
            _: 'photos.uploadProfilePhoto', file: { _: 'inputFile', id: gap, parts: 0, name: 'gap.jpg', md5Checksum: '' },
        }));
        out.filePartsInvalidBig = await mustFail(saveBig(randomFileId(), 0, 0, Buffer.alloc(1024, 3)));
        const odd = randomFileId();
        out.oddFirstPartSaved = await save(odd, 0, Buffer.alloc(1000, 4));
        out.filePartSizeInvalid = await mustFail(save(odd, 1, Buffer.alloc(1000, 5)));
        out.filePartSizeInvalidBig = await mustFail(saveBig(randomFileId(), 0, 3, Buffer.alloc(1000, 6)));
        return out;
    });
    await step(rec, 'getFileErrors', async () => {
        const list = await userPhotos(a, SELF, 0, 0, 1);
        const p = list.photos[0];
        need(p?._ === 'photo', 'a current photo', p?._);
        const loc = (fileReference = p.fileReference, thumbSize = 'c') => ({ _: 'inputPhotoFileLocation', id: p.id, accessHash: p.accessHash, fileReference, thumbSize });
        const getFile = (location, offset, limit, precise = false) => a.tg.call({ _: 'upload.getFile', location, offset: Long.fromNumber(offset), limit, precise });
        const first = await getFile(loc(), 0, 4096);
        const out = {
            photoId: signedLong(p.id),
            firstChunk: { type: first.type?._, bytes: first.bytes.length, mtime: first.mtime, ...imageInfo(first.bytes) },
            offsetInvalid: await mustFail(getFile(loc(), 100, 4096)),
            limitInvalid: await mustFail(getFile(loc(), 0, 5000)),
            limitCrossesMiB: await mustFail(getFile(loc(), (1 << 20) - 4096, 8192)),
            preciseOffsetInvalid: await mustFail(getFile(loc(), 1000, 1024, true)),
            endOfFile: { bytes: (await getFile(loc(), 1 << 20, 4096)).bytes.length },
            fileReferenceGarbled: await mustFail(getFile(loc(garbled(p.fileReference)), 0, 4096)),
            fileReferenceEmpty: await mustFail(getFile(loc(new Uint8Array(0)), 0, 4096)),
        };
        if (rec.refSecret) {
            const stale = staleReference(rec.refSecret, signedLong(p.id), 3 * 86400);
            out.fileReferenceStale = await mustFail(getFile(loc(stale), 0, 4096));
            out.updateWithStaleReference = await mustFail(a.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(p, { fileReference: stale }) }));
        }
        return out;
    });

    // --- 8. bots: photos.uploadProfilePhoto with bot = tg.resolveUser(username) ---
    if (rec.botUsername) {
        await step(rec, 'bots', async () => {
            let resolved = null;
            const deadline = Date.now() + 15_000;
            while (!resolved) {
                try {
                    resolved = await a.tg.call({ _: 'contacts.resolveUsername', username: rec.botUsername });
                } catch (e) {
                    if (rpc(e)?.message !== 'USERNAME_NOT_OCCUPIED' || Date.now() > deadline) throw e;
                    await sleep(200);
                }
            }
            const botId = signedLong(resolved.peer.userId);
            const bot = await a.tg.resolveUser(rec.botUsername);
            const albumBefore = await userPhotos(a, SELF, 0, 0, 100);
            const own = await uploadProfilePhoto(a, rec.images.botPic, { bot });
            const botAlbum = await userPhotos(a, bot, 0, 0, 100);
            const albumAfter = await userPhotos(a, SELF, 0, 0, 100);
            const out = {
                botId,
                own: uploadView(own),
                botAlbum: photosView(botAlbum),
                ownAlbumBefore: photosView(albumBefore),
                ownAlbumAfter: photosView(albumAfter),
                selfAsBot: await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: SELF })),
            };
            if (rec.foreignBotUsername) {
                const foreign = await a.tg.resolveUser(rec.foreignBotUsername);
                out.foreign = await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: foreign }));
            }
            return out;
        });
    }

    await sleep(200);
    rec.shuttingDown = true;
    for (const tg of clients) {
        try {
            await withTimeout(tg.destroy(), 10_000, 'destroy()');
        } catch (e) {
            rec.warn(`destroy: ${errorText(e)}`);
        }
    }
    rec.finish(true);
}

rec.run(main);
