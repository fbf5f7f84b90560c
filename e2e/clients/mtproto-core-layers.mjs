// An older @mtproto/core (an npm alias: mtproto-core-113 is @mtproto/core@4.0.1, mtproto-core-121 5.3.0) does what an
// app pinned to it does with profile photos on a Portrait test-mode server, in the layer it speaks (M10), with raw
// calls (it has no file helpers) and the same steps and JSON as gramjs-layers.mjs:
//  - A signs up, uploads a JPEG (upload.saveFilePart + photos.uploadProfilePhoto) and sees it in users.getUsers'
//    user.photo, users.getFullUser and photos.getUserPhotos;
//  - upload.getFile gives every size of the photo (inputPhotoFileLocation with each photoSize's type) and the profile
//    photo small and big (inputPeerPhotoFileLocation as its layer has it: before 128 by the volume_id / local_id of
//    userProfilePhoto.photo_small / photo_big); before layer 128 also by inputFileLocation, built from each photoSize's
//    FileLocation with the photo's access_hash as secret and its file_reference;
//  - A uploads a second photo and makes the first current again (photos.updateProfilePhoto: the UserProfilePhoto
//    before layer 118, photos.photo from 118 on), seen in users.getUsers and in the order of photos.getUserPhotos;
//  - B signs up, imports A by phone, sees A's photo in users.getUsers and downloads it; A deletes both photos.
// The client is pointed at the server by lib/mtproto-core-legacy.mjs.
//
//   node clients/mtproto-core-layers.mjs --package mtproto-core-113 --host 127.0.0.1 --port 2443 \
//        --key "$(./portrait key --json)" --phones 9996681131,9996681132 --image photo.jpg --image2 other.jpg
//
// Prints one JSON line on stdout (layer, version, what each step saw); logs go to stderr.

import { startRecorderWith, sleep } from './lib/harness.mjs';
import { signedLong, need } from './lib/accounts.mjs';
import { PACKAGE, LAYER, version, legacyHarness, TRUE_FLAGS_AS_BOOL } from './lib/mtproto-core-legacy.mjs';
import { signUp, uploadFile, download, unsigned, inputUserOf, photoLocation } from './lib/mtproto-core-client.mjs';
import { stepper, fileView, downloadable, sizesView, locationView } from './lib/layers.mjs';

const rec = startRecorderWith('mtproto-core', ['--phones', '--image', '--image2'], ['--phones', '--image', '--image2']);
const [PHONE_A, PHONE_B] = rec.extra.phones.split(',');
const core = legacyHarness(rec);
rec.armTimeout();

