// gramjs (npm `telegram` 2.26.22) as the person whose photos the Bot API tests' bots read (BotApiClientsTest), in two
// runs on the same test-mode server:
//   --do setup   signs the number up (client.start with the test code) and uploads two profile photos, the older
//                (older.jpg) then the newer (newer.jpg): client.uploadFile + photos.UploadProfilePhoto;
//   --do check   signs in again and, for each bot of --bots, resolves its username (contacts.resolveUsername) and reads
//                users.getFullUser(bot): the profile_photo the bot set over HTTP; then switches its own main photo back
//                to the older one (photos.updateProfilePhoto with the InputPhoto photos.getUserPhotos gave).
//
//   node clients/gramjs-bot-api-user.mjs --host 127.0.0.1 --port 2443 --key '{...}' --phone 9996681001 \
//       --do setup --images DIR
//   node clients/gramjs-bot-api-user.mjs ... --phone 9996681001 --do check --bots name_bot,other_bot
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id}, and per mode uploads [{id, sizes}] or
// bots {username: {id, profilePhoto: {id, sizes}, userPhotoId}} and switched {id}.

import { startRecorderWith } from './lib/harness.mjs';
import { step, need, signedLong } from './lib/accounts.mjs';
import { Api, CustomFile, LAYER, version, gramjsHarness, signUp } from './lib/gramjs-client.mjs';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';

const rec = startRecorderWith('gramjs-bot-api-user', ['--phone', '--do', '--images', '--bots'], ['--phone', '--do']);
rec.catchUnhandled();
rec.armTimeout();
rec.result.stepErrors = {};
const phone = rec.extra.phone.replace(/^\+/, '');
const mode = rec.extra.do;

// uploads run on an exported sender that gramjs closes itself after its last use
const gram = gramjsHarness(rec, { clientCloses: true });

const photoView = (p) => p && p.className === 'Photo' && {
    id: signedLong(p.id),
    sizes: p.sizes.filter((s) => s.className === 'PhotoSize').map((s) => ({ type: s.type, w: s.w, h: s.h, size: s.size })),
    videoSizes: (p.videoSizes ?? []).filter((v) => v.className === 'VideoSize').map((v) => ({ type: v.type, w: v.w, h: v.h, videoStartTs: v.videoStartTs ?? null })),
};

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    const a = await gram.newClient('A');
    rec.result.me = await signUp(a, '+' + phone, 'Pat', 'BotApi');
    need(rec.result.me?.id, 'signed in');

    if (mode === 'setup') {
        need(rec.extra.images, '--images is required with --do setup');
        await step(rec, 'uploads', async () => {
            const out = [];
            for (const name of ['older.jpg', 'newer.jpg']) {
                const path = join(rec.extra.images, name);
                const file = await a.client.uploadFile({ file: new CustomFile(basename(path), statSync(path).size, path), workers: 1 });
                const r = await a.client.invoke(new Api.photos.UploadProfilePhoto({ file }));
                out.push(photoView(r.photo));
            }
            return out;
        }, 60_000);
    } else if (mode === 'check') {
        need(rec.extra.bots, '--bots is required with --do check');
        rec.result.bots = {};
        for (const username of rec.extra.bots.split(',')) {
            await step(rec, `bot_${username}`, async () => {
                const r = await a.client.invoke(new Api.contacts.ResolveUsername({ username }));
                const user = r.users.find((u) => u.username?.toLowerCase() === username.toLowerCase());
                need(user?.bot, `${username} resolves to a bot`, user?.className);
                const full = await a.client.invoke(new Api.users.GetFullUser({
                    id: new Api.InputUser({ userId: user.id, accessHash: user.accessHash }),
                }));
                rec.result.bots[username] = {
                    id: signedLong(user.id),
                    userPhotoId: user.photo?.photoId !== undefined ? signedLong(user.photo.photoId) : null,
                    profilePhoto: photoView(full.fullUser.profilePhoto) || null,
                };
            });
        }
        await step(rec, 'switched', async () => {
            const album = await a.client.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: 0, limit: 10 }));
            need(album.photos.length >= 2, 'two photos in the album', album.photos.length);
            const older = album.photos[album.photos.length - 1];
            const r = await a.client.invoke(new Api.photos.UpdateProfilePhoto({
                id: new Api.InputPhoto({ id: older.id, accessHash: older.accessHash, fileReference: older.fileReference }),
            }));
            return { before: album.photos.map((p) => signedLong(p.id)), photo: photoView(r.photo) };
        });
    } else {
        throw new Error(`--do must be setup or check, got ${mode}`);
    }
    await gram.disconnectAllAndFinish();
}

rec.run(main);
