// mtcute (@mtcute/node 0.30.3, layer 227) uploads, switches, lists, downloads and deletes profile photos on a Portrait
// test-mode server (milestone M4 acceptance). Same checks as gramjs-photos.mjs, through mtcute's API:
//  - account A signs up (tg.sendCode / tg.signIn / raw auth.signUp, lib/mtcute-client.mjs); tg.uploadFile({file})
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
// The client is pointed at the server by lib/mtcute-client.mjs (addPublicKey, defaultDcs, MemoryStorage).

import { sleep, fingerprintLookupWarning } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startPhotosRecorder, saveDownload, imageInfo, staleReference, garbled, sizeOf, photosViewsWith, fileHashesView,
} from './lib/photos.mjs';
import {
    Long, Photo, VERSION, kindOf, rpcOf, mustFailWith, mtcuteHarness, signUp as signUpAs,
} from './lib/mtcute-client.mjs';
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const CLIENT = 'mtcute';
const rec = startPhotosRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

// connections told apart by their log prefix: MAIN reconnects are errors, UPLOAD / DOWNLOAD pool ones warnings
const cute = mtcuteHarness(rec, { pools: true });
const newClient = (label) => cute.newClient(label);

/** An RPC error as mtcute surfaces it (lib/mtcute-client.mjs rpcOf): with serverText, which, seconds, newDc. */
const rpc = (e) => rpcOf(e, { serverText: true, details: true });
const mustFail = mustFailWith(rpc);

/** Signs a new number up (lib/mtcute-client.mjs: tg.sendCode, tg.signIn, raw auth.signUp, tg.notifyLoggedIn). */
const signUp = (c, phone, first) => signUpAs(c, phone, first, 'Photos');

const { photoView, userPhotoView, photosView } = photosViewsWith(kindOf);

const toLong = (s) => Long.fromString(String(s));
const inputPhoto = (p, overrides = {}) => ({ _: 'inputPhoto', id: p.id, accessHash: p.accessHash, fileReference: p.fileReference, ...overrides });
const inputUser = (id, hash) => ({ _: 'inputUser', userId: Number(id), accessHash: toLong(hash) });
const SELF = { _: 'inputUserSelf' };
const randomFileId = () => toLong(randomBytes(8).readBigInt64LE(0).toString());
const userPhotos = (c, userId, offset, maxId, limit) => c.tg.call({ _: 'photos.getUserPhotos', userId, offset, maxId: toLong(maxId), limit });

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.version = VERSION;
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
            fileHashes: fileHashesView(await a.tg.call({ _: 'upload.getFileHashes', location: loc(p.fileReference, 'd'), offset: Long.fromNumber(0) }),
                (await getFile(loc(p.fileReference, 'd'), 0, 1 << 20)).bytes),
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
            const resolved = await untilUsernameResolves(() => a.tg.call({ _: 'contacts.resolveUsername', username: rec.botUsername }), rpc);
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
    await cute.destroyAllAndFinish();
}

rec.run(main);