const kindOf = (o) => o?._;
// its objects carry the TL field names
const f = (o, name) => o?.[name];
const step = stepper(rec);
const self = { _: 'inputUserSelf' };
const selfPeer = { _: 'inputPeerSelf' };
const inputPhoto = (p) => ({ _: 'inputPhoto', id: p.id, access_hash: p.access_hash, file_reference: p.file_reference });
const photoIdOf = (userPhoto) => signedLong(userPhoto?.photo_id);
const getUserPhotos = (c, userId) => c.call('photos.getUserPhotos', { user_id: userId, offset: 0, max_id: '0', limit: 10 });
const getSelf = async (c) => (await c.call('users.getUsers', { id: [self] }))[0];
/** The profile photo by the peer, as the layer addresses it: by the FileLocation's volume_id / local_id before 128. */
const profileLocation = (peer, userPhoto, big) => (LAYER < 128
    ? { _: 'inputPeerPhotoFileLocation', big, peer, volume_id: f(big ? userPhoto.photo_big : userPhoto.photo_small, 'volume_id'), local_id: f(big ? userPhoto.photo_big : userPhoto.photo_small, 'local_id') }
    : { _: 'inputPeerPhotoFileLocation', big, peer, photo_id: userPhoto.photo_id });

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    rec.result.package = PACKAGE;

    const a = await core.newClient('A', 2);
    const me = await step('signUpA', () => signUp(a, '+' + PHONE_A, 'Ada', 'Layers'));

    const uploadPhoto = async (path) => a.call('photos.uploadProfilePhoto', { file: await uploadFile(a, path) });
    let first = null;
    await step('upload', async () => {
        const result = await uploadPhoto(rec.extra.image);
        first = result.photo;
        return { kind: kindOf(result), photo: kindOf(result.photo), id: signedLong(result.photo?.id), sizes: sizesView(result.photo?.sizes, kindOf, f) };
    });
    let userPhoto = null;
    await step('getMe', async () => {
        const u = await getSelf(a);
        userPhoto = u.photo;
        return { photo: kindOf(u.photo), photoId: photoIdOf(u.photo), small: locationView(u.photo?.photo_small, f), big: locationView(u.photo?.photo_big, f) };
    }, { soft: true });
    await step('getFullUser', async () => {
        const full = await a.call('users.getFullUser', { id: self });
        const p = full.full_user?.profile_photo ?? full.profile_photo;
        return { kind: kindOf(full), profilePhoto: kindOf(p), id: signedLong(p?.id) };
    }, { soft: true });
    let photo = null;
    await step('getUserPhotos', async () => {
        const r = await getUserPhotos(a, self);
        photo = r.photos[0];
        return { kind: kindOf(r), ids: r.photos.map((p) => signedLong(p.id)) };
    });
    await step('downloads', async () => {
        const out = { sizes: {} };
        for (const s of photo.sizes.filter((x) => downloadable(kindOf(x)))) {
            out.sizes[s.type] = fileView(await download(a, photoLocation(photo, s.type)));
        }
        need(userPhoto, 'users.getUsers gave the user photo (step getMe)');
        out.profileSmall = fileView(await download(a, profileLocation(selfPeer, userPhoto, false)));
        // 4.x cannot set big (TRUE_FLAGS_AS_BOOL); the big size is still fetched by inputFileLocation below
        out.profileBig = TRUE_FLAGS_AS_BOOL
            ? { clientBug: 'big:flags.0?true written with a Bool' }
            : fileView(await download(a, profileLocation(selfPeer, userPhoto, true)));
        if (LAYER < 128) {
            // the address of layers before 128: the size's FileLocation, the photo's access_hash as its secret
            out.legacy = {};
            for (const s of photo.sizes.filter((x) => x.location?._ === 'fileLocationToBeDeprecated')) {
                out.legacy[s.type] = fileView(await download(a, {
                    _: 'inputFileLocation', volume_id: s.location.volume_id, local_id: s.location.local_id,
                    secret: photo.access_hash, file_reference: photo.file_reference,
                }));
            }
        }
        return out;
    }, { soft: true });
    let second = null;
    await step('updateProfilePhoto', async () => {
        second = (await uploadPhoto(rec.extra.image2)).photo;
        const before = photoIdOf((await getSelf(a)).photo);
        // the first photo current again: the new UserProfilePhoto before layer 118, photos.photo from 118 on
        const r = await a.call('photos.updateProfilePhoto', { id: inputPhoto(first) });
        const after = await getSelf(a);
        const list = await getUserPhotos(a, self);
        return {
            secondId: signedLong(second.id),
            currentBefore: before,
            result: {
                kind: kindOf(r),
                photo: kindOf(r.photo) ?? null,
                id: r.photo ? signedLong(r.photo.id) : photoIdOf(r),
                users: (r.users ?? []).map((u) => ({ id: signedLong(u.id), photoId: photoIdOf(u.photo) })),
                ...(r.photo_small ? { small: locationView(r.photo_small, f), big: locationView(r.photo_big, f) } : {}),
            },
            current: photoIdOf(after.photo),
            ids: list.photos.map((p) => signedLong(p.id)),
        };
    });

    const b = await core.newClient('B', 4);
    await step('signUpB', () => signUp(b, '+' + PHONE_B, 'Bob', 'Layers'));
    await step('bSeesA', async () => {
        const imported = await b.call('contacts.importContacts', {
            contacts: [{ _: 'inputPhoneContact', client_id: '1', phone: PHONE_A, first_name: 'Ada', last_name: '' }],
        });
        const userA = imported.users.find((u) => signedLong(u.id) === me.id);
        need(userA, 'contacts.importContacts returns A', imported.users.map((u) => signedLong(u.id)));
        const [u] = await b.call('users.getUsers', { id: [inputUserOf(me.id, userA.access_hash)] });
        const peerA = { _: 'inputPeerUser', user_id: unsigned(me.id), access_hash: unsigned(userA.access_hash) };
        return {
            id: signedLong(u.id), photo: kindOf(u.photo), photoId: photoIdOf(u.photo),
            profileSmall: fileView(await download(b, profileLocation(peerA, u.photo, false))),
        };
    }, { soft: true });
    await step('delete', async () => {
        const deleted = await a.call('photos.deletePhotos', { id: [inputPhoto(first), inputPhoto(second)] });
        const after = await getUserPhotos(a, self);
        // it reads a result by its constructor, so a Vector<long> comes back as a vector of undefined objects (see
        // mtproto-core-photos.mjs): only the count is readable, the album afterwards shows the rest
        return {
            deleted: deleted.every((x) => x !== undefined && x !== null) ? deleted.map(signedLong) : null,
            deletedCount: deleted.length,
            left: after.photos.length,
        };
    });
    rec.result.accounts = { A: me.id };

    await sleep(200);
    // it has no disconnect: its transport reconnects whenever the socket closes. Just exit.
    rec.shuttingDown = true;
    rec.finish(true);
}

rec.run(main);
