// Shared code of the photos scripts in e2e/clients/ (<client>-photos.mjs): their options, the images the Java test
// writes, image sniffing (JPEG SOF / PNG IHDR dimensions), stale and garbled file_reference values, and the
// client-independent views of photos that go into the one JSON line (see harness.mjs and accounts.mjs).

import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRecorderWith } from './harness.mjs';
import { takePhones, signedLong } from './accounts.mjs';

const PHOTOS_OPTIONS = ['--phones', '--images', '--out', '--ref-secret', '--bot', '--foreign-bot'];

/**
 * The images the Java test (RealClientsPhotosTest) writes into --images, by role. Dimensions are what the test
 * generated; the scripts only read the files.
 */
export const IMAGES = {
    big: 'big.jpg',             // 1600x1400 JPEG: square 1400 ≥ 1280 → sizes a, b, c, d
    wide: 'wide.jpg',           // 1400x1000 JPEG: square 1000 → a, b, c 640 (no d)
    alpha: 'alpha.png',         // 500x500 PNG with alpha: a, b, c 500x500 (no d)
    small: 'small.jpg',         // 100x100 JPEG → PHOTO_CROP_SIZE_SMALL
    elongated: 'elongated.png', // 2200x200 PNG (11:1) → PHOTO_INVALID_DIMENSIONS
    truncated: 'truncated.jpg', // the first half of an 800x800 JPEG → IMAGE_PROCESS_FAILED
    text: 'notes.txt',          // plain text → PHOTO_EXT_INVALID
    botPic: 'bot.jpg',          // 320x320 JPEG for the bot
};

/**
 * The recorder of a photos script: the harness's options plus --phones A,B (two test numbers 99966XYYYY), --images DIR
 * (the files of IMAGES), --out DIR (where downloaded files are written for the Java side to decode), and optionally
 * --ref-secret HEX (the server's file_reference secret, to make a stale reference), --bot NAME (a bot the Java test
 * creates for account A once A exists) and --foreign-bot NAME (a bot A does not own).
 */
export function startPhotosRecorder(client) {
    const rec = startFilesRecorder(client, PHOTOS_OPTIONS, 'images', IMAGES, ['A', 'B']);
    rec.refSecret = rec.extra['ref-secret'] ? Buffer.from(rec.extra['ref-secret'], 'hex') : null;
    rec.botUsername = rec.extra.bot ?? null;
    rec.foreignBotUsername = rec.extra['foreign-bot'] ?? null;
    return rec;
}

/**
 * The common start of the photos and profile-features recorders: startRecorderWith(options) with --phones (one number
 * per name of phoneNames, see takePhones), --<dirOption> DIR holding `files` (rec[dirOption] = {role: path}) and
 * --out DIR (created; rec.outDir), all three required; result.stepErrors for the steps.
 */
export function startFilesRecorder(client, options, dirOption, files, phoneNames) {
    const rec = startRecorderWith(client, options, ['--phones', `--${dirOption}`, '--out']);
    takePhones(rec, phoneNames);
    rec[dirOption] = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, join(rec.extra[dirOption], f)]));
    rec.outDir = rec.extra.out;
    mkdirSync(rec.outDir, { recursive: true });
    rec.result.stepErrors = {};
    return rec;
}

/**
 * What a downloaded (or expanded) image is: {bytes, format: 'jpeg'|'png'|'other', w, h, sof (JPEG frame marker)}.
 * JPEG dimensions come from the first SOFn marker, PNG dimensions from IHDR.
 */
export function imageInfo(buf) {
    const b = Buffer.from(buf);
    const out = { bytes: b.length, format: 'other', w: null, h: null };
    if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
        return { ...out, format: 'png', w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
    }
    if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return out;
    out.format = 'jpeg';
    out.endsWithEoi = b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
    let i = 2;
    while (i + 4 <= b.length) {
        if (b[i] !== 0xff) return { ...out, error: `no marker at ${i}` };
        const m = b[i + 1];
        if (m === 0xff) { i++; continue; }                       // fill byte
        if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) { i += 2; continue; } // no length
        const len = b.readUInt16BE(i + 2);
        if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
            if (i + 9 > b.length) return { ...out, error: 'truncated SOF' };
            return { ...out, sof: `0x${m.toString(16)}`, h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
        }
        if (m === 0xda) return { ...out, error: 'SOS before SOF' };
        i += 2 + len;
    }
    return { ...out, error: 'no SOF marker' };
}

/**
 * Writes a downloaded file to --out/<name> and returns what infoOf (default imageInfo) makes of it plus its path (the
 * Java test decodes it too).
 */
export function saveDownload(rec, name, buf, infoOf = imageInfo) {
    const file = join(rec.outDir, name);
    writeFileSync(file, Buffer.from(buf));
    return { ...infoOf(buf), file };
}

