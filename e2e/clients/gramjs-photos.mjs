// gramjs (npm `telegram` 2.26.22, layer 198) uploads, switches, lists, downloads and deletes profile photos on a
// Portrait test-mode server (milestone M4 acceptance), following the gramjs docs' examples (shared/seeds 000-002):
//  - account A signs up (client.start); client.uploadFile({file: new CustomFile(...), workers: 1}) +
//    photos.UploadProfilePhoto({file}) for a 1600x1400 JPEG (sizes i, a 160, b 320, c 640, d 1280), a 500x500 PNG
//    with alpha (c 500x500, no d) and a 1400x1000 JPEG (c 640, no d);
//  - downloads: client.downloadProfilePhoto('me') (small → 160, {isBig: true} → 640), client.downloadMedia(photo)
//    (the largest size, d), downloadMedia(photo, {thumb: 'c'|'i'}) — written to --out for the Java test to decode;
//  - photos.UpdateProfilePhoto({id: new Api.InputPhoto({id, accessHash, fileReference})}) switches back to the first
//    JPEG: result, getUserPhotos order, user.photo, and account B's view (users.getUsers, users.getFullUser,
//    photos.getUserPhotos, downloadProfilePhoto of A);
//  - photos.getUserPhotos paging (offset/limit → photos.photosSlice with count, max_id + offset -1 + limit 1),
//    photos.deletePhotos (returns the ids deleted);
//  - errors by their rpc_error text: PHOTO_EXT_INVALID, PHOTO_CROP_SIZE_SMALL, PHOTO_INVALID_DIMENSIONS,
//    IMAGE_PROCESS_FAILED, PHOTO_ID_INVALID, FILE_PART_1_MISSING, FILE_PARTS_INVALID, FILE_PART_SIZE_INVALID,
//    OFFSET_INVALID / LIMIT_INVALID, FILE_REFERENCE_INVALID (garbled) / FILE_REFERENCE_EXPIRED (stale); and
//    upload.GetFileHashes of size d checked against the bytes upload.GetFile served;
//  - bots: photos.UploadProfilePhoto({bot: 'username', file}) for a bot A owns → the bot's photo; another's → BOT_INVALID.
//
//   node clients/gramjs-photos.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996671001,9996671002 --images DIR --out DIR [--ref-secret HEX] [--bot NAME] [--foreign-bot NAME]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs and lib/photos.mjs); logs go to stderr.
// The client is pointed at the server by lib/gramjs-client.mjs.

import { sleep } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startPhotosRecorder, saveDownload, imageInfo, staleReference, garbled, sizeOf, photosViewsWith, fileHashesView,
} from './lib/photos.mjs';
import {
    Api, CustomFile, LAYER, version, bigInt, kindOf, lowerFirst, rpc, mustFail, gramjsHarness, signUp as signUpAs,
} from './lib/gramjs-client.mjs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';

const CLIENT = 'gramjs';
const rec = startPhotosRecorder(CLIENT);
const { A: PHONE_A, B: PHONE_B } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

// Uploads and downloads run on a second connection of the same DC (an "exported sender"), which gramjs itself closes
// 30 s after its last use: a close the client asked for is counted (clientCloses), only one it did not is a failure.
const gram = gramjsHarness(rec, { clientCloses: true });
const newClient = (label) => gram.newClient(label);

/** client.start() with the test number's code: signs a new number up. */
const signUp = (c, phone, first) => signUpAs(c, phone, first, 'Photos');

const { photoView, userPhotoView, photosView } = photosViewsWith(kindOf);

const inputPhoto = (p, overrides = {}) => new Api.InputPhoto({ id: p.id, accessHash: p.accessHash, fileReference: p.fileReference, ...overrides });
const inputUser = (id, hash) => new Api.InputUser({ userId: bigInt(id), accessHash: bigInt(hash) });
const randomFileId = () => bigInt(randomBytes(8).readBigInt64LE(0).toString());
const customFile = (path) => new CustomFile(basename(path), statSync(path).size, path);

