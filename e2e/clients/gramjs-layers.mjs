// An older gramjs (an npm alias: telegram-140 is telegram@2.8.2, -150 2.15.5, -166 2.19.10, -181 2.22.2) does what a
// bot or app pinned to it does with profile photos on a Portrait test-mode server, in the layer it speaks (M10):
//  - A signs up (client.start with the test number's code), uploads a JPEG (client.uploadFile +
//    photos.UploadProfilePhoto), and sees it in getMe's user.photo, users.GetFullUser and photos.GetUserPhotos;
//  - client.downloadProfilePhoto('me') (the small size) and client.downloadMedia(photo) (the largest) give JPEGs;
//  - B signs up, imports A by phone and sees A's photo in users.GetUsers; then A deletes it (photos.DeletePhotos).
//
//   node clients/gramjs-layers.mjs --package telegram-166 --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//        --phones 9996681001,9996681002 --image photo.jpg
//
// Prints one JSON line on stdout (layer, version, what each step saw); logs go to stderr.

import { startRecorderWith, withTimeout } from './lib/harness.mjs';
import { Api, CustomFile, LAYER, version, PACKAGE, kindOf, gramjsHarness, signUp } from './lib/gramjs-client.mjs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

const rec = startRecorderWith('gramjs', ['--phones', '--image'], ['--phones', '--image']);
rec.catchUnhandled();
rec.armTimeout();
const [PHONE_A, PHONE_B] = rec.extra.phones.split(',');
const gram = gramjsHarness(rec, { clientCloses: true });

const jpeg = (buf) => Buffer.isBuffer(buf) && buf.length > 100 && buf[0] === 0xff && buf[1] === 0xd8;
const sizesOf = (photo) => (photo?.sizes ?? []).map((s) => ({ kind: kindOf(s), type: s.type, w: s.w ?? null, h: s.h ?? null }));
const step = async (name, fn) => {
    rec.phase = name;
    const value = await withTimeout(fn(), 60_000, name);
    rec.result.steps[name] = value;
    rec.log(`${name}: ${JSON.stringify(value)}`);
    return value;
};

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    rec.result.package = PACKAGE;
    rec.result.steps = {};

    const a = await gram.newClient('A');
    const me = await step('signUpA', () => signUp(a, '+' + PHONE_A, 'Ada', 'Layers'));

    const uploaded = await step('upload', async () => {
        const path = rec.extra.image;
        const file = await a.client.uploadFile({ file: new CustomFile(basename(path), statSync(path).size, path), workers: 1 });
        const result = await a.client.invoke(new Api.photos.UploadProfilePhoto({ file }));
        return { kind: kindOf(result), photo: kindOf(result.photo), id: result.photo?.id?.toString(), sizes: sizesOf(result.photo) };
    });
    await step('getMe', async () => {
        const u = await a.client.getMe();
        return { photo: kindOf(u.photo), photoId: u.photo?.photoId?.toString() ?? null };
    });
    await step('getFullUser', async () => {
        const full = await a.client.invoke(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
        const p = full.fullUser?.profilePhoto ?? full.profilePhoto;
        return { kind: kindOf(full), profilePhoto: kindOf(p), id: p?.id?.toString() ?? null };
    });
    let photo = null;
    await step('getUserPhotos', async () => {
        const r = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: 0, limit: 10 }));
        photo = r.photos[0];
        return { kind: kindOf(r), ids: r.photos.map((p) => p.id.toString()) };
    });
    await step('downloads', async () => {
        const small = await a.client.downloadProfilePhoto('me');
        const largest = await a.client.downloadMedia(photo);
        return { smallJpeg: jpeg(small), smallBytes: small?.length ?? 0, largestJpeg: jpeg(largest), largestBytes: largest?.length ?? 0 };
    });

    const b = await gram.newClient('B');
    await step('signUpB', () => signUp(b, '+' + PHONE_B, 'Bob', 'Layers'));
    await step('bSeesA', async () => {
        const imported = await b.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: 1, phone: PHONE_A, firstName: 'Ada', lastName: '' })],
        }));
        const [u] = await b.client.invoke(new Api.users.GetUsers({
            id: [new Api.InputUser({ userId: imported.users[0].id, accessHash: imported.users[0].accessHash })],
        }));
        return { id: u.id.toString(), photo: kindOf(u.photo), photoId: u.photo?.photoId?.toString() ?? null };
    });
    await step('delete', async () => {
        const p = photo;
        const deleted = await a.client.invoke(new Api.photos.DeletePhotos({
            id: [new Api.InputPhoto({ id: p.id, accessHash: p.accessHash, fileReference: p.fileReference })],
        }));
        const after = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: 0, limit: 10 }));
        return { deleted: deleted.map(String), left: after.photos.length };
    });
    rec.result.accounts = { A: me.id };
    if (uploaded.photo !== 'photo') rec.error(`the upload gave ${uploaded.photo}`);
    await gram.disconnectAllAndFinish();
}

rec.run(main);
