// Shared code of the M5 profile-features scripts in e2e/clients/ (<client>-profile-features.mjs): their options, the
// media files the Java test writes, MP4 sniffing, the client-independent views of video sizes, and the recording of
// updates that arrive live (see harness.mjs, accounts.mjs and photos.mjs for the rest of the one JSON line).

import { sleep } from './harness.mjs';
import { imageInfo, sizeView, startFilesRecorder, saveDownload } from './photos.mjs';
import { signedLong, step, need } from './accounts.mjs';

const OPTIONS = ['--phones', '--media', '--out', '--bot', '--bot-secret'];

/**
 * The files the Java test (RealClientsProfileFeaturesTest) writes into --media, by role. Colours are what the Java
 * side checks in the downloaded 'c' sizes; the scripts only read the files.
 */
export const MEDIA = {
    rgb: 'rgb3.mp4',              // 3 s 800x800 H.264: red, green, blue for one second each
    ten: 'ten.mp4',               // 10 s 800x800 H.264, blue
    wide: 'wide.mp4',             // 1 s 640x480 H.264 (not square) → VIDEO_FILE_INVALID
    still: 'still.png',           // 800x800 PNG, solid yellow: the still of the seed 002 call
    notVideo: 'not-video.jpg',    // 400x400 JPEG sent as a video → VIDEO_FILE_INVALID
    main: 'main.jpg',             // 500x500 JPEG, red: A's main photo in the fallback flow
    fallback: 'fallback.jpg',     // 400x400 JPEG, blue: A's fallback photo
    bMain: 'b-main.jpg',          // 400x400 JPEG, grey: B's own photo
    personal: 'personal.jpg',     // 300x300 JPEG, magenta: the personal photo A sets for B
    suggest: 'suggest.jpg',       // 400x400 JPEG, cyan: the photo A suggests to B
    suggest2: 'suggest2.jpg',     // 300x300 JPEG, orange: the second suggestion, withdrawn
    contactErr: 'contact-err.jpg',// 200x200 JPEG for the CONTACT_MISSING / USER_ID_INVALID calls
    bot: 'bot.jpg',               // 320x320 JPEG: the bot's photo set by A
    botSelf: 'bot-self.jpg',      // 320x320 JPEG: the photo the bot uploads itself
};

/** Custom emoji id of the markups (any non-zero id: the server has no emoji documents to resolve it against). */
export const EMOJI_ID = '5368324170671202286';
/** The single background colour of the emoji-only avatar (purple); the Java test checks its still. */
export const EMOJI_COLOUR = 0x8000ff;
/** The two colours of the seed call's markup. */
export const SEED_COLOURS = [0x3366ff, 0x66ccff];

/**
 * The recorder of a profile-features script: the harness's options plus --phones A,B,C (three test numbers
 * 99966XYYYY), --media DIR (the files of MEDIA), --out DIR (downloads, for the Java side to decode), and optionally
 * --bot NAME (a bot the Java test creates for A as soon as A exists) with --bot-secret S (the secret part of its token
 * "<id>:<secret>", so the script can sign the bot in).
 */
export function startFeaturesRecorder(client) {
    const rec = startFilesRecorder(client, OPTIONS, 'media', MEDIA, ['A', 'B', 'C']);
    rec.botUsername = rec.extra.bot ?? null;
    rec.botSecret = rec.extra['bot-secret'] ?? null;
    return rec;
}

/** What a downloaded MP4 is: {bytes, format: 'mp4', ftyp (bytes 4..8), brand (8..12)}, or imageInfo for anything else. */
export function mediaInfo(buf) {
    const b = Buffer.from(buf);
    if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') {
        return { bytes: b.length, format: 'mp4', ftyp: 'ftyp', brand: b.toString('latin1', 8, 12) };
    }
    return imageInfo(b);
}

/** Writes a downloaded file to --out/<name>; returns mediaInfo plus its path (the Java test looks at it again). */
export function saveFile(rec, name, buf) {
    return saveDownload(rec, name, buf, mediaInfo);
}

/**
 * A photo.video_sizes entry in one form for both clients: videoSize {kind, type, w, h, size, videoStartTs},
 * videoSizeEmojiMarkup {kind, emojiId, backgroundColors}, videoSizeStickerMarkup {kind, stickerId, backgroundColors}.
 */
