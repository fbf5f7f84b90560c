// mtcute (@mtcute/node 0.30.3, layer 227) against a Portrait test-mode server: milestone M5 acceptance, the same flows
// as gramjs-profile-features.mjs through mtcute's API — video avatar (tg.uploadFile + raw photos.uploadProfilePhoto,
// downloads of the photo's 'u' / 'p' / 'c' thumbnails with tg.downloadAsBuffer), emoji avatar, fallback photo behind a
// contacts-only privacy rule, personal photo (photos.uploadContactProfilePhoto with save), suggested photo (arrives
// through tg.onNewMessage / tg.onRawUpdate, installed with photos.updateProfilePhoto, withdrawn with
// messages.deleteMessages(revoke) → tg.onDeleteMessage), the bot (A sets its photo with bot = tg.resolveUser(name); the
// bot signs in with tg.signInBot(token)), and the video errors. The seed 002 call is gramjs's own example and is run
// by the gramjs script only.
//
//   node clients/mtcute-profile-features.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996692001,9996692002,9996692003 --media DIR --out DIR [--bot NAME --bot-secret S]
//
// Prints one JSON line on stdout (see lib/harness.mjs, lib/accounts.mjs, lib/profile-features.mjs); logs go to stderr.
// The client is pointed at the server by lib/mtcute-client.mjs (addPublicKey, defaultDcs, MemoryStorage).

import { withTimeout, sleep, fingerprintLookupWarning } from './lib/harness.mjs';
import { signedLong, step, need, untilUsernameResolves } from './lib/accounts.mjs';
import {
    startFeaturesRecorder, saveFile, featureViewsWith, signUpThree, LiveUpdates, EMOJI_ID, EMOJI_COLOUR,
} from './lib/profile-features.mjs';
import {
    Long, Photo, VERSION, kindOf, rpcOf, mustFailWith, mtcuteHarness, signUp as signUpAs,
} from './lib/mtcute-client.mjs';

const CLIENT = 'mtcute';
const rec = startFeaturesRecorder(CLIENT);
const opts = rec.opts;
const { A: PHONE_A, B: PHONE_B, C: PHONE_C } = rec.phones;
rec.catchUnhandled();
rec.armTimeout();

// connections told apart by their log prefix: MAIN reconnects are errors, UPLOAD / DOWNLOAD pool ones warnings
const cute = mtcuteHarness(rec, { pools: true });
const newClient = (label) => cute.newClient(label);

/** An RPC error as mtcute surfaces it (lib/mtcute-client.mjs rpcOf): code, message = e.text, serverText when they differ. */
const rpc = (e) => rpcOf(e, { serverText: true });
const mustFail = mustFailWith(rpc);

/** Signs a new number up (lib/mtcute-client.mjs: tg.sendCode, tg.signIn, raw auth.signUp, tg.notifyLoggedIn). */
const signUp = (c, phone, first) => signUpAs(c, phone, first, 'Features');

const { photoView, userPhotoView, resultView, photosView } = featureViewsWith(kindOf);
const idOf = (p) => (p && p._ === 'photo' ? signedLong(p.id) : null);

