// Shared code of the Bot API scripts in e2e/clients/ (grammy-bot.mjs, ntba-bot.mjs): a real bot library from npm,
// unmodified, pointed at Portrait's Bot API endpoint (the botapi module) by its API root, runs one flow and the script
// prints one JSON line (see harness.mjs) with what each step saw. The library is wrapped in a small driver object;
// everything else (the flow, the views, the checks) is the same for every library.
//
// Options of the scripts (besides the harness's --host/--port/--key, which they do not use):
//   --api-root URL   the endpoint (BotApi.url(): http://127.0.0.1:PORT, no trailing slash)
//   --token T        the bot's token (`portrait bot add`)
//   --user ID        a user the bot reads the photos of (a gramjs account with two photos)
//   --images DIR     static.jpg (the bot's still photo), animated.mp4 (its video photo), notes.txt (not an image),
//                    truncated.jpg (the first half of a JPEG)
//   --out DIR        where the download is written (the Java test decodes it too)
//   --wrong-token T  a well-formed token that names no bot
//
// The flow (each a step, see accounts.mjs: a throw is recorded in stepErrors and the script goes on):
//   getMe; setStatic (setMyProfilePhoto InputProfilePhotoStatic, a JPEG); setAnimated (InputProfilePhotoAnimated, an
//   MP4 with main_frame_timestamp); selfAfterSet (getUserProfilePhotos of the bot itself); ownStill (getFile and the
//   download of the animated photo's biggest still); user
//   (getUserProfilePhotos(--user)); file (getFile of the biggest size of the user's first photo); download (GET
//   <api root>/file/bot<token>/<file_path>, the JPEG's SOF dimensions); limits (limit 0, limit 101, offset 1 limit 1);
//   errors (wrong token, malformed token, forged file_id, non-image and truncated-JPEG uploads, unknown method:
//   error_code and description as the library surfaces them); remove (removeMyProfilePhoto); selfAfterRemove
//   (getUserProfilePhotos of the bot).

import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { startRecorderWith, errorText } from './harness.mjs';
import { step } from './accounts.mjs';
import { saveDownload } from './photos.mjs';

/** The installed version of an npm package (read from its package.json, which these packages do not export). */
export const installedVersion = (name) =>
    JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

const OPTIONS = ['--api-root', '--token', '--user', '--images', '--out', '--wrong-token'];

/** The recorder of a Bot API script: rec.apiRoot, rec.token, rec.botId, rec.userId, rec.images, rec.outDir. */
export function startBotApiRecorder(client) {
    const rec = startRecorderWith(client, OPTIONS, OPTIONS);
    rec.apiRoot = rec.extra['api-root'];
    rec.token = rec.extra.token;
    rec.botId = Number(rec.token.slice(0, rec.token.indexOf(':')));
    rec.userId = Number(rec.extra.user);
    rec.images = {
        still: join(rec.extra.images, 'static.jpg'),
        animation: join(rec.extra.images, 'animated.mp4'),
        text: join(rec.extra.images, 'notes.txt'),
        truncated: join(rec.extra.images, 'truncated.jpg'),
    };
    rec.outDir = rec.extra.out;
    mkdirSync(rec.outDir, { recursive: true });
    rec.wrongToken = rec.extra['wrong-token'];
    rec.result.stepErrors = {};
    return rec;
}

/** A PhotoSize as the library handed it over (every field the Bot API documents, and anything else it had). */
const sizeView = (s) => ({ ...s });

/** UserProfilePhotos: total_count and the PhotoSize arrays. */
export const photosView = (p) => ({
    total_count: p.total_count,
    photos: (p.photos ?? []).map((sizes) => sizes.map(sizeView)),
});

/** The biggest size of a PhotoSize array (by width × height). */
export const biggest = (sizes) => sizes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));

/**
 * A call that must fail: {error_code, description} as the library surfaced them (errorOf maps its error to them, or
 * null when it is not an API error), else {unexpectedSuccess} or {notApiError}.
 */
