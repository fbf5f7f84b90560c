// gramjs (npm `telegram` 2.26.22, layer 198) against a Portrait test-mode server: milestone M5 acceptance — video and
// emoji avatars, the seed 002 example (file + video + videoEmojiMarkup, fallback, bot), fallback photos, personal and
// suggested photos (seeds 003/004, photos.uploadContactProfilePhoto), what a bot may call, and the video errors.
// Accounts A, B, C sign up on fresh auth keys; A has B as a contact (not C); the Java test creates a bot for A as soon
// as A exists and passes its username and token secret, so the bot signs in here with client.start({botAuthToken}).
//
//   node clients/gramjs-profile-features.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996691001,9996691002,9996691003 --media DIR --out DIR [--bot NAME --bot-secret S]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs, lib/profile-features.mjs); logs go to stderr.
// The client is pointed at the server by lib/gramjs-client.mjs.

import { withTimeout, sleep } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startFeaturesRecorder, saveFile, featureViewsWith, signUpThree, LiveUpdates, EMOJI_ID, EMOJI_COLOUR, SEED_COLOURS,
} from './lib/profile-features.mjs';
import {
    Api, CustomFile, Raw, LAYER, version, bigInt, kindOf, rpc, mustFail, gramjsHarness, signUp as signUpAs,
} from './lib/gramjs-client.mjs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

const CLIENT = 'gramjs';
const rec = startFeaturesRecorder(CLIENT);
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

// closes gramjs asked for (its exported senders for uploads and downloads) are counted, others are errors
const gram = gramjsHarness(rec, { clientCloses: true });
const newClient = (label) => gram.newClient(label);

/** client.start() with the test number's code: signs a new number up. */
async function signUp(c, phone, first) {
    const { onErrors, ...account } = await signUpAs(c, phone, first, 'Features');
    return account;
}

const { photoView, userPhotoView, resultView, photosView } = featureViewsWith(kindOf);
const idOf = (p) => (p ? signedLong(p.id) : null);

const inputPhoto = (p) => new Api.InputPhoto({ id: p.id, accessHash: p.accessHash, fileReference: p.fileReference });
const inputUserOf = (u) => new Api.InputUser({ userId: u.id, accessHash: u.accessHash });
const inputPeerOf = (u) => new Api.InputPeerUser({ userId: u.id, accessHash: u.accessHash });
const customFile = (path) => new CustomFile(basename(path), statSync(path).size, path);
/** Seed 002's own way to make an InputFile: client.uploadFile({file: new CustomFile(...), workers: 1}). */
const upload = (c, path) => c.client.uploadFile({ file: customFile(path), workers: 1 });
const userPhotos = (c, userId) => c.client.invoke(new Api.photos.GetUserPhotos({ userId, offset: 0, maxId: bigInt(0), limit: 100 }));
const getUser = async (c, input) => (await c.client.invoke(new Api.users.GetUsers({ id: [input] })))[0];
const fullUser = (c, input) => c.client.invoke(new Api.users.GetFullUser({ id: input }));
const resolvePhone = async (c, phone) => {
    const r = await c.client.invoke(new Api.contacts.ResolvePhone({ phone }));
    const u = r.users.find((x) => signedLong(x.id) === signedLong(r.peer.userId));
    need(u, `contacts.resolvePhone(${phone}) returns the user`);
    return u;
};
const getFile = (c, photo, thumbSize) => c.client.invoke(new Api.upload.GetFile({
    location: new Api.InputPhotoFileLocation({ id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference, thumbSize }),
    offset: bigInt(0), limit: 4096,
}));
const history = async (c, peer) => {
    const h = await c.client.invoke(new Api.messages.GetHistory({
        peer, offsetId: 0, offsetDate: 0, addOffset: 0, limit: 20, maxId: 0, minId: 0, hash: bigInt(0),
    }));
    return h.messages;
};
const messageView = (m) => ({
    kind: kindOf(m),
    id: m.id,
    out: Boolean(m.out),
    fromId: m.fromId?.userId !== undefined ? signedLong(m.fromId.userId) : null,
    peerId: m.peerId?.userId !== undefined ? signedLong(m.peerId.userId) : null,
    action: m.action ? kindOf(m.action) : null,
    photoId: m.action?.photo ? idOf(m.action.photo) : null,
});
const suggestionIn = (m) => m instanceof Api.MessageService && m.action instanceof Api.MessageActionSuggestProfilePhoto;