const SELF = { _: 'inputUserSelf' };
const inputPhoto = (p) => ({ _: 'inputPhoto', id: p.id, accessHash: p.accessHash, fileReference: p.fileReference });
const inputUserOf = (u) => ({ _: 'inputUser', userId: u.id, accessHash: u.accessHash });
const inputPeerOf = (u) => ({ _: 'inputPeerUser', userId: u.id, accessHash: u.accessHash });
/** mtcute's own upload (128 KB parts; an UPLOAD pool connection above 128 KB). */
const upload = async (c, path) => (await c.tg.uploadFile({ file: path })).inputFile;
const uploadProfilePhoto = (c, params) => c.tg.call({ _: 'photos.uploadProfilePhoto', ...params });
const uploadContactProfilePhoto = (c, params) => c.tg.call({ _: 'photos.uploadContactProfilePhoto', ...params });
const userPhotos = (c, userId) => c.tg.call({ _: 'photos.getUserPhotos', userId, offset: 0, maxId: Long.ZERO, limit: 100 });
const getUser = async (c, input) => (await c.tg.call({ _: 'users.getUsers', id: [input] }))[0];
const fullUser = (c, input) => c.tg.call({ _: 'users.getFullUser', id: input });
const resolvePhone = async (c, phone) => {
    const r = await c.tg.call({ _: 'contacts.resolvePhone', phone });
    const u = r.users.find((x) => signedLong(x.id) === signedLong(r.peer.userId));
    need(u, `contacts.resolvePhone(${phone}) returns the user`);
    return u;
};
const getFile = (c, photo, thumbSize) => c.tg.call({
    _: 'upload.getFile',
    location: { _: 'inputPhotoFileLocation', id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference, thumbSize },
    offset: Long.ZERO, limit: 4096,
});
/** A thumbnail of a raw photo through mtcute's Photo / Thumbnail (a FileLocation) and tg.downloadAsBuffer. */
const downloadThumb = async (c, raw, type) => {
    const t = new Photo(raw).getThumbnail(type);
    need(t, `the photo has a '${type}' thumbnail`);
    return c.tg.downloadAsBuffer(t);
};
/** The big profile photo of a user as the viewer sees it: tg.getUsers → User.photo.big (inputPeerPhotoFileLocation). */
const downloadBig = async (c, userId) => {
    const [u] = await c.tg.getUsers([Number(userId)]);
    need(u?.photo, `tg.getUsers([${userId}]).photo`);
    return c.tg.downloadAsBuffer(u.photo.big);
};
const history = async (c, peer) => (await c.tg.call({
    _: 'messages.getHistory', peer, offsetId: 0, offsetDate: 0, addOffset: 0, limit: 20, maxId: 0, minId: 0, hash: Long.ZERO,
})).messages;
const messageView = (m) => ({
    kind: m._,
    id: m.id,
    out: Boolean(m.out),
    fromId: m.fromId?.userId !== undefined ? signedLong(m.fromId.userId) : null,
    peerId: m.peerId?.userId !== undefined ? signedLong(m.peerId.userId) : null,
    action: m.action?._ ?? null,
    photoId: m.action?.photo ? idOf(m.action.photo) : null,
});
const suggestionIn = (m) => m._ === 'messageService' && m.action?._ === 'messageActionSuggestProfilePhoto';