export async function expectApiError(fn, errorOf) {
    try {
        const v = await fn();
        return { unexpectedSuccess: v ?? null };
    } catch (e) {
        const api = errorOf(e);
        return api ?? { notApiError: errorText(e) };
    }
}

/**
 * GET <api root>/file/bot<token>/<file_path> (no library has a download helper that takes an API root: the documented
 * URL, fetched): {status, contentType, ...imageInfo, file} with the bytes saved to --out/name.
 */
async function download(rec, filePath, name) {
    const res = await fetch(`${rec.apiRoot}/file/bot${rec.token}/${filePath}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const info = res.ok ? saveDownload(rec, name, bytes) : { body: bytes.toString('utf8') };
    return { status: res.status, contentType: res.headers.get('content-type'), ...info };
}

/**
 * Runs the flow with a driver: {library, version, api(token) → client, getMe(c), setStatic(c, bytes),
 * setAnimated(c, bytes, mainFrameTimestamp), photos(c, userId, {offset, limit}), getFile(c, fileId), remove(c),
 * unknownMethod(c), errorOf(e)}.
 */
export async function runBotApiFlow(rec, d) {
    rec.result.library = d.library;
    rec.result.version = d.version;
    const bot = d.api(rec.token);
    const still = readFileSync(rec.images.still);
    const animation = readFileSync(rec.images.animation);

    await step(rec, 'getMe', () => d.getMe(bot));
    await step(rec, 'setStatic', async () => ({ result: await d.setStatic(bot, still) }));
    await step(rec, 'setAnimated', async () => ({ result: await d.setAnimated(bot, animation, 1.5) }));
    const own = await step(rec, 'selfAfterSet', async () => photosView(await d.photos(bot, rec.botId, {})));
    if (own?.photos?.length) {
        // the animated photo's still: the frame at main_frame_timestamp (the Java test checks its colour)
        await step(rec, 'ownStill', async () => {
            const size = biggest(own.photos[0]);
            const file = await d.getFile(bot, size.file_id);
            return { size, file, download: await download(rec, file.file_path, `${d.library}-own-still.jpg`) };
        });
    }
    const user = await step(rec, 'user', async () => photosView(await d.photos(bot, rec.userId, {})));

    if (user?.photos?.length) {
        const size = biggest(user.photos[0]);
        const file = await step(rec, 'file', async () => ({ asked: size, file: await d.getFile(bot, size.file_id) }));
        if (file?.file?.file_path) {
            await step(rec, 'download', () => download(rec, file.file.file_path, `${d.library}-user-biggest.jpg`));
        }
    }

    await step(rec, 'limits', async () => {
        const count = async (o) => (await d.photos(bot, rec.userId, o)).photos.length;
        const page = photosView(await d.photos(bot, rec.userId, { offset: 1, limit: 1 }));
        return { limit0: await count({ limit: 0 }), limit101: await count({ limit: 101 }), offset1limit1: page };
    });

    await step(rec, 'errors', async () => {
        const wrong = d.api(rec.wrongToken);
        const malformed = d.api('not-a-token');
        return {
            wrongToken: await expectApiError(() => d.getMe(wrong), d.errorOf),
            malformedToken: await expectApiError(() => d.getMe(malformed), d.errorOf),
            forgedFileId: await expectApiError(() => d.getFile(bot, 'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), d.errorOf),
            nonImage: await expectApiError(() => d.setStatic(bot, readFileSync(rec.images.text)), d.errorOf),
            truncatedJpeg: await expectApiError(() => d.setStatic(bot, readFileSync(rec.images.truncated)), d.errorOf),
            unknownMethod: await expectApiError(() => d.unknownMethod(bot), d.errorOf),
        };
    });

    await step(rec, 'remove', async () => ({ result: await d.remove(bot) }));
    await step(rec, 'selfAfterRemove', async () => photosView(await d.photos(bot, rec.botId, {})));
    rec.finish(Object.keys(rec.result.stepErrors).length === 0);
}
