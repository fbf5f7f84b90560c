// @mtproto/core 6.3.0 (layer 158) pointed at a Portrait server, for the mtproto-core-*.mjs scripts in e2e/clients/: its
// modules, the server's RSA key, the log classification, the handshake's client quirk, new instances on empty
// storage, and the raw-call helpers the scripts share (sign-up, uploads in parts, downloads in chunks, camelCase views).
// Nothing in node_modules is edited; everything happens at runtime:
// - RSA key: its keys sit in a private array of src/utils/rsa, so RSA.prototype.getPublisKeysByHex is replaced by the
//   same computation over the server's key (fingerprint table keyed as the original keys it).
// - Address: the `dcList` instance property (ids 1..5, all --host:--port); the DC is chosen with setDefaultDc(--dc).
// - Storage: storageOptions.instance = an in-memory {get, set}.
// - Events: its `debug` logger (namespace mtproto-core*) enabled with a recording log function (transport connects,
//   transport errors, bad_msg_notification), console.warn (msg_key / length problems), unhandled rejections (errors
//   thrown during the handshake).

import { require, withTimeout, onConsoleWarn, usageError } from './harness.mjs';
import { expectRpcError, need, signedLong, testCode } from './accounts.mjs';
import { format } from 'node:util';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';

export const LAYER = 158; // hard-coded in @mtproto/core/src/rpc/index.js call()

const fromCore = (m) => require(require.resolve(m, { paths: [require.resolve('@mtproto/core')] }));
const createDebug = fromCore('debug');
const MTProto = require('@mtproto/core');
const RSA = require('@mtproto/core/src/utils/rsa');
const Serializer = require('@mtproto/core/src/tl/serializer');
const { bytesToHex, hexToBytes } = require('@mtproto/core/src/utils/common');
export const { version } = require('@mtproto/core/package.json');

/** An RPC error (rpc_error objects come back as plain {_: 'mt_rpc_error', error_code, error_message}), or null. */
export const rpc = (e) => (e && e._ === 'mt_rpc_error' ? { code: e.error_code, message: e.error_message } : null);
export const mustFail = (p) => expectRpcError(p, rpc);

/** What an instance fails with when the client's own auth key bug hit it: start over with a fresh one. */
export class QuirkRetry extends Error {}

/**
 * What the connect and accounts scripts set up for @mtproto/core; call it before rec.armTimeout().
 *
 * @mtproto/core computes the auth key as bigIntToBytes(g_ab) with no length, so about 1 key in 200 is 255 bytes long
 * and its own dh_gen_ok check throws "Invalid hash in mt_dh_gen_ok" inside a transport event handler (an unhandled
 * rejection); the pending call then never settles. It stores that key before sending set_client_DH_params, so its
 * length tells the client bug apart from a server sending a wrong hash. On the client bug the instance is abandoned
 * for a fresh one (what an application would have to do); with a 256-byte key it is an error.
 *
 * Every instance opens one TCP connection: any further connect is a reconnect (its transport reconnects whenever the
 * socket closes), an error. Options: detailed (the connect script's longer messages), countUpdates (a non-RPC message,
 * "handling update", is counted as updatesReceived instead of being a warning).
 *
 * Returns {firstConfig(label, {updates}), newClient(label, {updates = true})}.
 */