/**
 * A file_reference the server itself issued `ageSeconds` ago for photo `photoId` (signed decimal string): the
 * format of Portrait's FileReferences (version 1 | int32 BE issue time | HMAC-SHA256(secret, int64 BE photo id |
 * int32 BE issue time)[0..16], docs/decisions.md), made with the secret the Java test read from the server's store.
 */
export function staleReference(secret, photoId, ageSeconds) {
    const issued = Math.floor(Date.now() / 1000) - ageSeconds;
    const msg = Buffer.alloc(12);
    msg.writeBigInt64BE(BigInt(photoId), 0);
    msg.writeInt32BE(issued, 8);
    const mac = createHmac('sha256', secret).update(msg).digest().subarray(0, 16);
    const head = Buffer.alloc(5);
    head[0] = 1;
    head.writeInt32BE(issued, 1);
    return Buffer.concat([head, mac]);
}

/**
 * upload.getFileHashes's answer checked against the file it covers (the bytes upload.getFile served):
 * {count, offsets, limits, allMatch (every hash is the SHA-256 of its range), fileBytes}. Offsets may come as
 * BigInteger (gramjs), Long (mtcute) or a decimal string (@mtproto/core); hashes as Buffer, Uint8Array or byte arrays.
 */
export function fileHashesView(hashes, file) {
    const buf = Buffer.from(file);
    const list = [...hashes].map((h) => ({ offset: Number(String(h.offset)), limit: h.limit, hash: Buffer.from(h.hash) }));
    const sha256 = (from, n) => createHash('sha256').update(buf.subarray(from, from + n)).digest();
    return {
        count: list.length,
        offsets: list.map((h) => h.offset),
        limits: list.map((h) => h.limit),
        allMatch: list.length > 0 && list.every((h) => sha256(h.offset, h.limit).equals(h.hash)),
        fileBytes: buf.length,
    };
}

/** The reference with its last byte flipped (the MAC no longer matches). */
export function garbled(ref) {
    const b = Buffer.from(ref);
    b[b.length - 1] ^= 0xff;
    return b;
}

/**
 * A photo size in one form for both clients: kind (photoSize / photoStrippedSize / ...), type, w, h, size, and for
 * inline sizes the byte length and first byte (0x01 = the stripped format).
 */
export function sizeView(kind, s) {
    const v = { kind, type: s.type };
    if (s.w !== undefined) v.w = s.w;
    if (s.h !== undefined) v.h = s.h;
    if (s.size !== undefined) v.size = s.size;
    if (s.bytes !== undefined && s.bytes !== null) {
        const b = Buffer.from(s.bytes);
        v.bytes = b.length;
        v.firstByte = b[0];
        if (b.length >= 3) v.strippedWxH = `${b[2]}x${b[1]}`;
    }
    if (s.sizes !== undefined) v.sizes = [...s.sizes];
    return v;
}

/** "a160x160" for a photoSize, "i" for the stripped size: what the Java test compares lists of. */
export function sizeLabel(v) {
    return v.w !== undefined ? `${v.type}${v.w}x${v.h}` : v.type;
}

/** Picks the recorded size of a type from a photo view. */
export function sizeOf(photo, type) {
    return photo?.sizes?.find((s) => s.type === type) ?? null;
}

/**
 * The photos scripts' views of a client's TL objects, from a client-specific "kind of" function (the TL name with a
 * lower-case first letter: 'photo', 'userProfilePhoto', 'photos.photosSlice', ...):
 * photoView (photo / photoEmpty), userPhotoView (a user's photo field, null when absent) and photosView (the result of
 * photos.getUserPhotos).
 */
export function photosViewsWith(kindOf) {
    const photoView = (p) => p && (kindOf(p) === 'photo' ? {
        kind: 'photo',
        id: signedLong(p.id),
        accessHash: signedLong(p.accessHash),
        fileReferenceBytes: p.fileReference?.length ?? 0,
        date: p.date,
        dcId: p.dcId,
        hasStickers: Boolean(p.hasStickers),
        sizes: (p.sizes ?? []).map((s) => sizeView(kindOf(s), s)),
        videoSizes: (p.videoSizes ?? []).length,
    } : { kind: kindOf(p) });

    const userPhotoView = (u) => {
        const p = u?.photo;
        if (!p) return null;
        if (kindOf(p) !== 'userProfilePhoto') return { kind: kindOf(p) };
        return {
            kind: 'userProfilePhoto',
            photoId: signedLong(p.photoId),
            dcId: p.dcId,
            hasVideo: Boolean(p.hasVideo),
            personal: Boolean(p.personal),
            strippedThumb: p.strippedThumb ? sizeView('strippedThumb', { type: 'i', bytes: p.strippedThumb }) : null,
        };
    };

    const photosView = (r) => ({
        type: kindOf(r),
        count: r.count ?? null,
        ids: r.photos.map((p) => signedLong(p.id)),
        users: r.users.map((u) => signedLong(u.id)),
    });

    return { photoView, userPhotoView, photosView };
}
