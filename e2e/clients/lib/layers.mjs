// What the layer scripts (gramjs-layers.mjs, mtproto-core-layers.mjs) share: their steps, and one form for what each
// client saw of photo sizes, file locations and downloaded files, so that OlderClientsTest asserts the same fields
// whichever client and layer produced them.

import { withTimeout, errorText } from './harness.mjs';
import { imageInfo } from './photos.mjs';
import { signedLong } from './accounts.mjs';

/**
 * A step of the flow: rec.phase, bounded by 60 s, its value recorded in rec.result.steps and logged. A soft step
 * (one whose value no later step needs) that fails is recorded as {error} and is an error of the run, and the flow
 * goes on, so that one run shows every step a layer gets wrong.
 */
export function stepper(rec) {
    rec.result.steps = {};
    return async (name, fn, { soft = false } = {}) => {
        rec.phase = name;
        let value;
        try {
            value = await withTimeout(fn(), 60_000, name);
        } catch (e) {
            if (!soft) throw e;
            value = { error: errorText(e) };
            rec.error(`${name}: ${errorText(e)}`);
        }
        rec.result.steps[name] = value;
        rec.log(`${name}: ${JSON.stringify(value)}`);
        return value;
    };
}

/** A downloaded file: its format (jpeg / png / other), length and dimensions (lib/photos.mjs imageInfo). */
export function fileView(buf) {
    if (!buf) return null;
    const i = imageInfo(buf);
    return { format: i.format, bytes: i.bytes, w: i.w, h: i.h };
}

/** Sizes a client downloads with upload.getFile (the stripped and path sizes travel inside the photo). */
export const downloadable = (kind) => kind === 'photoSize' || kind === 'photoSizeProgressive';

/**
 * A photo's sizes as {kind, type, w, h, size, location}: size is the byte length the server announced (the largest
 * of a progressive size's), location the FileLocation of layers before 128 (locationView; null where the layer has
 * none). `f(s, 'volume_id')` reads a field by its TL name whatever the client calls it.
 */
export function sizesView(sizes, kindOf, f) {
    return (sizes ?? []).map((s) => {
        const loc = f(s, 'location');
        const progressive = f(s, 'sizes');
        return {
            kind: kindOf(s),
            type: s.type,
            w: s.w ?? null,
            h: s.h ?? null,
            size: s.size ?? (Array.isArray(progressive) ? Math.max(...progressive) : null),
            location: locationView(loc, f),
        };
    });
}

/** A FileLocation of layers before 128 (a photoSize's, userProfilePhoto.photo_small / photo_big) as {volumeId (signed decimal), localId}, or null. */
export function locationView(loc, f) {
    return loc ? { volumeId: signedLong(f(loc, 'volume_id')), localId: f(loc, 'local_id') } : null;
}
