// An older gramjs (an npm alias: telegram-131 is telegram@1.11.1, -140 2.8.2, -150 2.15.5, -166 2.19.10, -181 2.22.2)
// does what a bot or app pinned to it does with profile photos on a Portrait test-mode server, in the layer it speaks
// (M10):
//  - A signs up (client.start with the test number's code), uploads a JPEG (client.uploadFile +
//    photos.UploadProfilePhoto), and sees it in getMe's user.photo, users.GetFullUser and photos.GetUserPhotos;
//  - client.downloadProfilePhoto('me') (the small size) and client.downloadMedia(photo) (the largest) give JPEGs, and
//    client.downloadFile gives every size of the photo (inputPhotoFileLocation with each photoSize's type) and the
//    profile photo small and big (the layer's inputPeerPhotoFileLocation);
//  - A uploads a second photo and makes the first current again (photos.UpdateProfilePhoto: photos.photo from layer
//    118 on, the UserProfilePhoto before), seen in getMe and in the order of photos.GetUserPhotos;
//  - B signs up, imports A by phone and sees A's photo in users.GetUsers; then A deletes both (photos.DeletePhotos).
// gramjs 1.x and 2.8 get a socket per connection from lib/gramjs-client.mjs (ownSockets says why; the JSON line's
// perConnectionSockets tells when).
//
//   node clients/gramjs-layers.mjs --package telegram-166 --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//        --phones 9996681001,9996681002 --image photo.jpg --image2 other.jpg
//
// Prints one JSON line on stdout (layer, version, what each step saw); logs go to stderr.

import { startRecorderWith } from './lib/harness.mjs';
import { Api, CustomFile, LAYER, version, PACKAGE, kindOf, bigInt, gramjsHarness, signUp } from './lib/gramjs-client.mjs';
import { stepper, fileView, downloadable, sizesView, locationView } from './lib/layers.mjs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

const rec = startRecorderWith('gramjs', ['--phones', '--image', '--image2'], ['--phones', '--image', '--image2']);
rec.catchUnhandled();
rec.armTimeout();
const [PHONE_A, PHONE_B] = rec.extra.phones.split(',');
const gram = gramjsHarness(rec, { clientCloses: true });

const jpeg = (buf) => Buffer.isBuffer(buf) && buf.length > 100 && buf[0] === 0xff && buf[1] === 0xd8;
// gramjs objects have camelCase fields: a TL field name read from one of them
const f = (o, name) => o?.[name.replace(/_([a-z])/g, (_, c) => c.toUpperCase())];
const sizesOf = (photo) => sizesView(photo?.sizes, kindOf, f);
const step = stepper(rec);
const inputPhoto = (p) => new Api.InputPhoto({ id: p.id, accessHash: p.accessHash, fileReference: p.fileReference });
const photoIdOf = (userPhoto) => userPhoto?.photoId?.toString() ?? null;

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    rec.result.package = PACKAGE;

    const a = await gram.newClient('A');
    const me = await step('signUpA', () => signUp(a, '+' + PHONE_A, 'Ada', 'Layers'));

    const uploadPhoto = async (path) => {
        const file = await a.client.uploadFile({ file: new CustomFile(basename(path), statSync(path).size, path), workers: 1 });
        return a.client.invoke(new Api.photos.UploadProfilePhoto({ file }));
    };
    let first = null;
    const uploaded = await step('upload', async () => {
        const result = await uploadPhoto(rec.extra.image);
        first = result.photo;
        return { kind: kindOf(result), photo: kindOf(result.photo), id: result.photo?.id?.toString(), sizes: sizesOf(result.photo) };
    });
    await step('getMe', async () => {
        const u = await a.client.getMe();
        return {
            photo: kindOf(u.photo), photoId: photoIdOf(u.photo),
            small: locationView(u.photo?.photoSmall, f), big: locationView(u.photo?.photoBig, f),
        };
    }, { soft: true });
    await step('getFullUser', async () => {
        const full = await a.client.invoke(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
        const p = full.fullUser?.profilePhoto ?? full.profilePhoto;
        return { kind: kindOf(full), profilePhoto: kindOf(p), id: p?.id?.toString() ?? null };
    }, { soft: true });
    let photo = null;
    await step('getUserPhotos', async () => {
        const r = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: bigInt(0), limit: 10 }));
        photo = r.photos[0];
        return { kind: kindOf(r), ids: r.photos.map((p) => p.id.toString()) };
    });
    await step('downloads', async () => {
        const small = await a.client.downloadProfilePhoto('me');
        const largest = await a.client.downloadMedia(photo, {}); // 1.x reads its options unguarded
        // every size the photo lists, by its type; the profile photo by the peer, as each layer addresses it
        const sizes = {};
        for (const s of photo.sizes.filter((x) => downloadable(kindOf(x)))) {
            const location = new Api.InputPhotoFileLocation({ id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference, thumbSize: s.type });
            sizes[s.type] = fileView(await a.client.downloadFile(location, {})); // no fileSize: a number in 1.x, a bigInt in 2.2x
        }
        const profile = (big) => new Api.InputPeerPhotoFileLocation({ peer: new Api.InputPeerSelf(), photoId: photo.id, big });
        return {
            smallJpeg: jpeg(small), smallBytes: small?.length ?? 0, largestJpeg: jpeg(largest), largestBytes: largest?.length ?? 0,
            sizes,
            profileSmall: fileView(await a.client.downloadFile(profile(false), {})),
            profileBig: fileView(await a.client.downloadFile(profile(true), {})),
        };
    }, { soft: true });
    let second = null;
    await step('updateProfilePhoto', async () => {
        second = (await uploadPhoto(rec.extra.image2)).photo;
        const before = photoIdOf((await a.client.getMe()).photo);
        // the first photo current again: photos.photo from layer 118 on, the new UserProfilePhoto before it
        const r = await a.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(first) }));
        const after = await a.client.getMe();
        const list = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: bigInt(0), limit: 10 }));
        return {
            secondId: second.id.toString(),
            currentBefore: before,
            result: {
                kind: kindOf(r),
                photo: kindOf(r.photo) ?? null,
                id: r.photo?.id?.toString() ?? photoIdOf(r),
                users: (r.users ?? []).map((u) => ({ id: u.id.toString(), photoId: photoIdOf(u.photo) })),
            },
            current: photoIdOf(after.photo),
            ids: list.photos.map((p) => p.id.toString()),
        };
    });

    const b = await gram.newClient('B');
    await step('signUpB', () => signUp(b, '+' + PHONE_B, 'Bob', 'Layers'));
    await step('bSeesA', async () => {
        const imported = await b.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(1), phone: PHONE_A, firstName: 'Ada', lastName: '' })],
        }));
        const [u] = await b.client.invoke(new Api.users.GetUsers({
            id: [new Api.InputUser({ userId: imported.users[0].id, accessHash: imported.users[0].accessHash })],
        }));
        return { id: u.id.toString(), photo: kindOf(u.photo), photoId: u.photo?.photoId?.toString() ?? null };
    }, { soft: true });
    await step('delete', async () => {
        const deleted = await a.client.invoke(new Api.photos.DeletePhotos({ id: [inputPhoto(first), inputPhoto(second)] }));
        const after = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: bigInt(0), limit: 10 }));
        return { deleted: deleted.map(String), left: after.photos.length };
    });
    rec.result.accounts = { A: me.id };
    rec.result.perConnectionSockets = a.client.perConnectionSockets;
    if (uploaded.photo !== 'photo') rec.error(`the upload gave ${uploaded.photo}`);
    await gram.disconnectAllAndFinish();
}

rec.run(main);
