// @mtproto/core 6.3.0 (layer 158) against a Portrait test-mode server: the milestone M5 flow of
// gramjs-profile-features.mjs (see there) — video and emoji avatars, file + video + emoji markup (seed 002) for A and
// for her bot, fallback photos, personal and suggested photos (photos.uploadContactProfilePhoto), the bot signed in
// with its token (auth.importBotAuthorization), and the video errors — with the same JSON, through this client's raw
// calls: its own saveFilePart / getFile loops (lib/mtproto-core-client.mjs), updates from its `updates` events.
//
//   node clients/mtproto-core-profile-features.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996693001,9996693002,9996693003 --media DIR --out DIR [--bot NAME --bot-secret S]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs, lib/profile-features.mjs); logs go to stderr.

import { sleep } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startFeaturesRecorder, saveFile, featureViewsWith, signUpThree, LiveUpdates, EMOJI_ID, EMOJI_COLOUR, SEED_COLOURS,
} from './lib/profile-features.mjs';
import {
    LAYER, version, rpc, mustFail, mtprotoCoreHarness, camel, kindOf, inputUserOf, inputPeerUserOf,
    signUp as signUpAs, uploadFile as upload, download, photoLocation,
} from './lib/mtproto-core-client.mjs';

const CLIENT = 'mtproto-core';
const rec = startFeaturesRecorder(CLIENT);
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
const core = mtprotoCoreHarness(rec, { countUpdates: true });
rec.armTimeout();

/** A new instance with empty storage, its auth key made by a first help.getConfig; updates it receives land in updates[]. */
const newClient = (label) => core.newClient(label);
const signUp = (c, phone, first) => signUpAs(c, phone, first, 'Features');

const featureViews = featureViewsWith(kindOf);
const photoView = (p) => featureViews.photoView(camel(p));
const userPhotoView = (u) => featureViews.userPhotoView(camel(u));
const resultView = (r) => featureViews.resultView(camel(r));
const photosView = (r) => featureViews.photosView(camel(r));
const idOf = (p) => (p ? signedLong(p.id) : null);

const self = { _: 'inputUserSelf' };
const inputPhoto = (p) => ({ _: 'inputPhoto', id: p.id, access_hash: p.access_hash, file_reference: p.file_reference });
const inputUser = (u) => inputUserOf(u.id, u.access_hash);
const inputPeer = (u) => inputPeerUserOf(u.id, u.access_hash);
const uploadProfilePhoto = (c, params) => c.call('photos.uploadProfilePhoto', params);
const uploadContactProfilePhoto = (c, params) => c.call('photos.uploadContactProfilePhoto', params);
const userPhotos = (c, userId) => c.call('photos.getUserPhotos', { user_id: userId, offset: 0, max_id: 0, limit: 100 });
const getUser = async (c, input) => (await c.call('users.getUsers', { id: [input] }))[0];
const fullUser = async (c, input) => (await c.call('users.getFullUser', { id: input })).full_user;
const resolvePhone = async (c, phone) => {
    const r = await c.call('contacts.resolvePhone', { phone });
    const u = r.users.find((x) => x.id === r.peer.user_id);
    need(u, `contacts.resolvePhone(${phone}) returns the user`);
    return u;
};
const getFile = (c, photo, thumbSize) => c.call('upload.getFile', { location: photoLocation(photo, thumbSize), offset: 0, limit: 4096 });
/** The big (or small) profile photo of a user as the viewer sees it, by inputPeerPhotoFileLocation. */
const profilePhoto = (c, peer, user, big) => download(c, { _: 'inputPeerPhotoFileLocation', big, peer, photo_id: user.photo.photo_id });
const history = async (c, peer) => (await c.call('messages.getHistory', {
    peer, offset_id: 0, offset_date: 0, add_offset: 0, limit: 20, max_id: 0, min_id: 0, hash: 0,
})).messages;
const messageView = (m) => ({
    kind: kindOf(m),
    id: m.id,
    out: Boolean(m.out),
    fromId: m.from_id?.user_id !== undefined ? signedLong(m.from_id.user_id) : null,
    peerId: m.peer_id?.user_id !== undefined ? signedLong(m.peer_id.user_id) : null,
    action: m.action ? kindOf(m.action) : null,
    photoId: m.action?.photo ? idOf(m.action.photo) : null,
});
const suggestionIn = (m) => m._ === 'messageService' && m.action?._ === 'messageActionSuggestProfilePhoto';