/** Records every update the client dispatches (client.addEventHandler(fn, new Raw({}))). */
function listen(c) {
    const live = new LiveUpdates(rec, c.label);
    c.client.addEventHandler((u) => {
        const kind = kindOf(u);
        if (u instanceof Api.UpdateNewMessage) live.add(kind, { message: messageView(u.message), pts: u.pts, ptsCount: u.ptsCount });
        else if (u instanceof Api.UpdateDeleteMessages) live.add(kind, { messages: [...u.messages], pts: u.pts, ptsCount: u.ptsCount });
        else if (u instanceof Api.UpdateUser) live.add(kind, { userId: signedLong(u.userId) });
        else live.add(kind);
    }, new Raw({}));
    return live;
}

async function main() {
    const accounts = rec.beginAccounts(LAYER, version);

    const a = await newClient('A');
    const { b, c } = await signUpThree(rec, accounts, a, newClient, signUp);
    const liveB = listen(b);
    const liveA = listen(a);

    // A has B as a contact (not C); B has a photo of his own; each knows the others' access hashes
    const users = {};
    await step(rec, 'setup', async () => {
        const imported = await a.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(1), phone: PHONE_B, firstName: 'Bob', lastName: '' })],
        }));
        users.bForA = imported.users.find((u) => signedLong(u.id) === accounts.B.id);
        need(users.bForA, 'contacts.importContacts returns B');
        users.cForA = await resolvePhone(a, PHONE_C);
        users.aForB = await resolvePhone(b, PHONE_A);
        users.aForC = await resolvePhone(c, PHONE_A);
        users.bForC = await resolvePhone(c, PHONE_B);
        const bMain = await b.client.invoke(new Api.photos.UploadProfilePhoto({ file: await upload(b, rec.media.bMain) }));
        users.bMainPhoto = bMain.photo;
        return { imported: imported.imported.length, bMain: photoView(bMain.photo) };
    });

    // --- 1. video avatar: the 3 s RGB clip with videoStartTs 1.5 ---
    await step(rec, 'video', async () => {
        const video = await upload(a, rec.media.rgb);
        const r = await a.client.invoke(new Api.photos.UploadProfilePhoto({ video, videoStartTs: 1.5 }));
        const p = r.photo;
        need(p instanceof Api.Photo, 'a photo', p?.className);
        const view = photoView(p); // before downloadMedia, which sorts what it is given
        const u = await a.client.downloadMedia(p, { thumb: 'u' });
        const pSmall = await a.client.downloadMedia(p, { thumb: 'p' });
        const largest = await a.client.downloadMedia(p); // gramjs picks the largest size of sizes + video_sizes
        const viaDownloadFile = await a.client.downloadFile(new Api.InputPhotoFileLocation({
            id: p.id, accessHash: p.accessHash, fileReference: p.fileReference, thumbSize: 'u',
        }), { dcId: p.dcId, fileSize: bigInt(p.videoSizes.find((v) => v.type === 'u')?.size ?? 0) });
        const still = await a.client.downloadMedia(p, { thumb: 'c' });
        const me = await getUser(a, new Api.InputUserSelf());
        const asB = await getUser(b, inputUserOf(users.aForB));
        return {
            inputFile: { type: kindOf(video), parts: video.parts, name: video.name },
            result: resultView(r),
            photo: view,
            downloadU: saveFile(rec, 'video-u.mp4', u),
            downloadP: saveFile(rec, 'video-p.mp4', pSmall),
            downloadLargest: saveFile(rec, 'video-largest.bin', largest),
            downloadFileU: saveFile(rec, 'video-u-downloadFile.mp4', viaDownloadFile),
            stillC: saveFile(rec, 'video-still-c.jpg', still),
            selfPhoto: userPhotoView(me),
            bSeesA: userPhotoView(asB),
        };
    });

    // --- 2. seed 002, nearly verbatim: fallback + bot + file + video + videoStartTs + videoEmojiMarkup ---
    let bot = null;
    if (rec.botUsername) {
        await step(rec, 'resolveBot', async () => {
            const r = await untilUsernameResolves(() => a.client.invoke(new Api.contacts.ResolveUsername({ username: rec.botUsername })), rpc);
            bot = r.users.find((u) => signedLong(u.id) === signedLong(r.peer.userId));
            return { id: signedLong(bot.id), bot: Boolean(bot.bot) };
        });
    }
    await step(rec, 'seed002', async () => {
        need(bot, 'the bot resolved (step resolveBot)');
        const out = {};
        // as the docs print it (the bot's username for 'username'): a bot has no fallback photo
        out.fallbackBot = await mustFail(a.client.invoke(new Api.photos.UploadProfilePhoto({
            fallback: true,
            bot: rec.botUsername,
            file: await a.client.uploadFile({ file: new CustomFile('file.bin', statSync(rec.media.still).size, rec.media.still), workers: 1 }),
            video: await a.client.uploadFile({ file: new CustomFile('video.mp4', statSync(rec.media.ten).size, rec.media.ten), workers: 1 }),
            videoStartTs: 8.24,
            videoEmojiMarkup: new Api.VideoSize({
                type: 'some string here',
                w: 43,
                h: 43,
                size: 43,
                videoStartTs: 8.24,
            }),
        })));
        // for A herself, still with the docs' plain videoSize as the markup: not an emoji/sticker markup
        out.plainVideoSizeMarkup = await mustFail(a.client.invoke(new Api.photos.UploadProfilePhoto({
            file: await a.client.uploadFile({ file: new CustomFile('file.bin', statSync(rec.media.still).size, rec.media.still), workers: 1 }),
            video: await a.client.uploadFile({ file: new CustomFile('video.mp4', statSync(rec.media.ten).size, rec.media.ten), workers: 1 }),
            videoStartTs: 8.24,
            videoEmojiMarkup: new Api.VideoSize({ type: 'some string here', w: 43, h: 43, size: 43, videoStartTs: 8.24 }),
        })));
        // with a real emoji markup: file, video and markup together
        const seedCall = async (extra) => a.client.invoke(new Api.photos.UploadProfilePhoto({
            ...extra,
            file: await a.client.uploadFile({ file: new CustomFile('file.bin', statSync(rec.media.still).size, rec.media.still), workers: 1 }),
            video: await a.client.uploadFile({ file: new CustomFile('video.mp4', statSync(rec.media.ten).size, rec.media.ten), workers: 1 }),
            videoStartTs: 8.24,
            videoEmojiMarkup: new Api.VideoSizeEmojiMarkup({ emojiId: bigInt(EMOJI_ID), backgroundColors: SEED_COLOURS }),
        }));
        const self = await seedCall({});
        out.self = resultView(self);
        out.selfStillC = saveFile(rec, 'seed-still-c.jpg', await a.client.downloadMedia(self.photo, { thumb: 'c' }));
        out.selfU = saveFile(rec, 'seed-u.mp4', await a.client.downloadMedia(self.photo, { thumb: 'u' }));
        // the same for the bot A owns (no fallback): the bot's photo changes
        const before = photosView(await userPhotos(a, rec.botUsername));
        const forBot = await seedCall({ bot: rec.botUsername });
        out.bot = resultView(forBot);
        out.botAlbumBefore = before;
        out.botAlbumAfter = photosView(await userPhotos(a, rec.botUsername));
        out.botSeenByA = userPhotoView(await getUser(a, inputUserOf(bot)));
        return out;
    }, 45_000);

    // --- 3. emoji avatar alone: one background colour ---
    await step(rec, 'emoji', async () => {
        const r = await a.client.invoke(new Api.photos.UploadProfilePhoto({
            videoEmojiMarkup: new Api.VideoSizeEmojiMarkup({ emojiId: bigInt(EMOJI_ID), backgroundColors: [EMOJI_COLOUR] }),
        }));
        return { result: resultView(r), stillC: saveFile(rec, 'emoji-still-c.jpg', await a.client.downloadMedia(r.photo, { thumb: 'c' })) };
    });

    // --- 4. fallback: A's profile photo for her contacts only; B (a contact) sees the main photo, C the fallback ---
    const photos = {};
    await step(rec, 'fallback', async () => {
        const privacy = await a.client.invoke(new Api.account.SetPrivacy({
            key: new Api.InputPrivacyKeyProfilePhoto(),
            rules: [new Api.InputPrivacyValueAllowContacts(), new Api.InputPrivacyValueDisallowAll()],
        }));
        const main = await a.client.invoke(new Api.photos.UploadProfilePhoto({ file: await upload(a, rec.media.main) }));
        const fb = await a.client.invoke(new Api.photos.UploadProfilePhoto({ fallback: true, file: await upload(a, rec.media.fallback) }));
        photos.main = main.photo;
        photos.fallback = fb.photo;
        const inA = (viewer) => inputUserOf(viewer === b ? users.aForB : users.aForC);
        const ownFull = (await fullUser(a, new Api.InputUserSelf())).fullUser;
        const bFull = (await fullUser(b, inA(b))).fullUser;
        const cFull = (await fullUser(c, inA(c))).fullUser;
        const aForC = await getUser(c, inA(c));
        const out = {
            privacyRules: privacy.rules.map(kindOf),
            main: resultView(main),
            fallback: resultView(fb),
            ownAlbum: photosView(await userPhotos(a, 'me')),
            ownFull: { profilePhoto: idOf(ownFull.profilePhoto), fallbackPhoto: idOf(ownFull.fallbackPhoto) },
            bSees: {
                user: userPhotoView(await getUser(b, inA(b))),
                full: { profilePhoto: idOf(bFull.profilePhoto), fallbackPhoto: idOf(bFull.fallbackPhoto) },
                list: photosView(await userPhotos(b, inA(b))),
                big: saveFile(rec, 'fallback-b-sees-a.jpg', await b.client.downloadProfilePhoto(await getUser(b, inA(b)), { isBig: true })),
            },
            cSees: {
                resolved: userPhotoView(await resolvePhone(c, PHONE_A)),
                user: userPhotoView(aForC),
                full: { profilePhoto: idOf(cFull.profilePhoto), fallbackPhoto: idOf(cFull.fallbackPhoto) },
                list: photosView(await userPhotos(c, inA(c))),
                big: saveFile(rec, 'fallback-c-sees-a.jpg', await c.client.downloadProfilePhoto(aForC, { isBig: true })),
                fallbackA: saveFile(rec, 'fallback-c-a.jpg', await c.client.downloadMedia(cFull.fallbackPhoto, { thumb: 'a' })),
                mainRefused: await mustFail(getFile(c, photos.main, 'a')),
            },
        };
        // removing the fallback photo: updateProfilePhoto({fallback: true, id: inputPhotoEmpty})
        const removed = await a.client.invoke(new Api.photos.UpdateProfilePhoto({ fallback: true, id: new Api.InputPhotoEmpty() }));
        const cFullAfter = (await fullUser(c, inA(c))).fullUser;
        out.removed = {
            result: kindOf(removed.photo),
            ownFallback: idOf((await fullUser(a, new Api.InputUserSelf())).fullUser.fallbackPhoto),
            cSees: userPhotoView(await getUser(c, inA(c))),
            cFull: { profilePhoto: idOf(cFullAfter.profilePhoto), fallbackPhoto: idOf(cFullAfter.fallbackPhoto) },
            bSees: userPhotoView(await getUser(b, inA(b))),
        };
        return out;
    });

    // --- 5. personal photo (seeds 003/004): A's own picture for her contact B, seen only by A ---
    await step(rec, 'personal', async () => {
        const inB = inputUserOf(users.bForA);
        const set = await a.client.invoke(new Api.photos.UploadContactProfilePhoto({ userId: inB, save: true, file: await upload(a, rec.media.personal) }));
        photos.personal = set.photo;
        const full = (await fullUser(a, inB)).fullUser;
        const bForA = await getUser(a, inB);
        const out = {
            set: resultView(set),
            aSees: {
                user: userPhotoView(bForA),
                full: { personalPhoto: idOf(full.personalPhoto), profilePhoto: idOf(full.profilePhoto) },
                list: photosView(await userPhotos(a, inB)),
                big: saveFile(rec, 'personal-a-sees-b.jpg', await a.client.downloadProfilePhoto(bForA, { isBig: true })),
            },
            bSeesHimself: userPhotoView(await getUser(b, new Api.InputUserSelf())),
            cSeesB: userPhotoView(await resolvePhone(c, PHONE_B)),
            cRefused: await mustFail(getFile(c, photos.personal, 'a')),
            bMainId: idOf(users.bMainPhoto),
            // errors: C is not A's contact; A herself
            contactMissing: await mustFail(async () => a.client.invoke(new Api.photos.UploadContactProfilePhoto({
                userId: inputUserOf(users.cForA), save: true, file: await upload(a, rec.media.contactErr),
            }))),
            selfInvalid: await mustFail(async () => a.client.invoke(new Api.photos.UploadContactProfilePhoto({
                userId: 'me', save: true, file: await upload(a, rec.media.contactErr),
            }))),
        };
        // save without media removes it
        const removed = await a.client.invoke(new Api.photos.UploadContactProfilePhoto({ userId: inB, save: true }));
        const fullAfter = (await fullUser(a, inB)).fullUser;
        out.removed = {
            result: resultView(removed),
            aSees: userPhotoView(await getUser(a, inB)),
            full: { personalPhoto: idOf(fullAfter.personalPhoto), profilePhoto: idOf(fullAfter.profilePhoto) },
        };
        return out;
    });

    // --- 6. suggested photo: a service message to B, live and in the history; B installs it; A withdraws another ---
    await step(rec, 'suggest', async () => {
        const inB = inputUserOf(users.bForA);
        const peerA = inputPeerOf(users.aForB);
        const stateBefore = await b.client.invoke(new Api.updates.GetState());
        const liveMark = liveB.list.length;
        const sent = await a.client.invoke(new Api.photos.UploadContactProfilePhoto({ userId: inB, suggest: true, file: await upload(a, rec.media.suggest) }));
        const suggested = sent.photo;
        const arrived = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(suggested), 5_000);
        const inbox = await history(b, peerA);
        const msg = inbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(suggested));
        need(msg, "B's history holds the suggestion", inbox.map(messageView));
        const diff = await b.client.invoke(new Api.updates.GetDifference({ pts: stateBefore.pts, date: stateBefore.date, qts: stateBefore.qts }));
        const offered = msg.action.photo;
        const out = {
            result: resultView(sent),
            live: liveB.since(liveMark),
            liveArrived: arrived,
            aLive: liveA.list.filter((e) => e.kind === 'updateNewMessage'),
            history: inbox.map(messageView),
            message: messageView(msg),
            difference: {
                type: kindOf(diff),
                newMessages: (diff.newMessages ?? []).map(messageView),
                otherUpdates: (diff.otherUpdates ?? []).map(kindOf),
                users: (diff.users ?? []).map((u) => signedLong(u.id)),
            },
            offeredC: saveFile(rec, 'suggest-offered-c.jpg', await b.client.downloadMedia(offered, { thumb: 'c' })),
            bPhotoBefore: userPhotoView(await getUser(b, new Api.InputUserSelf())),
        };
        // B installs it: photos.updateProfilePhoto({id: InputPhoto of the photo in the action})
        const installed = await b.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(offered) }));
        out.installed = {
            result: resultView(installed),
            bSelf: userPhotoView(await getUser(b, new Api.InputUserSelf())),
            bAlbum: photosView(await userPhotos(b, 'me')),
            aSeesB: userPhotoView(await getUser(a, inB)),
            bigForA: saveFile(rec, 'suggest-installed-a-sees-b.jpg', await a.client.downloadProfilePhoto(await getUser(a, inB), { isBig: true })),
        };
        // a second suggestion, withdrawn with messages.deleteMessages({revoke: true})
        const mark2 = liveB.list.length;
        const sent2 = await a.client.invoke(new Api.photos.UploadContactProfilePhoto({ userId: inB, suggest: true, file: await upload(a, rec.media.suggest2) }));
        const arrived2 = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(sent2.photo), 5_000);
        const outbox = await history(a, inputPeerOf(users.bForA));
        const mine = outbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(mine, "A's history holds the second suggestion", outbox.map(messageView));
        const inbox2 = await history(b, peerA);
        const theirs = inbox2.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(theirs, "B's history holds the second suggestion", inbox2.map(messageView));
        const stateBeforeDelete = await b.client.invoke(new Api.updates.GetState());
        const liveMark2 = liveB.list.length;
        const affected = await a.client.invoke(new Api.messages.DeleteMessages({ id: [mine.id], revoke: true }));
        const deletedLive = await liveB.waitFor((e) => e.kind === 'updateDeleteMessages' && e.messages.includes(theirs.id), 5_000);
        const diff2 = await b.client.invoke(new Api.updates.GetDifference({ pts: stateBeforeDelete.pts, date: stateBeforeDelete.date, qts: stateBeforeDelete.qts }));
        out.withdraw = {
            sent: idOf(sent2.photo),
            liveNew: arrived2,
            live: liveB.since(mark2),
            liveSinceDelete: liveB.since(liveMark2),
            aMessage: messageView(mine),
            bMessage: messageView(theirs),
            affected: { type: kindOf(affected), ptsCount: affected.ptsCount },
            deletedLive,
            difference: {
                type: kindOf(diff2),
                deleted: (diff2.otherUpdates ?? []).filter((u) => u instanceof Api.UpdateDeleteMessages).map((u) => [...u.messages]),
                otherUpdates: (diff2.otherUpdates ?? []).map(kindOf),
            },
            bHistoryAfter: (await history(b, peerA)).map(messageView),
            aHistoryAfter: (await history(a, inputPeerOf(users.bForA))).map(messageView),
            downloadWithdrawn: await mustFail(getFile(b, sent2.photo, 'c')),
        };
        return out;
    }, 45_000);

    // --- 7. the bot itself: signed in with its token (auth.importBotAuthorization) ---
    if (bot && rec.botSecret) {
        await step(rec, 'botSelf', async () => {
            const bc = await newClient('bot');
            await withTimeout(bc.client.start({ botAuthToken: `${signedLong(bot.id)}:${rec.botSecret}` }), 30_000, 'bot: client.start({botAuthToken})');
            const me = await bc.client.getMe();
            const up = await bc.client.invoke(new Api.photos.UploadProfilePhoto({ file: await upload(bc, rec.media.botSelf) }));
            const albumAfterUpload = photosView(await userPhotos(bc, 'me'));
            const older = (await userPhotos(bc, 'me')).photos.find((p) => idOf(p) !== idOf(up.photo));
            need(older, 'the bot has an older photo (set by A in step seed002)');
            const switched = await bc.client.invoke(new Api.photos.UpdateProfilePhoto({ id: inputPhoto(older) }));
            return {
                me: { id: signedLong(me.id), bot: Boolean(me.bot), username: me.username },
                upload: resultView(up),
                albumAfterUpload,
                switched: resultView(switched),
                albumAfterSwitch: photosView(await userPhotos(bc, 'me')),
                selfAfter: userPhotoView(await getUser(bc, new Api.InputUserSelf())),
                aSeesBot: userPhotoView(await getUser(a, inputUserOf(bot))),
                contactPhoto: await mustFail(async () => bc.client.invoke(new Api.photos.UploadContactProfilePhoto({
                    userId: new Api.InputUser({ userId: bigInt(accounts.A.id), accessHash: bigInt(0) }), save: true, file: await upload(bc, rec.media.botSelf),
                }))),
                fallback: await mustFail(async () => bc.client.invoke(new Api.photos.UploadProfilePhoto({ fallback: true, file: await upload(bc, rec.media.botSelf) }))),
                deletePhotos: await mustFail(bc.client.invoke(new Api.photos.DeletePhotos({ id: [inputPhoto(up.photo)] }))),
            };
        }, 45_000);
    }

    // --- 8. video errors ---
    await step(rec, 'videoErrors', async () => ({
        nonSquare: await mustFail(async () => a.client.invoke(new Api.photos.UploadProfilePhoto({ video: await upload(a, rec.media.wide) }))),
        startTsBeyondDuration: await mustFail(async () => a.client.invoke(new Api.photos.UploadProfilePhoto({ video: await upload(a, rec.media.rgb), videoStartTs: 5.0 }))),
        jpegAsVideo: await mustFail(async () => a.client.invoke(new Api.photos.UploadProfilePhoto({ video: await upload(a, rec.media.notVideo) }))),
    }));

    await sleep(200);
    // every update each account's client dispatched, in order (for the record; the checks are in the steps)
    rec.result.liveKinds = { A: liveA.list.map((e) => e.kind), B: liveB.list.map((e) => e.kind) };
    await gram.disconnectAllAndFinish();
}

rec.run(main);