/** Records what mtcute dispatches: tg.onRawUpdate (every update), tg.onNewMessage and tg.onDeleteMessage (parsed). */
function listen(c) {
    const live = new LiveUpdates(rec, c.label);
    c.tg.onRawUpdate.add((info) => {
        const u = info?.update ?? info;
        if (u._ === 'updateNewMessage') live.add(u._, { message: messageView(u.message), pts: u.pts, ptsCount: u.ptsCount });
        else if (u._ === 'updateDeleteMessages') live.add(u._, { messages: [...u.messages], pts: u.pts, ptsCount: u.ptsCount });
        else if (u._ === 'updateUser') live.add(u._, { userId: signedLong(u.userId) });
        else live.add(u._);
    });
    c.tg.onNewMessage.add((msg) => live.add('onNewMessage', {
        id: msg.id,
        isOutgoing: Boolean(msg.isOutgoing),
        senderId: signedLong(msg.sender?.id),
        actionType: msg.action?.type ?? null,
        photoId: msg.action?.photo ? signedLong(msg.action.photo.id) : null,
    }));
    c.tg.onDeleteMessage.add((upd) => live.add('onDeleteMessage', { messageIds: [...upd.messageIds] }));
    return live;
}

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.version = VERSION;
    rec.result.phones = rec.phones;
    const accounts = {};
    rec.result.accounts = accounts;

    const a = await newClient('A');
    rec.result.layer = a.tg._client.mt._layer;
    const { b, c } = await signUpThree(rec, accounts, a, newClient, signUp);
    const liveB = listen(b);
    const liveA = listen(a);

    // A has B as a contact (not C); B has a photo of his own; each knows the others' access hashes
    const users = {};
    await step(rec, 'setup', async () => {
        const imported = await a.tg.call({
            _: 'contacts.importContacts',
            contacts: [{ _: 'inputPhoneContact', clientId: Long.ONE, phone: PHONE_B, firstName: 'Bob', lastName: '' }],
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

    // --- 1. video avatar: the 3 s RGB clip with videoStartTs 1.5 ---
    await step(rec, 'video', async () => {
        const video = await upload(a, rec.media.rgb);
        const r = await uploadProfilePhoto(a, { video, videoStartTs: 1.5 });
        const p = r.photo;
        need(p?._ === 'photo', 'a photo', p?._);
        const hl = new Photo(p);
        const me = await getUser(a, SELF);
        const asB = await getUser(b, inputUserOf(users.aForB));
        return {
            inputFile: { type: video._, parts: video.parts, name: video.name },
            result: resultView(r),
            photo: photoView(p),
            highLevel: { isAnimatedAvatar: hl.isAnimatedAvatar, isMarkupAvatar: hl.isMarkupAvatar, thumbnails: hl.thumbnails.map((t) => t.type) },
            downloadU: saveFile(rec, 'video-u.mp4', await downloadThumb(a, p, 'u')),
            downloadP: saveFile(rec, 'video-p.mp4', await downloadThumb(a, p, 'p')),
            stillC: saveFile(rec, 'video-still-c.jpg', await downloadThumb(a, p, 'c')),
            selfPhoto: userPhotoView(me),
            bSeesA: userPhotoView(asB),
        };
    });

    // --- the bot A owns: A sets its photo with bot = tg.resolveUser(username) ---
    let bot = null;
    if (rec.botUsername) {
        await step(rec, 'resolveBot', async () => {
            const r = await untilUsernameResolves(() => a.tg.call({ _: 'contacts.resolveUsername', username: rec.botUsername }), rpc);
            bot = r.users.find((u) => signedLong(u.id) === signedLong(r.peer.userId));
            return { id: signedLong(bot.id), bot: Boolean(bot.bot) };
        });
        await step(rec, 'ownerSetsBot', async () => {
            need(bot, 'the bot resolved (step resolveBot)');
            const r = await uploadProfilePhoto(a, { bot: await a.tg.resolveUser(rec.botUsername), file: await upload(a, rec.media.bot) });
            return resultView(r);
        });
    }

    // --- 3. emoji avatar alone: one background colour ---
    await step(rec, 'emoji', async () => {
        const r = await uploadProfilePhoto(a, {
            videoEmojiMarkup: { _: 'videoSizeEmojiMarkup', emojiId: Long.fromString(EMOJI_ID), backgroundColors: [EMOJI_COLOUR] },
        });
        const hl = new Photo(r.photo);
        return {
            result: resultView(r),
            highLevel: { isAnimatedAvatar: hl.isAnimatedAvatar, isMarkupAvatar: hl.isMarkupAvatar, thumbnails: hl.thumbnails.map((t) => t.type) },
            stillC: saveFile(rec, 'emoji-still-c.jpg', await downloadThumb(a, r.photo, 'c')),
        };
    });

    // --- 4. fallback: A's profile photo for her contacts only; B (a contact) sees the main photo, C the fallback ---
    const photos = {};
    await step(rec, 'fallback', async () => {
        const privacy = await a.tg.call({
            _: 'account.setPrivacy',
            key: { _: 'inputPrivacyKeyProfilePhoto' },
            rules: [{ _: 'inputPrivacyValueAllowContacts' }, { _: 'inputPrivacyValueDisallowAll' }],
        });
        const main = await uploadProfilePhoto(a, { file: await upload(a, rec.media.main) });
        const fb = await uploadProfilePhoto(a, { fallback: true, file: await upload(a, rec.media.fallback) });
        photos.main = main.photo;
        photos.fallback = fb.photo;
        const inA = (viewer) => inputUserOf(viewer === b ? users.aForB : users.aForC);
        const ownFull = (await fullUser(a, SELF)).fullUser;
        const bFull = (await fullUser(b, inA(b))).fullUser;
        const cFull = (await fullUser(c, inA(c))).fullUser;
        const out = {
            privacyRules: privacy.rules.map(kindOf),
            main: resultView(main),
            fallback: resultView(fb),
            ownAlbum: photosView(await userPhotos(a, SELF)),
            ownFull: { profilePhoto: idOf(ownFull.profilePhoto), fallbackPhoto: idOf(ownFull.fallbackPhoto) },
            bSees: {
                user: userPhotoView(await getUser(b, inA(b))),
                full: { profilePhoto: idOf(bFull.profilePhoto), fallbackPhoto: idOf(bFull.fallbackPhoto) },
                list: photosView(await userPhotos(b, inA(b))),
                big: saveFile(rec, 'fallback-b-sees-a.jpg', await downloadBig(b, accounts.A.id)),
            },
            cSees: {
                resolved: userPhotoView(await resolvePhone(c, PHONE_A)),
                user: userPhotoView(await getUser(c, inA(c))),
                full: { profilePhoto: idOf(cFull.profilePhoto), fallbackPhoto: idOf(cFull.fallbackPhoto) },
                list: photosView(await userPhotos(c, inA(c))),
                big: saveFile(rec, 'fallback-c-sees-a.jpg', await downloadBig(c, accounts.A.id)),
                fallbackA: saveFile(rec, 'fallback-c-a.jpg', await downloadThumb(c, cFull.fallbackPhoto, 'a')),
                mainRefused: await mustFail(getFile(c, photos.main, 'a')),
            },
        };
        const removed = await a.tg.call({ _: 'photos.updateProfilePhoto', fallback: true, id: { _: 'inputPhotoEmpty' } });
        const cFullAfter = (await fullUser(c, inA(c))).fullUser;
        out.removed = {
            result: kindOf(removed.photo),
            ownFallback: idOf((await fullUser(a, SELF)).fullUser.fallbackPhoto),
            cSees: userPhotoView(await getUser(c, inA(c))),
            cFull: { profilePhoto: idOf(cFullAfter.profilePhoto), fallbackPhoto: idOf(cFullAfter.fallbackPhoto) },
            bSees: userPhotoView(await getUser(b, inA(b))),
        };
        return out;
    });

    // --- 5. personal photo (seeds 003/004): A's own picture for her contact B, seen only by A ---
    await step(rec, 'personal', async () => {
        const inB = inputUserOf(users.bForA);
        const set = await uploadContactProfilePhoto(a, { userId: inB, save: true, file: await upload(a, rec.media.personal) });
        photos.personal = set.photo;
        const full = (await fullUser(a, inB)).fullUser;
        const out = {
            set: resultView(set),
            aSees: {
                user: userPhotoView(await getUser(a, inB)),
                full: { personalPhoto: idOf(full.personalPhoto), profilePhoto: idOf(full.profilePhoto) },
                list: photosView(await userPhotos(a, inB)),
                big: saveFile(rec, 'personal-a-sees-b.jpg', await downloadBig(a, accounts.B.id)),
            },
            bSeesHimself: userPhotoView(await getUser(b, SELF)),
            cSeesB: userPhotoView(await resolvePhone(c, PHONE_B)),
            cRefused: await mustFail(getFile(c, photos.personal, 'a')),
            bMainId: idOf(users.bMainPhoto),
            contactMissing: await mustFail(async () => uploadContactProfilePhoto(a, {
                userId: inputUserOf(users.cForA), save: true, file: await upload(a, rec.media.contactErr),
            })),
            selfInvalid: await mustFail(async () => uploadContactProfilePhoto(a, { userId: SELF, save: true, file: await upload(a, rec.media.contactErr) })),
        };
        const removed = await uploadContactProfilePhoto(a, { userId: inB, save: true });
        const fullAfter = (await fullUser(a, inB)).fullUser;
        out.removed = {
            result: resultView(removed),
            aSees: userPhotoView(await getUser(a, inB)),
            full: { personalPhoto: idOf(fullAfter.personalPhoto), profilePhoto: idOf(fullAfter.profilePhoto) },
        };
        return out;
    });

    // --- 6. suggested photo: live, in the history, installed by B; a second one withdrawn by A ---
    await step(rec, 'suggest', async () => {
        const inB = inputUserOf(users.bForA);
        const peerA = inputPeerOf(users.aForB);
        const stateBefore = await b.tg.call({ _: 'updates.getState' });
        const liveMark = liveB.list.length;
        const sent = await uploadContactProfilePhoto(a, { userId: inB, suggest: true, file: await upload(a, rec.media.suggest) });
        const suggested = sent.photo;
        const arrived = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(suggested), 5_000);
        const parsed = await liveB.waitFor((e) => e.kind === 'onNewMessage' && e.photoId === idOf(suggested), 2_000);
        const inbox = await history(b, peerA);
        const msg = inbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(suggested));
        need(msg, "B's history holds the suggestion", inbox.map(messageView));
        const diff = await b.tg.call({ _: 'updates.getDifference', pts: stateBefore.pts, date: stateBefore.date, qts: stateBefore.qts });
        const offered = msg.action.photo;
        const out = {
            result: resultView(sent),
            live: liveB.since(liveMark),
            liveArrived: arrived,
            liveMessage: parsed,
            aLive: liveA.list.filter((e) => e.kind === 'updateNewMessage'),
            history: inbox.map(messageView),
            message: messageView(msg),
            difference: {
                type: diff._,
                newMessages: (diff.newMessages ?? []).map(messageView),
                otherUpdates: (diff.otherUpdates ?? []).map(kindOf),
                users: (diff.users ?? []).map((u) => signedLong(u.id)),
            },
            offeredC: saveFile(rec, 'suggest-offered-c.jpg', await downloadThumb(b, offered, 'c')),
            bPhotoBefore: userPhotoView(await getUser(b, SELF)),
        };
        const installed = await b.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(offered) });
        out.installed = {
            result: resultView(installed),
            bSelf: userPhotoView(await getUser(b, SELF)),
            bAlbum: photosView(await userPhotos(b, SELF)),
            aSeesB: userPhotoView(await getUser(a, inB)),
            bigForA: saveFile(rec, 'suggest-installed-a-sees-b.jpg', await downloadBig(a, accounts.B.id)),
        };
        const mark2 = liveB.list.length;
        const sent2 = await uploadContactProfilePhoto(a, { userId: inB, suggest: true, file: await upload(a, rec.media.suggest2) });
        const arrived2 = await liveB.waitFor((e) => e.kind === 'updateNewMessage' && e.message.photoId === idOf(sent2.photo), 5_000);
        const outbox = await history(a, inputPeerOf(users.bForA));
        const mine = outbox.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(mine, "A's history holds the second suggestion", outbox.map(messageView));
        const inbox2 = await history(b, peerA);
        const theirs = inbox2.find((m) => suggestionIn(m) && idOf(m.action.photo) === idOf(sent2.photo));
        need(theirs, "B's history holds the second suggestion", inbox2.map(messageView));
        const stateBeforeDelete = await b.tg.call({ _: 'updates.getState' });
        const liveMark2 = liveB.list.length;
        const affected = await a.tg.call({ _: 'messages.deleteMessages', id: [mine.id], revoke: true });
        const deletedLive = await liveB.waitFor((e, i) => i >= liveMark2 && e.kind === 'updateDeleteMessages' && e.messages.includes(theirs.id), 5_000);
        const deletedParsed = await liveB.waitFor((e) => e.kind === 'onDeleteMessage' && e.messageIds.includes(theirs.id), 2_000);
        const diff2 = await b.tg.call({ _: 'updates.getDifference', pts: stateBeforeDelete.pts, date: stateBeforeDelete.date, qts: stateBeforeDelete.qts });
        out.withdraw = {
            sent: idOf(sent2.photo),
            liveNew: arrived2,
            live: liveB.since(mark2),
            liveSinceDelete: liveB.since(liveMark2),
            aMessage: messageView(mine),
            bMessage: messageView(theirs),
            affected: { type: affected._, ptsCount: affected.ptsCount },
            deletedLive,
            deletedParsed,
            difference: {
                type: diff2._,
                deleted: (diff2.otherUpdates ?? []).filter((u) => u._ === 'updateDeleteMessages').map((u) => [...u.messages]),
                otherUpdates: (diff2.otherUpdates ?? []).map(kindOf),
            },
            bHistoryAfter: (await history(b, peerA)).map(messageView),
            aHistoryAfter: (await history(a, inputPeerOf(users.bForA))).map(messageView),
            downloadWithdrawn: await mustFail(getFile(b, sent2.photo, 'c')),
        };
        return out;
    }, 45_000);

    // --- 7. the bot itself: tg.signInBot(token) (auth.importBotAuthorization) ---
    if (bot && rec.botSecret) {
        await step(rec, 'botSelf', async () => {
            const bc = await newClient('bot');
            await withTimeout(bc.tg.signInBot(`${signedLong(bot.id)}:${rec.botSecret}`), 30_000, 'bot: tg.signInBot()');
            const me = await bc.tg.getMe();
            const up = await uploadProfilePhoto(bc, { file: await upload(bc, rec.media.botSelf) });
            const album = await userPhotos(bc, SELF);
            const older = album.photos.find((p) => idOf(p) !== idOf(up.photo));
            need(older, 'the bot has an older photo (set by A in step ownerSetsBot)');
            const switched = await bc.tg.call({ _: 'photos.updateProfilePhoto', id: inputPhoto(older) });
            return {
                me: { id: signedLong(me.id), bot: Boolean(me.isBot), username: me.username },
                upload: resultView(up),
                albumAfterUpload: photosView(album),
                switched: resultView(switched),
                albumAfterSwitch: photosView(await userPhotos(bc, SELF)),
                selfAfter: userPhotoView(await getUser(bc, SELF)),
                aSeesBot: userPhotoView(await getUser(a, inputUserOf(bot))),
                contactPhoto: await mustFail(async () => uploadContactProfilePhoto(bc, {
                    userId: { _: 'inputUser', userId: Number(accounts.A.id), accessHash: Long.ZERO }, save: true, file: await upload(bc, rec.media.botSelf),
                })),
                fallback: await mustFail(async () => uploadProfilePhoto(bc, { fallback: true, file: await upload(bc, rec.media.botSelf) })),
                deletePhotos: await mustFail(bc.tg.call({ _: 'photos.deletePhotos', id: [inputPhoto(up.photo)] })),
            };
        }, 45_000);
    }

    // --- 8. video errors ---
    await step(rec, 'videoErrors', async () => ({
        nonSquare: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.wide) })),
        startTsBeyondDuration: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.rgb), videoStartTs: 5.0 })),
        jpegAsVideo: await mustFail(async () => uploadProfilePhoto(a, { video: await upload(a, rec.media.notVideo) })),
    }));

    await sleep(200);
    // every update each account's client dispatched, in order (for the record; the checks are in the steps)
    rec.result.liveKinds = { A: liveA.list.map((e) => e.kind), B: liveB.list.map((e) => e.kind) };
    await cute.destroyAllAndFinish();
}

rec.run(main);
