// The inspector's page in a real browser (Debian's chromium, driven by playwright-core) while gramjs clients use the
// server (M9). A signs up with the code the page shows, uploads a photo and a video avatar, sets a fallback photo and
// keeps its main photo from everyone; B signs up. The page must show, without reloads: the code, A's photos with
// sizes a/b/c/d and the stripped preview, the video avatar playing, the fallback photo when viewed as B, the
// photos.uploadProfilePhoto call with its parameters in the RPC log; a fault rule added on the page must make A's next
// call fail with FLOOD_WAIT_5, marked injected in the log; on a phone-sized screen in dark mode it must fit and be dark.
// Screenshots go to --out.
//
//   node clients/inspector-page.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//        --inspector http://127.0.0.1:2480/ --phones 9996671101,9996671102 --media DIR --out DIR
//
// Prints one JSON line on stdout: {"ok": true|false, "steps": {...}, "errors": [...]}; logs go to stderr.

import { createRequire } from 'node:module';
import { statSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { takeOption, parseArgs, stderrLine } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { TelegramClient, Api, Logger, helpers, sessions, extensions } = require('telegram');
const { _serverKeys } = require('telegram/crypto/RSA');
const { CustomFile } = require('telegram/client/uploads');

const inspectorUrl = takeOption('--inspector');
const [PHONE_A, PHONE_B] = (takeOption('--phones') ?? '').split(',');
const mediaDir = takeOption('--media');
const outDir = takeOption('--out');
const opts = parseArgs();
mkdirSync(outDir, { recursive: true });

const result = { ok: false, steps: {}, errors: [], screenshots: [] };
const done = (code) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(code);
};
setTimeout(() => {
    result.errors.push(`timed out after ${opts.timeout} s`);
    done(1);
}, opts.timeout * 1000).unref();

_serverKeys.clear();
_serverKeys.set(opts.key.fingerprintSigned, { n: helpers.returnBigInt(opts.key.n), e: opts.key.e });
class PortraitSocket extends extensions.PromisedNetSockets {
    connect() {
        return super.connect(opts.port, opts.host);
    }
}

function gramjs() {
    const session = new sessions.StringSession('');
    session.setDC(opts.dc, opts.host, 443);
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
        networkSocket: PortraitSocket, connectionRetries: 3, baseLogger: new Logger('error'),
        deviceModel: 'inspector-page test', appVersion: '9.9.9',
    });
    client.floodSleepThreshold = 0; // an injected FLOOD_WAIT must reach us, not be slept through
    return client;
}

const step = (name, value) => {
    result.steps[name] = value;
    stderrLine(`[inspector-page] ${name}: ${JSON.stringify(value)}`);
};
const need = (cond, what) => {
    if (!cond) throw new Error(`expected: ${what}`);
};
const upload = (c, name) => c.uploadFile({ file: new CustomFile(name, statSync(join(mediaDir, name)).size, join(mediaDir, name)), workers: 1 });

