// @mtproto/core 6.3.0 (layer 158) uploads, switches, lists, downloads and deletes profile photos on a Portrait
// test-mode server: the same steps and the same JSON as gramjs-photos.mjs (see there), with the raw calls this
// client offers — it has no file helpers, so the script does what an application on it does:
//  - uploads: upload.saveFilePart in 128 KB parts, then photos.uploadProfilePhoto({file: inputFile});
//  - downloads: upload.getFile in 512 KB chunks (inputPeerPhotoFileLocation small / big for the profile photo,
//    inputPhotoFileLocation with a thumb_size for a size); the stripped size is expanded with the standard JPEG header
//    and footer (gramjs's Utils.strippedPhotoToJpg, used here as a plain function);
//  - bots: photos.uploadProfilePhoto({bot: inputUser}) with the bot's InputUser from contacts.resolveUsername.
// photos.deletePhotos answers Vector<long>, which this client cannot read (see step delete): the script records how
// many ids came back. Longs go out as unsigned decimal strings and come back that way (signedLong reads them).
//
//   node clients/mtproto-core-photos.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996651001,9996651002 --images DIR --out DIR [--ref-secret HEX] [--bot NAME] [--foreign-bot NAME]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs and lib/photos.mjs); logs go to stderr.
// The client is pointed at the server by lib/mtproto-core-client.mjs.

import { sleep, require } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startPhotosRecorder, saveDownload, imageInfo, staleReference, garbled, sizeOf, photosViewsWith, fileHashesView,
} from './lib/photos.mjs';
import {
    LAYER, version, rpc, mustFail, mtprotoCoreHarness, camel, kindOf, unsigned, inputUserOf as inputUser, randomFileId,
    signUp as signUpAs, uploadFile, download, photoLocation,
} from './lib/mtproto-core-client.mjs';
import { statSync } from 'node:fs';

const { strippedPhotoToJpg } = require('telegram/Utils');

const CLIENT = 'mtproto-core';
const rec = startPhotosRecorder(CLIENT);
const { A: PHONE_A, B: PHONE_B } = rec.phones;
const core = mtprotoCoreHarness(rec, { countUpdates: true });
rec.armTimeout();

const { photoView, userPhotoView, photosView } = photosViewsWith(kindOf);
const views = {
    photo: (p) => photoView(camel(p)),
    userPhoto: (u) => userPhotoView(camel(u)),
    photos: (r) => photosView(camel(r)),
};

const inputPhoto = (p, overrides = {}) => ({ _: 'inputPhoto', id: p.id, access_hash: p.access_hash, file_reference: p.file_reference, ...overrides });
const self = { _: 'inputUserSelf' };

/** A new instance with empty storage, its auth key made by a first help.getConfig; updates it receives land in updates[]. */
const newClient = (label) => core.newClient(label);

const signUp = (c, phone, first) => signUpAs(c, phone, first, 'Photos');

const profileLocation = (peer, photoId, big) => ({ _: 'inputPeerPhotoFileLocation', big, peer, photo_id: photoId });
const getUserPhotos = (c, userId, offset, maxId, limit) => c.call('photos.getUserPhotos', { user_id: userId, offset, max_id: maxId, limit });