/** Records every update of the client's `updates` / `updateShort` events. */
function listen(c) {
    const live = new LiveUpdates(rec, c.label);
    const one = (u) => {
        const kind = kindOf(u);
        if (kind === 'updateNewMessage') live.add(kind, { message: messageView(u.message), pts: u.pts, ptsCount: u.pts_count });
        else if (kind === 'updateDeleteMessages') live.add(kind, { messages: [...u.messages], pts: u.pts, ptsCount: u.pts_count });
        else if (kind === 'updateUser') live.add(kind, { userId: signedLong(u.user_id) });
        else live.add(kind);
    };
    c.mtproto.updates.on('updates', (u) => u.updates.forEach(one));
    c.mtproto.updates.on('updatesCombined', (u) => u.updates.forEach(one));
    c.mtproto.updates.on('updateShort', (u) => one(u.update));
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
        const imported = await a.call('contacts.importContacts', {
            contacts: [{ _: 'inputPhoneContact', client_id: '1', phone: PHONE_B, first_name: 'Bob', last_name: '' }],
        });
        users.bForA = imported.users.find((u) => signedLong(u.id) === accounts.B.id);
        need(users.bForA, 'contacts.importContacts returns B');
        users.cForA = await resolvePhone(a, PHONE_C);
        users.aForB = await resolvePhone(b, PHONE_A);
        users.aForC = await resolvePhone(c, PHONE_A);
        users.bForC = await resolvePhone(c, PHONE_B);
        const bMain = await uploadProfilePhoto(b, { file: await upload(b, rec.media.bMain) });
        users.bMainPhoto = bMain.photo;
        return { imported: imported.imported.length, bMain: photoView(bMain.photo) };
    });

    // --- 1. video avatar: the 3 s RGB clip with video_start_ts 1.5 ---
    await step(rec, 'video', async () => {
        const video = await upload(a, rec.media.rgb);
        const r = await uploadProfilePhoto(a, { video, video_start_ts: 1.5 });
        const p = r.photo;
        need(p?._ === 'photo', 'a photo', p?._);
        return {
            inputFile: { type: kindOf(video), parts: video.parts, name: video.name },
            result: resultView(r),
            photo: photoView(p),
            downloadU: saveFile(rec, 'video-u.mp4', await download(a, photoLocation(p, 'u'))),
            downloadP: saveFile(rec, 'video-p.mp4', await download(a, photoLocation(p, 'p'))),
            stillC: saveFile(rec, 'video-still-c.jpg', await download(a, photoLocation(p, 'c'))),
            selfPhoto: userPhotoView(await getUser(a, self)),
            bSeesA: userPhotoView(await getUser(b, inputUser(users.aForB))),
        };
    });

    // --- 2. seed 002: file + video + video_start_ts + an emoji markup, for A and for her bot ---
    let bot = null;
    if (rec.botUsername) {
        await step(rec, 'resolveBot', async () => {
            const r = await untilUsernameResolves(() => a.call('contacts.resolveUsername', { username: rec.botUsername }), rpc);
            bot = r.users.find((u) => u.id === r.peer.user_id);
            return { id: signedLong(bot.id), bot: Boolean(bot.bot) };
        });
    }
    await step(rec, 'seed002', async () => {
        need(bot, 'the bot resolved (step resolveBot)');
        const seedCall = async (extra) => uploadProfilePhoto(a, {
            ...extra,
            file: await upload(a, rec.media.still),
            video: await upload(a, rec.media.ten),
            video_start_ts: 8.24,
            video_emoji_markup: { _: 'videoSizeEmojiMarkup', emoji_id: EMOJI_ID, background_colors: SEED_COLOURS },
        });
        const out = {};
        // as the docs print it (a plain videoSize as the markup, for the bot, with fallback): a bot has no fallback
        const plain = { _: 'videoSize', type: 'some string here', w: 43, h: 43, size: 43, video_start_ts: 8.24 };
        out.fallbackBot = await mustFail(async () => uploadProfilePhoto(a, {
            fallback: true, bot: inputUser(bot), file: await upload(a, rec.media.still), video: await upload(a, rec.media.ten),
            video_start_ts: 8.24, video_emoji_markup: plain,
        }));
        // for A herself: the plain videoSize is not an emoji/sticker markup
        out.plainVideoSizeMarkup = await mustFail(async () => uploadProfilePhoto(a, {
            file: await upload(a, rec.media.still), video: await upload(a, rec.media.ten), video_start_ts: 8.24, video_emoji_markup: plain,
        }));
        const mine = await seedCall({});
        out.self = resultView(mine);
        out.selfStillC = saveFile(rec, 'seed-still-c.jpg', await download(a, photoLocation(mine.photo, 'c')));
        out.selfU = saveFile(rec, 'seed-u.mp4', await download(a, photoLocation(mine.photo, 'u')));
        const before = photosView(await userPhotos(a, inputUser(bot)));
        const forBot = await seedCall({ bot: inputUser(bot) });
        out.bot = resultView(forBot);
        out.botAlbumBefore = before;
        out.botAlbumAfter = photosView(await userPhotos(a, inputUser(bot)));
        out.botSeenByA = userPhotoView(await getUser(a, inputUser(bot)));
        return out;
    }, 45_000);

    // --- 3. emoji avatar alone: one background colour ---
    await step(rec, 'emoji', async () => {
        const r = await uploadProfilePhoto(a, { video_emoji_markup: { _: 'videoSizeEmojiMarkup', emoji_id: EMOJI_ID, background_colors: [EMOJI_COLOUR] } });
        return { result: resultView(r), stillC: saveFile(rec, 'emoji-still-c.jpg', await download(a, photoLocation(r.photo, 'c'))) };
    });

    // --- 4. fallback: A's profile photo for her contacts only; B (a contact) sees the main photo, C the fallback ---
    const photos = {};
    await step(rec, 'fallback', async () => {
        const privacy = await a.call('account.setPrivacy', {
            key: { _: 'inputPrivacyKeyProfilePhoto' },
            rules: [{ _: 'inputPrivacyValueAllowContacts' }, { _: 'inputPrivacyValueDisallowAll' }],
        });
        const main = await uploadProfilePhoto(a, { file: await upload(a, rec.media.main) });
        const fb = await uploadProfilePhoto(a, { fallback: true, file: await upload(a, rec.media.fallback) });
        photos.main = main.photo;
        const inA = (viewer) => inputUser(viewer === b ? users.aForB : users.aForC);
        const peerA = (viewer) => inputPeer(viewer === b ? users.aForB : users.aForC);
        const ownFull = await fullUser(a, self);
        const bFull = await fullUser(b, inA(b));
        const cFull = await fullUser(c, inA(c));
        const aForB = await getUser(b, inA(b));
        const aForC = await getUser(c, inA(c));
        const out = {
            privacyRules: privacy.rules.map(kindOf),
            main: resultView(main),
            fallback: resultView(fb),
            ownAlbum: photosView(await userPhotos(a, self)),
            ownFull: { profilePhoto: idOf(ownFull.profile_photo), fallbackPhoto: idOf(ownFull.fallback_photo) },
            bSees: {
                user: userPhotoView(aForB),
                full: { profilePhoto: idOf(bFull.profile_photo), fallbackPhoto: idOf(bFull.fallback_photo) },
                list: photosView(await userPhotos(b, inA(b))),
                big: saveFile(rec, 'fallback-b-sees-a.jpg', await profilePhoto(b, peerA(b), aForB, true)),
            },
            cSees: {
                resolved: userPhotoView(await resolvePhone(c, PHONE_A)),
                user: userPhotoView(aForC),
                full: { profilePhoto: idOf(cFull.profile_photo), fallbackPhoto: idOf(cFull.fallback_photo) },
                list: photosView(await userPhotos(c, inA(c))),
                big: saveFile(rec, 'fallback-c-sees-a.jpg', await profilePhoto(c, peerA(c), aForC, true)),
                fallbackA: saveFile(rec, 'fallback-c-a.jpg', await download(c, photoLocation(cFull.fallback_photo, 'a'))),
                mainRefused: await mustFail(getFile(c, photos.main, 'a')),
            },
        };
        // removing the fallback photo: updateProfilePhoto({fallback: true, id: inputPhotoEmpty})
        const removed = await a.call('photos.updateProfilePhoto', { fallback: true, id: { _: 'inputPhotoEmpty' } });
        const cFullAfter = await fullUser(c, inA(c));
        out.removed = {
            result: kindOf(removed.photo),
            ownFallback: idOf((await fullUser(a, self)).fallback_photo),
            cSees: userPhotoView(await getUser(c, inA(c))),
            cFull: { profilePhoto: idOf(cFullAfter.profile_photo), fallbackPhoto: idOf(cFullAfter.fallback_photo) },
            bSees: userPhotoView(await getUser(b, inA(b))),
        };
        return out;
    });

    // --- 5. personal photo (seeds 003/004): A's own picture for her contact B, seen only by A ---
    await step(rec, 'personal', async () => {
        const inB = inputUser(users.bForA);
        const set = await uploadContactProfilePhoto(a, { user_id: inB, save: true, file: await upload(a, rec.media.personal) });
        photos.personal = set.photo;
        const full = await fullUser(a, inB);
        const bForA = await getUser(a, inB);
        const out = {
            set: resultView(set),
            aSees: {
                user: userPhotoView(bForA),
                full: { personalPhoto: idOf(full.personal_photo), profilePhoto: idOf(full.profile_photo) },
                list: photosView(await userPhotos(a, inB)),
                big: saveFile(rec, 'personal-a-sees-b.jpg', await profilePhoto(a, inputPeer(users.bForA), bForA, true)),
            },
            bSeesHimself: userPhotoView(await getUser(b, self)),
            cSeesB: userPhotoView(await resolvePhone(c, PHONE_B)),
            cRefused: await mustFail(getFile(c, photos.personal, 'a')),
            bMainId: idOf(users.bMainPhoto),
            contactMissing: await mustFail(async () => uploadContactProfilePhoto(a, { user_id: inputUser(users.cForA), save: true, file: await upload(a, rec.media.contactErr) })),
            selfInvalid: await mustFail(async () => uploadContactProfilePhoto(a, { user_id: self, save: true, file: await upload(a, rec.media.contactErr) })),
        };
        // save without media removes it
        const removed = await uploadContactProfilePhoto(a, { user_id: inB, save: true });
        const fullAfter = await fullUser(a, inB);
        out.removed = {
            result: resultView(removed),
            aSees: userPhotoView(await getUser(a, inB)),
            full: { personalPhoto: idOf(fullAfter.personal_photo), profilePhoto: idOf(fullAfter.profile_photo) },
        };
        return out;
    });

    // --- 6. suggested photo: a service message to B, live and in the history; B installs it; A withdraws another ---
    await step(rec, 'suggest', async () => {
        const inB = inputUser(users.bForA);
        const peerA = inputPeer(users.aForB);
        const stateBefore = await b.call('updates.getState');
        const liveMark = liveB.list.length;
        const sent = await uploadContactProfilePhoto(a, { user_id: inB, suggest: true, file: await upload(a, rec.media.suggest) });
        const suggested = sent.photo;
        const arrived = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(suggested), 5_000);
        const inbox = await history(b, peerA);
        const msg = inbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(suggested));
        need(msg, "B's history holds the suggestion", inbox.map(messageView));
        const diff = await b.call('updates.getDifference', { pts: stateBefore.pts, date: stateBefore.date, qts: stateBefore.qts });
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
                newMessages: (diff.new_messages ?? []).map(messageView),
                otherUpdates: (diff.other_updates ?? []).map(kindOf),
                users: (diff.users ?? []).map((u) => signedLong(u.id)),
            },
            offeredC: saveFile(rec, 'suggest-offered-c.jpg', await download(b, photoLocation(offered, 'c'))),
            bPhotoBefore: userPhotoView(await getUser(b, self)),
        };
        // B installs it: photos.updateProfilePhoto({id: InputPhoto of the photo in the action})
        const installed = await b.call('photos.updateProfilePhoto', { id: inputPhoto(offered) });
        const bForA = await getUser(a, inB);
        out.installed = {
            result: resultView(installed),
            bSelf: userPhotoView(await getUser(b, self)),
            bAlbum: photosView(await userPhotos(b, self)),
            aSeesB: userPhotoView(bForA),
            bigForA: saveFile(rec, 'suggest-installed-a-sees-b.jpg', await profilePhoto(a, inputPeer(users.bForA), bForA, true)),
        };
        // a second suggestion, withdrawn with messages.deleteMessages({revoke: true})
        const mark2 = liveB.list.length;
        const sent2 = await uploadContactProfilePhoto(a, { user_id: inB, suggest: true, file: await upload(a, rec.media.suggest2) });
        const arrived2 = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(sent2.photo), 5_000);
        const outbox = await history(a, inputPeer(users.bForA));
        const mine = outbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(mine, "A's history holds the second suggestion", outbox.map(messageView));
        const inbox2 = await history(b, peerA);
        const theirs = inbox2.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(theirs, "B's history holds the second suggestion", inbox2.map(messageView));
        const stateBeforeDelete = await b.call('updates.getState');
        const liveMark2 = liveB.list.length;
        const affected = await a.call('messages.deleteMessages', { id: [mine.id], revoke: true });
        const deletedLive = await liveB.waitFor((e) => e.kind === 'updateDeleteMessages' && e.messages.includes(theirs.id), 5_000);
        const diff2 = await b.call('updates.getDifference', { pts: stateBeforeDelete.pts, date: stateBeforeDelete.date, qts: stateBeforeDelete.qts });
        out.withdraw = {
            sent: idOf(sent2.photo),
            liveNew: arrived2,
            live: liveB.since(mark2),
            liveSinceDelete: liveB.since(liveMark2),
            aMessage: messageView(mine),
            bMessage: messageView(theirs),
            affected: { type: kindOf(affected), ptsCount: affected.pts_count },
            deletedLive,
            difference: {
                type: kindOf(diff2),
                deleted: (diff2.other_updates ?? []).filter((u) => u._ === 'updateDeleteMessages').map((u) => [...u.messages]),
                otherUpdates: (diff2.other_updates ?? []).map(kindOf),
            },
            bHistoryAfter: (await history(b, peerA)).map(messageView),
            aHistoryAfter: (await history(a, inputPeer(users.bForA))).map(messageView),
            downloadWithdrawn: await mustFail(getFile(b, sent2.photo, 'c')),
        };
        return out;
    }, 45_000);

    // --- 7. the bot itself: auth.importBotAuthorization with its token ---
    if (bot && rec.botSecret) {
        await step(rec, 'botSelf', async () => {
            const bc = await newClient('bot');
            const auth = await bc.call('auth.importBotAuthorization', {
                flags: 0, api_id: 1, api_hash: '0123456789abcdef0123456789abcdef', bot_auth_token: `${signedLong(bot.id)}:${rec.botSecret}`,
            }, { syncAuth: false });
            const me = auth.user;
            const up = await uploadProfilePhoto(bc, { file: await upload(bc, rec.media.botSelf) });
            const albumAfterUpload = photosView(await userPhotos(bc, self));
            const older = (await userPhotos(bc, self)).photos.find((p) => idOf(p) !== idOf(up.photo));
            need(older, 'the bot has an older photo (set by A in step seed002)');
            const switched = await bc.call('photos.updateProfilePhoto', { id: inputPhoto(older) });
            return {
                me: { id: signedLong(me.id), bot: Boolean(me.bot), username: me.username },
                upload: resultView(up),
                albumAfterUpload,
                switched: resultView(switched),
                albumAfterSwitch: photosView(await userPhotos(bc, self)),
                selfAfter: userPhotoView(await getUser(bc, self)),
                aSeesBot: userPhotoView(await getUser(a, inputUser(bot))),
                contactPhoto: await mustFail(async () => uploadContactProfilePhoto(bc, {
                    user_id: inputUserOf(accounts.A.id, 0), save: true, file: await upload(bc, rec.media.botSelf),
                })),
                fallback: await mustFail(async () => uploadProfilePhoto(bc, { fallback: true, file: await upload(bc, rec.media.botSelf) })),
                deletePhotos: await mustFail(bc.call('photos.deletePhotos', { id: [inputPhoto(up.photo)] })),
            };
        }, 45_000);
    }

    // --- 8. video errors ---
    await step(rec, 'videoErrors', async () => ({
        nonSquare: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.wide) })),
        startTsBeyondDuration: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.rgb), video_start_ts: 5.0 })),
        jpegAsVideo: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.notVideo) })),
    }));

    await sleep(200);
    rec.result.liveKinds = { A: liveA.list.map((e) => e.kind), B: liveB.list.map((e) => e.kind) };
    // @mtproto/core has no disconnect: its transport reconnects whenever the socket closes. Just exit.
    rec.shuttingDown = true;
    rec.finish(true);
}

rec.run(main);