export function mtprotoCoreHarness(rec, { detailed = false, countUpdates = false } = {}) {
    if ((rec.opts.framing ?? 'intermediate') !== 'intermediate')
        usageError(`@mtproto/core speaks intermediate framing over TCP in Node, not ${rec.opts.framing}`);
    const opts = rec.opts;

    let attempt = null; // { store, fail(error) } of the instance being connected
    rec.catchUnhandled((e) => {
        if (!/Invalid hash in mt_dh_gen_ok/.test(e?.message ?? '') || !attempt) return false;
        const stored = attempt.store.get(`${opts.dc}authKey`);
        const length = stored ? JSON.parse(stored).length : null;
        if (length === null || length >= 256) {
            rec.error(`client rejected dh_gen_ok: ${e.message} (its auth key is ${length} bytes, so the server's new_nonce_hash1 is wrong)`);
            attempt.fail(e);
            return true;
        }
        rec.count('clientKeyQuirks');
        rec.warn(detailed
            ? `@mtproto/core computed a ${length}-byte auth key (leading zero byte dropped, client bug) and rejected the ` +
                `server's correct new_nonce_hash1 ("${e.message}"); starting over with a fresh client`
            : `@mtproto/core computed a ${length}-byte auth key (client bug) and rejected the server's correct ` +
                `new_nonce_hash1; starting over with a fresh instance`);
        attempt.fail(new QuirkRetry());
        return true;
    });

    // --- the server's RSA key, instead of Telegram's: the original method over a different list ---
    const evenHex = (h) => (h.length % 2 ? '0' + h : h);
    const serverKeys = [{ modulus: evenHex(opts.key.nHex), exponent: evenHex(opts.key.e.toString(16)) }];
    RSA.prototype.getPublisKeysByHex = async function getPublisKeysByHex() {
        const publisKeysByHex = {};
        for (const publisKey of serverKeys) {
            const RSAPublicKey = new Serializer(function () {
                this.bytes(hexToBytes(publisKey.modulus));
                this.bytes(hexToBytes(publisKey.exponent));
            });
            const fingerprintBytes = (await this.SHA1(RSAPublicKey.getBuffer())).slice(-8);
            fingerprintBytes.reverse();
            publisKeysByHex[bytesToHex(fingerprintBytes)] = { modulus: publisKey.modulus, exponent: publisKey.exponent };
        }
        return publisKeysByHex;
    };

    // --- its debug logs, classified; one TCP connection per instance ---
    let expectedConnects = 0;
    createDebug.enable('mtproto-core*');
    createDebug.log = function (...args) {
        const ns = this?.namespace ?? '';
        let line;
        try {
            line = format(...args);
        } catch {
            line = String(args[0]);
        }
        rec.log(line);
        if (/:transport-\d+$/.test(ns) && / connect$/.test(line.trimEnd())) {
            rec.count('connects');
            if (rec.counters.connects > expectedConnects) {
                rec.count('reconnects');
                if (!rec.shuttingDown) rec.error(`@mtproto/core opened TCP connection #${rec.counters.connects} (its transport reconnects when the socket closes)`);
            }
            return;
        }
        if (rec.shuttingDown) return;
        if (/transport error/.test(line)) return rec.error(`transport error: ${line.replace(/^.*?transport error/, 'transport error')}`);
        if (/handling mt_bad_server_salt/.test(line)) return rec.count('badServerSalts');
        if (/handling mt_bad_msg_notification/.test(line)) return rec.error(`server sent bad_msg_notification: ${line}`);
        if (/message id from server is even/.test(line)) return rec.error(`server message with an even msg_id: ${line}`);
        if (/error when calling the method/.test(line)) return rec.error(line);
        if (/for a non-existent message/.test(line)) return rec.warn(line);
        if (/handling update/.test(line)) return countUpdates ? rec.count('updatesReceived') : rec.warn(`unexpected non-RPC message: ${line}`);
    };
    onConsoleWarn((line) => {
        if (!rec.shuttingDown) rec.error(`client warning (message dropped): ${line}`);
    });

    /**
     * A new instance with empty storage whose first call, help.getConfig, makes its auth key: resolves with
     * {mtproto, store, config, label, call(method, params, options)}; with updates, what it receives
     * (updates / updatesCombined / updateShort / updatesTooLong) lands in its updates[] too. On the client's key bug
     * the instance is abandoned for a fresh one, up to 3 in all; anything else is thrown.
     */
    async function firstConfig(label = null, { updates = false } = {}) {
        for (let i = 1; ; i++) {
            expectedConnects++;
            const store = new Map();
            const mtproto = new MTProto({
                api_id: 1,
                api_hash: '0123456789abcdef0123456789abcdef',
                storageOptions: { instance: { get: (k) => store.get(k), set: (k, v) => store.set(k, v) } },
            });
            mtproto.dcList = [1, 2, 3, 4, 5].map((id) => ({ id, ip: opts.host, port: opts.port }));
            if (label !== null) mtproto.updateInitConnectionParams({ device_model: `portrait-e2e-${label}` });
            await mtproto.setDefaultDc(opts.dc);
            const c = { mtproto, store, label, call: (method, params = {}, options) => mtproto.call(method, params, options) };
            if (updates) {
                c.updates = [];
                for (const name of ['updates', 'updatesCombined', 'updateShort', 'updatesTooLong']) {
                    mtproto.updates.on(name, (u) => {
                        c.updates.push(u);
                        rec.log(`[${label}] ${name}: ${(u.updates ?? [u.update]).map((x) => x?._).join(', ')}`);
                    });
                }
            }
            let fail;
            const failed = new Promise((_, reject) => { fail = reject; });
            attempt = { store, fail };
            try {
                c.config = await Promise.race([
                    withTimeout(mtproto.call('help.getConfig'), 60_000, label === null ? "mtproto.call('help.getConfig')" : `${label}: help.getConfig`),
                    failed,
                ]);
                return c;
            } catch (e) {
                if (!(e instanceof QuirkRetry)) throw e;
                // abandon this instance: its transport would reconnect when the socket closes, so detach that first
                const transport = mtproto.rpcs.get(opts.dc)?.transport;
                transport?.socket?.removeAllListeners('close');
                transport?.socket?.destroy();
                if (i >= 3) throw e;
            } finally {
                attempt = null;
            }
        }
    }

    /** firstConfig(label, {updates}), checked to be a config and counted in handshakes: what every script starts with. */
    async function newClient(label, { updates = true } = {}) {
        const c = await firstConfig(label, { updates });
        need(c.config?._ === 'config', `${label}: help.getConfig returns config`, c.config?._);
        rec.count('handshakes');
        return c;
    }

    return { firstConfig, newClient };
}