async function main() {
    const accounts = rec.beginAccounts(LAYER, version);

    const a = await newClient('A');
    await step(rec, 'signUpA', async () => {
        accounts.A = await signUp(a, '+' + PHONE_A, 'Alice');
    });
    const idA = accounts.A?.id;
    need(idA, 'account A signed up');
    const selfPeer = { _: 'inputPeerSelf' };

    const photos = {};
    const uploadProfilePhoto = async (c, path, extra = {}) => {
        const file = await uploadFile(c, path);
        const result = await c.call('photos.uploadProfilePhoto', { file, ...extra });
        return { file, result };
    };
    const uploadView = ({ file, result }) => ({
        inputFile: { type: file._, parts: file.parts, name: file.name, md5Checksum: file.md5_checksum },
        photo: views.photo(result.photo),
        users: result.users.map((u) => ({ id: signedLong(u.id), self: Boolean(u.self), bot: Boolean(u.bot), photo: views.userPhoto(u) })),
    });

    // --- 1. the 1600x1400 JPEG ---
    await step(rec, 'uploadJpeg', async () => {
        const u = await uploadProfilePhoto(a, rec.images.big);
        photos.jpeg = u.result.photo;
        return { ...uploadView(u), sourceBytes: statSync(rec.images.big).size };
    });

    // --- 3. downloads of the current photo ---
    await step(rec, 'downloads', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const p = photos.jpeg;
        const view = views.photo(p);
        const stripped = p.sizes.find((s) => s._ === 'photoStrippedSize');
        return {
            profileSmall: saveDownload(rec, 'profile-small.jpg', await download(a, profileLocation(selfPeer, p.id, false))),
            profileBig: saveDownload(rec, 'profile-big.jpg', await download(a, profileLocation(selfPeer, p.id, true))),
            largest: saveDownload(rec, 'largest.jpg', await download(a, photoLocation(p, 'd'))),
            thumbB: saveDownload(rec, 'thumb-b.jpg', await download(a, photoLocation(p, 'b'))),
            stripped: saveDownload(rec, 'stripped.jpg', strippedPhotoToJpg(Buffer.from(stripped.bytes))),
            expected: { a: sizeOf(view, 'a'), b: sizeOf(view, 'b'), c: sizeOf(view, 'c'), d: sizeOf(view, 'd') },
        };
    });

    // --- 2. the PNG with alpha, then the 1400x1000 JPEG ---
    await step(rec, 'uploadPng', async () => {
        const u = await uploadProfilePhoto(a, rec.images.alpha);
        photos.png = u.result.photo;
        return { ...uploadView(u), downloadC: saveDownload(rec, 'png-c.jpg', await download(a, photoLocation(photos.png, 'c'))) };
    });
    await step(rec, 'uploadWide', async () => {
        const u = await uploadProfilePhoto(a, rec.images.wide);
        photos.wide = u.result.photo;
        return uploadView(u);
    });

    // --- 4. photos.updateProfilePhoto back to the first JPEG ---
    await step(rec, 'switchBack', async () => {
        need(photos.jpeg, 'the JPEG was uploaded (step uploadJpeg)');
        const r = await a.call('photos.updateProfilePhoto', { id: inputPhoto(photos.jpeg) });
        const list = await getUserPhotos(a, self, 0, 0, 100);
        const [me] = await a.call('users.getUsers', { id: [self] });
        const full = await a.call('users.getFullUser', { id: self });
        return {
            result: { type: r._, photo: views.photo(r.photo), users: r.users.map((u) => ({ id: signedLong(u.id), photo: views.userPhoto(u) })) },
            list: views.photos(list),
            userPhoto: views.userPhoto(me),
            fullProfilePhotoId: signedLong(full.full_user.profile_photo?.id),
            profileBigAfter: saveDownload(rec, 'profile-big-after-switch.jpg', await download(a, profileLocation(selfPeer, photos.jpeg.id, true))),
        };
    });

    // --- account B: its view of A ---
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        accounts.B = await signUp(b, PHONE_B, 'Bob');
    });
    await step(rec, 'bSeesA', async () => {
        const imported = await b.call('contacts.importContacts', {
            contacts: [{ _: 'inputPhoneContact', client_id: '1', phone: PHONE_A, first_name: 'Ally', last_name: '' }],
        });
        const userA = imported.users.find((u) => signedLong(u.id) === idA);
        need(userA, 'contacts.importContacts returns A', imported.users.map((u) => signedLong(u.id)));
        const hash = signedLong(userA.access_hash);
        const [viaGetUsers] = await b.call('users.getUsers', { id: [inputUser(idA, hash)] });
        const full = await b.call('users.getFullUser', { id: inputUser(idA, hash) });
        const list = await getUserPhotos(b, inputUser(idA, hash), 0, 0, 100);
        const peerA = { _: 'inputPeerUser', user_id: unsigned(idA), access_hash: unsigned(hash) };
        const photoId = viaGetUsers.photo?.photo_id;
        need(photoId, "B sees A's user.photo");
        return {
            imported: views.userPhoto(userA),
            getUsers: views.userPhoto(viaGetUsers),
            fullProfilePhotoId: signedLong(full.full_user.profile_photo?.id),
            list: views.photos(list),
            profileSmall: saveDownload(rec, 'b-sees-a-small.jpg', await download(b, profileLocation(peerA, photoId, false))),
            profileBig: saveDownload(rec, 'b-sees-a-big.jpg', await download(b, profileLocation(peerA, photoId, true))),
        };
    });

    // --- 5. paging ---
    await step(rec, 'paging', async () => {
        need(photos.wide, 'the wide JPEG was uploaded (step uploadWide)');
        return {
            all: views.photos(await getUserPhotos(a, self, 0, 0, 100)),
            offset1Limit1: views.photos(await getUserPhotos(a, self, 1, 0, 1)),
            maxIdExact: views.photos(await getUserPhotos(a, self, -1, photos.wide.id, 1)),
            afterMaxIdFirst: views.photos(await getUserPhotos(a, self, 0, photos.jpeg.id, 10)),
        };
    });

    // --- 6. photos.deletePhotos ---
    await step(rec, 'delete', async () => {
        need(photos.png, 'the PNG was uploaded (step uploadPng)');
        const deleted = await a.call('photos.deletePhotos', { id: [inputPhoto(photos.png)] });
        const again = await a.call('photos.deletePhotos', { id: [inputPhoto(photos.png)] });
        const after = await getUserPhotos(a, self, 0, 0, 100);
        const gone = await mustFail(a.call('upload.getFile', { location: photoLocation(photos.png, 'a'), offset: 0, limit: 4096 }));
        // @mtproto/core does not know a result's type and reads a Vector<long> as a vector of objects: each long's low
        // half is taken for a constructor id ("Not found predicate with id: ...") and the element comes back
        // undefined. So only the number of ids deleted is readable here (the album afterwards shows which).
        return {
            requested: signedLong(photos.png.id),
            deleted: deleted.every((x) => x !== undefined && x !== null) ? deleted.map(signedLong) : null,
            deletedCount: deleted.length,
            again: again.map(signedLong),
            after: views.photos(after),
            downloadDeleted: gone,
        };
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
        const wrongHash = unsigned(BigInt.asIntN(64, BigInt(signedLong(photos.wide.access_hash)) ^ 1n));
        return {
            wrongAccessHash: await mustFail(a.call('photos.updateProfilePhoto', { id: inputPhoto(photos.wide, { access_hash: wrongHash }) })),
            unknownId: await mustFail(a.call('photos.updateProfilePhoto', { id: inputPhoto(photos.wide, { id: '12345' }) })),
        };
    });
    await step(rec, 'partErrors', async () => {
        const save = (fileId, part, bytes) => a.call('upload.saveFilePart', { file_id: fileId, file_part: part, bytes });
        const saveBig = (fileId, part, total, bytes) => a.call('upload.saveBigFilePart', { file_id: fileId, file_part: part, file_total_parts: total, bytes });
        const filled = (n, v) => new Uint8Array(n).fill(v);
        const out = {};
        const gap = randomFileId();
        out.gapSaved = [await save(gap, 0, filled(1024, 1)), await save(gap, 2, filled(100, 2))];
        out.filePartMissing = await mustFail(a.call('photos.uploadProfilePhoto', { file: { _: 'inputFile', id: gap, parts: 3, name: 'gap.jpg', md5_checksum: '' } }));
        out.filePartsInvalid = await mustFail(a.call('photos.uploadProfilePhoto', { file: { _: 'inputFile', id: gap, parts: 0, name: 'gap.jpg', md5_checksum: '' } }));
        out.filePartsInvalidBig = await mustFail(saveBig(randomFileId(), 0, 0, filled(1024, 3)));
        const odd = randomFileId();
        out.oddFirstPartSaved = await save(odd, 0, filled(1000, 4));
        out.filePartSizeInvalid = await mustFail(save(odd, 1, filled(1000, 5)));
        out.filePartSizeInvalidBig = await mustFail(saveBig(randomFileId(), 0, 3, filled(1000, 6)));
        return out;
    });
    await step(rec, 'getFileErrors', async () => {
        const list = await getUserPhotos(a, self, 0, 0, 1);
        const p = list.photos[0];
        need(p?._ === 'photo', 'a current photo', p?._);
        const getFile = (location, offset, limit, precise = false) => a.call('upload.getFile', { location, offset, limit, precise });
        const first = await getFile(photoLocation(p, 'c'), 0, 4096);
        const out = {
            photoId: signedLong(p.id),
            firstChunk: { type: first.type?._, bytes: first.bytes.length, mtime: first.mtime, ...imageInfo(first.bytes) },
            offsetInvalid: await mustFail(getFile(photoLocation(p, 'c'), 100, 4096)),
            limitInvalid: await mustFail(getFile(photoLocation(p, 'c'), 0, 5000)),
            limitCrossesMiB: await mustFail(getFile(photoLocation(p, 'c'), (1 << 20) - 4096, 8192)),
            preciseOffsetInvalid: await mustFail(getFile(photoLocation(p, 'c'), 1000, 1024, true)),
            endOfFile: { bytes: (await getFile(photoLocation(p, 'c'), 1 << 20, 4096)).bytes.length },
            fileReferenceGarbled: await mustFail(getFile(photoLocation(p, 'c', new Uint8Array(garbled(p.file_reference))), 0, 4096)),
            fileReferenceEmpty: await mustFail(getFile(photoLocation(p, 'c', new Uint8Array(0)), 0, 4096)),
            fileHashes: fileHashesView(await a.call('upload.getFileHashes', { location: photoLocation(p, 'd'), offset: 0 }),
                (await getFile(photoLocation(p, 'd'), 0, 1 << 20)).bytes),
        };
        if (rec.refSecret) {
            const stale = new Uint8Array(staleReference(rec.refSecret, signedLong(p.id), 3 * 86400));
            out.fileReferenceStale = await mustFail(getFile(photoLocation(p, 'c', stale), 0, 4096));
            out.updateWithStaleReference = await mustFail(a.call('photos.updateProfilePhoto', { id: inputPhoto(p, { file_reference: stale }) }));
        }
        return out;
    });

    // --- 8. bots: photos.uploadProfilePhoto({bot: inputUser}) ---
    if (rec.botUsername) {
        await step(rec, 'bots', async () => {
            const resolved = await untilUsernameResolves(() => a.call('contacts.resolveUsername', { username: rec.botUsername }), rpc);
            const botUser = resolved.users.find((u) => u.id === resolved.peer.user_id);
            const bot = inputUser(botUser.id, botUser.access_hash);
            const albumBefore = await getUserPhotos(a, self, 0, 0, 100);
            const own = await uploadProfilePhoto(a, rec.images.botPic, { bot });
            const botAlbum = await getUserPhotos(a, bot, 0, 0, 100);
            const albumAfter = await getUserPhotos(a, self, 0, 0, 100);
            const out = {
                botId: signedLong(botUser.id),
                own: uploadView(own),
                botAlbum: views.photos(botAlbum),
                ownAlbumBefore: views.photos(albumBefore),
                ownAlbumAfter: views.photos(albumAfter),
                selfAsBot: await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: self })),
            };
            if (rec.foreignBotUsername) {
                const foreign = await a.call('contacts.resolveUsername', { username: rec.foreignBotUsername });
                const f = foreign.users[0];
                out.foreign = await mustFail(uploadProfilePhoto(a, rec.images.botPic, { bot: inputUser(f.id, f.access_hash) }));
            }
            return out;
        });
    }

    await sleep(200);
    // @mtproto/core has no disconnect: its transport reconnects whenever the socket closes. Just exit.
    rec.shuttingDown = true;
    rec.finish(true);
}

rec.run(main);