const browser = await chromium.launch({ executablePath: process.env.PORTRAIT_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
const a = gramjs();
const b = gramjs();
let page;
async function shot(name) {
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    result.screenshots.push(file);
}

try {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => result.errors.push(`page error: ${e.message}`));
    await page.goto(inspectorUrl);
    await page.waitForSelector('#status:text("live")', { timeout: 15000 });
    step('pageLive', true);

    // A signs up: the code is read off the page, where it appears without a reload
    need(await a.connect(), 'gramjs connects');
    await a.start({
        phoneNumber: PHONE_A,
        phoneCode: async () => {
            const li = page.locator(`#codes li[data-code-phone="${PHONE_A}"] .code`);
            await li.waitFor({ timeout: 15000 });
            const code = (await li.textContent()).trim();
            step('codeOnPage', code);
            await shot('1-code');
            return code;
        },
        firstAndLastNames: async () => ['Ada', 'Inspected'],
        onError: (e) => { throw e; },
    });
    const me = await a.getMe();
    const idA = String(me.id);
    await page.locator(`#accounts li[data-account="${idA}"]`).waitFor({ timeout: 15000 });
    step('accountListed', idA);

    // a photo, a video avatar, a fallback photo; the main photo kept from everyone
    const { photo } = await a.invoke(new Api.photos.UploadProfilePhoto({ file: await upload(a, 'photo.jpg') }));
    const { photo: video } = await a.invoke(new Api.photos.UploadProfilePhoto({ video: await upload(a, 'avatar.mp4'), videoStartTs: 0.5 }));
    const { photo: fallback } = await a.invoke(new Api.photos.UploadProfilePhoto({ fallback: true, file: await upload(a, 'fallback.jpg') }));
    await a.invoke(new Api.account.SetPrivacy({ key: new Api.InputPrivacyKeyProfilePhoto(), rules: [new Api.InputPrivacyValueDisallowAll()] }));
    step('uploaded', { photo: String(photo.id), video: String(video.id), fallback: String(fallback.id) });

    need(await b.connect(), 'gramjs B connects');
    await b.start({ phoneNumber: PHONE_B, phoneCode: async () => PHONE_B.at(-5).repeat(5),
        firstAndLastNames: async () => ['Bob', 'Viewer'], onError: (e) => { throw e; } });
    const idB = String((await b.getMe()).id);
    await page.locator(`#accounts li[data-account="${idB}"]`).waitFor({ timeout: 15000 });

    // A's page: the photo with sizes a/b/c/d and its preview, the video playing
    await page.click(`#accounts li[data-account="${idA}"]`);
    const card = page.locator(`#album .card[data-photo="${photo.id}"]`);
    await card.waitFor({ timeout: 15000 });
    const sizes = await card.locator('.sizes li').evaluateAll((lis) => lis.map((li) => li.dataset.size));
    need(['a', 'b', 'c', 'd'].every((t) => sizes.includes(t)), `sizes a/b/c/d on the page, got ${sizes}`);
    const stripped = await card.locator('img.stripped').evaluate((img) => new Promise((resolve) => {
        const report = () => resolve({ complete: img.complete, w: img.naturalWidth, h: img.naturalHeight });
        if (img.complete) report(); else img.addEventListener('load', report);
    }));
    need(stripped.w > 0 && stripped.h > 0, `the stripped preview is a picture: ${JSON.stringify(stripped)}`);
    step('photoCard', { sizes, stripped });
    const privacy = (await page.locator('#privacy tr[data-privacy="profile_photo"] td').nth(1).textContent()).trim();
    need(privacy === 'DisallowAll', `the privacy rule is on the page: ${privacy}`);
    step('privacyShown', privacy);
    // the session as initConnection described it, and how it connected
    const sessionRow = page.locator('#sessions tr[data-session]').first();
    const clientText = (await sessionRow.locator('td.client').textContent()).trim();
    const transportText = (await sessionRow.locator('td.transport').textContent()).trim();
    need(clientText.includes('inspector-page test · 9.9.9'), `the session shows the client: ${clientText}`);
    need(/127\.0\.0\.1\S*(full|intermediate|abridged|padded)/.test(transportText), `the session shows address and transport: ${transportText}`);
    step('sessionShown', { clientText, transportText });
    const videoState = await page.locator(`#album .card[data-photo="${video.id}"] video`).evaluate((v) => new Promise((resolve) => {
        const report = () => resolve({ readyState: v.readyState, duration: v.duration, w: v.videoWidth, paused: v.paused });
        if (v.readyState >= 2) report();
        else { v.addEventListener('loadeddata', report); setTimeout(report, 10000); }
    }));
    need(videoState.readyState >= 2 && videoState.duration > 0, `the video avatar plays: ${JSON.stringify(videoState)}`);
    step('videoPlays', videoState);
    await shot('2-account');

    // viewed as B, whom the privacy rules keep from the main photo: the fallback
    await page.selectOption('#view-as', idB);
    await page.locator(`#seen [data-seen-photo="${fallback.id}"]`).waitFor({ timeout: 15000 });
    step('viewAsShowsFallback', String(fallback.id));
    await shot('3-view-as');

    // the RPC log: photos.uploadProfilePhoto with its parameters
    await page.click('nav.tabs button[data-tab="calls"]');
    await page.fill('#f-method', 'uploadProfilePhoto');
    const row = page.locator('#calls tr.call[data-method="photos.uploadProfilePhoto"]').first();
    await row.waitFor({ timeout: 15000 });
    await row.click();
    const params = await page.locator('#calls tr.detail pre.params').first().textContent();
    need(params.includes('inputFile'), `the call's parameters are shown: ${params.slice(0, 200)}`);
    step('logShowsUpload', params.length);
    await shot('4-log');

    // a fault rule set on the page: A's next call answers FLOOD_WAIT_5, and the log says it was injected
    await page.click('nav.tabs button[data-tab="faults"]');
    await page.fill('#add-fault input[name="method"]', 'photos.getUserPhotos');
    await page.fill('#add-fault input[name="value"]', 'FLOOD_WAIT_5');
    await page.fill('#add-fault input[name="count"]', '1');
    await page.click('#add-fault button');
    await page.locator('#faults tr[data-fault]').first().waitFor({ timeout: 15000 });
    let injected = null;
    try {
        await a.invoke(new Api.photos.GetUserPhotos({ userId: new Api.InputUserSelf(), offset: 0, maxId: helpers.returnBigInt(0), limit: 10 }));
    } catch (e) {
        injected = { code: e.code, message: e.errorMessage, seconds: e.seconds };
    }
    // gramjs turns FLOOD_WAIT_5 into a FloodWaitError: code 420, errorMessage FLOOD, seconds 5
    need(injected && injected.code === 420 && injected.message.startsWith('FLOOD') && injected.seconds === 5,
        `FLOOD_WAIT_5 reached the client: ${JSON.stringify(injected)}`);
    step('faultReachedClient', injected);
    await page.click('nav.tabs button[data-tab="calls"]');
    await page.fill('#f-method', 'getUserPhotos');
    const badge = page.locator('#calls tr.call.injected .badge.injected').first();
    await badge.waitFor({ timeout: 15000 });
    step('logMarksInjected', (await badge.textContent()).trim());
    await shot('5-fault');

    // a phone's screen in dark mode: nothing wider than the screen, dark colours
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('nav.tabs button[data-tab="account"]');
    await page.click(`#accounts li[data-account="${idA}"]`);
    await page.locator(`#album .card[data-photo="${photo.id}"]`).waitFor({ timeout: 15000 });
    const phone = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        background: getComputedStyle(document.body).backgroundColor,
    }));
    const [red, green, blue] = phone.background.match(/\d+/g).map(Number);
    need(phone.overflow <= 0, `the page fits a 390 px screen: ${JSON.stringify(phone)}`);
    need(red + green + blue < 150, `dark mode is dark: ${phone.background}`);
    step('phoneDark', phone);
    await shot('6-phone-dark');
    result.ok = result.errors.length === 0;
} catch (e) {
    result.errors.push(String(e && e.stack || e));
    if (page) await shot('failure').catch(() => {});
} finally {
    await Promise.allSettled([a.destroy(), b.destroy()]);
    await browser.close().catch(() => {});
}
done(result.ok ? 0 : 1);