// --- what the scripts do with this client's raw calls (it has no helpers for files or sign-in) ---

/** Its objects in the camelCase the shared views read ({_: 'photo', access_hash} → {_, accessHash}); bytes stay. */
export function camel(v) {
    if (Array.isArray(v)) return v.map(camel);
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()), camel(x)]));
}

/** The TL name of an object ('photo', 'photos.photosSlice'): its `_`. */
export const kindOf = (o) => o?._;

/** A long as it writes them: an unsigned decimal string. */
export const unsigned = (s) => BigInt.asUintN(64, BigInt(s)).toString();
export const inputUserOf = (id, hash) => ({ _: 'inputUser', user_id: unsigned(id), access_hash: unsigned(hash) });
export const inputPeerUserOf = (id, hash) => ({ _: 'inputPeerUser', user_id: unsigned(id), access_hash: unsigned(hash) });
export const randomFileId = () => randomBytes(8).readBigUInt64LE(0).toString();

/** auth.sendCode + auth.signIn with the test code, then auth.signUp for a new number (syncAuth off: one DC). */
export async function signUp(c, phone, first, last) {
    const sent = await c.call('auth.sendCode', { phone_number: phone, settings: { _: 'codeSettings' } });
    let r = await c.call('auth.signIn', { phone_number: phone, phone_code_hash: sent.phone_code_hash, phone_code: testCode(phone.replace('+', '')) }, { syncAuth: false });
    let signedUp = false;
    if (r._ === 'auth.authorizationSignUpRequired') {
        r = await c.call('auth.signUp', { phone_number: phone, phone_code_hash: sent.phone_code_hash, first_name: first, last_name: last }, { syncAuth: false });
        signedUp = true;
    }
    need(r._ === 'auth.authorization', 'signed in', r._);
    return { id: signedLong(r.user.id), accessHash: signedLong(r.user.access_hash), signedUp };
}

/** A file in 128 KB upload.saveFilePart parts; the InputFile that names it (md5 left empty, as TDLib sends it). */
export async function uploadFile(c, path) {
    const data = readFileSync(path);
    const part = 128 * 1024;
    const fileId = randomFileId();
    const parts = Math.max(1, Math.ceil(data.length / part));
    for (let i = 0; i < parts; i++) {
        const ok = await c.call('upload.saveFilePart', { file_id: fileId, file_part: i, bytes: new Uint8Array(data.subarray(i * part, (i + 1) * part)) });
        need(ok === true, `upload.saveFilePart ${i} answers true`, ok);
    }
    return { _: 'inputFile', id: fileId, parts, name: basename(path), md5_checksum: '' };
}

/** A whole file by upload.getFile in 512 KB chunks, until a short one. */
export async function download(c, location) {
    const chunk = 512 * 1024;
    const chunks = [];
    for (let offset = 0; ; offset += chunk) {
        const r = await c.call('upload.getFile', { location, offset, limit: chunk });
        const b = Buffer.from(r.bytes);
        chunks.push(b);
        if (b.length < chunk) return Buffer.concat(chunks);
    }
}

/** inputPhotoFileLocation of a photo (as this client returns it) and one of its sizes. */
export const photoLocation = (p, thumbSize, fileReference = p.file_reference) =>
    ({ _: 'inputPhotoFileLocation', id: p.id, access_hash: p.access_hash, file_reference: fileReference, thumb_size: thumbSize });