async function main() {
    const accounts = rec.beginAccounts(LAYER, version);

    const a = await newClient('A');
    await step(rec, 'signUpA', async () => {
        accounts.A = await signUp(a, '+' + PHONE_A, 'Alice');
    });
    const idA = accounts.A?.id;
    need(idA, 'account A signed up');

    const photos = {};

    /** Seed 002: client.uploadFile({file: new CustomFile(...), workers: 1}) then photos.UploadProfilePhoto({file}). */
    const uploadProfilePhoto = async (c, path, extra = {}) => {
        const file = await c.client.uploadFile({ file: customFile(path), workers: 1 });
        const result = await c.client.invoke(new Api.photos.UploadProfilePhoto({ file, ...extra }));
        return { file, result };
    };
    const uploadView = ({ file, result }) => ({
        inputFile: { type: lowerFirst(file.className), parts: file.parts, name: file.name, md5Checksum: file.md5Checksum ?? null },
        photo: photoView(result.photo),
        users: result.users.map((u) => ({ id: signedLong(u.id), self: Boolean(u.self), bot: Boolean(u.bot), photo: userPhotoView(u) })),
    });

    // --- 1. seed 002: the 1600x1400 JPEG ---
    await step(rec, 'uploadJpeg', async () => {
        const u = await uploadProfilePhoto(a, rec.images.big);
        photos.jpeg = u.result.photo;
        return { ...uploadView(u), sourceBytes: statSync(rec.images.big).size };
    });

    // --- 3. downloads of the current photo (the JPEG): gramjs's own helpers ---
    await step(rec, 'downloads', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const view = photoView(photos.jpeg); // before downloadMedia, which sorts photo.sizes in place
        const small = await a.client.downloadProfilePhoto('me');
        const big = await a.client.downloadProfilePhoto('me', { isBig: true });
        const largest = await a.client.downloadMedia(photos.jpeg);
        const stripped = await a.client.downloadMedia(photos.jpeg, { thumb: 'i' });
        const thumbB = await a.client.downloadMedia(photos.jpeg, { thumb: 'b' });
        return {
            profileSmall: saveDownload(rec, 'profile-small.jpg', small),
            profileBig: saveDownload(rec, 'profile-big.jpg', big),
            largest: saveDownload(rec, 'largest.jpg', largest),
            thumbB: saveDownload(rec, 'thumb-b.jpg', thumbB),
            stripped: saveDownload(rec, 'stripped.jpg', stripped),
            expected: { a: sizeOf(view, 'a'), b: sizeOf(view, 'b'), c: sizeOf(view, 'c'), d: sizeOf(view, 'd') },
        };
    });

    // --- 2. the PNG with alpha, then the 1400x1000 JPEG ---
    await step(rec, 'uploadPng', async () => {
        const u = await uploadProfilePhoto(a, rec.images.alpha);
        photos.png = u.result.photo;
        const view = uploadView(u);
        const c = await a.client.downloadMedia(photos.png, { thumb: 'c' });
        return { ...view, downloadC: saveDownload(rec, 'png-c.jpg', c) };
    });
    await step(rec, 'uploadWide', async () => {
        const u = await uploadProfilePhoto(a, rec.images.wide);
        photos.wide = u.result.photo;
        return uploadView(u);
    });

    // --- 4. seed 000: photos.UpdateProfilePhoto back to the first JPEG ---
    await step(rec, 'switchBack', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const r = await a.client.invoke(new Api.photos.UpdateProfilePhoto({
            id: new Api.InputPhoto({ id: photos.jpeg.id, accessHash: photos.jpeg.accessHash, fileReference: photos.jpeg.fileReference }),
        }));
        const list = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 100 }));
        const [me] = await a.client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
        const full = await a.client.invoke(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
        const big = await a.client.downloadProfilePhoto('me', { isBig: true });
        return {
            result: { type: lowerFirst(r.className), photo: photoView(r.photo), users: r.users.map((u) => ({ id: signedLong(u.id), photo: userPhotoView(u) })) },
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
        const imported = await b.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(1), phone: PHONE_A, firstName: 'Ally', lastName: '' })],
        }));
        const userA = imported.users.find((u) => signedLong(u.id) === idA);
        need(userA, 'contacts.importContacts returns A', imported.users.map((u) => signedLong(u.id)));
        const hash = signedLong(userA.accessHash);
        const [viaGetUsers] = await b.client.invoke(new Api.users.GetUsers({ id: [inputUser(idA, hash)] }));
        const full = await b.client.invoke(new Api.users.GetFullUser({ id: inputUser(idA, hash) }));
        const list = await b.client.invoke(new Api.photos.GetUserPhotos({ userId: inputUser(idA, hash), offset: 0, maxId: bigInt(0), limit: 100 }));
        const small = await b.client.downloadProfilePhoto(viaGetUsers);
        const big = await b.client.downloadProfilePhoto(viaGetUsers, { isBig: true });
        return {
            imported: userPhotoView(userA),
            getUsers: userPhotoView(viaGetUsers),
            fullProfilePhotoId: signedLong(full.fullUser.profilePhoto?.id),
            list: photosView(list),
            profileSmall: saveDownload(rec, 'b-sees-a-small.jpg', small),
            profileBig: saveDownload(rec, 'b-sees-a-big.jpg', big),
        };
    });

    // --- 5. paging ---
    await step(rec, 'paging', async () => {
        need(photos.wide, 'the wide JPEG was uploaded (step uploadWide)');
        const all = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 100 }));
        const second = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 1, maxId: bigInt(0), limit: 1 }));
        const exact = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: -1, maxId: photos.wide.id, limit: 1 }));
        const afterFirst = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: photos.jpeg.id, limit: 10 }));
        return { all: photosView(all), offset1Limit1: photosView(second), maxIdExact: photosView(exact), afterMaxIdFirst: photosView(afterFirst) };
    });

    // --- 6. deletePhotos ---
    await step(rec, 'delete', async () => {
        need(photos.png, 'the PNG was uploaded (step uploadPng)');
        const deleted = await a.client.invoke(new Api.photos.DeletePhotos({ id: [inputPhoto(photos.png)] }));
        const again = await a.client.invoke(new Api.photos.DeletePhotos({ id: [inputPhoto(photos.png)] }));
        const after = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 100 }));
        const gone = await mustFail(a.client.invoke(new Api.upload.GetFile({
            location: new Api.InputPhotoFileLocation({ id: photos.png.id, accessHash: photos.png.accessHash, fileReference: photos.png.fileReference, thumbSize: 'a' }),
            offset: bigInt(0), limit: 4096,
        })));
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
        const wrongHash = bigInt(BigInt.asIntN(64, BigInt(signedLong(photos.wide.accessHash)) ^ 1n).toString());
        return {
            wrongAccessHash: await mustFail(a.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(photos.wide, { accessHash: wrongHash }) }))),
            unknownId: await mustFail(a.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(photos.wide, { id: bigInt(12345) }) }))),
        };
    });
    await step(rec, 'partErrors', async () => {
        const save = (fileId, part, bytes) => a.client.invoke(new Api.upload.SaveFilePart({ fileId, filePart: part, bytes }));
        const saveBig = (fileId, part, total, bytes) => a.client.invoke(new Api.upload.SaveBigFilePart({ fileId, filePart: part, fileTotalParts: total, bytes }));
        const out = {};
        // parts 0 and 2 of 3, then the photo with parts = 3: part 1 is missing
        const gap = randomFileId();
        out.gapSaved = [await save(gap, 0, Buffer.alloc(1024, 1)), await save(gap, 2, Buffer.alloc(100, 2))];
        out.filePartMissing = await mustFail(a.client.invoke(new Api.photos.UploadProfilePhoto({
            file: new Api.InputFile({ id: gap, parts: 3, name: 'gap.jpg', md5Checksum: '' }),
        })));
        // parts = 0 in the InputFile; fileTotalParts = 0 on a big part
        out.filePartsInvalid = await mustFail(a.client.invoke(new Api.photos.UploadProfilePhoto({
            file: new Api.InputFile({ id: gap, parts: 0, name: 'gap.jpg', md5Checksum: '' }),
        })));
        out.filePartsInvalidBig = await mustFail(saveBig(randomFileId(), 0, 0, Buffer.alloc(1024, 3)));
        // a part followed by another must be a valid part size (1 KB multiple dividing 512 KB): a 1000-byte part 0
        // is fine alone (it may be the last part), and refused once part 1 arrives
        const odd = randomFileId();
        out.oddFirstPartSaved = await save(odd, 0, Buffer.alloc(1000, 4));
        out.filePartSizeInvalid = await mustFail(save(odd, 1, Buffer.alloc(1000, 5)));
        // a big part 0 of 3 is known not to be the last: refused at once
        out.filePartSizeInvalidBig = await mustFail(saveBig(randomFileId(), 0, 3, Buffer.alloc(1000, 6)));
        return out;
    });
    await step(rec, 'getFileErrors', async () => {
        const list = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 1 }));
        const p = list.photos[0];
        need(p instanceof Api.Photo, 'a current photo', p?.className);
        const loc = (fileReference = p.fileReference, thumbSize = 'c') => new Api.InputPhotoFileLocation({ id: p.id, accessHash: p.accessHash, fileReference, thumbSize });
        const getFile = (location, offset, limit, precise = false) => a.client.invoke(new Api.upload.GetFile({ location, offset: bigInt(offset), limit, precise }));
        const first = await getFile(loc(), 0, 4096);
        const out = {
            photoId: signedLong(p.id),
            firstChunk: { type: lowerFirst(first.type?.className), bytes: first.bytes.length, mtime: first.mtime, ...imageInfo(first.bytes) },
            offsetInvalid: await mustFail(getFile(loc(), 100, 4096)),
            limitInvalid: await mustFail(getFile(loc(), 0, 5000)),
            limitCrossesMiB: await mustFail(getFile(loc(), (1 << 20) - 4096, 8192)),
            preciseOffsetInvalid: await mustFail(getFile(loc(), 1000, 1024, true)),
            endOfFile: { bytes: (await getFile(loc(), 1 << 20, 4096)).bytes.length },
            fileReferenceGarbled: await mustFail(getFile(loc(garbled(p.fileReference)), 0, 4096)),
            fileReferenceEmpty: await mustFail(getFile(loc(Buffer.alloc(0)), 0, 4096)),
            fileHashes: fileHashesView(await a.client.invoke(new Api.upload.GetFileHashes({ location: loc(p.fileReference, 'd'), offset: bigInt(0) })),
                (await getFile(loc(p.fileReference, 'd'), 0, 1 << 20)).bytes),
        };
        if (rec.refSecret) {
            const stale = staleReference(rec.refSecret, signedLong(p.id), 3 * 86400);
            out.fileReferenceStale = await mustFail(getFile(loc(stale), 0, 4096));
            out.updateWithStaleReference = await mustFail(a.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(p, { fileReference: stale }) })));
        }
        return out;
    });

    // --- 8. bots: seed 002's `bot: 'username'` (gramjs resolves it with contacts.resolveUsername) ---
    if (rec.botUsername) {
        await step(rec, 'bots', async () => {
            // the Java test creates the bot once A exists: wait until it resolves
            const resolved = await untilUsernameResolves(() => a.client.invoke(new Api.contacts.ResolveUsername({ username: rec.botUsername })), rpc);
            const botId = signedLong(resolved.peer.userId);
            const albumBefore = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 100 }));
            const own = await uploadProfilePhoto(a, rec.images.botPic, { bot: rec.botUsername });
            const botAlbum = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: rec.botUsername, offset: 0, maxId: bigInt(0), limit: 100 }));
            const albumAfter = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: 'me', offset: 0, maxId: bigInt(0), limit: 100 }));
            const out = {
                botId,
                own: uploadView(own),
                botAlbum: photosView(botAlbum),
                ownAlbumBefore: photosView(albumBefore),
                ownAlbumAfter: photosView(albumAfter),
                selfAsBot: await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: 'me' })),
            };
            if (rec.foreignBotUsername) out.foreign = await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: rec.foreignBotUsername }));
            return out;
        });
    }

    await sleep(200);
    await gram.disconnectAllAndFinish();
}

rec.run(main);