export function videoSizeView(kind, v) {
    if (kind === 'videoSize') {
        return { kind, type: v.type, w: v.w, h: v.h, size: v.size, videoStartTs: v.videoStartTs ?? null };
    }
    if (kind === 'videoSizeEmojiMarkup') return { kind, emojiId: signedLong(v.emojiId), backgroundColors: [...v.backgroundColors] };
    if (kind === 'videoSizeStickerMarkup') return { kind, stickerId: signedLong(v.stickerId), backgroundColors: [...v.backgroundColors] };
    return { kind };
}

/** The photo view of photos.mjs extended with the video sizes, from a client-specific "kind of" function. */
export function photoViewWith(kindOf) {
    return (p) => {
        if (!p) return null;
        const kind = kindOf(p);
        if (kind !== 'photo') return { kind };
        return {
            kind,
            id: signedLong(p.id),
            accessHash: signedLong(p.accessHash),
            fileReferenceBytes: p.fileReference?.length ?? 0,
            dcId: p.dcId,
            sizes: (p.sizes ?? []).map((s) => sizeView(kindOf(s), s)),
            videoSizes: (p.videoSizes ?? []).map((v) => videoSizeView(kindOf(v), v)),
        };
    };
}

/**
 * Updates that arrive on a client's connection, with the time they came: add(kind, details) from the client's own
 * update handler; waitFor(pred, ms) waits until one matching arrives (or returns null after ms).
 */
export class LiveUpdates {
    constructor(rec, label) {
        this.rec = rec;
        this.label = label;
        this.list = [];
    }

    add(kind, details = {}) {
        const e = { at: Math.round((Date.now() - this.rec.started) / 100) / 10, kind, ...details };
        this.list.push(e);
        this.rec.log(`[${this.label}] live update ${JSON.stringify(e)}`);
    }

    async waitFor(pred, ms) {
        const deadline = Date.now() + ms;
        for (;;) {
            const hit = this.list.find(pred);
            if (hit) return hit;
            if (Date.now() > deadline) return null;
            await sleep(50);
        }
    }

    since(mark) {
        return this.list.slice(mark);
    }
}

/** userProfilePhoto (or empty / absent) in one form for both clients. */
export function userPhotoViewWith(kindOf) {
    return (u) => {
        const p = u?.photo;
        if (!p) return { kind: null };
        const kind = kindOf(p);
        if (kind !== 'userProfilePhoto') return { kind };
        return { kind, photoId: signedLong(p.photoId), hasVideo: Boolean(p.hasVideo), personal: Boolean(p.personal), dcId: p.dcId };
    };
}

/**
 * The views the profile-features scripts record, from a client-specific "kind of" function: photoView and
 * userPhotoView (above), userView {id, bot, photo}, resultView (photos.photo: {photo, users}) and photosView (the
 * result of photos.getUserPhotos: {type, count, ids}).
 */
export function featureViewsWith(kindOf) {
    const photoView = photoViewWith(kindOf);
    const userPhotoView = userPhotoViewWith(kindOf);
    const userView = (u) => ({ id: signedLong(u.id), bot: Boolean(u.bot), photo: userPhotoView(u) });
    const resultView = (r) => ({ photo: photoView(r.photo), users: r.users.map(userView) });
    const photosView = (r) => ({ type: kindOf(r), count: r.count ?? null, ids: r.photos.map((p) => signedLong(p.id)) });
    return { photoView, userPhotoView, userView, resultView, photosView };
}

/**
 * Signs up A (on its client `a`), then B and C (each on a new client from newClient(label)) with the script's
 * signUp(c, '+' + phone, first name), in the steps signUpA / signUpB / signUpC, into accounts; the run cannot go on
 * (need throws) unless all three exist. Returns the clients {b, c}.
 */
export async function signUpThree(rec, accounts, a, newClient, signUp) {
    await step(rec, 'signUpA', async () => {
        accounts.A = await signUp(a, '+' + rec.phones.A, 'Alice');
    });
    need(accounts.A?.id, 'account A signed up');
    const b = await newClient('B');
    await step(rec, 'signUpB', async () => {
        accounts.B = await signUp(b, '+' + rec.phones.B, 'Bob');
    });
    const c = await newClient('C');
    await step(rec, 'signUpC', async () => {
        accounts.C = await signUp(c, '+' + rec.phones.C, 'Carol');
    });
    need(accounts.B?.id && accounts.C?.id, 'accounts B and C signed up');
    return { b, c };
}
